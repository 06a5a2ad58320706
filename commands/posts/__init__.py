"""Scheduled posts: when the bot speaks unasked (schedule.py) and what it says (nudge.py,
standup.py, digest.py, as reply values in replies.py)."""
