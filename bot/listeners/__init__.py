"""Slack listeners: one registration per surface, all through ``bot.handling``'s error boundary."""

from __future__ import annotations

from concurrent.futures import Executor

from slack_bolt import App

from bot.listeners import (
    actions,
    commands,
    events,
    forecasts,
    forms,
    imports,
    my_settings,
    nudges,
    questions,
)
from bot.runtime import Runtime


def register_listeners(app: App, runtime: Runtime, after_ack: Executor) -> None:
    """Attach every listener Corong has to ``app``; ``after_ack`` runs what slash commands
    leave to do after their ack."""
    commands.register(app, runtime, after_ack)
    actions.register(app, runtime)
    nudges.register(app, runtime)
    my_settings.register(app, runtime)
    forms.register(app, runtime)
    forecasts.register(app, runtime)
    imports.register(app, runtime)
    questions.register(app, runtime)
    events.register(app, runtime)
