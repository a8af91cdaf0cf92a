-- leaf_scores: score cells of leaf items (items with no scored child) of each plan: summing
-- them by field gives the field totals without counting a parent and its children twice
-- (Thanh Liệt: max sums to 100).
WITH s AS (
  SELECT p.plan, p.commune, p.plan_year, s.doc_id, s.table_index, i.code, i.parent_code,
         i.section_code, coalesce(i.field_code, '?') AS field_code,
         coalesce(i.criterion, i.objective, i.task, '') AS label, s.year, s.kind, s.value
  FROM item_scores s
  JOIN plan_items i USING (doc_id, table_index, row_index)
  JOIN plans p ON p.doc_id = s.doc_id
  WHERE i.kind = 'item' AND s.value IS NOT NULL
), parents AS (
  SELECT DISTINCT doc_id, table_index, parent_code AS code FROM s WHERE parent_code IS NOT NULL
)
SELECT * FROM s ANTI JOIN parents USING (doc_id, table_index, code)
