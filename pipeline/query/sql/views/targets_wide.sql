-- targets_wide: one row per commune and plan year, one column per metric. the metric columns is
-- filled from target_metrics.sql when the view is made (DuckDB cannot PIVOT on values read
-- from the data inside a view). A metric the plan states with several values is NULL in its
-- column and listed, with its values, in `several_values`.
WITH plans AS (
  SELECT commune, plan_year, any_value(province) AS province, any_value(district) AS district,
         string_agg(coalesce(doc_number, '(no number)'), '; ' ORDER BY doc_number) AS doc_numbers
  FROM documents
  GROUP BY commune, plan_year
)
SELECT p.province, p.district, p.commune, p.plan_year, p.doc_numbers{metric_columns},
       string_agg(m.metric || ' ' || m.values_text, '; ' ORDER BY m.metric)
         FILTER (WHERE m.n_values > 1) AS several_values
FROM plans p
LEFT JOIN targets_by_metric m
  ON m.commune IS NOT DISTINCT FROM p.commune AND m.plan_year IS NOT DISTINCT FROM p.plan_year
GROUP BY ALL
ORDER BY p.plan_year, p.commune
