"""``corong shell``: the real app, driven from a terminal.

Typed lines become the same signed requests Slack would send, dispatched through the real Bolt
app; the bot's Web API calls go to a loopback stand-in for Slack that hands messages and modals
back to the terminal.
"""
