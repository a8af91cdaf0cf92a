-- One document per plan (commune, plan year, number): the same plan ingested as DOCX, PDF
-- and text export counts once, preferring the richest format.
SELECT * EXCLUDE (rank_in_plan) FROM (
  SELECT d.*,
         row_number() OVER (
           PARTITION BY d.commune, d.plan_year, coalesce(d.doc_number, d.title)
           ORDER BY CASE d.source_format WHEN 'docx' THEN 0 WHEN 'pdf' THEN 1
                    WHEN 'txt' THEN 2 WHEN 'md' THEN 3 ELSE 4 END, d.source_path
         ) AS rank_in_plan
  FROM documents d
  WHERE d.status <> 'failed'
) WHERE rank_in_plan = 1
