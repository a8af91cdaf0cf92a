-- The $limit most cited documents. A cited document is its key (laws cited by name: the
-- name). Administrative and Party numbers restart each year and per issuer, so a key without
-- a year in its symbol that a local body issued is told apart by the citing plan's province,
-- district or commune.
WITH r AS (
  SELECT p.plan, p.commune, r.ref_type, r.issuer_level, r.relation,
         coalesce(r.key, r.subject) AS name,
         CASE WHEN r.key IS NULL OR r.symbol_year IS NOT NULL
                   OR r.issuer_level NOT IN ('province', 'district', 'commune', 'party')
                   THEN NULL
              WHEN r.issuer_level = 'province' OR r.issuer_code = 'TU'
                   THEN coalesce(p.province, 'province of ' || p.district || ' district')
              WHEN r.issuer_level = 'commune' THEN p.commune
              ELSE p.district END AS local_to
  FROM legal_refs r JOIN plans p ON p.doc_id = r.doc_id
  WHERE r.relation <> 'self' AND coalesce(r.key, r.subject) IS NOT NULL
)
SELECT name || coalesce(' · ' || local_to, '') AS document, mode(ref_type) AS ref_type,
       mode(issuer_level) AS issuer_level, count(DISTINCT plan) AS plans, count(*) AS citations,
       string_agg(DISTINCT plan, ', ' ORDER BY plan) AS cited_by
FROM r GROUP BY ALL
ORDER BY plans DESC, citations DESC, document
LIMIT $limit
