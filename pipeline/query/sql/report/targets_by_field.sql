-- Targets per plan and field.
SELECT p.plan, p.plan_year,
       coalesce(split_part(t.criterion_code, '.', 1), '(none)') AS field, count(*) AS targets
FROM targets t JOIN plans p ON p.doc_id = t.doc_id
GROUP BY ALL ORDER BY p.plan_year, p.plan, field
