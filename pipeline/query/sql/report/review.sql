-- The review list (`plans review`, the report's list) with where to look (file, pages) and the
-- candidates: the candidates placeholder is i.criterion_candidates when the dataset has that column, else
-- NULL for the caller to fill.
SELECT p.plan, i.code, i.match_method, round(i.match_score, 3) AS score, i.field_code,
       i.criterion_code, coalesce(i.criterion, i.objective, i.task, i.requirement) AS text,
       {candidates} AS candidates, p.source_path, i.page_first AS page, i.section_title
FROM plan_items i JOIN plans p ON p.doc_id = i.doc_id
WHERE needs_review(i.kind, i.criterion_code, i.match_score, $below)
ORDER BY coalesce(i.match_score, 0), p.plan, i.table_index, i.row_index
