-- Field points per commune and year, for communes with scores in at least two years (the plan
-- that gives each year's score: score_years).
WITH multi AS (SELECT commune FROM score_years GROUP BY commune HAVING count(*) >= 2)
SELECT t.commune, t.year, t.kind, coalesce(t.field_code, t.code) AS field_code,
       round(sum(t.printed), 2) AS points
FROM score_subtotals t
JOIN score_years y ON y.doc_id = t.doc_id AND y.year = t.year AND y.kind = t.kind
WHERE t.commune IN (SELECT commune FROM multi)
GROUP BY ALL ORDER BY t.commune, field_code, t.year
