"""Deal references, the one pattern: ``D-12`` as people type it and as Corong writes it.

People may type ``D-12``, ``d12``, ``#D-12`` or ``D12``; Corong itself always writes ``D-12``
(``Deal.ref``), so values it put in a button or a stored nudge must be in that exact form.
"""

from __future__ import annotations

import re

_TYPED = re.compile(r"#?[Dd]-?([0-9]{1,9})")
_WRITTEN = re.compile(r"D-([1-9][0-9]{0,8})")


def typed_ref_number(text: str) -> int | None:
    """The deal number in a typed reference (``d-12`` -> 12), or None when it is not one."""
    match = _TYPED.fullmatch(text.strip())
    return int(match.group(1)) if match else None


def written_ref_number(value: object) -> int | None:
    """The deal number in a reference Corong wrote (a button's or a stored post's ``D-12``);
    None for anything else, so a tampered value never reaches a lookup."""
    match = _WRITTEN.fullmatch(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def deal_ref(number: int) -> str:
    """How Corong writes a deal's reference."""
    return f"D-{number}"
