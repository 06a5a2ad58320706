"""The terminal loop: read a line, send it through the real app, print what the user would see.

``/deal ...`` and the other slash commands work as in Slack; a number presses that button of
the last message; forms become one question per field; ``report funnel ...`` prints a report.
A name (``@budi``, ``:user U123 budi``) stands for one member: the shell never gives two
members one name, because it could not tell them apart again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from bot.app import create_app
from bot.blocks.terminal import Button, render_blocks
from bot.config import Settings
from bot.profiles import known_admin_flag, store_profile
from bot.runtime import Runtime
from bot.shell import requests
from bot.shell.loopback import LoopbackSlack, Shown
from bot.shell.report import run_report_line
from commands.i18n import language_for, translate
from commands.registry import SLASH_COMMANDS
from storage import queries
from storage.db import unit_of_work

CANCEL_WORDS = ("cancel", "batal")
QUIT_WORDS = (":quit", ":q", "exit", "quit")  # at the prompt; inside a form only the ":" ones
_FORM_QUIT_WORDS = (":quit", ":q")
_SLACK_USER_ID = re.compile(r"[UW][A-Z0-9]+")
_MENTION = re.compile(r"(?<![<\w])@([\w.\-]*\w)")
CHOICE_KINDS = ("static_select", "radio_buttons", "checkboxes")
_CHANNEL_MENTION = re.compile(r"(?<![<\w&])#([a-z][\w\-]*\w|[a-z])")


@dataclass
class ShellOptions:
    """Who the terminal user is."""

    user_id: str = "U0SHELL001"
    user_name: str = "you"
    team_id: str = "T0SHELL001"
    locale: str = "en-US"
    timezone: str = "Asia/Jakarta"


class LeaveShell(Exception):
    """The user asked to leave (``:quit``, Ctrl-D) while a form was asking its questions."""


class SharedName(Exception):
    """A name several members have (``ids``): the shell will not guess which one is meant."""

    def __init__(self, name: str, ids: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.ids = ids


class InlineExecutor(Executor):
    """Runs after-ack work at once, so the shell prints it before the next prompt."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # surfaced through the future, as a pool would
            future.set_exception(error)
        return future


