"""How long a test waits for work on another thread or process before it fails.

Such waits return as soon as the work is done, within milliseconds on an idle machine. The
ceiling only has to lie out of reach of a busy one: CI runs the suite on two cores shared with
other jobs, where any thread can be held for seconds while the bot does nothing wrong. Tests
never assert that something was fast; they assert what happened, in what order, and how long
the bot was told to wait (on an injected clock or sleeper).
"""

PATIENCE = 30.0  # seconds
# A Python process (``corong run``, ``corong shell``, gunicorn) importing the bot and starting
# up, or shutting down: a second or two on an idle machine.
PROCESS_PATIENCE = 120.0  # seconds
# How long a SQLite writer in a test waits for its turn: Corong's own limit (storage/db.py) is a
# few seconds, which a dozen threads writing at once on a starved machine can use up.
WRITER_PATIENCE_MS = int(PATIENCE * 1000)
