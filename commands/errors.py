"""Errors a command raises to tell the user what went wrong.

Each carries a catalog key and its parameters, never finished text, so the reply is rendered in
the reader's language. Anything that is not a ``CommandError`` is a bug: it is logged with a
reference id and the user sees only that id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from commands.i18n import Text


class CommandError(Exception):
    """A problem the user can fix; shown to them verbatim (translated) and nothing is written.

    ``example`` is one correct way to type it: a ``Phrase`` when its words differ by language,
    so the reader sees an example in their own."""

    def __init__(self, key: str, /, *, example: Text | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.example = example
        self.params = params


class UsageError(CommandError):
    """The text could not be understood; ``example`` is one correct way to type it."""


class NotFound(CommandError):
    """The deal (or other thing) named does not exist in the caller's workspace."""


class NeedsBant(CommandError):
    """The workspace requires a qualifying BANT before a deal moves past qualification."""

    def __init__(self, ref: str) -> None:
        # A new deal has no ref yet: it is refused as a whole, without a Run BANT button.
        key = "bant.required" if ref else "bant.required_new"
        super().__init__(key, example=f"/bant {ref}" if ref else "/deal add Acme 50jt", ref=ref)
        self.ref = ref


class NotAllowed(CommandError):
    """The caller may not do this; the message says who can."""


class StaleProfile(CommandError):
    """The caller's admin rights come from a Slack profile read too long ago to act on: look
    them up again and re-run (the caller is told nothing until then)."""

    def __init__(self) -> None:
        super().__init__("command.not_yet")


@dataclass(frozen=True)
class Candidate:
    """One deal an ambiguous name could mean, as offered in the picker."""

    ref: str
    name: str
    stage: str


class Ambiguous(CommandError):
    """A partial name matched several deals: the user picks one, the command then completes."""

    def __init__(self, query: str, candidates: Sequence[Candidate]) -> None:
        super().__init__("deal.ambiguous", query=query, count=len(candidates))
        self.query = query
        self.candidates = list(candidates)


# The questions a command may ask, and the answers the past-dates one takes.
M_QUESTION = "m"  # "2M" to an Indonesian reader: 2 juta or 2 miliar?
PAST_DATES_QUESTION = "past"  # a close or due date before today: keep or change?
LOST_REASON_QUESTION = "lost"  # a deal lost with no reason: which one from the list?
KEEP = "keep"
CHANGE = "change"


@dataclass(frozen=True)
class Answer:
    """One button of a question: its label (a catalog key and parameters) and the code the
    command is re-run with when it is pressed."""

    code: str
    label_key: str
    label_params: dict[str, Any]
    # The fields this answer asks for anew ("change" a past date: which dates), in a modal.
    fields: tuple[str, ...] = ()


class Question(UsageError):
    """The command could mean two things, or looks like a slip (``2M``: juta or miliar? a close
    date that has passed): ask with buttons, then finish the command with the answer.

    ``kind`` says what the answer means when the command runs again (``commands.context``);
    ``subject`` is what was asked about (the amount typed, the date fields). In a form, where
    there are no buttons, it is an ordinary field error under ``key``."""

    def __init__(
        self,
        key: str,
        /,
        *,
        kind: str,
        ask_key: str,
        answers: Sequence[Answer],
        subject: str,
        example: Text | None = None,
        **params: Any,
    ) -> None:
        super().__init__(key, example=example, **params)
        self.kind = kind
        self.ask_key = ask_key
        self.answers = tuple(answers)
        self.subject = subject


class FormErrors(CommandError):
    """A submitted form had bad fields: each field's own message, shown next to it."""

    def __init__(self, errors: dict[str, CommandError]) -> None:
        super().__init__("form.invalid")
        self.errors = errors