class Shell:
    """One terminal conversation with the bot."""

    def __init__(
        self,
        engine: Engine,
        options: ShellOptions,
        ask: Callable[[str], str] = input,
        say: Callable[[str], None] = print,
    ) -> None:
        self.options = options
        self.engine = engine
        self.ask = ask
        self.say = say
        self.secret = secrets.token_hex(16)
        self.loopback = LoopbackSlack(team_id=options.team_id, user=self._user()).start()
        settings = Settings(
            _env_file=None,
            slack_bot_token="xoxb-shell",
            slack_signing_secret=self.secret,
            slack_api_url=self.loopback.api_url,
            slack_app_token=None,
            # The shell is one workspace talking to itself: never the OAuth install mode, even
            # when the environment is set up for it.
            slack_client_id=None,
            slack_client_secret=None,
        )
        self.runtime = Runtime(settings=settings, engine=engine)
        self.app = create_app(self.runtime, verify_token=False, executor=InlineExecutor())
        self.buttons: list[Button] = []
        self.typed_ahead: str | None = None  # a command typed while a form asked: run it next
        self.names: dict[str, str] = {**self._known_names(), options.user_id: options.user_name}
        self._store_profile(admin_if_new=True)

    @property
    def lang(self) -> str:
        return language_for(self.options.locale)

    def text(self, key: str, **params: Any) -> str:
        """A shell message in the terminal user's language."""
        return translate(key, self.lang, **params)

    def _store_profile(self, *, admin_if_new: bool = False) -> None:
        """What users.info would say about the terminal user. The user the shell starts as is
        an admin when new to Corong (whoever runs it); anyone it speaks as keeps the role they
        have, and someone new it switches to (``:user``) is a rep. The shell must not make a
        rep an admin of a workspace that also uses Corong in Slack."""
        o = self.options
        store_profile(
            self.engine,
            o.team_id,
            o.user_id,
            datetime.now(UTC),
            locale=o.locale,
            timezone=o.timezone,
            name=o.user_name,
            is_admin=known_admin_flag(self.engine, o.team_id, o.user_id, if_new=admin_if_new),
        )

    def _who(self) -> dict[str, Any]:
        """The team, user and app fields every interaction payload carries."""
        return {
            "team": {"id": self.options.team_id},
            "user": {
                "id": self.options.user_id,
                "team_id": self.options.team_id,
                "username": self.options.user_name,
            },
            "api_app_id": "A0SHELL001",
        }

    def _user(self) -> dict[str, Any]:
        o = self.options
        return {
            "id": o.user_id,
            "team_id": o.team_id,
            "name": o.user_name,
            "real_name": o.user_name,
            "locale": o.locale,
            "tz": o.timezone,
        }

    def switch_user(self, who: str, name: str | None) -> None:
        """``:user U123 budi``, ``:user U123`` (the name Corong knows) or ``:user budi`` (the
        member of that name, as ``@budi`` would mean). A name another member already has is
        refused with the way to choose: one name stands for one member in the shell."""
        try:
            user_id, name = self._whom(who, name)
        except SharedName as shared:
            self.say(self._shared_name_line(shared, who_typed=name is not None))
            return
        self.options.user_id = user_id
        self.options.user_name = name
        self.names[user_id] = name
        self.loopback.user = self._user()
        self._store_profile()
        self.say(self.text("shell.switched_user", user=name, id=user_id))

    def _whom(self, who: str, name: str | None) -> tuple[str, str]:
        """The Slack id and name ``:user`` switches to; raises ``SharedName`` on a clash."""
        if name is None and not _SLACK_USER_ID.fullmatch(who):
            user_id = self._member_named(who)
            return user_id, self._known_name(user_id) or who
        if name is None:
            return who, self._known_name(who) or who
        others = [uid for uid in self._ids_named(name) if uid != who]
        if others:
            raise SharedName(name, others)
        return who, name

    def _shared_name_line(self, shared: SharedName, *, who_typed: bool) -> str:
        """How to say which member is meant: by id, never by a name two of them share."""
        key = "shell.name_taken" if who_typed else "shell.name_shared"
        ids = ", ".join(shared.ids)
        return self.text(key, name=shared.name, ids=ids, first=shared.ids[0])

    def switch_locale(self, locale: str) -> None:
        self.options.locale = locale
        self.loopback.user = self._user()
        self._store_profile()
        self.say(self.text("shell.switched_locale", locale=locale))

    def mentions(self, text: str) -> str:
        """``@budi`` and ``#sales`` as Slack sends them once escaping is on (``<@U123|budi>``,
        ``<#C123|sales>``). A name the terminal has not met stands for a new Slack user (or
        channel) with an id made from it, as picking someone from Slack's list would; a name
        several members share raises ``SharedName`` (``<@U123>`` says which one)."""

        def user(match: re.Match[str]) -> str:
            name = match.group(1)
            user_id = self._member_named(name)
            self.names.setdefault(user_id, name)  # the name Corong knows wins over its case
            return f"<@{user_id}|{name}>"

        def channel(match: re.Match[str]) -> str:
            name = match.group(1)
            channel_id = "C0" + _id_part(name)
            self.names[channel_id] = name
            return f"<#{channel_id}|{name}>"

        return _CHANNEL_MENTION.sub(channel, _MENTION.sub(user, text))

    @contextlib.contextmanager
    def _reading(self) -> Iterator[tuple[Session, int | None]]:
        """A read-only session and the shell's workspace id (None until Corong has met it)."""
        with unit_of_work(self.engine, read_only=True) as session:
            workspace = queries.find_workspace(session, slack_team_id=self.options.team_id)
            yield session, workspace.id if workspace is not None else None

    def _known_names(self) -> dict[str, str]:
        """Names of the workspace's members Corong has met, so mentions print as names."""
        with self._reading() as (session, workspace_id):
            if workspace_id is None:
                return {}
            members = queries.members_of(session, workspace_id=workspace_id)
            return {member.slack_user_id: member.name for member in members if member.name}

    def _known_name(self, user_id: str) -> str | None:
        """The name Corong has for a Slack user, if any."""
        with self._reading() as (session, workspace_id):
            if workspace_id is None:
                return None
            member = queries.find_member(session, workspace_id=workspace_id, slack_user_id=user_id)
            return member.name if member is not None else None

    def _ids_named(self, name: str) -> list[str]:
        """The Slack ids of the workspace's members called ``name`` (case-insensitive)."""
        with self._reading() as (session, workspace_id):
            if workspace_id is None:
                return []
            named = queries.members_named(session, workspace_id=workspace_id, name=name)
            return [member.slack_user_id for member in named]

    def _member_named(self, name: str) -> str:
        """The Slack id of the workspace's one member called ``name``, or a new one's; raises
        ``SharedName`` when several have it."""
        with unit_of_work(self.engine) as session:
            workspace = queries.get_or_create_workspace(session, slack_team_id=self.options.team_id)
            assert workspace.id is not None
            named = queries.members_named(session, workspace_id=workspace.id, name=name)
            if len(named) > 1:
                raise SharedName(name, [member.slack_user_id for member in named])
            if named:
                return named[0].slack_user_id
            made = queries.get_or_create_member(
                session, workspace_id=workspace.id, slack_user_id="U0" + _id_part(name), name=name
            )
            return made.slack_user_id

    def close(self) -> None:
        self.loopback.stop()

    # --- sending ---------------------------------------------------------------------------------

    def slash(self, line: str) -> None:
        """Send ``/command text`` as Slack would."""
        command, text = (line.split(maxsplit=1) + [""])[:2]  # a tab or trailing space is no text
        if not _is_slash_command(line):
            self.say(
                self.text(
                    "shell.unknown_command", command=command, commands=", ".join(SLASH_COMMANDS)
                )
            )
            return
        try:
            text = self.mentions(text)
        except SharedName as shared:
            self.say(self._shared_name_line(shared, who_typed=False))
            return
        request = requests.slash_command(
            self.secret,
            command=command.casefold(),
            text=text.strip(),
            team_id=self.options.team_id,
            user_id=self.options.user_id,
            user_name=self.options.user_name,
            channel_id="C0SHELL001",
            response_url=self.loopback.response_url(),
            trigger_id=requests.trigger_id(),
        )
        self._show_response(self.app.dispatch(request).body)
        self._drain()

    def press(self, number: int) -> None:
        """Press button ``number`` of the last message."""
        if not 1 <= number <= len(self.buttons):
            self.say(self.text("shell.no_such_button"))
            return
        button = self.buttons[number - 1]
        payload = {
            "type": "block_actions",
            **self._who(),
            "trigger_id": requests.trigger_id(),
            "channel": {"id": "C0SHELL001"},
            "container": {"type": "message", "channel_id": "C0SHELL001", "is_ephemeral": True},
            "response_url": self.loopback.response_url(),
            "actions": [
                {
                    "type": "button",
                    "action_id": button.action_id,
                    "block_id": button.block_id,
                    "value": button.value,
                    "action_ts": "1700000000.000100",
                }
            ],
        }
        self.app.dispatch(requests.interaction(self.secret, payload))
        self._drain()

    # --- showing -------------------------------------------------------------------------------

    def _show_response(self, body: str) -> None:
        if not body:
            return
        with contextlib.suppress(ValueError):
            self._show_message(json.loads(body))

    def _show_message(self, message: dict[str, Any]) -> None:
        blocks = message.get("blocks") or []
        if not blocks:
            if message.get("text"):
                self.say(message["text"])
            return
        text, buttons = render_blocks(blocks, self.names)
        self.buttons = buttons
        self.say(text)

    def _drain(self) -> None:
        while not self.loopback.shown.empty():
            shown: Shown = self.loopback.shown.get()
            if shown.kind == "modal":
                self._fill_modal(shown.payload)
            else:
                self._show_message(shown.payload)

    # --- forms -----------------------------------------------------------------------------------

    def _fill_modal(self, view: dict[str, Any]) -> None:
        """Ask each field in turn, submit, and re-ask only the fields Slack would flag.

        ``cancel`` or Ctrl-C closes the form; ``:quit`` or Ctrl-D closes it and leaves the shell
        (``LeaveShell``); a slash command closes it and runs next, as typing one in Slack's
        message box while a modal is open would not be taken for an answer either."""
        self.say(self.text("shell.form_intro", title=view["title"]["text"]))
        answers: dict[str, tuple[str, dict[str, Any]]] = {}
        pending = [b for b in view["blocks"] if b.get("type") in ("input", "header")]
        while True:
            for block in pending:
                if block.get("type") == "header":
                    self.say(f"-- {block['text']['text']} --")
                    continue
                try:
                    answer = self._ask_field(block)
                except KeyboardInterrupt:
                    answer = None
                except (EOFError, LeaveShell):
                    self.say(self.text("shell.form_closed"))
                    raise LeaveShell from None
                if answer is None:
                    self.say(self.text("shell.form_closed"))
                    return
                if isinstance(answer, str):
                    self.say(self.text("shell.form_closed_for", command=answer))
                    self.typed_ahead = answer
                    return
                answers[block["block_id"]] = answer
            response = self.app.dispatch(
                requests.interaction(self.secret, self._submission(view, answers))
            )
            errors = json.loads(response.body).get("errors") if response.body else None
            if not errors:
                self._drain()
                return
            for error in errors.values():
                self.say(f"  ! {error}")
            pending = [
                b for b in view["blocks"] if b.get("type") == "input" and b["block_id"] in errors
            ]

    def _ask_field(self, block: dict[str, Any]) -> tuple[str, dict[str, Any]] | str | None:
        """One question: the element's state, None when the form is cancelled, or a slash
        command typed instead of an answer. Enter keeps what the form already holds (e.g. the
        last BANT answer). A box of several lines (custom stages, notes) takes more lines while
        one ends in a backslash."""
        element = block["element"]
        kind = element["type"]
        multiline = kind == "plain_text_input" and bool(element.get("multiline"))
        label = block["label"]["text"] + ("" if block.get("optional") else " *")
        hints = [block["hint"]["text"]] if block.get("hint") else []
        if multiline:
            hints.append(self.text("shell.more_lines"))
        hint = "".join(f" ({text})" for text in hints)
        options = element.get("options") or []
        if kind in CHOICE_KINDS:
            choices = ", ".join(f"{i}={o['text']['text']}" for i, o in enumerate(options, 1))
            self.say(f"  {label}: {choices}")
        initial_option = element.get("initial_option")
        initial_options = element.get("initial_options") or []
        initial = (
            initial_option["text"]["text"]
            if initial_option
            else ", ".join(o["text"]["text"] for o in initial_options)
            or element.get("initial_value")
            or element.get("initial_date")
        )
        shown = " [{}]".format(" ⏎ ".join(initial.splitlines())) if initial else ""
        while True:
            raw = self.ask(f"  {label}{hint}{shown}: ").strip()
            if raw.casefold() in _FORM_QUIT_WORDS:
                raise LeaveShell
            if raw.casefold() in CANCEL_WORDS:
                return None
            if _is_slash_command(raw):
                return raw
            while multiline and raw.endswith("\\"):
                raw = raw[:-1].rstrip() + "\n" + self.ask("  … ").strip()
            if kind == "checkboxes":  # several numbers: "1 2 3 4 5" or "1,2,3"
                picked = raw.replace(",", " ").split()
                if all(p.isdigit() and 1 <= int(p) <= len(options) for p in picked):
                    chosen = [options[int(p) - 1] for p in dict.fromkeys(picked)]
                    return element["action_id"], {
                        "type": "checkboxes",
                        "selected_options": chosen if picked else initial_options,
                    }
                self.say("  " + self.text("shell.choose_numbers"))
                continue
            if kind in CHOICE_KINDS:
                if not raw:
                    return element["action_id"], {"type": kind, "selected_option": initial_option}
                if raw.isdigit() and 1 <= int(raw) <= len(options):
                    return element["action_id"], {
                        "type": kind,
                        "selected_option": options[int(raw) - 1],
                    }
                self.say("  " + self.text("shell.choose_number"))
                continue
            if kind == "datepicker":
                return element["action_id"], {
                    "type": "datepicker",
                    "selected_date": raw or element.get("initial_date"),
                }
            return element["action_id"], {
                "type": "plain_text_input",
                "value": raw or element.get("initial_value"),
            }

    def _submission(
        self, view: dict[str, Any], answers: dict[str, tuple[str, dict[str, Any]]]
    ) -> dict[str, Any]:
        values = {block_id: {action_id: state} for block_id, (action_id, state) in answers.items()}
        return {
            "type": "view_submission",
            **self._who(),
            "view": {**view, "state": {"values": values}, "team_id": self.options.team_id},
        }


