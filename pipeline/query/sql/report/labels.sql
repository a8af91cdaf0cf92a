-- The Vietnamese label of every field code (F3) and target metric (ONTIME_RATE).
SELECT code, label_vi FROM fields
UNION ALL
SELECT metric, label_vi FROM metrics WHERE label_vi IS NOT NULL
