-- Review queue: warnings per document and kind.
SELECT doc_id, kind, count(*) AS n, any_value(message) AS message
FROM errors WHERE severity = 'warning' GROUP BY doc_id, kind
