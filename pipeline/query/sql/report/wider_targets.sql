-- Targets a plan states for a wider area (its district or province): not the commune's own.
SELECT p.plan, t.scope, t.metric, t.comparator, t.value, t.unit, t.text
FROM targets t JOIN plans p ON p.doc_id = t.doc_id
WHERE t.scope <> 'commune'
ORDER BY p.plan_year, p.plan, t.metric
