"""What the nudge actions (snooze) answer."""

MESSAGES: dict[str, dict[str, str]] = {}
