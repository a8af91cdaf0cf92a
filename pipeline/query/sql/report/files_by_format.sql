-- Files per commune and format (every file: this is coverage).
SELECT coalesce(commune, '(no commune)') AS commune,
       source_format || CASE WHEN ocr THEN ' (OCR)' ELSE '' END AS format, count(*) AS files
FROM all_documents GROUP BY ALL ORDER BY commune, format
