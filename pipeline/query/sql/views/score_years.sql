-- score_years: per (commune, year) the plan that gives the score, an actual result before a
-- target and a later plan before an earlier one.
SELECT DISTINCT ON (commune, year) commune, year, doc_id, kind, plan_year
FROM leaf_scores
WHERE kind IN ('actual', 'target') AND year IS NOT NULL
ORDER BY commune, year, kind = 'actual' DESC, plan_year DESC
