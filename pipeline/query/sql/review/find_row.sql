-- The plan_items row (with its document's source_path) a correction names; a doc_id prefix is
-- enough when it is unique ('3f2a9c'). Parameters: doc_id prefix, table_index, code.
SELECT i.*, d.source_path FROM plan_items i JOIN documents d USING (doc_id)
WHERE starts_with(i.doc_id, ?) AND i.table_index = ? AND i.code = ?
