-- `plans review`: criterion rows whose canonical code is missing or uncertain, one per plan
-- (chosen_documents), weakest first. Parameter: $below (match_score threshold).
SELECT c.commune, c.plan_year, i.code, i.kind, i.match_method, round(i.match_score, 3) AS score,
       i.field_code, i.criterion_code,
       coalesce(i.criterion, i.objective, i.task, i.requirement) AS label, i.section_title
FROM plan_items i JOIN chosen_documents c USING (doc_id)
WHERE i.match_method = 'none' OR coalesce(i.match_score, 0) < $below
ORDER BY coalesce(i.match_score, 0), c.commune, i.table_index, i.row_index
