"""Slack-shaped ids, shared defaults and id patterns (used by the fake server and the builders)."""

from __future__ import annotations

import copy
import hashlib
import random
import re
import string
import threading
import time
from typing import Any

# Defaults shared by FakeSlack and the request builders, so a test that uses both agrees on them.
TEAM_ID = "T0123ABCDE"
TEAM_NAME = "Corong Dev"
TEAM_DOMAIN = "corong-dev"
API_APP_ID = "A0123APP45"
BOT_USER_ID = "U0BOTUSER1"
BOT_ID = "B0123BOT45"
BOT_NAME = "corong"
VERIFICATION_TOKEN = "Jhj5dZrVaK7ZwHHjRyZWjbDl"  # deprecated field, still sent by Slack

# Slack id patterns (slack_web_openapi_v2.json `defs_*`; real ids are 9-11 characters).
CHANNEL_RE = re.compile(r"^[CGD][A-Z0-9]{8,}$")
USER_RE = re.compile(r"^[UW][A-Z0-9]{8,}$")
TEAM_RE = re.compile(r"^[TE][A-Z0-9]{8,}$")
TS_RE = re.compile(r"^\d{10}\.\d{6}$")
FILE_RE = re.compile(r"^F[A-Z0-9]{8,}$")
TRIGGER_RE = re.compile(r"^\d+\.\d+\.[0-9a-f]+$")

_UPPER = string.ascii_uppercase + string.digits
_BLOCK_ID_CHARS = string.ascii_letters + string.digits


class IdFactory:
    """Deterministic (seeded), thread-safe generator of Slack-looking ids and timestamps."""

    def __init__(self, seed: int = 0) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._last_ts_us = 0

    def id(self, prefix: str, length: int = 10) -> str:
        """E.g. ``id("V")`` -> ``"V0K7Q2M9XZ"`` (prefix + upper-case alphanumerics)."""
        with self._lock:
            return prefix + "".join(self._rng.choice(_UPPER) for _ in range(length - len(prefix)))

    def hex(self, length: int) -> str:
        with self._lock:
            return "".join(self._rng.choice("0123456789abcdef") for _ in range(length))

    def ts(self) -> str:
        """A message ts such as ``"1595926230.009600"``: strictly increasing, unique."""
        with self._lock:
            now_us = int(time.time() * 1_000_000)
            self._last_ts_us = max(now_us, self._last_ts_us + 1)
            seconds, micros = divmod(self._last_ts_us, 1_000_000)
            return f"{seconds}.{micros:06d}"

    def trigger_id(self) -> str:
        """E.g. ``"398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"``."""
        with self._lock:
            a = self._rng.randrange(10**11, 10**12)
            b = self._rng.randrange(10**10, 10**11)
            c = "".join(self._rng.choice("0123456789abcdef") for _ in range(32))
        return f"{a}.{b}.{c}"

    def view_hash(self) -> str:
        """E.g. ``"1569362015.55b5e41b"``."""
        return f"{int(time.time())}.{self.hex(8)}"


def generated_block_id(index: int, block: dict[str, Any]) -> str:
    """The block_id Slack would invent for a block sent without one (deterministic here, so the
    fake's echoed view and a test's `state.values` agree on it). Looks like Slack's ``"2WGp9"``."""
    digest = hashlib.sha1(f"{index}:{block.get('type')}".encode()).digest()
    return "".join(_BLOCK_ID_CHARS[b % len(_BLOCK_ID_CHARS)] for b in digest[:5])


def with_block_ids(blocks: list[Any]) -> list[Any]:
    """A deep copy of ``blocks`` where every block has a ``block_id``, as Slack echoes them."""
    out: list[Any] = []
    for i, block in enumerate(blocks):
        block = copy.deepcopy(block)
        if isinstance(block, dict) and not block.get("block_id"):
            block["block_id"] = generated_block_id(i, block)
        out.append(block)
    return out
