"""Who owns an imported deal: a Slack user id, an e-mail, or a name, matched to a member.

E-mails and names unknown to Corong are looked up in Slack (``users.lookupByEmail``, and
``users.list`` once per import) through ``people``, which is None where no Slack workspace is
at hand; ``--owner "Text=U123"`` settles any owner by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sqlmodel import Session

from commands.errors import UsageError
from storage import queries
from storage.models import Member

_USER_ID = re.compile(r"^[UW][A-Z0-9]{6,}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
OWNER_EXAMPLE = '--owner "budi@example.co.id=U0123ABCD"'


@dataclass(frozen=True)
class Person:
    """A Slack user as the directory knows them."""

    user_id: str
    names: tuple[str, ...]  # display name, real name, handle: any may be what the CRM wrote

    @property
    def shown(self) -> str | None:
        return self.names[0] if self.names else None


class People(Protocol):
    """The Slack workspace's people directory."""

    def by_email(self, email: str) -> Person | None: ...

    def everyone(self) -> Sequence[Person]: ...


def parse_owner_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``--owner "Text=U123"`` options as {casefolded text: Slack user id}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        text, sep, user_id = pair.rpartition("=")
        user_id = user_id.strip().upper()
        if not sep or not text.strip() or not _USER_ID.match(user_id):
            raise UsageError("import.bad_owner_map", example=OWNER_EXAMPLE, given=pair)
        mapping[text.strip().casefold()] = user_id
    return mapping


@dataclass
class OwnerResolver:
    """Finds (or, for a Slack user new to Corong, adds) the member a cell names; each distinct
    cell is looked up once per import."""

    session: Session
    workspace_id: int
    people: People | None
    overrides: Mapping[str, str] = field(default_factory=dict)
    _found: dict[str, Member | UsageError] = field(default_factory=dict)
    _everyone: Sequence[Person] | None = None

    def member(self, text: str) -> Member:
        key = " ".join(text.split()).casefold()
        if key not in self._found:
            try:
                self._found[key] = self._resolve(" ".join(text.split()), key)
            except UsageError as error:
                self._found[key] = error
        found = self._found[key]
        if isinstance(found, UsageError):
            raise found
        return found

    def _resolve(self, text: str, key: str) -> Member:
        if not text:
            raise UsageError("import.owner_missing", example=OWNER_EXAMPLE)
        if key in self.overrides:
            return self._member(self.overrides[key], None)
        if _USER_ID.match(text):
            return self._member(text, None)
        if _EMAIL.match(text):
            person = self.people.by_email(text) if self.people is not None else None
            if person is None:
                reason = "unknown" if self.people is not None else "no_slack"
                raise UsageError(
                    f"import.owner_email_{reason}", example=f'--owner "{text}=U0123ABCD"', text=text
                )
            return self._member(person.user_id, person.shown)
        known = queries.member_by_name(self.session, workspace_id=self.workspace_id, name=text)
        if known is not None:
            return known
        matches = [p for p in self._directory() if key in (n.casefold() for n in p.names)]
        if len(matches) == 1:
            return self._member(matches[0].user_id, matches[0].shown)
        if len(matches) > 1:
            raise UsageError(
                "import.owner_ambiguous",
                example=f'--owner "{text}={matches[0].user_id}"',
                text=text,
                users=", ".join(p.user_id for p in matches),
            )
        raise UsageError("import.owner_unknown", example=f'--owner "{text}=U0123ABCD"', text=text)

    def _directory(self) -> Sequence[Person]:
        if self._everyone is None:
            self._everyone = self.people.everyone() if self.people is not None else ()
        return self._everyone

    def _member(self, user_id: str, name: str | None) -> Member:
        return queries.get_or_create_member(
            self.session, workspace_id=self.workspace_id, slack_user_id=user_id, name=name
        )
