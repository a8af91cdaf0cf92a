-- citations: who cites what; a cited key is resolved to a plan of the corpus when its number
-- and issuer match ('57/KH-UBND' of UBND xã Hà Châu).
SELECT d.doc_id AS citing_doc_id, d.plan_id AS citing_plan_id, d.commune AS citing_commune,
       d.plan_year, r.identity, r.key, r.ref_type, r.relation, r.issued_date, r.issuer_text,
       r.issuer_level, t.doc_id AS cited_doc_id, t.commune AS cited_commune
FROM legal_refs r
JOIN documents d ON d.doc_id = r.doc_id
LEFT JOIN documents t
  ON t.doc_number = r.key AND t.doc_id <> r.doc_id
 AND t.commune IS NOT NULL AND r.issuer_text IS NOT NULL
 AND strpos(lower(r.issuer_text), lower(t.commune)) > 0
 AND (r.issued_date IS NULL OR t.issue_date IS NULL
      OR year(r.issued_date) IN (year(t.issue_date), t.plan_year))
WHERE r.relation <> 'self'
