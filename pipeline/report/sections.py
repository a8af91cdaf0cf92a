"""The report's sections: each turns query results (ReportData) into charts, tables and text.

A section whose data is empty keeps its heading and says 'no data' (report_html) instead of
failing: a dataset without score tables or targets still gets a report.
"""

from __future__ import annotations

from pipeline.report import charts
from pipeline.report.html import Chart, Section, Table
from pipeline.report.queries import REVIEW_BELOW, ReportData

DEDUP = (
    "Plans are counted once throughout this report: a plan ingested as DOCX, PDF and text "
    "(same commune, plan year and number) is read from one file, preferring docx, then pdf, "
    "then txt (the plain views of `plans query`; `all_documents` has every file)."
)
WIDE_KEYS = ["province", "district", "commune", "plan_year", "doc_numbers"]  # + several_values


def coverage(d: ReportData) -> Section:
    """Documents per province, commune and year, formats, OCR share, errors."""
    t = d.totals.iloc[0]
    share = 100 * t.ocr_files / t.files if t.files else 0.0
    intro = (
        f"{t.files} files read for {t.plans} plans; OCR share {t.ocr_files} of {t.files} "
        f"files ({share:.0f} %); {t.partial} partial; {t.files_with_errors} files with "
        f"errors, {t.warnings} warnings (errors table). {DEDUP}"
    )
    blocks = _coverage_blocks(d) if t.files else []
    blocks.append(
        Table("errors table by stage and kind (every file)", d.errors)
        if len(d.errors)
        else "The errors table is empty."
    )
    return Section("coverage", "Coverage", intro, tuple(blocks))


def _coverage_blocks(d: ReportData) -> list[Chart | Table | str]:
    return [
        Chart.of(
            charts.plans_by_province(d.plans_by_province, "Plans per province and plan year"),
            "Plans per province, coloured by plan year; counts one file per plan "
            "(chosen_documents), failed files excluded.",
        ),
        Chart.of(
            charts.files_by_format(d.files_by_format, "Files per commune and format"),
            "Files read per commune, by format ('(OCR)' when the text came from OCR); "
            "counts every row of documents, so one plan in three formats is three files.",
        ),
        Table(
            "Plans: formats read, files, OCR, pages and error rows (all formats of the plan)",
            d.coverage,
        ),
    ]


def _target_charts(d: ReportData) -> list[Chart | Table | str]:
    """The targets section's two charts: percent targets by metric, targets per field."""
    blocks: list[Chart | Table | str] = []
    if len(d.percent_targets):
        blocks.append(
            Chart.of(
                charts.percent_targets(
                    d.percent_targets, "Percent targets by metric and plan", d.labels
                ),
                "Each dot is a value a plan states for a metric in % (a plan stating two values "
                "shows two dots); counts distinct (plan, metric, value) target rows of the "
                f"{d.percent_targets['metric'].nunique()} metrics most plans share.",
            )
        )
    if len(d.targets_by_field):
        blocks.append(
            Chart.of(
                charts.targets_by_field(
                    d.targets_by_field, "Targets per plan and PAR field", d.labels
                ),
                "Number of the commune's own target rows per plan, stacked by the field of "
                "their criterion_code (F1-F8; F0 composite; '(none)' when no criterion "
                "matched); one file per plan; district and province targets are in the table "
                "below.",
            )
        )
    return blocks


def targets(d: ReportData) -> Section:
    """Targets by criterion and metric across communes and years."""
    intro = (
        "Quantitative targets (the targets table) compared across communes and years: the "
        "commune's own targets; targets a plan sets for its district or province are listed "
        "apart."
    )
    blocks: list[Chart | Table | str] = _target_charts(d)
    if len(d.targets_wide):
        blocks.append(_wide_table(d))
    if len(d.wider_targets):
        blocks.append(
            Table(
                "Targets a plan sets for its district or province (not in the chart)",
                d.wider_targets,
            )
        )
    return Section(
        "targets", "Targets by criterion across communes and years", intro, tuple(blocks)
    )


def _wide_table(d: ReportData) -> Table:
    """targets_wide, transposed to read: a row per metric of the chart, a column per plan."""
    wide = d.targets_wide
    shown = [m for m in dict.fromkeys(d.percent_targets.get("metric", [])) if m in wide.columns]
    table = wide[shown].astype(object).T
    for n, several in enumerate(wide.get("several_values", [])):
        for metric, values in _several(several).items():
            if metric in table.index:
                table.iloc[table.index.get_loc(metric), n] = values
    table.columns = (
        wide["commune"].fillna("?") + " " + wide["plan_year"].astype("Int64").astype(str)
    ).tolist()
    table.insert(0, "label", [d.labels.get(m, "") for m in table.index])
    table.insert(0, "metric", table.index)
    total = len(wide.columns) - len(WIDE_KEYS) - 1
    return Table(
        f"targets_wide view, transposed (a column per commune and plan year; "
        f"{len(shown)} of its {total} metric columns; a plan stating several values for a "
        "metric shows them all, from several_values)",
        table,
    )


