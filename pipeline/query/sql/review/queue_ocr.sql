-- Review queue: per document, the rows whose OCR confidence is below the floor (?).
SELECT doc_id, count(*) AS n,
       arg_min(table_index || ':' || row_index, ocr_confidence) AS target,
       min(ocr_confidence) AS worst
FROM plan_items WHERE ocr_confidence < ? AND NOT corrected GROUP BY doc_id