def run_shell(
    engine: Engine,
    options: ShellOptions,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
) -> int:
    """The interactive loop; ends on :quit or end of input, even inside a form. Ctrl-C abandons
    the current line."""
    shell = Shell(engine, options, ask=ask, say=say)
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history where available)
    shell.say(shell.text("shell.banner"))
    try:
        while True:
            try:
                line = shell.ask(f"{shell.options.user_name}> ").strip()
            except EOFError:
                shell.say("")
                break
            except KeyboardInterrupt:
                shell.say("")
                continue
            if line and not handle_line(shell, line):
                break
    finally:
        shell.close()
    return 0


def handle_line(shell: Shell, line: str) -> bool:
    """One line of input: a slash command, a button number, a report, or a shell switch; then
    the command typed into a form instead of an answer, if any. False: the user is leaving."""
    line = line.strip()
    if line.casefold() in QUIT_WORDS:
        return False
    try:
        _handle_one(shell, line)
    except LeaveShell:
        return False
    ahead, shell.typed_ahead = shell.typed_ahead, None
    return ahead is None or handle_line(shell, ahead)


def _handle_one(shell: Shell, line: str) -> None:
    parts = line.split()
    if not parts:
        return
    if line.startswith("/"):
        shell.slash(line)
    elif parts[0] == "report":
        run_report_line(
            shell.engine, line, team_id=shell.options.team_id, lang=shell.lang, say=shell.say
        )
    elif line.isdigit():
        shell.press(int(line))
    elif parts[0] == ":user" and len(parts) >= 2:
        shell.switch_user(parts[1], " ".join(parts[2:]) or None)
    elif parts[0] == ":locale" and len(parts) == 2:
        shell.switch_locale(parts[1])
    else:
        shell.say(shell.text("shell.hint"))


def _is_slash_command(line: str) -> bool:
    """Whether a line is one of Corong's slash commands (``/deal list``, ``/call``)."""
    parts = line.split(maxsplit=1)
    return bool(parts) and parts[0].casefold() in SLASH_COMMANDS


def _id_part(name: str) -> str:
    """A Slack-like id tail for a name: its first letters and digits, then a short digest of
    the whole name, so ``budi`` reads ``BUDI…`` and two names never share an id."""
    letters = re.sub(r"[^A-Z0-9]", "", name.upper())[:5]
    digest = hashlib.sha1(name.casefold().encode()).hexdigest()[:5].upper()
    return (letters + digest).ljust(8, "0")
