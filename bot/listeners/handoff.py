"""What a listener's ack half hands its after-ack half (a Bolt lazy listener) of one request.

Bolt gives both halves the same request context. Each surface keeps what it learned in one
dataclass of its own, stored under one key, and reads it back checked for its type: a listener
never fishes loose, untyped values out of Bolt's context by name.
"""

from __future__ import annotations

from typing import TypeVar

from slack_bolt import BoltContext

HANDOFF_KEY = "corong_handoff"

Handoff = TypeVar("Handoff")


def hand_over(context: BoltContext, handoff: object) -> None:
    """Leave ``handoff`` for the after-ack half of this request."""
    context[HANDOFF_KEY] = handoff


def taken_over(context: BoltContext, kind: type[Handoff]) -> Handoff | None:
    """What the ack half left, if it left a ``kind`` (nothing when it acked early)."""
    handoff = context.get(HANDOFF_KEY)
    return handoff if isinstance(handoff, kind) else None
