"""The funnel chart: a PNG of the funnel report for Slack messages, the digest and the terminal.

Rendered headless with matplotlib's Agg canvas on a ``Figure`` of its own, never through
``pyplot``: pyplot keeps global state that threads of the HTTP server would share.

The bars are the cohort the conversion is measured on (deals created in the trailing window,
by the furthest stage each reached, then won), so the shape narrows the way the conversion
percentages between the bars say; the open deals each stage holds now are listed on the right.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from commands.i18n import translate
from commands.i18n.formatting import format_number
from commands.reports.format import format_conversion, stage_name
from commands.reports.metrics import FunnelReport

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 5.0, 100  # 800 x 500 px
BAR = "#3b6fb6"
WON = "#2e8b57"
LEAK = "#c0392b"
MUTED = "#6b7280"
TEXT = "#1f2937"


def funnel_chart_png(report: FunnelReport, lang: str, title: str | None = None) -> bytes:
    """The funnel of ``report`` as an 800 x 500 PNG with labels in ``lang``; a "no data" chart
    when no deal was created in the cohort window (nothing to draw a funnel from)."""
    buffer = io.BytesIO()
    funnel_chart_figure(report, lang, title).savefig(
        buffer, format="png", dpi=DPI, metadata={"Software": None}
    )
    return buffer.getvalue()


def funnel_chart_figure(report: FunnelReport, lang: str, title: str | None = None) -> Figure:
    """The chart before it becomes pixels: what ``funnel_chart_png`` renders, and what a test
    reads the labels of."""
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    figure.suptitle(title or translate("report.chart_title", lang), fontsize=14, color=TEXT)
    if report.funnel.cohort_size:
        _draw_funnel(figure, report, lang)
    else:
        _draw_no_data(figure, report, lang)
    return figure


def _cohort_days(report: FunnelReport) -> int:
    return (report.funnel.cohort_end - report.funnel.cohort_start).days


def _draw_no_data(figure: Figure, report: FunnelReport, lang: str) -> None:
    """An empty frame that says why it is empty, instead of an error or a blank image."""
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.58, translate("report.no_data", lang), ha="center", va="center",
              fontsize=20, color=MUTED, transform=axes.transAxes)  # fmt: skip
    days = format_number(_cohort_days(report), lang)
    axes.text(0.5, 0.44, translate("report.no_deals", lang, days=days), ha="center",
              va="center", fontsize=11, color=MUTED, transform=axes.transAxes)  # fmt: skip


def _draw_funnel(figure: Figure, report: FunnelReport, lang: str) -> None:
    """Centred horizontal bars, widest first; the conversion to the next bar sits in the gap
    between them, red when it falls below its benchmark; open deals now on the right."""
    funnel = report.funnel
    labels = [stage_name(row.stage, lang) for row in funnel.stages]
    labels.append(translate("stage.won", lang))
    counts = [row.reached for row in funnel.stages] + [funnel.cohort_won]
    widest = max(max(counts), 1)
    font = 11 if len(counts) <= 6 else 9
    axes = figure.add_axes((0.24, 0.15, 0.54, 0.74))
    axes.set_axis_off()
    axes.set_xlim(-widest / 2, widest / 2)
    step = 2.0  # a bar every two units: one for the bar, one for the conversion under it
    axes.set_ylim(-step * (len(counts) - 1) - 0.8, 0.8)
    for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
        y = -step * i
        is_won = i == len(counts) - 1
        is_leak = not is_won and funnel.stages[i].stage == funnel.leak
        width = max(count, widest * 0.004)  # a hairline still shows where an empty stage is
        axes.barh(y, width, left=-width / 2, height=1.2, color=WON if is_won else BAR)
        inside = count >= widest * 0.12
        axes.text(0 if inside else width / 2 + widest * 0.02, y, format_number(count, lang),
                  ha="center" if inside else "left", va="center", fontsize=font,
                  fontweight="bold", color="white" if inside else TEXT)  # fmt: skip
        axes.text(-widest / 2 - widest * 0.04, y, label, ha="right", va="center", fontsize=font,
                  color=LEAK if is_leak else TEXT,
                  fontweight="bold" if is_leak else "normal")  # fmt: skip
        if is_won:
            continue
        row = funnel.stages[i]
        open_now = translate("report.open_now", lang, count=format_number(row.open_count, lang))
        axes.text(widest / 2 + widest * 0.04, y, open_now, ha="left", va="center",
                  fontsize=font - 2, color=MUTED)  # fmt: skip
        if row.conversion is not None:
            below = row.benchmark is not None and row.conversion < row.benchmark
            text = "↓ " + format_conversion(row.conversion, row.benchmark, lang)
            axes.text(0, y - step / 2, text, ha="center", va="center",
                      fontsize=font - 2, color=LEAK if below else MUTED)  # fmt: skip
    days = format_number(_cohort_days(report), lang)
    size = format_number(funnel.cohort_size, lang)
    won = format_number(funnel.cohort_won, lang)
    notes = [translate("report.cohort", lang, days=days, size=size, won=won)]
    if funnel.leak:
        notes.append(translate("report.leak_at", lang, stage=stage_name(funnel.leak, lang)))
    figure.text(0.5, 0.02, "\n".join(notes), ha="center", va="bottom", fontsize=8.5,
                color=MUTED, linespacing=1.5)  # fmt: skip
