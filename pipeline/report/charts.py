"""The report's charts: each takes a query's DataFrame and returns inline SVG (report_svg).

Every chart has a title and labelled axes; its caption lives with the section that uses it.
Callers never pass an empty frame (the section says 'no data' instead).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from pipeline.report.svg import Drawing, label_text, render, slug

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
METHOD_COLORS = {"code_table": "#2ca02c", "alias": "#1f77b4", "fuzzy": "#ff7f0e", "none": "#d62728"}
LEVEL_COLORS = {
    "central": "#1f77b4",
    "ministry": "#17becf",
    "province": "#2ca02c",
    "district": "#bcbd22",
    "commune": "#8c564b",
    "party": "#d62728",
    "unknown": "#7f7f7f",
}


def _height(rows: int, per_row: float = 0.34, base: float = 1.6) -> float:
    return base + per_row * max(rows, 1)


def _stacked_barh(ax: Axes, table: pd.DataFrame, colors: dict[str, str] | None = None) -> None:
    """Horizontal bars, one per index label, stacked by column, first row at the top."""
    labels = [label_text(i) for i in table.index]
    left = pd.Series(0.0, index=table.index)
    for n, column in enumerate(table.columns):
        color = (colors or {}).get(str(column), PALETTE[n % len(PALETTE)])
        ax.barh(labels, table[column], left=left, label=label_text(column), color=color)
        left = left + table[column]
    ax.invert_yaxis()
    _legend_right(ax)


def _legend_right(ax: Axes, title: str | None = None, handles: list[Patch] | None = None) -> None:
    """The legend right of the plot (`handles`: entries drawn by no artist of the plot)."""
    ax.legend(
        handles=handles,  # None: the plot's own labelled artists
        title=title,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
    )


def _stacked_counts(
    df: pd.DataFrame, axes: tuple[str, str, str], xlabel: str, name: str, title: str
) -> Drawing:
    """Counts per row label (index), stacked by a category (columns): (index, columns, values)."""
    index, columns, values = axes
    table = df.pivot_table(index=index, columns=columns, values=values, aggfunc="sum")

    def draw(ax: Axes) -> None:
        _stacked_barh(ax, table.fillna(0))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(index)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))

    return render(name, title, _height(len(table)), draw)


def plans_by_province(df: pd.DataFrame, title: str) -> Drawing:
    """Plans per province, stacked by plan year."""
    axes = ("province", "plan_year", "plans")
    return _stacked_counts(df, axes, "plans (one file per plan)", "coverage-plans", title)


def files_by_format(df: pd.DataFrame, title: str) -> Drawing:
    """Files per commune, stacked by format (OCR'd files are their own format)."""
    axes = ("commune", "format", "files")
    return _stacked_counts(df, axes, "files (every format counted)", "coverage-files", title)


def labelled(code: object, labels: dict[str, str], width: int = 38) -> str:
    """'F3' -> 'F3 Cải cách thủ tục hành chính' (cut to `width` characters with '…')."""
    text = f"{code} {labels.get(str(code), '')}".strip()
    return label_text(text if len(text) <= width else text[: width - 1] + "…")


def percent_targets(df: pd.DataFrame, title: str, labels: dict[str, str] | None = None) -> Drawing:
    """Dot plot: one row per metric, one dot per plan and stated value."""
    metrics = list(dict.fromkeys(df["metric"]))
    plans = sorted(dict.fromkeys(df["plan"]), key=lambda p: (p[-4:], p))

    def draw(ax: Axes) -> None:
        for n, plan in enumerate(plans):
            rows = df[df["plan"] == plan]
            y = [metrics.index(m) + (n - (len(plans) - 1) / 2) * 0.12 for m in rows["metric"]]
            ax.scatter(
                rows["value"], y, s=36, label=label_text(plan), color=PALETTE[n % 10], zorder=3
            )
        ticks = [f"{labelled(m, labels or {})} ({c})" for m, c in _plan_counts(df, metrics)]
        ax.set_yticks(range(len(metrics)), ticks)
        ax.set_ylim(len(metrics) - 0.5, -0.5)
        ax.grid(axis="x", color="#dddddd")
        ax.set_xlabel("target value (%)")
        ax.set_ylabel("metric (plans stating it)")
        _legend_right(ax)

    return render("targets-percent", title, _height(len(metrics), 0.42), draw)


def _plan_counts(df: pd.DataFrame, metrics: list[str]) -> list[tuple[str, int]]:
    counts = df.groupby("metric")["plan"].nunique()
    return [(m, int(counts[m])) for m in metrics]


def targets_by_field(df: pd.DataFrame, title: str, labels: dict[str, str] | None = None) -> Drawing:
    """Targets per plan, stacked by PAR field."""
    table = df.pivot_table(index="plan", columns="field", values="targets", aggfunc="sum")
    table.columns = [labelled(c, labels or {}, 30) for c in table.columns]
    order = df.drop_duplicates("plan").sort_values(["plan_year", "plan"])["plan"]

    def draw(ax: Axes) -> None:
        _stacked_barh(ax, table.loc[list(order)].fillna(0))
        ax.set_xlabel("target rows")
        ax.set_ylabel("plan")

    return render("targets-fields", title, _height(len(table), 0.45), draw)


def score_profile(df: pd.DataFrame, title: str, labels: dict[str, str] | None = None) -> Drawing:
    """Grouped horizontal bars: % of the field's maximum, one bar per plan and score column."""
    df = df.assign(series=df["plan"] + " · " + df["series"])
    table = df.pivot_table(index="field_code", columns="series", values="pct", aggfunc="sum")
    width = 0.8 / len(table.columns)

    def draw(ax: Axes) -> None:
        for n, column in enumerate(table.columns):
            y = [i + (n - (len(table.columns) - 1) / 2) * width for i in range(len(table))]
            bars = ax.barh(
                y, table[column], height=width, label=label_text(column), color=PALETTE[n % 10]
            )
            ax.bar_label(bars, fmt="%.1f", fontsize=7, padding=2)
        ax.set_yticks(range(len(table)), [labelled(i, labels or {}) for i in table.index])
        ax.invert_yaxis()
        ax.set_xlim(0, 112)
        ax.set_xlabel("score, % of the field's maximum points")
        ax.set_ylabel("PAR field")
        _legend_right(ax)

    return render("scores-profile", title, _height(len(table) * len(table.columns), 0.22), draw)


def score_changes(
    df: pd.DataFrame, commune: str, title: str, labels: dict[str, str] | None = None
) -> Drawing:
    """Diverging bars: change in points per field between a commune's first and last year."""
    years = sorted(df["year"].unique())
    table = df.pivot_table(index="field_code", columns="year", values="points", aggfunc="sum")
    change = table[years[-1]] - table[years[0]]
    texts = [f"{a:g} → {b:g}" for a, b in zip(table[years[0]], table[years[-1]], strict=True)]

    def draw(ax: Axes) -> None:
        colors = ["#2ca02c" if c > 0 else "#d62728" if c < 0 else "#7f7f7f" for c in change]
        bars = ax.barh([labelled(i, labels or {}) for i in table.index], change, color=colors)
        ax.bar_label(bars, labels=texts, fontsize=8, padding=3)
        ax.axvline(0, color="#333333", linewidth=0.8)
        span = max(abs(change).max(), 0.1)
        ax.set_xlim(-span * 2.2, span * 2.2)
        ax.invert_yaxis()
        ax.set_xlabel(f"change in points, {years[0]} → {years[-1]} (bar labels: points)")
        ax.set_ylabel("PAR field")

    return render("scores-change-" + slug(commune), title, _height(len(table)), draw)


def cited_documents(df: pd.DataFrame, title: str) -> Drawing:
    """Horizontal bars: plans citing each document, coloured by issuer level."""

    def draw(ax: Axes) -> None:
        colors = [_level_color(v) for v in df["issuer_level"]]
        bars = ax.barh([label_text(d) for d in df["document"]], df["plans"], color=colors)
        labels = [
            _plural(p, "plan") + " · " + _plural(c, "citation")
            for p, c in zip(df["plans"], df["citations"], strict=True)
        ]
        ax.bar_label(bars, labels=labels, fontsize=7, padding=3)
        ax.invert_yaxis()
        ax.set_xlim(0, df["plans"].max() * 1.35)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("plans citing it")
        ax.set_ylabel("cited document")
        levels = dict.fromkeys(df["issuer_level"])
        handles = [Patch(color=_level_color(v), label=label_text(v)) for v in levels]
        _legend_right(ax, "issuer level", handles)

    return render("legal-cited", title, _height(len(df)), draw)


def _level_color(level: object) -> str:
    return LEVEL_COLORS.get(str(level), "#7f7f7f")


def _plural(n: object, noun: str) -> str:
    """'1 plan', '3 plans'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def match_methods(df: pd.DataFrame, title: str) -> Drawing:
    """Items per plan, stacked by criterion match method, with the number to review."""
    table = df.pivot_table(index="plan", columns="match_method", values="items", aggfunc="sum")
    table = table[[m for m in METHOD_COLORS if m in table.columns]].fillna(0)
    review = df.groupby("plan")["to_review"].sum()

    def draw(ax: Axes) -> None:
        _stacked_barh(ax, table, METHOD_COLORS)
        for y, plan in enumerate(table.index):
            ax.text(
                table.loc[plan].sum() + 1,
                y,
                f"{int(review[plan])} to review",
                va="center",
                fontsize=8,
            )
        ax.set_xlim(0, table.sum(axis=1).max() * 1.25)
        ax.set_xlabel("appendix items (plan_items rows of kind 'item')")
        ax.set_ylabel("plan")

    return render("review-methods", title, _height(len(table)), draw)
