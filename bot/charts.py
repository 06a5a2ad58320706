"""The funnel chart: a PNG of the funnel report for Slack messages, the digest and the terminal.

Rendered headless with matplotlib's Agg canvas on a ``Figure`` of its own, never through
``pyplot``: pyplot keeps global state that threads of the HTTP server would share.

The bars are the cohort the conversion is measured on (deals created in the trailing window,
by the furthest stage each reached, then won), so the shape narrows the way the conversion
percentages between the bars say; the open deals each stage holds now are listed on the right.

When the report is measured against a quota (``Attainment``), the image grows a band under the
funnel: booked against the quota as a filled bar with its percentage, the quota as a line at
100%, and, while the period is under way, where the pace would land as a marker.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from babel.numbers import format_percent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from commands.i18n import CATALOG, translate
from commands.i18n.formatting import babel_locale, format_day, format_money, format_number
from commands.reports.attainment import Attainment
from commands.reports.format import format_conversion, stage_name
from commands.reports.metrics import FunnelReport

WIDTH_IN, HEIGHT_IN, DPI = 8.0, 5.0, 100  # 800 x 500 px
ATTAINMENT_IN = 1.3  # the attainment band under the funnel: 800 x 630 px in all
BAR = "#3b6fb6"
WON = "#2e8b57"
LEAK = "#c0392b"
MUTED = "#6b7280"
TEXT = "#1f2937"
TRACK = "#e5e7eb"
PACE = "#d97706"


def funnel_chart_png(
    report: FunnelReport,
    lang: str,
    title: str | None = None,
    attainment: Attainment | None = None,
) -> bytes:
    """The funnel of ``report`` as an 800 x 500 PNG with labels in ``lang`` (800 x 630 with the
    attainment bar under it); a "no data" chart when no deal was created in the cohort window
    (nothing to draw a funnel from)."""
    buffer = io.BytesIO()
    funnel_chart_figure(report, lang, title, attainment).savefig(
        buffer, format="png", dpi=DPI, metadata={"Software": None}
    )
    return buffer.getvalue()


def funnel_chart_figure(
    report: FunnelReport,
    lang: str,
    title: str | None = None,
    attainment: Attainment | None = None,
) -> Figure:
    """The chart before it becomes pixels: what ``funnel_chart_png`` renders, and what a test
    reads the labels of."""
    extra = ATTAINMENT_IN if attainment is not None else 0.0
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN + extra), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    figure.suptitle(title or translate("report.chart_title", lang), fontsize=14, color=TEXT)
    # The funnel keeps its 5-inch frame, lifted above the band: y in that frame -> figure y.
    frame = _Frame(bottom=extra / (HEIGHT_IN + extra), scale=HEIGHT_IN / (HEIGHT_IN + extra))
    if report.funnel.cohort_size:
        _draw_funnel(figure, report, lang, frame)
    else:
        _draw_no_data(figure, report, lang, frame)
    if attainment is not None:
        _draw_attainment(figure, attainment, lang, band=extra / (HEIGHT_IN + extra))
    return figure


@dataclass(frozen=True)
class _Frame:
    """Where the funnel's own 0..1 height sits in the figure (all of it without a band)."""

    bottom: float = 0.0
    scale: float = 1.0

    def y(self, y: float) -> float:
        return self.bottom + y * self.scale


def _cohort_days(report: FunnelReport) -> int:
    return (report.funnel.cohort_end - report.funnel.cohort_start).days


def _draw_no_data(figure: Figure, report: FunnelReport, lang: str, frame: _Frame) -> None:
    """An empty frame that says why it is empty, instead of an error or a blank image."""
    axes = figure.add_axes((0.0, frame.y(0.0), 1.0, frame.scale * 0.9))
    axes.set_axis_off()
    axes.text(0.5, 0.58, translate("report.no_data", lang), ha="center", va="center",
              fontsize=20, color=MUTED, transform=axes.transAxes)  # fmt: skip
    days = format_number(_cohort_days(report), lang)
    axes.text(0.5, 0.44, translate("report.no_deals", lang, days=days), ha="center",
              va="center", fontsize=11, color=MUTED, transform=axes.transAxes)  # fmt: skip


