-- criteria: the canonical criteria with their field's label, read from the code list
-- (the criteria_csv placeholder is normalize/codes/criteria.csv, filled when the view is made).
SELECT c.code, c.label_vi, c.field, f.label_vi AS field_label, c.level, c.kind, c.unit,
       c.status
FROM read_csv({criteria_csv}, header = true, all_varchar = true) c
LEFT JOIN read_csv({criteria_csv}, header = true, all_varchar = true) f
  ON f.code = c.field AND f.level = 'field'
