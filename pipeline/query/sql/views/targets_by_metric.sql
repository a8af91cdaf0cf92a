-- targets_by_metric: one row per commune-year and metric of commune-scope targets (a
-- district's or province's target printed in the plan is not the commune's). `value` only
-- when the plan states one value for the metric: 'PAYMENT_RATE >= 100 %, >= 70 %, >= 30 %'
-- are three indicators, and picking one would hide the others; `values_text` lists them all
-- ('>= 100, >= 70, >= 30').
SELECT c.commune, c.plan_year, t.metric, count(DISTINCT t.value) AS n_values,
       CASE WHEN count(DISTINCT t.value) = 1 THEN any_value(t.value) END AS value,
       array_to_string(list_transform(  -- largest first: '>= 100, >= 70, >= 30'
         list_sort(list_distinct(list(struct_pack(v := -t.value, c := t.comparator)))),
         lambda x: x.c || ' ' || printf('%g', -x.v)), ', ') AS values_text
FROM targets t JOIN documents c ON c.doc_id = t.doc_id
WHERE t.scope = 'commune' AND t.metric IS NOT NULL
GROUP BY ALL
