-- The file behind a document, only when a manifest row lists that file with those bytes: the
-- review app never opens a path that came from a request.
SELECT m.source_path, m.source_format FROM manifest m
WHERE m.doc_id = ? AND m.status <> 'failed' ORDER BY m.source_path LIMIT 1
