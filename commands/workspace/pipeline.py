"""``/sales pipeline``: the workspace's stages, and switching to another preset (admins).

Undo switches back through the same ``switch_pipeline``, so the stranded-deals check holds
both ways.
"""

from __future__ import annotations

from commands import audit, permissions
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import Token
from commands.i18n import Phrase
from commands.pipelines import PRESETS, pipeline_for
from commands.replies import Notice, PipelineInfo, Reply
from storage import queries

PIPELINE_EXAMPLE = "/sales pipeline seven-step"


def run_pipeline(ctx: CommandContext, tokens: list[Token]) -> Reply:
    """``/sales pipeline``: show the stages, or (admins) switch to another preset."""
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
    permissions.require_admin(ctx, "pipeline.admins_only", example="/sales pipeline")
    switch_pipeline(ctx, preset, record=True)
    return Notice("pipeline.changed", {"preset": preset})


def switch_pipeline(ctx: CommandContext, preset: str, *, record: bool) -> None:
    """Switch presets unless an open deal would be left in a stage the new one lacks.

    The exclusive lock on the workspace waits for stage moves in flight and holds new ones off
    until the switch commits, so the check stays true.
    """
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    new = pipeline_for(preset)
    stranded = [
        deal
        for deal in queries.open_deals(ctx.session, workspace_id=ctx.workspace_id)
        if deal.stage not in new.stages
    ]
    if stranded:
        raise UsageError(
            "pipeline.stranded",
            example=Phrase("example.deal_list_all"),
            preset=preset,
            count=len(stranded),
            refs=", ".join(d.ref for d in stranded[:5]),
        )
    before = {"pipeline": ctx.workspace.pipeline}
    ctx.workspace.pipeline = preset
    ctx.workspace.custom_stages = None
    if record:
        audit.record(ctx, "workspace.pipeline", before=before, after={"pipeline": preset})
