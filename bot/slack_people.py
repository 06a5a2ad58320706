"""The Slack workspace's people, as an import looks its deal owners up: by e-mail
(``users.lookupByEmail``) and by name (``users.list``, read once, every page)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from commands.imports.owners import Person

_NOT_FOUND = "users_not_found"
_PAGE = 200


class SlackUnavailable(Exception):
    """Slack did not answer a look-up (unreachable, or the token was refused): an owner that
    then looked unknown would be a lie, so the import stops."""


def _person(user: dict[str, Any]) -> Person:
    profile = user.get("profile") or {}
    names = [profile.get("display_name"), profile.get("real_name"), user.get("real_name")]
    names.append(user.get("name"))
    return Person(str(user["id"]), tuple(dict.fromkeys(n for n in names if n)))


class SlackPeople:
    """``commands.imports.owners.People`` through the Web API."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def by_email(self, email: str) -> Person | None:
        try:
            response = self.client.users_lookupByEmail(email=email)
        except SlackApiError as error:
            if error.response.get("error") == _NOT_FOUND:
                return None
            raise SlackUnavailable(str(error.response.get("error"))) from None
        except Exception as error:  # the network, after the client's retries
            raise SlackUnavailable(type(error).__name__) from None
        user = response.get("user") or {}
        return None if user.get("deleted") or user.get("is_bot") else _person(user)

    def everyone(self) -> Sequence[Person]:
        people: list[Person] = []
        cursor: str | None = None
        while True:
            try:
                response = self.client.users_list(limit=_PAGE, cursor=cursor)
            except SlackApiError as error:
                raise SlackUnavailable(str(error.response.get("error"))) from None
            except Exception as error:
                raise SlackUnavailable(type(error).__name__) from None
            for user in response.get("members") or []:
                if not user.get("deleted") and not user.get("is_bot") and user.get("id"):
                    people.append(_person(user))
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return people
