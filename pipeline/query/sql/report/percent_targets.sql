-- Percent targets of the $limit metrics most plans state: one row per plan, metric and
-- distinct value (a plan stating 96 % and 98 % shows both). A target whose sentence named no
-- criterion (the bare metric 'RATE') is left out: one plan's and another's are not the same
-- measure.
WITH t AS (
  SELECT DISTINCT p.plan, p.plan_year, t.metric, t.comparator, t.value
  FROM targets t JOIN plans p ON p.doc_id = t.doc_id
  WHERE t.unit = '%' AND t.metric IS NOT NULL AND t.value IS NOT NULL
    AND t.criterion_code IS NOT NULL
    AND t.scope = 'commune'
), ranked AS (
  SELECT metric, count(DISTINCT plan) AS n_plans FROM t GROUP BY metric
  ORDER BY n_plans DESC, metric LIMIT $limit
)
SELECT t.*, r.n_plans FROM t JOIN ranked r USING (metric)
ORDER BY r.n_plans DESC, t.metric, t.plan_year, t.plan, t.value
