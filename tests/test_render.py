"""``bot.blocks.render``: the one table that decides how a command's reply is drawn.

No database and no Slack: reply values built by hand, rendered the way every listener does.
"""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pytest

import commands.forecasts.replies
import commands.home.replies
import commands.imports.upload
import commands.posts.replies
import commands.reports.replies
import commands.workspace.replies
import commands.workspace.setup
from bot.blocks.render import RENDERERS, render
from commands.errors import Candidate
from commands.replies import Asked, Notice, OpenForm, Picker, Problem, Reply

UTC = ZoneInfo("UTC")

# Replies that are not drawn as a message answering a command: a form opens a modal (the
# upload form of /sales import too, and what the file would change is drawn in it), a picker
# and a question (Asked) need their token, the posts and the App Home have their own renderers.
NOT_IN_TABLE = {
    OpenForm,
    commands.imports.upload.OpenImport,
    commands.imports.upload.ImportChecked,
    commands.forecasts.replies.ForecastForm,
    Picker,
    Asked,
    commands.posts.replies.Nudge,
    commands.posts.replies.Standup,
    commands.posts.replies.Digest,
    commands.home.replies.HomeDashboard,
}


def test_every_reply_a_command_answers_with_has_a_renderer() -> None:
    kinds = {kind for kind in Reply.__subclasses__() if kind.__module__.startswith("commands.")}
    assert kinds - NOT_IN_TABLE == set(RENDERERS)


def test_a_reply_without_a_renderer_is_a_bug_not_a_blank_message() -> None:
    class Unknown(Reply):
        pass

    with pytest.raises(TypeError, match="Unknown"):
        render(Unknown(), "en", UTC)


def test_the_picker_buttons_carry_the_pending_choice_token() -> None:
    picker = Picker(
        "acme", (Candidate("D-1", "Acme", "lead"), Candidate("D-2", "Acme 2", "won")), ""
    )
    message = render(picker, "en", UTC, picker_token="tok123").as_dicts()
    values = [json.loads(e["value"]) for e in message["blocks"][1]["elements"]]
    assert [v["t"] for v in values] == ["tok123"] * 3


def test_a_picker_without_its_token_is_refused() -> None:
    with pytest.raises(TypeError):
        render(Picker("acme", (Candidate("D-1", "Acme", "lead"),), ""), "en", UTC)


def test_replies_other_than_the_picker_ignore_a_token() -> None:
    notice = Notice("picker.cancelled")
    with_token = render(notice, "en", UTC, picker_token="tok").as_dicts()
    assert with_token == render(notice, "en", UTC).as_dicts()
    problem = Problem("picker.expired")
    with_token = render(problem, "id", UTC, picker_token="tok").as_dicts()
    assert with_token == render(problem, "id", UTC).as_dicts()
