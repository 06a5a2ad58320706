"""Block Kit: every message and view Corong sends, built on ``slack_sdk.models``."""
