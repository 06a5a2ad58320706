"""Slack listeners: one registration per surface, all through ``bot.handling``'s error boundary."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, forms, guard, nudges
from bot.runtime import Runtime


def register_listeners(app: App, runtime: Runtime) -> None:
    """Attach every listener Corong has to ``app``."""
    guard.register(app, runtime)
    commands.register(app, runtime)
    actions.register(app, runtime)
    nudges.register(app, runtime)
    forms.register(app, runtime)
    events.register(app, runtime)
