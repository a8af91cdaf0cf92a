-- score_subtotals: the printed score of each top-level scored row (a field or section: 'THỦ
-- TỤC HÀNH CHÍNH … 19.68 / 20') beside the sum of its leaf items' scores (22.18 / 22.5 when
-- leaves were read under the wrong section or the plan's own arithmetic is off); `differs`
-- flags a gap > 0.005.
WITH tops AS (
  SELECT p.plan, p.commune, p.plan_year, s.doc_id, s.table_index, i.code, i.field_code,
         coalesce(i.criterion, i.objective, i.task, '') AS label, s.kind, s.year,
         s.value AS printed
  FROM item_scores s JOIN plan_items i USING (doc_id, table_index, row_index)
  JOIN plans p ON p.doc_id = s.doc_id
  WHERE i.kind = 'item' AND i.parent_code IS NULL
), sums AS (
  SELECT doc_id, table_index, section_code AS code, kind, year, sum(value) AS summed,
         count(*) AS leaves
  FROM leaf_scores WHERE code <> section_code GROUP BY ALL
)
SELECT t.plan, t.commune, t.plan_year, t.doc_id, t.table_index, t.code, t.field_code, t.label,
       t.kind, t.year, t.printed, round(s.summed, 2) AS summed, s.leaves,
       round(s.summed - t.printed, 2) AS difference, abs(s.summed - t.printed) > 0.005 AS differs
FROM tops t JOIN sums s ON s.doc_id = t.doc_id AND s.table_index = t.table_index
 AND s.code = t.code AND s.kind = t.kind AND s.year IS NOT DISTINCT FROM t.year
ORDER BY t.plan, t.table_index, t.code, t.kind, t.year
