-- Items whose score differs between the first and last year of a commune (matched by code).
WITH span AS (
  SELECT commune, min(year) AS y0, max(year) AS y1 FROM score_years GROUP BY commune
  HAVING count(*) >= 2
),
v AS (
  SELECT l.commune, l.year, l.code, l.field_code, l.label, l.value
  FROM leaf_scores l
  JOIN score_years y ON y.doc_id = l.doc_id AND y.year = l.year AND y.kind = l.kind
)
SELECT s.commune, a.code, a.field_code, a.label, s.y0 AS year_from, s.y1 AS year_to,
       a.value AS score_from, b.value AS score_to, round(b.value - a.value, 2) AS change
FROM span s
JOIN v a ON a.commune = s.commune AND a.year = s.y0
JOIN v b ON b.commune = s.commune AND b.year = s.y1 AND b.code = a.code
WHERE a.value <> b.value
ORDER BY s.commune, abs(b.value - a.value) DESC, a.code
