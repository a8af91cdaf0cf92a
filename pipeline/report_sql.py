"""The SQL behind `plans report` and the `targets_wide` view (DuckDB, over pipeline.views).

Every query counts plans once: pipeline.views' plain names (`documents`, `plan_items`, …)
hold the chosen file of each plan (commune, plan year, number; docx, then pdf, then txt).
Only the coverage queries over files (`all_documents`, `errors`) count every file. This
module imports nothing from pipeline.views, so views.py can import it.
"""

from __future__ import annotations

from typing import Any

# The chosen document of each plan, with a short label for charts ('Thanh Liệt 2024'); the
# number is added when a commune has two plans in one year.
PLANS = """
SELECT c.*,
       coalesce(c.commune, '(no commune)') || ' ' || coalesce(CAST(c.plan_year AS VARCHAR), '?')
       || CASE WHEN count(*) OVER (PARTITION BY c.commune, c.plan_year) > 1
               THEN ' ' || coalesce(c.doc_number, c.doc_id[:8]) ELSE '' END AS plan
FROM documents c
"""

# Leaf score cells (items with no scored child) of each plan: summing them by field gives the
# field totals without counting a parent and its children twice (Thanh Liệt: max sums to 100).
LEAF_SCORES = """
WITH s AS (
  SELECT p.plan, p.commune, p.plan_year, s.doc_id, s.table_index, i.code, i.parent_code,
         i.section_code, coalesce(i.field_code, '?') AS field_code,
         coalesce(i.criterion, i.objective, i.task, '') AS label, s.year, s.kind, s.value
  FROM item_scores s
  JOIN plan_items i USING (doc_id, table_index, row_index)
  JOIN plans p ON p.doc_id = s.doc_id
  WHERE i.kind = 'item' AND s.value IS NOT NULL
), parents AS (
  SELECT DISTINCT doc_id, table_index, parent_code AS code FROM s WHERE parent_code IS NOT NULL
)
SELECT * FROM s ANTI JOIN parents USING (doc_id, table_index, code)
"""

# The printed score of each top-level scored row (a field or section: 'THỦ TỤC HÀNH CHÍNH …
# 19.68 / 20') beside the sum of its leaf items' scores (22.18 / 22.5 when leaves were read
# under the wrong section or the plan's own arithmetic is off); `differs` flags a gap > 0.005.
SCORE_SUBTOTALS = """
WITH tops AS (
  SELECT p.plan, p.commune, p.plan_year, s.doc_id, s.table_index, i.code, i.field_code,
         coalesce(i.criterion, i.objective, i.task, '') AS label, s.kind, s.year,
         s.value AS printed
  FROM item_scores s JOIN plan_items i USING (doc_id, table_index, row_index)
  JOIN plans p ON p.doc_id = s.doc_id
  WHERE i.kind = 'item' AND i.parent_code IS NULL
), sums AS (
  SELECT doc_id, table_index, section_code AS code, kind, year, sum(value) AS summed,
         count(*) AS leaves
  FROM leaf_scores WHERE code <> section_code GROUP BY ALL
)
SELECT t.plan, t.commune, t.plan_year, t.doc_id, t.table_index, t.code, t.field_code, t.label,
       t.kind, t.year, t.printed, round(s.summed, 2) AS summed, s.leaves,
       round(s.summed - t.printed, 2) AS difference, abs(s.summed - t.printed) > 0.005 AS differs
FROM tops t JOIN sums s ON s.doc_id = t.doc_id AND s.table_index = t.table_index
 AND s.code = t.code AND s.kind = t.kind AND s.year IS NOT DISTINCT FROM t.year
ORDER BY t.plan, t.table_index, t.code, t.kind, t.year
"""

# Per (commune, year): the plan that gives the score, an actual result before a target and a
# later plan before an earlier one.
SCORE_YEARS = """
SELECT DISTINCT ON (commune, year) commune, year, doc_id, kind, plan_year
FROM leaf_scores
WHERE kind IN ('actual', 'target') AND year IS NOT NULL
ORDER BY commune, year, kind = 'actual' DESC, plan_year DESC
"""

# One row per commune-year and metric of commune-scope targets (a district's or province's
# target printed in the plan is not the commune's). `value` only when the plan states one
# value for the metric: 'PAYMENT_RATE >= 100 %, >= 70 %, >= 30 %' are three indicators, and
# picking one would hide the others; `values_text` lists them all ('>= 100, >= 70, >= 30').
_TARGETS_BY_METRIC = """
SELECT c.commune, c.plan_year, t.metric, count(DISTINCT t.value) AS n_values,
       CASE WHEN count(DISTINCT t.value) = 1 THEN any_value(t.value) END AS value,
       array_to_string(list_transform(  -- largest first: '>= 100, >= 70, >= 30'
         list_sort(list_distinct(list(struct_pack(v := -t.value, c := t.comparator)))),
         lambda x: x.c || ' ' || printf('%g', -x.v)), ', ') AS values_text
FROM targets t JOIN documents c ON c.doc_id = t.doc_id
WHERE t.scope = 'commune' AND t.metric IS NOT NULL
GROUP BY ALL
"""

