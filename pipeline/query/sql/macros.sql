-- needs_review: the one definition of 'to review' (`plans review`, the report's chart and list,
-- the review app): an item, not a section row, with no criterion_code or a match score below
-- `below` (the report uses 0.75). Usable in `plans query`:
--   select * from plan_items i where needs_review(i.kind, i.criterion_code, i.match_score, 0.75)
CREATE MACRO needs_review(kind, criterion_code, match_score, below) AS
  kind = 'item' AND (criterion_code IS NULL OR coalesce(match_score, 0) < below);
