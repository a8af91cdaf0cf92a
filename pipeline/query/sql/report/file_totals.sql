-- Totals of the coverage section (files, OCR, partial, plans, errors, warnings).
SELECT count(*) AS files, count(*) FILTER (WHERE ocr) AS ocr_files,
       count(*) FILTER (WHERE status = 'partial') AS partial,
       (SELECT count(*) FROM plans) AS plans,
       (SELECT count(DISTINCT source_path) FROM errors
         WHERE coalesce(severity, 'error') = 'error') AS files_with_errors,
       (SELECT count(*) FROM errors WHERE severity = 'warning') AS warnings
FROM all_documents