# targets_wide: one row per commune and plan year, one column per metric ({metric_columns} is
# filled by `targets_wide_sql` from the metrics in the data: DuckDB cannot PIVOT on values
# read from the data inside a view, so the column list is written out when the view is made).
# A metric the plan states with several values is NULL in its column and listed, with its
# values, in `several_values`.
TARGETS_WIDE_SQL = (
    """
WITH by_metric AS ("""
    + _TARGETS_BY_METRIC
    + """),
plans AS (
  SELECT commune, plan_year, any_value(province) AS province, any_value(district) AS district,
         string_agg(coalesce(doc_number, '(no number)'), '; ' ORDER BY doc_number) AS doc_numbers
  FROM documents
  GROUP BY commune, plan_year
)
SELECT p.province, p.district, p.commune, p.plan_year, p.doc_numbers{metric_columns},
       string_agg(m.metric || ' ' || m.values_text, '; ' ORDER BY m.metric)
         FILTER (WHERE m.n_values > 1) AS several_values
FROM plans p
LEFT JOIN by_metric m
  ON m.commune IS NOT DISTINCT FROM p.commune AND m.plan_year IS NOT DISTINCT FROM p.plan_year
GROUP BY ALL
ORDER BY p.plan_year, p.commune
"""
)

METRICS = """
SELECT DISTINCT metric FROM targets WHERE metric IS NOT NULL AND scope = 'commune' ORDER BY metric
"""


def targets_wide_sql(con: Any) -> str:
    """The targets_wide SELECT for the metrics of the dataset behind `con` (a DuckDB connection
    with the pipeline.views views): `CREATE VIEW targets_wide AS <this>`."""
    metrics = [row[0] for row in con.execute(METRICS).fetchall()]
    columns = "".join(
        ",\n       first(m.value) FILTER (WHERE m.metric = {lit}) AS {ident}".format(
            lit="'" + metric.replace("'", "''") + "'",
            ident='"' + metric.replace('"', '""') + '"',
        )
        for metric in metrics
    )
    return TARGETS_WIDE_SQL.format(metric_columns=columns)


# --- coverage -------------------------------------------------------------------------------

PLANS_BY_PROVINCE = """
SELECT coalesce(province, '(province not found)') AS province, plan_year, count(*) AS plans
FROM plans GROUP BY ALL ORDER BY province, plan_year
"""

FILES_BY_FORMAT = """
SELECT coalesce(commune, '(no commune)') AS commune,
       source_format || CASE WHEN ocr THEN ' (OCR)' ELSE '' END AS format, count(*) AS files
FROM all_documents GROUP BY ALL ORDER BY commune, format
"""

COVERAGE_TABLE = """
WITH files AS (
  SELECT commune, plan_year, coalesce(doc_number, title) AS plan_key,
         string_agg(DISTINCT source_format, ', ' ORDER BY source_format) AS formats,
         count(*) AS files, count(*) FILTER (WHERE ocr) AS ocr_files,
         count(*) FILTER (WHERE status <> 'ok') AS not_ok, list(doc_id) AS doc_ids
  FROM all_documents GROUP BY ALL
)
SELECT p.province, p.district, p.commune, p.plan_year, p.doc_number, p.doc_type,
       f.formats, f.files, f.ocr_files, p.source_format AS counted_format,
       p.page_count AS pages, f.not_ok AS files_not_ok,
       (SELECT count(*) FROM errors e WHERE list_contains(f.doc_ids, e.doc_id)) AS error_rows
FROM plans p
JOIN files f ON f.commune IS NOT DISTINCT FROM p.commune
 AND f.plan_year IS NOT DISTINCT FROM p.plan_year
 AND f.plan_key IS NOT DISTINCT FROM coalesce(p.doc_number, p.title)
ORDER BY p.plan_year, p.commune
"""

FILE_TOTALS = """
SELECT count(*) AS files, count(*) FILTER (WHERE ocr) AS ocr_files,
       count(*) FILTER (WHERE status = 'partial') AS partial,
       (SELECT count(*) FROM plans) AS plans,
       (SELECT count(DISTINCT source_path) FROM errors
         WHERE coalesce(severity, 'error') = 'error') AS files_with_errors,
       (SELECT count(*) FROM errors WHERE severity = 'warning') AS warnings
FROM all_documents
"""

