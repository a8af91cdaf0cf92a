-- The commune's own targets per plan and field (a district's or province's target printed in
-- the plan is not the commune's: wider_targets.sql lists those).
SELECT p.plan, p.plan_year,
       coalesce(split_part(t.criterion_code, '.', 1), '(none)') AS field, count(*) AS targets
FROM targets t JOIN plans p ON p.doc_id = t.doc_id
WHERE t.scope = 'commune'
GROUP BY ALL ORDER BY p.plan_year, p.plan, field
