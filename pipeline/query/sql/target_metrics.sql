-- The metrics of commune-scope targets: the columns targets_wide gets (views/targets_wide.sql).
SELECT DISTINCT metric FROM targets WHERE metric IS NOT NULL AND scope = 'commune' ORDER BY metric