ERRORS_BY_KIND = """
SELECT stage, kind, coalesce(severity, 'error') AS severity, count(*) AS rows,
       count(DISTINCT source_path) AS files, min(source_path || ': ' || message) AS example
FROM errors GROUP BY ALL ORDER BY severity, rows DESC, stage, kind
"""

# --- targets --------------------------------------------------------------------------------

# Percent targets of metrics that at least two plans state (else the most frequent ones):
# one row per plan, metric and distinct value (a plan stating 96 % and 98 % shows both).
PERCENT_TARGETS = """
WITH t AS (
  SELECT DISTINCT p.plan, p.plan_year, t.metric, t.comparator, t.value
  FROM targets t JOIN plans p ON p.doc_id = t.doc_id
  WHERE t.unit = '%' AND t.metric IS NOT NULL AND t.value IS NOT NULL
    AND t.scope = 'commune'
), ranked AS (
  SELECT metric, count(DISTINCT plan) AS n_plans FROM t GROUP BY metric
  ORDER BY n_plans DESC, metric LIMIT $limit
)
SELECT t.*, r.n_plans FROM t JOIN ranked r USING (metric)
ORDER BY r.n_plans DESC, t.metric, t.plan_year, t.plan, t.value
"""

# Targets a plan states for a wider area (its district or province): not the commune's own.
WIDER_TARGETS = """
SELECT p.plan, t.scope, t.metric, t.comparator, t.value, t.unit, t.text
FROM targets t JOIN plans p ON p.doc_id = t.doc_id
WHERE t.scope <> 'commune'
ORDER BY p.plan_year, p.plan, t.metric
"""

TARGETS_BY_FIELD = """
SELECT p.plan, p.plan_year,
       coalesce(split_part(t.criterion_code, '.', 1), '(none)') AS field, count(*) AS targets
FROM targets t JOIN plans p ON p.doc_id = t.doc_id
GROUP BY ALL ORDER BY p.plan_year, p.plan, field
"""

# --- scores ---------------------------------------------------------------------------------

# Points per plan, field and score column from the printed subtotal of each top-level row
# (score_subtotals), beside the sum of its leaf items; pct is of the printed maximum.
SCORE_PROFILE = """
WITH f AS (
  SELECT plan, doc_id, coalesce(field_code, code) AS field_code, kind, year,
         sum(printed) AS points, sum(summed) AS summed, bool_or(differs) AS differs
  FROM score_subtotals WHERE coalesce(field_code, '') <> 'F0' GROUP BY ALL
)
SELECT a.plan, a.field_code, a.kind, a.year, a.kind || ' ' || a.year AS series,
       round(a.points, 2) AS points, round(m.points, 2) AS max_points,
       round(a.summed, 2) AS summed_points, round(m.summed, 2) AS summed_max,
       a.differs OR m.differs AS differs,
       round(100 * a.points / nullif(m.points, 0), 1) AS pct
FROM f a JOIN f m ON m.doc_id = a.doc_id AND m.field_code = a.field_code AND m.kind = 'max'
WHERE a.kind <> 'max'
ORDER BY a.plan, a.year, a.field_code
"""

SUBTOTALS_TABLE = """
SELECT plan, code, field_code, kind, year, printed, summed, difference,
       CASE WHEN differs THEN 'DIFFERS' ELSE '' END AS flag
FROM score_subtotals ORDER BY plan, table_index, code, kind, year
"""

SCORE_BY_YEAR = (
    """
WITH years AS ("""
    + SCORE_YEARS
    + """),
multi AS (SELECT commune FROM years GROUP BY commune HAVING count(*) >= 2)
SELECT t.commune, t.year, t.kind, coalesce(t.field_code, t.code) AS field_code,
       round(sum(t.printed), 2) AS points
FROM score_subtotals t
JOIN years y ON y.doc_id = t.doc_id AND y.year = t.year AND y.kind = t.kind
WHERE t.commune IN (SELECT commune FROM multi)
GROUP BY ALL ORDER BY t.commune, field_code, t.year
"""
)

