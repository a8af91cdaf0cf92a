-- items_canonical: plan_items with where and when, the view most comparisons start from.
SELECT d.doc_number, d.doc_type, d.title, d.source_format, d.issue_date,
       i.* EXCLUDE (plan_id, chosen), i.plan_id, i.chosen
FROM plan_items i JOIN documents d USING (doc_id)