def _draw_funnel(figure: Figure, report: FunnelReport, lang: str, frame: _Frame) -> None:
    """Centred horizontal bars, widest first; the conversion to the next bar sits in the gap
    between them, red when it falls below its benchmark; open deals now on the right."""
    funnel = report.funnel
    labels = [stage_name(row.stage, lang) for row in funnel.stages]
    labels.append(translate("stage.won", lang))
    counts = [row.reached for row in funnel.stages] + [funnel.cohort_won]
    widest = max(max(counts), 1)
    font = 11 if len(counts) <= 6 else 9
    axes = figure.add_axes((0.24, frame.y(0.15), 0.54, 0.74 * frame.scale))
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
    figure.text(0.5, frame.y(0.02), "\n".join(notes), ha="center", va="bottom", fontsize=8.5,
                color=MUTED, linespacing=1.5)  # fmt: skip


def _draw_attainment(figure: Figure, att: Attainment, lang: str, band: float) -> None:
    """Booked against the quota in the band under the funnel (``band``: its height, a share of
    the figure): a track to 100%, the booked share filled (green once the quota is met) with
    its percentage, a line at the quota, and the pace as a marker while the period runs."""
    locale = babel_locale(lang)
    reach = max(1.0, att.attainment, att.pace or 0.0)
    axes = figure.add_axes((0.24, band * 0.42, 0.54, band * 0.24))
    axes.set_axis_off()
    axes.set_xlim(0, reach * 1.02)
    axes.set_ylim(-0.5, 0.5)
    axes.barh(0, 1.0, height=0.8, color=TRACK)
    filled = max(att.attainment, 0.0)
    axes.barh(0, filled, height=0.8, color=WON if filled >= 1 else BAR)
    axes.axvline(1.0, ymin=0.0, ymax=1.0, color=TEXT, linewidth=1.5)
    share = format_percent(att.attainment, locale=locale)
    inside = filled >= reach * 0.15
    axes.text(filled - reach * 0.01 if inside else filled + reach * 0.01, 0, share,
              ha="right" if inside else "left", va="center", fontsize=11, fontweight="bold",
              color="white" if inside else TEXT)  # fmt: skip
    axes.text(-reach * 0.04, 0, translate("report.attainment", lang), ha="right", va="center",
              fontsize=11, color=TEXT)  # fmt: skip
    period = translate(f"quota.period.{att.period}", lang)
    booked = translate(
        "display.chart.booked",
        lang,
        booked=format_money(att.booked, att.currency, lang),
        quota=format_money(att.quota, att.currency, lang),
        period=period,
    )
    to_date = f"attainment.{att.period}_to"
    if att.to_date is not None and to_date in CATALOG:
        booked = translate(to_date, lang, day=format_day(att.to_date, lang)) + " " + booked
    axes.text(0, -0.75, booked, ha="left", va="top", fontsize=9, color=MUTED)
    if att.pace is not None:
        axes.plot([att.pace, att.pace], [-0.45, 0.45], color=PACE, linewidth=1.5,
                  linestyle="--")  # fmt: skip
        axes.plot([att.pace], [0.62], marker="v", markersize=9, color=PACE, linestyle="none",
                  clip_on=False)  # fmt: skip
        pace = translate("quota.pace", lang, share=format_percent(att.pace, locale=locale),
                         period=period)  # fmt: skip
        # Near the right edge the label ends at the marker instead of running off the image.
        align = "right" if att.pace > reach * 0.7 else "center"
        axes.text(att.pace, 0.85, pace, ha=align, va="bottom", fontsize=9, color=PACE)
