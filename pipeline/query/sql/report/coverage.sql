-- One row per plan: its files, formats, the counted one, pages and problems.
WITH files AS (
  SELECT commune, plan_year, coalesce(doc_number, title) AS plan_key,
         string_agg(DISTINCT source_format, ', ' ORDER BY source_format) AS formats,
         count(*) AS files, count(*) FILTER (WHERE ocr) AS ocr_files,
         count(*) FILTER (WHERE status <> 'ok') AS not_ok, list(doc_id) AS doc_ids
  FROM all_documents GROUP BY ALL
)
SELECT p.province, p.district, p.commune, p.plan_year, p.doc_number, p.doc_type,
       f.formats, f.files, f.ocr_files, p.source_format AS counted_format,
       p.page_count AS pages, f.not_ok AS files_not_ok,
       (SELECT count(*) FROM errors e WHERE list_contains(f.doc_ids, e.doc_id)) AS error_rows
FROM plans p
JOIN files f ON f.commune IS NOT DISTINCT FROM p.commune
 AND f.plan_year IS NOT DISTINCT FROM p.plan_year
 AND f.plan_key IS NOT DISTINCT FROM coalesce(p.doc_number, p.title)
ORDER BY p.plan_year, p.commune
