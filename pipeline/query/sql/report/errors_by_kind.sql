-- The errors table grouped by stage, kind and severity, with an example.
SELECT stage, kind, coalesce(severity, 'error') AS severity, count(*) AS rows,
       count(DISTINCT source_path) AS files, min(source_path || ': ' || message) AS example
FROM errors GROUP BY ALL ORDER BY severity, rows DESC, stage, kind
