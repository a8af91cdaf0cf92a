-- fields: the PAR fields F0-F8 with their Vietnamese labels.
SELECT code, label_vi FROM criteria WHERE level = 'field' ORDER BY code
