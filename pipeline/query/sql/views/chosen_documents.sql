-- chosen_documents: kept for older queries; `documents` is one document per plan already.
SELECT * FROM documents
