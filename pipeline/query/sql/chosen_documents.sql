-- document_plans: which plan each file holds, and the one file of each plan the plain views
-- count. A plan is (commune, plan year, number, or the title when the number is blank): the
-- same plan ingested as DOCX, PDF and text export is one plan. Its chosen file is the first
-- by status (ok before partial), then typed before OCR, format (docx; doc, odt, rtf; pdf;
-- html; txt; md; then spreadsheets, images, zips: pipeline/ingest/plan_ids.FORMAT_RANK), path;
-- the appendix half of a body + appendix pair (body_doc_id) ranks after its body.
-- A file whose commune was not found is a plan of its own (numbers such as 57/KH-UBND repeat
-- across communes); a failed file holds no plan (plan_id NULL, chosen false).
-- plan_id = the first 16 hex digits of md5(commune || chr(31) || plan_year || chr(31) || key),
-- NULL parts as '' (Python: hashlib.md5("\x1f".join(parts).encode()).hexdigest()[:16]);
-- for a file without a commune, 'doc:' || the first 16 hex digits of doc_id.
-- rows_chosen: the chosen file, and the other half of a body + appendix file pair
-- (body_doc_id) when one of them is chosen: the tables of rows count both, `documents` the
-- chosen file alone.
WITH keyed AS (
  SELECT d.doc_id, d.source_path, d.source_format, d.status, d.body_doc_id, d.ocr,
         CASE WHEN d.status = 'failed' THEN NULL
              WHEN d.commune IS NULL THEN 'doc:' || d.doc_id[:16]
              ELSE md5(d.commune || chr(31) || coalesce(CAST(d.plan_year AS VARCHAR), '')
                       || chr(31) || coalesce(d.doc_number, d.title, ''))[:16]
         END AS plan_id
  FROM {documents} d
),
ranked AS (
SELECT doc_id, plan_id, body_doc_id,
       plan_id IS NOT NULL AND row_number() OVER (
         PARTITION BY plan_id
         ORDER BY status <> 'ok',
                  coalesce(ocr, false),
                  body_doc_id IS NOT NULL,
                  CASE source_format WHEN 'docx' THEN 0 WHEN 'doc' THEN 1 WHEN 'odt' THEN 1
                                     WHEN 'rtf' THEN 1 WHEN 'pdf' THEN 2 WHEN 'html' THEN 3
                                     WHEN 'txt' THEN 4 WHEN 'md' THEN 5 ELSE 6 END,
                  source_path
       ) = 1 AS chosen
FROM keyed
)
SELECT r.doc_id, r.plan_id, r.chosen,
       r.chosen
       OR coalesce(b.chosen AND b.plan_id = r.plan_id, false)
       OR EXISTS (SELECT 1 FROM ranked s
                  WHERE s.body_doc_id = r.doc_id AND s.chosen AND s.plan_id = r.plan_id)
       AS rows_chosen
FROM ranked r LEFT JOIN ranked b ON b.doc_id = r.body_doc_id
