-- plans: the chosen document of each plan with a short label for charts ('Thanh Liệt 2024');
-- the number is added when a commune has two plans in one year.
SELECT c.*,
       coalesce(c.commune, '(no commune)') || ' ' || coalesce(CAST(c.plan_year AS VARCHAR), '?')
       || CASE WHEN count(*) OVER (PARTITION BY c.commune, c.plan_year) > 1
               THEN ' ' || coalesce(c.doc_number, c.doc_id[:8]) ELSE '' END AS plan
FROM documents c
