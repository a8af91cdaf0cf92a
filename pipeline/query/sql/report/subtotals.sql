-- Printed and summed subtotals side by side, with a DIFFERS flag.
SELECT plan, code, field_code, kind, year, printed, summed, difference,
       CASE WHEN differs THEN 'DIFFERS' ELSE '' END AS flag
FROM score_subtotals ORDER BY plan, table_index, code, kind, year
