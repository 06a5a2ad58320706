"""The shell's stand-in for Slack is small and accepts anything; what the bot sends it must still
be what Slack accepts. A shell session's every request is replayed into the strict fake Slack
(Slack's method spec, Block Kit limits, id shapes), which must find nothing wrong."""

from __future__ import annotations

import functools
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.shell import repl
from bot.shell.loopback import LoopbackSlack
from tests.fakeslack import FakeSlack
from tests.patience import PATIENCE

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

Request = tuple[str, dict[str, str], bytes]

SESSION = [
    '/deal add Acme Corp 50jt close:2026-12-31 contact:"Budi (CTO)"',
    '/call acme 20m connected "pricing ok" next:"send proposal" due:fri',
    "/deal move acme prospect",
    "/deal show acme",
    "/deal list",
    "/deal add",  # the form: answered below
    "/bant acme",  # the BANT dialog: answered below
    "/pipeline",
    "/funnel",
    "/sales team add Jakarta @budi @sari",
    "/sales team Jakarta channel #sales",
    "/sales setup",  # every field left as it is
    "/sales help",
]
FORM_ANSWERS = {
    "/deal add": ["Beta Ltd", "5jt", "", "", "", "", "", ""],
    "/bant acme": ["1", "50jt", "1", "Budi (CTO)", "1", "invoices by hand", "2", ""],
}


@pytest.fixture
def shell_requests(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[list[Request], list[str]]]:
    """Run ``SESSION`` through a real shell; yield every request it made, and what it printed."""
    seen: list[Request] = []
    monkeypatch.setattr(
        repl,
        "LoopbackSlack",
        functools.partial(
            LoopbackSlack, observer=lambda *request: seen.append(request), files_dir=tmp_path
        ),
    )
    answers: list[str] = []
    printed: list[str] = []

    def ask(prompt: str) -> str:
        if not answers:
            raise EOFError
        return answers.pop(0)

    shell = repl.Shell(engine, repl.ShellOptions(), ask=ask, say=printed.append)
    try:
        for line in SESSION:
            answers[:] = FORM_ANSWERS.get(line, [])
            repl.handle_line(shell, line)
    finally:
        shell.close()
    yield seen, printed


class Replay:
    """Sends a shell session's requests to the strict fake, translating the ids the shell's
    stand-in handed out (uploaded files) into the ones the fake handed out instead."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.files: dict[str, tuple[str, str]] = {}  # shell file id -> (fake id, upload URL)

    def send(self, request: Request) -> None:
        path, headers, body = request
        if path.startswith("/upload/"):
            _, url = self.files[path.rsplit("/", 1)[-1]]
            self._post(url, headers, body)
            return
        if path.startswith("/response"):
            self._post(self.fake.response_url("shell"), headers, body)  # five posts per URL
            return
        method = path.removeprefix("/api/")
        for shell_id, (fake_id, _) in self.files.items():
            body = body.replace(shell_id.encode(), fake_id.encode())
        answer = self._post(self.fake.api_url + method, headers, body)
        if method == "files.getUploadURLExternal":
            issued = json.loads(answer)
            shell_id = f"F0SHELL{len(self.files) + 1:04d}"  # the stand-in's numbering
            self.files[shell_id] = (issued["file_id"], issued["upload_url"])

    @staticmethod
    def _post(url: str, headers: dict[str, str], body: bytes) -> bytes:
        kept = {k: v for k, v in headers.items() if k.lower() in ("content-type", "authorization")}
        sent = urllib.request.Request(url, data=body, method="POST", headers=kept)
        with urllib.request.urlopen(sent, timeout=PATIENCE) as response:
            answer: bytes = response.read()
            return answer


def test_everything_a_shell_session_sends_is_what_slack_accepts(
    shell_requests: tuple[list[Request], list[str]],
) -> None:
    seen, printed = shell_requests
    methods = {path.removeprefix("/api/") for path, _, _ in seen if path.startswith("/api/")}
    # The session reached every surface: replies, modals, a chart, a team channel.
    reached = {"views.open", "files.completeUploadExternal", "conversations.info"}
    assert reached <= methods, methods
    assert any(path.startswith("/response") for path, _, _ in seen)
    assert any("Added D-2." in line for line in printed), printed
    assert any("Score 95/100" in line for line in printed), printed
    with FakeSlack() as fake:
        replay = Replay(fake)
        for request in seen:
            replay.send(request)
        assert len(fake.calls) >= len([r for r in seen if r[0].startswith("/api/")])
        fake.assert_no_violations()
