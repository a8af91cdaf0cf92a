-- who_leads: who does what (issue 17). Per commune and plan year, the tasks (item rows of
-- plan_items, counted once however often a cell repeats the name) each canonical agency
-- leads or supports, from the agency mentions of the lead and support cells.
SELECT d.commune, d.plan_year, a.role, a.agency_code, any_value(a.level) AS level,
       count(DISTINCT (a.doc_id, a.table_index, a.row_index)) AS tasks
FROM item_agencies a JOIN documents d USING (doc_id)
WHERE a.agency_code IS NOT NULL
GROUP BY ALL
ORDER BY d.commune, d.plan_year, a.role, tasks DESC, a.agency_code
