-- The targets_wide view as the report shows it.
SELECT * FROM targets_wide
