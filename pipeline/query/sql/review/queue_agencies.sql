-- Review queue: agency mentions without a canonical code, grouped by wording.
SELECT lower(text) AS wording, count(*) AS n,
       arg_min(doc_id, (doc_id, table_index, row_index)) AS doc_id,
       arg_min(table_index || ':' || row_index, (doc_id, table_index, row_index)) AS target
FROM item_agencies WHERE agency_code IS NULL GROUP BY 1