# Items whose score differs between the first and last year of a commune (matched by code).
SCORE_ITEM_CHANGES = (
    """
WITH years AS ("""
    + SCORE_YEARS
    + """),
span AS (SELECT commune, min(year) AS y0, max(year) AS y1 FROM years GROUP BY commune
         HAVING count(*) >= 2),
v AS (
  SELECT l.commune, l.year, l.code, l.field_code, l.label, l.value
  FROM leaf_scores l JOIN years y ON y.doc_id = l.doc_id AND y.year = l.year AND y.kind = l.kind
)
SELECT s.commune, a.code, a.field_code, a.label, s.y0 AS year_from, s.y1 AS year_to,
       a.value AS score_from, b.value AS score_to, round(b.value - a.value, 2) AS change
FROM span s
JOIN v a ON a.commune = s.commune AND a.year = s.y0
JOIN v b ON b.commune = s.commune AND b.year = s.y1 AND b.code = a.code
WHERE a.value <> b.value
ORDER BY s.commune, abs(b.value - a.value) DESC, a.code
"""
)

# Targets of one commune in consecutive plan years (same metric, targets_wide's value).
TARGET_CHANGES = (
    """
WITH m AS ("""
    + _TARGETS_BY_METRIC
    + """),
v AS (SELECT * FROM m WHERE value IS NOT NULL),
nxt AS (
  SELECT a.commune, a.metric, a.plan_year AS year_from, a.value AS target_from,
         min(b.plan_year) AS year_to
  FROM v a JOIN v b ON b.commune = a.commune AND b.metric = a.metric AND b.plan_year > a.plan_year
  GROUP BY ALL
)
SELECT n.commune, n.metric, n.year_from, n.year_to, n.target_from, b.value AS target_to,
       round(b.value - n.target_from, 2) AS change
FROM nxt n JOIN v b ON b.commune = n.commune AND b.metric = n.metric AND b.plan_year = n.year_to
ORDER BY n.commune, n.metric, n.year_from
"""
)

# --- legal references -----------------------------------------------------------------------

# A cited document is its key (laws cited by name: the name). Administrative and Party numbers
# restart each year and per issuer, so a key without a year in its symbol that a local body
# issued is told apart by the citing plan's province, district or commune.
CITED_DOCUMENTS = """
WITH r AS (
  SELECT p.plan, p.commune, r.ref_type, r.issuer_level, r.relation,
         coalesce(r.key, r.subject) AS name,
         CASE WHEN r.key IS NULL OR r.symbol_year IS NOT NULL
                   OR r.issuer_level NOT IN ('province', 'district', 'commune', 'party')
                   THEN NULL
              WHEN r.issuer_level = 'province' OR r.issuer_code = 'TU'
                   THEN coalesce(p.province, 'province of ' || p.district || ' district')
              WHEN r.issuer_level = 'commune' THEN p.commune
              ELSE p.district END AS local_to
  FROM legal_refs r JOIN plans p ON p.doc_id = r.doc_id
  WHERE r.relation <> 'self' AND coalesce(r.key, r.subject) IS NOT NULL
)
SELECT name || coalesce(' · ' || local_to, '') AS document, mode(ref_type) AS ref_type,
       mode(issuer_level) AS issuer_level, count(DISTINCT plan) AS plans, count(*) AS citations,
       string_agg(DISTINCT plan, ', ' ORDER BY plan) AS cited_by
FROM r GROUP BY ALL
ORDER BY plans DESC, citations DESC, document
LIMIT $limit
"""

# --- criterion matches ----------------------------------------------------------------------

# The one definition of 'to review' (`plans review`, the report's chart and list): an item,
# not a section row, with no criterion_code or a match score below $below.
NEEDS_REVIEW = (
    "i.kind = 'item' AND (i.criterion_code IS NULL OR coalesce(i.match_score, 0) < $below)"
)

MATCH_METHODS = f"""
SELECT p.plan, coalesce(i.match_method, 'none') AS match_method, count(*) AS items,
       count(*) FILTER (WHERE {NEEDS_REVIEW}) AS to_review
FROM plan_items i JOIN plans p ON p.doc_id = i.doc_id
WHERE i.kind = 'item'
GROUP BY ALL ORDER BY p.plan, match_method
"""


def review_sql(stored_candidates: bool = False) -> str:
    """The review list with where to look (file, pages) and the candidates column (stored
    `criterion_candidates` when the dataset has it, else NULL for the caller to fill)."""
    candidates = "i.criterion_candidates" if stored_candidates else "NULL"
    return f"""
SELECT p.plan, i.code, i.match_method, round(i.match_score, 3) AS score, i.field_code,
       i.criterion_code, coalesce(i.criterion, i.objective, i.task, i.requirement) AS text,
       {candidates} AS candidates, p.source_path, i.page_first AS page, i.section_title
FROM plan_items i JOIN plans p ON p.doc_id = i.doc_id
WHERE {NEEDS_REVIEW}
ORDER BY coalesce(i.match_score, 0), p.plan, i.table_index, i.row_index
"""


REVIEW = review_sql()
