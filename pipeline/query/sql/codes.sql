-- `plans codes PATTERN`: criteria whose code or label contains $pattern (folded: lower case,
-- no accents, đ as d), with the plans that use each (items or targets, each plan once).
WITH used AS (
  SELECT criterion_code AS code, plan_id FROM plan_items
  UNION SELECT criterion_code, plan_id FROM targets
)
SELECT c.code, c.label_vi, c.field, c.level, c.unit,
       count(DISTINCT u.plan_id) AS plans
FROM criteria c LEFT JOIN used u ON u.code = c.code
WHERE strip_accents(lower(replace(replace(c.code || ' ' || c.label_vi, 'đ', 'd'),
                                  'Đ', 'd'))) LIKE '%' || $pattern || '%'
GROUP BY ALL ORDER BY c.code
