-- The comparison `make run` prints: one row per commune and plan year, the formats read,
-- appendix items per format (they should agree), distinct legal references cited, and the
-- on-time processing targets (F3.ONTIME: rates, or points in a score table) the plan states.
WITH per_doc AS (
  SELECT d.doc_id, d.commune, d.province, d.plan_year, d.doc_number, d.source_format,
         (SELECT count(*) FROM plan_items i WHERE i.doc_id = d.doc_id AND i.kind = 'item') AS items,
         (SELECT count(DISTINCT coalesce(r.identity, r.key, r.subject)) FROM legal_refs r
           WHERE r.doc_id = d.doc_id AND r.relation <> 'self') AS refs,
         (SELECT string_agg(DISTINCT t.comparator || ' ' || CAST(t.value AS VARCHAR)
                            || CASE WHEN t.unit = '%' THEN ' %' ELSE ' ' || t.unit END, ', ')
            FROM targets t
           WHERE t.doc_id = d.doc_id AND t.criterion_code = 'F3.ONTIME') AS ontime
  FROM documents d
  WHERE d.status <> 'failed'
)
SELECT commune, province, plan_year, doc_number,
       string_agg(source_format || ':' || items, ' ' ORDER BY source_format) AS items_by_format,
       max(refs) AS legal_refs,
       max(ontime) AS ontime_targets
FROM per_doc
GROUP BY commune, province, plan_year, doc_number
ORDER BY plan_year, commune
