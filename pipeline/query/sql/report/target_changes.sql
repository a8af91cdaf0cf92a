-- Targets of one commune in consecutive plan years (same metric, targets_wide's value).
WITH v AS (SELECT * FROM targets_by_metric WHERE value IS NOT NULL),
nxt AS (
  SELECT a.commune, a.metric, a.plan_year AS year_from, a.value AS target_from,
         min(b.plan_year) AS year_to
  FROM v a JOIN v b ON b.commune = a.commune AND b.metric = a.metric AND b.plan_year > a.plan_year
  GROUP BY ALL
)
SELECT n.commune, n.metric, n.year_from, n.year_to, n.target_from, b.value AS target_to,
       round(b.value - n.target_from, 2) AS change
FROM nxt n JOIN v b ON b.commune = n.commune AND b.metric = n.metric AND b.plan_year = n.year_to
ORDER BY n.commune, n.metric, n.year_from
