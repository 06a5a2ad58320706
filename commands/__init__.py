"""The slash-command language and what each command does, free of any Slack framework."""
