"""The work calendar: which days are work days for a team, and why the others are not.

Public holidays come from the ``holidays`` package for the workspace's country (Indonesia by
default, its cuti bersama included) or a team's own; the company adds days off of its own and
may work a public holiday (``storage.calendar``). Scheduled posts keep quiet on a day off and
say why (``commands.posts.schedule``); the "days" rules count work days (stale, overdue,
stuck); ``/sales holidays`` (``commands.workspace.holidays``) shows and changes the calendar.
A member's time off (``/sales away``, or their Slack status: ``status``) is days off for them
alone (``WorkCalendar.with_away``).
"""
