-- agencies_to_review: agency mentions of lead/support cells that match no canonical agency
-- (normalize/codes/agencies.csv), for review: add an alias or a code to the list.
SELECT p.plan, a.code, a.role, a.text, count(*) OVER (PARTITION BY lower(a.text)) AS same_text,
       p.source_path
FROM item_agencies a JOIN plans p ON p.doc_id = a.doc_id
WHERE a.agency_code IS NULL
ORDER BY same_text DESC, p.plan, a.table_index, a.row_index
