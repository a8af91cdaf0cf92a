-- The review app's plans list with its filters ($commune without accents: 'ha chau' finds Hà
-- Châu); `review` counts items that need review (needs_review) or whose OCR confidence is
-- below $floor, and that no correction has fixed yet.
SELECT d.doc_id, d.commune, d.district, d.province, d.plan_year, d.doc_number,
       d.source_format, d.source_path, d.status,
       d.doc_id IN (SELECT doc_id FROM chosen_documents) AS chosen,
       (SELECT count(*) FROM plan_items i WHERE i.doc_id = d.doc_id) AS rows,
       (SELECT count(*) FROM errors e WHERE e.doc_id = d.doc_id) AS warnings,
       (SELECT count(*) FROM plan_items i WHERE i.doc_id = d.doc_id AND NOT i.corrected
          AND (needs_review(i.kind, i.criterion_code, i.match_score, $below)
               OR (i.kind = 'item' AND coalesce(i.ocr_confidence, 100) < $floor))) AS review
FROM documents d
WHERE ($commune = '' OR strip_accents(lower(coalesce(d.commune, '')))
                        LIKE '%' || strip_accents(lower($commune)) || '%')
  AND ($year IS NULL OR d.plan_year = $year)
  AND ($fmt = '' OR d.source_format = $fmt)
ORDER BY d.commune NULLS LAST, d.plan_year, d.source_format, d.source_path
