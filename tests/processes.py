"""Running ``corong`` as an operator would, from tests: the command, a clean environment, a port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path


def corong(*args: str) -> list[str]:
    """The installed ``corong`` script (or the module, when run from a bare checkout)."""
    script = Path(sys.executable).parent / "corong"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "bot.cli", *args]


def clean_env(**values: str) -> dict[str, str]:
    """This process's environment without any Slack, database or worker-count setting, plus
    ``values``."""
    dropped = ("SLACK_", "DATABASE_URL", "WEB_CONCURRENCY")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.update(values)
    return env


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_to_the_end(
    command: list[str], *, cwd: Path, timeout: float
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` to completion, its output captured as text. Should it outlive
    ``timeout`` (a ceiling, not an expectation), it is killed together with every process it
    started (a benchmark's servers), so nothing is left running, and TimeoutExpired is raised."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, to kill as one
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)
