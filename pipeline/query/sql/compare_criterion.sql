-- `plans compare CRITERION`: every target and score of some canonical criteria (the codes
-- pipeline.query.lookup.resolve_codes gives), per commune and plan year, each plan once.
-- Parameter: $codes (a list of codes).
WITH wanted AS (
  SELECT unnest($codes::VARCHAR[]) AS code
),
matches AS (
  SELECT c.commune, c.province, c.plan_year, c.doc_number, t.*
  FROM targets t JOIN chosen_documents c USING (doc_id), wanted w
  WHERE t.criterion_code = w.code
),
target_rows AS (
  SELECT m.commune, m.province, m.plan_year, m.doc_number,
         CASE WHEN m.table_index IS NULL THEN 'body p.' || m.page
              ELSE 'item ' || coalesce(i.code, '?') END AS location,
         m.criterion_code, m.metric,
         m.comparator || ' ' || CASE WHEN m.value = round(m.value) THEN CAST(CAST(m.value AS BIGINT) AS VARCHAR)
                                     ELSE CAST(m.value AS VARCHAR) END
           || CASE WHEN m.unit = '%' THEN ' %' ELSE ' ' || m.unit END AS target,
         m.scope, m.text
  FROM matches m
  LEFT JOIN plan_items i
    ON i.doc_id = m.doc_id AND i.table_index = m.table_index AND i.row_index = m.row_index
),
scores AS (
  SELECT i.doc_id, i.code,
         string_agg(s.kind || coalesce(' ' || s.year, '') || ': ' || s.value
                    || coalesce('/' || i.score_max, ''), ', ' ORDER BY s.kind, s.year) AS score
  FROM plan_items i JOIN item_scores s
    ON s.doc_id = i.doc_id AND s.table_index = i.table_index AND s.row_index = i.row_index
  , wanted w
  WHERE i.criterion_code = w.code AND s.kind <> 'max'
  GROUP BY i.doc_id, i.code
)
SELECT t.commune, t.province, t.plan_year, t.location, t.criterion_code, t.target, t.scope,
       s.score, t.text
FROM target_rows t
LEFT JOIN chosen_documents c
  ON c.commune = t.commune AND c.plan_year = t.plan_year
 AND coalesce(c.doc_number, '') = coalesce(t.doc_number, '')
LEFT JOIN scores s ON s.doc_id = c.doc_id AND t.location = 'item ' || s.code
ORDER BY t.plan_year, t.commune, t.location, t.target
