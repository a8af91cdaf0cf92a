-- Items per plan and match method, and how many of them need review (needs_review, macros.sql).
SELECT p.plan, coalesce(i.match_method, 'none') AS match_method, count(*) AS items,
       count(*) FILTER (WHERE needs_review(i.kind, i.criterion_code, i.match_score, $below))
         AS to_review
FROM plan_items i JOIN plans p ON p.doc_id = i.doc_id
WHERE i.kind = 'item'
GROUP BY ALL ORDER BY p.plan, match_method
