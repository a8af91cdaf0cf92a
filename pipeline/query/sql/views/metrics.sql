-- metrics: each metric of the targets with the criterion it most often measures and its label.
WITH m AS (
  SELECT metric, mode(criterion_code) AS criterion_code, count(*) AS target_rows
  FROM targets WHERE metric IS NOT NULL GROUP BY metric
)
SELECT m.metric, m.criterion_code, c.label_vi, m.target_rows
FROM m LEFT JOIN criteria c ON c.code = m.criterion_code
ORDER BY m.metric
