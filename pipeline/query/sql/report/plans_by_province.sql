-- Plans per province and plan year.
SELECT coalesce(province, '(province not found)') AS province, plan_year, count(*) AS plans
FROM plans GROUP BY ALL ORDER BY province, plan_year