def _several(text: object) -> dict[str, str]:
    """'PAYMENT_RATE >= 100, >= 70; X >= 1' -> {'PAYMENT_RATE': '>= 100, >= 70', 'X': '>= 1'}."""
    if not isinstance(text, str):
        return {}
    pairs = (part.strip().partition(" ") for part in text.split(";"))
    return {metric: values for metric, _sep, values in pairs if metric}


def scores(d: ReportData) -> Section:
    """Score profile per PAR field where a plan has a score table."""
    intro = (
        "Score tables: the printed subtotal of each PAR field (its top-level row) as a share "
        "of the field's printed maximum; the table gives the sum of the field's leaf items "
        "beside each printed figure and flags a difference."
    )
    if not len(d.score_profile):
        return Section("scores", "Score profiles per field", intro)
    chart = Chart.of(
        charts.score_profile(
            d.score_profile, "Score profile per field (% of maximum points)", d.labels
        ),
        "One bar per plan and score column ('actual' = a past year's result, 'target' = the "
        "plan year or later): printed field subtotal / printed maximum; F0 totals excluded.",
    )
    table = Table(
        "Printed field subtotals beside the sum of their leaf items (flag: they differ)",
        d.score_subtotals,
    )
    return Section("scores", "Score profiles per field", intro, (chart, table))


def changes(d: ReportData) -> Section:
    """Year-over-year changes of scores and targets for the same commune."""
    intro = (
        "Year-over-year changes for the same commune. Scores: for each year, the actual "
        "result if a plan reports one, else the plan's target for that year (latest plan "
        "first). Targets: the targets_wide value of each metric in consecutive plans."
    )
    blocks: list[Chart | Table | str] = []
    for commune, rows in d.score_by_year.groupby("commune", sort=True):
        years = sorted(rows["year"].unique())
        kinds = ", ".join(
            f"{y} {k}" for y, k in rows[["year", "kind"]].drop_duplicates().itertuples(index=False)
        )
        title = f"{commune}: score change per field, {years[0]} → {years[-1]}"
        blocks.append(
            Chart.of(
                charts.score_changes(rows, str(commune), title, d.labels),
                f"Change in points per PAR field ({kinds}): printed field subtotals of one "
                "file per plan.",
            )
        )
    if len(d.score_item_changes):
        blocks.append(
            Table("Items whose score changed (matched by printed code)", d.score_item_changes)
        )
    if blocks or len(d.target_changes):
        blocks.append(
            Table("Targets of the same commune in consecutive plan years", d.target_changes)
            if len(d.target_changes)
            else "No commune has targets in two plan years yet."
        )
    return Section("changes", "Year-over-year changes", intro, tuple(blocks))


def legal(d: ReportData) -> Section:
    """The most cited legal documents."""
    intro = (
        "The documents the plans cite most (legal_refs by key; laws cited by name by "
        "their name; self-references excluded). Local administrative and Party numbers "
        "restart per issuer, so they carry the place of the citing plan."
    )
    if not len(d.cited):
        return Section("legal", "Most cited legal documents", intro)
    chart = Chart.of(
        charts.cited_documents(d.cited, "Most cited legal documents"),
        f"The {len(d.cited)} documents cited by most plans; bar length and label: plans "
        "citing it, then citations (legal_refs rows) in those plans.",
    )
    table = Table("Cited documents, with the plans citing them", d.cited)
    return Section("legal", "Most cited legal documents", intro, (chart, table))


def review(d: ReportData) -> Section:
    """Low-confidence criterion matches to check by hand."""
    intro = (
        f"Criterion matches to check by hand: plan_items with match_method 'none' or "
        f"match_score below {REVIEW_BELOW} (the `plans review` list)."
    )
    if not len(d.match_methods):
        return Section("review", "Low-confidence criterion matches", intro)
    blocks: list[Chart | Table | str] = [
        Chart.of(
            charts.match_methods(d.match_methods, "Criterion matches per plan by method"),
            "Appendix items (plan_items rows of kind 'item', section rows left out) per plan "
            "by match_method; the label counts items with no criterion code or a score below "
            f"{REVIEW_BELOW} (the rows of the review list); one file per plan.",
        )
    ]
    blocks.append(
        Table(f"Review list ({len(d.review)} rows, weakest first)", d.review)
        if len(d.review)
        else "No match needs review."
    )
    return Section("review", "Low-confidence criterion matches", intro, tuple(blocks))


def who_leads(d: ReportData) -> Section:
    """Who does what: the tasks each canonical agency leads, per commune and year."""
    intro = (
        "The agencies named in the lead cells of the appendix items, mapped to canonical "
        "codes (normalize/codes/agencies.csv): tasks led per commune and year, one file per "
        "plan (the `who_leads` view; supporting agencies are there too, role 'support')."
    )
    if not len(d.who_leads):
        return Section("who-leads", "Who leads", intro)
    return Section("who-leads", "Who leads", intro, (Table("Tasks led", d.who_leads),))


SECTIONS = (coverage, targets, scores, changes, legal, who_leads, review)


def build_sections(d: ReportData) -> list[Section]:
    """Every section of the report, in order."""
    return [make(d) for make in SECTIONS]
