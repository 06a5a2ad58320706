"""What an import found, in the words the terminal and Slack both show: the counts, how stages
and dates were read, the columns left out, and each bad row with its line, its column and what
to do. ``corong import`` prints these lines; ``/sales import`` shows the same ones in its modal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from commands.i18n import CATALOG, Phrase, in_language, translate
from commands.imports.activities import ActivityImport
from commands.imports.cells import DAY_FIRST
from commands.imports.deals import ImportResult
from commands.imports.rows import RowProblem
from commands.pipelines import stage_label_key

DEALS = "deals"
ACTIVITIES = "activities"
CLI_DATES = "import.dates_line"  # the hint names --dates


@dataclass(frozen=True)
class ImportSummary:
    """An import's findings as plain values, whichever kind of file it read."""

    kind: str  # DEALS or ACTIVITIES
    file_name: str
    source: str  # the system that wrote the file (deals)
    lines: int
    new: int
    updated: int
    unchanged: int
    bad: int  # lines with a problem
    stages: tuple[tuple[str, str, int], ...] = ()  # (the file's stage, ours, rows)
    date_order: str = DAY_FIRST
    ignored: tuple[str, ...] = ()  # columns not read
    problems: tuple[RowProblem, ...] = ()

    @classmethod
    def of_deals(cls, result: ImportResult, file_name: str) -> ImportSummary:
        plan = result.plan
        return cls(
            kind=DEALS,
            file_name=file_name,
            source=plan.source,
            lines=result.lines,
            new=len(plan.new),
            updated=len(plan.updates),
            unchanged=plan.unchanged,
            bad=len(plan.bad_lines),
            stages=tuple((theirs, ours, n) for (theirs, ours), n in sorted(plan.stages.items())),
            date_order=result.date_order,
            ignored=tuple(result.columns.ignored),
            problems=tuple(plan.problems),
        )

    @classmethod
    def of_activities(cls, result: ActivityImport, file_name: str) -> ImportSummary:
        return cls(
            kind=ACTIVITIES,
            file_name=file_name,
            source="csv",
            lines=result.lines,
            new=len(result.new),
            updated=0,
            unchanged=result.unchanged,
            bad=len(result.bad_lines),
            date_order=result.date_order,
            problems=tuple(result.problems),
        )

    @property
    def changes(self) -> int:
        """Deals or activities the file adds or changes."""
        return self.new + self.updated


def summary_lines(summary: ImportSummary, lang: str, *, dates_key: str = CLI_DATES) -> list[str]:
    """The counts, then how each stage and the dates were read and which columns were not;
    ``dates_key`` says how to ask for the other date order where the summary is shown."""
    if summary.kind == ACTIVITIES:
        headline = translate(
            "import.activity_summary",
            lang,
            file=summary.file_name,
            lines=summary.lines,
            new=summary.new,
            unchanged=summary.unchanged,
            bad=summary.bad,
        )
    else:
        headline = translate(
            "import.summary",
            lang,
            file=summary.file_name,
            source=summary.source,
            lines=summary.lines,
            new=summary.new,
            updated=summary.updated,
            unchanged=summary.unchanged,
            bad=summary.bad,
        )
    lines = [headline]
    for theirs, ours, count in summary.stages:
        lines.append(
            translate(
                "import.stage_line",
                lang,
                theirs=theirs or "-",
                ours=_stage(ours, lang),
                count=count,
            )
        )
    order = translate(f"import.order.{summary.date_order}", lang)
    lines.append(translate(dates_key, lang, order=order))
    if summary.ignored:
        lines.append(translate("import.ignored_line", lang, columns=", ".join(summary.ignored)))
    return lines


def problem_line(problem: RowProblem, lang: str) -> str:
    """One bad row: its line, its column and what to do (with an example, if there is one),
    all in the reader's language: our stages by their labels, an example in their words."""
    params = {name: _param(name, value, lang) for name, value in problem.error.params.items()}
    message = translate(problem.error.key, lang, **params)
    if problem.error.example:
        message = f"{message} ({in_language(problem.error.example, lang)})"
    return translate(
        "import.problem_line", lang, line=problem.line, column=problem.column, message=message
    )


def problem_lines(problems: Sequence[RowProblem], lang: str, *, shown: int) -> list[str]:
    """Each bad row, up to ``shown`` of them, then how many more there are."""
    lines = [problem_line(problem, lang) for problem in problems[:shown]]
    if len(problems) > shown:
        lines.append(more_line(len(problems) - shown, lang))
    return lines


def more_line(count: int, lang: str) -> str:
    return translate("import.more_problems", lang, count=count)


def _param(name: str, value: Any, lang: str) -> Any:
    """A problem's parameter for the reader: a stage (or the pipeline's stages) by its label."""
    if name == "stages" and isinstance(value, tuple):
        return ", ".join(_stage(stage, lang) for stage in value)
    if isinstance(value, Phrase):
        return in_language(value, lang)
    return value


def _stage(stage: str, lang: str) -> str:
    key = stage_label_key(stage)
    return translate(key, lang) if key in CATALOG else stage
