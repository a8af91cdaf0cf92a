-- Review queue: item wordings that need review (needs_review, macros.sql) and no correction has
-- fixed, grouped by wording, with the first row to open and the stored candidates.
SELECT lower(trim(regexp_replace(coalesce(criterion, objective, task, requirement, ''),
                                 '\s+', ' ', 'g'))) AS wording,
       count(*) AS n,
       arg_min(doc_id, (doc_id, table_index, row_index)) AS doc_id,
       arg_min(table_index || ':' || row_index, (doc_id, table_index, row_index)) AS target,
       any_value(coalesce(criterion, objective, task, requirement)) AS label,
       any_value(array_to_string(criterion_candidates, '; ')) AS candidates,
       min(coalesce(match_score, 0)) AS score
FROM plan_items
WHERE needs_review(kind, criterion_code, match_score, ?) AND NOT corrected
GROUP BY 1 HAVING wording <> ''
