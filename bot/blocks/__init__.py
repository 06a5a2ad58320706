"""Block Kit: every message and view Corong sends, built on ``slack_sdk.models``.

``render`` draws any command reply (one table from reply type to renderer); ``replies``,
``board``, ``funnel``, ``teams`` and ``forms`` hold those renderers, ``forms`` also the modals.
``nudge``, ``standup`` and ``digest`` draw the scheduled posts (sharing ``post_parts``),
``dashboard`` the App Home. ``elements`` holds Slack's limits and the small builders they all
use, ``text`` catalog messages as mrkdwn, and ``terminal`` shows Block Kit in the shell.
"""
