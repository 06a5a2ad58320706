"""What the bot says in its own posts: the morning nudge, the standup and the weekly digest."""

MESSAGES: dict[str, dict[str, str]] = {}
