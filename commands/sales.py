"""``/sales``: help, undo and the workspace pipeline."""

from __future__ import annotations

from commands import audit
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.pipelines import PRESETS, pipeline_for
from commands.registry import help_topics
from commands.replies import Help, Notice, PipelineInfo, Reply
from commands.undo import undo_last
from storage import queries

PIPELINE_EXAMPLE = "/sales pipeline seven-step"


def run_sales(ctx: CommandContext, sub: str, tokens: list[Token]) -> Reply:
    """Dispatch a ``/sales`` subcommand."""
    if sub in ("", "help", "bantuan", "?"):
        return Help(help_topics())
    if sub in ("undo", "batal", "urungkan"):
        return undo_last(ctx)
    if sub in ("pipeline", "tahapan"):
        return _pipeline(ctx, tokens)
    raise UsageError("sales.unknown_sub", example="/sales help", sub=sub)


def _pipeline(ctx: CommandContext, tokens: list[Token]) -> Reply:
    """Show the stages, or switch to another preset when no open deal would be stranded."""
    if not tokens:
        pipeline = ctx.pipeline
        return PipelineInfo(pipeline.name, pipeline.stages, tuple(PRESETS))
    preset = tokens[0].value.casefold()
    if preset not in PRESETS or len(tokens) > 1:
        raise UsageError(
            "pipeline.unknown",
            example=PIPELINE_EXAMPLE,
            preset=tokens[0].value,
            presets=", ".join(PRESETS),
        )
    new = pipeline_for(preset)
    stranded = [
        deal
        for deal in queries.open_deals(ctx.session, workspace_id=ctx.workspace_id)
        if deal.stage not in new.stages
    ]
    if stranded:
        raise UsageError(
            "pipeline.stranded",
            example="/deal list all",
            preset=preset,
            count=len(stranded),
            refs=", ".join(d.ref for d in stranded[:5]),
        )
    before = {"pipeline": ctx.workspace.pipeline}
    ctx.workspace.pipeline = preset
    ctx.workspace.custom_stages = None
    audit.record(ctx, "workspace.pipeline", before=before, after={"pipeline": preset})
    return Notice("pipeline.changed", {"preset": preset})
