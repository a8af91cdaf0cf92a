-- Points per plan, field and score column from the printed subtotal of each top-level row
-- (score_subtotals), beside the sum of its leaf items; pct is of the printed maximum.
WITH f AS (
  SELECT plan, doc_id, coalesce(field_code, code) AS field_code, kind, year,
         sum(printed) AS points, sum(summed) AS summed, bool_or(differs) AS differs
  FROM score_subtotals WHERE coalesce(field_code, '') <> 'F0' GROUP BY ALL
)
SELECT a.plan, a.field_code, a.kind, a.year, a.kind || ' ' || a.year AS series,
       round(a.points, 2) AS points, round(m.points, 2) AS max_points,
       round(a.summed, 2) AS summed_points, round(m.summed, 2) AS summed_max,
       a.differs OR m.differs AS differs,
       round(100 * a.points / nullif(m.points, 0), 1) AS pct
FROM f a JOIN f m ON m.doc_id = a.doc_id AND m.field_code = a.field_code AND m.kind = 'max'
WHERE a.kind <> 'max'
ORDER BY a.plan, a.year, a.field_code
