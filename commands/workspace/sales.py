"""``/sales``: help, undo, the workspace pipeline and its settings (BANT, report targets),
teams and admins, quotas, the calendar (holidays, time off), one's own settings
(``/sales me``), and a CSV file in or out."""

from __future__ import annotations

import re

from commands import audit, permissions
from commands.context import CommandContext
from commands.deals.bant import policy_of
from commands.deals.bant_scoring import BantPolicy
from commands.errors import UsageError
from commands.exports.files import request_export
from commands.grammar import Token
from commands.grammar.options import split_options
from commands.i18n import Phrase
from commands.imports.upload import open_import
from commands.registry import help_topics
from commands.replies import Help, Notice, Reply
from commands.reports.settings import run_benchmark, run_targets
from commands.workspace.admins import run_admin
from commands.workspace.away import run_away
from commands.workspace.holidays import run_holidays
from commands.workspace.me import run_me
from commands.workspace.pipeline import run_pipeline
from commands.workspace.quotas import QUOTA_WORDS, run_quota
from commands.workspace.reasons import REASONS_WORDS, run_reasons
from commands.workspace.setup import open_setup
from commands.workspace.teams import run_team
from commands.workspace.undo import undo_last
from storage import queries


def run_sales(ctx: CommandContext, sub: str, tokens: list[Token]) -> Reply:
    """Dispatch a ``/sales`` subcommand (already known)."""
    if sub in ("undo", "batal", "urungkan"):
        return undo_last(ctx)
    if sub in ("pipeline", "tahapan"):
        return run_pipeline(ctx, tokens)
    if sub == "bant":
        return _bant_policy(ctx, tokens)
    if sub in ("targets", "target"):
        return run_targets(ctx, tokens)
    if sub in ("benchmark", "patokan"):
        return run_benchmark(ctx, tokens)
    if sub in ("team", "teams", "tim"):
        return run_team(ctx, tokens)
    if sub == "admin":
        return run_admin(ctx, tokens)
    if sub in ("setup", "pengaturan"):
        return open_setup(ctx, tokens)
    if sub in ("import", "impor"):
        return open_import(ctx, tokens)
    if sub in ("export", "ekspor"):
        return request_export(ctx, tokens)
    if sub in ("holidays", "holiday", "libur"):
        return run_holidays(ctx, tokens)
    if sub in ("away", "cuti"):
        return run_away(ctx, tokens)
    if sub in ("me", "saya"):
        return run_me(ctx, tokens)
    if sub in REASONS_WORDS:
        return run_reasons(ctx, tokens)
    if sub in QUOTA_WORDS:
        return run_quota(ctx, tokens)
    return Help(help_topics())


BANT_POLICY_EXAMPLE = "/sales bant budget:25 authority:25 need:30 timeline:20 qualified:70"


def _bant_policy(ctx: CommandContext, tokens: list[Token]) -> Reply:
    """Show the BANT weights, thresholds and strictness, or (admins) change them."""
    if not tokens:
        return Notice("bant.policy", _policy_params(policy_of(ctx)))
    permissions.require_admin(ctx, "bant.policy_admins_only", example="/sales bant")
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    policy = policy_of(ctx)  # read under the lock: a concurrent change is not overwritten
    allowed = ("budget", "authority", "need", "timeline", "qualified", "nurture", "strict")
    options, rest = split_options(tokens, allowed, BANT_POLICY_EXAMPLE)
    if rest:
        raise UsageError("input.unexpected", example=BANT_POLICY_EXAMPLE, text=rest[0].value)
    weights = dict(policy.weights)
    numbers: dict[str, int] = {}
    for key, raw in options.items():
        if key == "strict":
            continue
        if not re.fullmatch(r"[0-9]{1,3}", raw) or int(raw) > 100:
            raise UsageError("bant.policy_number", example=BANT_POLICY_EXAMPLE, key=key, text=raw)
        numbers[key] = int(raw)
    weights.update({k: v for k, v in numbers.items() if k in weights})
    strict = policy.strict
    if "strict" in options:
        flag = options["strict"].casefold()
        if flag not in ("on", "off", "ya", "tidak", "yes", "no"):
            raise UsageError(
                "bant.policy_strict", example=Phrase("example.bant_strict"), text=options["strict"]
            )
        strict = flag in ("on", "ya", "yes")
    qualified_at = numbers.get("qualified", policy.qualified_at)
    nurture_at = numbers.get("nurture", policy.nurture_at)
    if sum(weights.values()) != 100:
        raise UsageError(
            "bant.policy_invalid", example=BANT_POLICY_EXAMPLE, total=sum(weights.values())
        )
    if not 0 < nurture_at < qualified_at <= 100:
        raise UsageError(
            "bant.policy_thresholds",
            example="/sales bant qualified:70 nurture:40",
            qualified=qualified_at,
            nurture=nurture_at,
        )
    new = BantPolicy(
        weights=weights, qualified_at=qualified_at, nurture_at=nurture_at, strict=strict
    )
    before = {"bant_policy": ctx.workspace.bant_policy}
    ctx.workspace.bant_policy = new.as_json()
    audit.record(ctx, "workspace.bant_policy", before=before, after={"bant_policy": new.as_json()})
    return Notice("bant.policy_changed", _policy_params(new))


def _policy_params(policy: BantPolicy) -> dict[str, object]:
    return {
        **{name: weight for name, weight in policy.weights.items()},
        "qualified": policy.qualified_at,
        "nurture": policy.nurture_at,
        "mode": "strict" if policy.strict else "warn",
    }
