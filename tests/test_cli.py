"""The ``corong`` command as an operator runs it: start-up errors, HTTP mode under gunicorn,
``/healthz``, the shell, and migrations."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.config import Settings
from bot.database import engine_for
from tests.fakeslack import FakeSlack, sign, slash_command_body
from tests.patience import PATIENCE, PROCESS_PATIENCE
from tests.processes import clean_env, corong, free_port

SECRET = "cli-signing-secret"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "SLACK_BOT_TOKEN is missing"),
        ({"SLACK_BOT_TOKEN": "abc"}, "SLACK_BOT_TOKEN must be the Bot User OAuth Token"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is missing"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "SLACK_APP_TOKEN must be"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "eighty"},
            "PORT must be",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "ftp://x"},
            "SLACK_API_URL must be",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "DATABASE_URL": "mysql://x"},
            "DATABASE_URL must look like",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "LOG_LEVEL": "loud"},
            "LOG_LEVEL must be one of",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "WEB_CONCURRENCY": "two"},
            "WEB_CONCURRENCY must be the number of HTTP worker processes",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "WEB_CONCURRENCY": "0"},
            "WEB_CONCURRENCY must be the number of HTTP worker processes",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SQLITE_SYNCHRONOUS": "off"},
            "SQLITE_SYNCHRONOUS must be full",
        ),
        # SQLite (the default database) queues its writers in one process.
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "WEB_CONCURRENCY": "2"},
            "WEB_CONCURRENCY=2 needs PostgreSQL",
        ),
        (
            {
                "SLACK_BOT_TOKEN": "xoxb-1",
                "SLACK_APP_TOKEN": "xapp-1",
                "DATABASE_URL": "postgresql+psycopg://corong@127.0.0.1:9/corong",
                "WEB_CONCURRENCY": "3",
            },
            "WEB_CONCURRENCY=3 needs HTTP mode",
        ),
    ],
)
def test_bad_settings_stop_start_up_with_one_clear_line(
    tmp_path: Path, env: dict[str, str], named: str
) -> None:
    result = subprocess.run(
        corong("run"),
        env=clean_env(**env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PROCESS_PATIENCE,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert named in lines[0]
    assert "Traceback" not in result.stderr


def test_settings_are_read_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-1\nPORT=eighty\n")
    result = subprocess.run(
        corong("run"),
        env=clean_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PROCESS_PATIENCE,
    )
    assert result.returncode == 2 and "PORT must be" in result.stderr


def _run_against(tmp_path: Path, api_url: str) -> subprocess.CompletedProcess[str]:
    """``corong run`` in Socket Mode (nothing to bind but /healthz) with its Web API at
    ``api_url``; it is expected to stop at start-up."""
    return subprocess.run(
        corong("run"),
        env=clean_env(
            SLACK_BOT_TOKEN="xoxb-test-token",
            SLACK_APP_TOKEN="xapp-test-token",
            SLACK_API_URL=api_url,
            DATABASE_URL=f"sqlite:///{tmp_path / 'corong.db'}",
            PORT=str(free_port()),
        ),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PROCESS_PATIENCE,
    )


def _the_one_line(result: subprocess.CompletedProcess[str]) -> str:
    """What an operator reads when start-up stops: one line, status 2, no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # not even the client's log of each failed try
    assert lines[0].startswith("corong: ")
    return lines[0]


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked", "account_inactive"])
def test_a_token_slack_refuses_stops_start_up_saying_so(tmp_path: Path, error: str) -> None:
    with FakeSlack() as fake:
        fake.fail("auth.test", error)
        line = _the_one_line(_run_against(tmp_path, fake.api_url))
        assert [call.method for call in fake.calls] == ["auth.test"]  # asked once, not retried
    assert line.startswith(f"corong: Slack refused SLACK_BOT_TOKEN ({error}): ")
    assert "OAuth & Permissions" in line
    assert "could not be reached" not in line and "xoxb-test-token" not in line


def test_a_wrong_token_is_refused_not_unreachable(tmp_path: Path) -> None:
    with FakeSlack(token="xoxb-the-right-one") as fake:
        line = _the_one_line(_run_against(tmp_path, fake.api_url))
    assert line.startswith("corong: Slack refused SLACK_BOT_TOKEN (invalid_auth): ")


def test_an_unreachable_slack_stops_start_up_naming_the_url(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}/api/"  # nobody listens there
    line = _the_one_line(_run_against(tmp_path, closed))
    assert line.startswith(f"corong: Slack could not be reached at {closed} (")
    assert "Connection refused" in line and "SLACK_API_URL" in line
    assert "refused SLACK_BOT_TOKEN" not in line


def test_slack_in_trouble_is_named_neither_refusal_nor_unreachable(tmp_path: Path) -> None:
    with FakeSlack() as fake:
        fake.server_error("auth.test", status=503, times=3)  # the client's two retries too
        api_url = fake.api_url
        line = _the_one_line(_run_against(tmp_path, api_url))
    assert line.startswith(
        f"corong: Slack at {api_url} answered auth.test with HTTP 503, internal_error: "
    )
    assert "SLACK_API_URL" in line


@pytest.mark.parametrize(("typed", "pragma"), [(None, 2), ("full", 2), ("NORMAL", 1)])
def test_sqlite_commits_survive_a_power_cut_unless_the_operator_chooses_otherwise(
    tmp_path: Path, typed: str | None, pragma: int
) -> None:
    """``synchronous=FULL`` (2) unless ``SQLITE_SYNCHRONOUS=normal`` (1) says otherwise."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'corong.db'}"}
    if typed is not None:
        env["SQLITE_SYNCHRONOUS"] = typed
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        engine = engine_for(Settings(_env_file=None))
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == pragma
    finally:
        engine.dispose()


@pytest.fixture
def http_bot(tmp_path: Path) -> Iterator[tuple[str, FakeSlack, Path]]:
    fake = FakeSlack().start()
    fake.add_user("U0BUDI0001", team_id=fake.team_id, name="budi", locale="en-US")
    port = free_port()
    database = tmp_path / "corong.db"
    env = clean_env(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=f"sqlite:///{database}",
        PORT=str(port),
        LOG_LEVEL="WARNING",
    )
    log = (tmp_path / "bot.log").open("w")
    process = subprocess.Popen(
        corong("run"), env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + PROCESS_PATIENCE
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=PATIENCE) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert process.poll() is None, (tmp_path / "bot.log").read_text()
            assert time.monotonic() < deadline, "bot did not become healthy"
            time.sleep(0.2)
        yield url, fake, database
    finally:
        process.terminate()
        process.wait(timeout=PROCESS_PATIENCE)
        log.close()
        fake.stop()


def _post_command(url: str, fake: FakeSlack, text: str) -> tuple[int, str, str]:
    response_url = fake.response_url()
    body = slash_command_body(
        "/deal",
        text,
        user_id="U0BUDI0001",
        team_id=fake.team_id,
        response_url=response_url,
        trigger_id=fake.new_trigger_id(),
    )
    request = urllib.request.Request(
        url + "/slack/events", data=body.encode(), headers=sign(body, SECRET), method="POST"
    )
    with urllib.request.urlopen(request, timeout=PATIENCE) as response:
        return response.status, response.read().decode(), response_url


def test_http_mode_answers_a_signed_deal_add_and_stores_it(
    http_bot: tuple[str, FakeSlack, Path],
) -> None:
    url, fake, database = http_bot
    with urllib.request.urlopen(url + "/healthz", timeout=PATIENCE) as response:
        assert json.loads(response.read()) == {"ok": True, "database": "reachable"}
    # First contact: the ack is empty, the reply follows once Budi's locale is known.
    status, body, response_url = _post_command(url, fake, "add Acme Corp 50jt")
    assert status == 200
    deadline = time.monotonic() + PATIENCE
    while not fake.response_url_calls(response_url) and time.monotonic() < deadline:
        time.sleep(0.05)
    first = fake.response_url_calls(response_url)[0].args
    assert first["text"] == "Added D-1." and first["response_type"] == "ephemeral"
    # From then on the confirmation is in the ack itself.
    status, body, _ = _post_command(url, fake, "add Beta Ltd 20jt")
    assert status == 200 and json.loads(body)["text"] == "Added D-2."

    # Concurrent requests are served concurrently and none is lost.
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: _post_command(url, fake, f"add Deal {i} 1jt"), range(16)))
    assert all(status == 200 and "Added D-" in body for status, body, _ in results)
    import sqlite3

    with sqlite3.connect(database) as connection:
        numbers = [row[0] for row in connection.execute("SELECT number FROM deal")]
    assert sorted(numbers) == list(range(1, 19))
    fake.assert_no_violations()


def _shell(tmp_path: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        corong("shell", *args),
        input=script,
        text=True,
        capture_output=True,
        env=clean_env(),
        cwd=tmp_path,
        timeout=PROCESS_PATIENCE,
    )


def test_shell_adds_calls_moves_wins_and_undoes(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                "/deal add Acme Corp 50jt",
                '/call acme 20m connected "pricing ok" next:"send proposal" due:fri',
                "/deal move acme potential",
                "/deal won acme 48jt",
                "/sales undo",
                "/deal show D-1",
                "/deal add Beta 5jtt",
                ":quit",
            ]
        )
        + "\n"
    )
    result = _shell(tmp_path, script, "--name", "budi")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in (
        "Added D-1.",
        "Call logged on D-1.",
        "Moved D-1 from Lead to Potential.",
        "D-1 is won",
        "Undone: D-1 is open again.",
        "Stage: Potential",
        "IDR 50,000,000",
        "“5jtt”",
    ):
        assert expected in out, out
    assert (tmp_path / "corong.db").exists()


def test_shell_speaks_indonesian_when_asked(tmp_path: Path) -> None:
    result = _shell(tmp_path, "/deal add Toko Maju 1,5jt\n", "--locale", "id-ID")
    assert "D-1 ditambahkan." in result.stdout and "Rp 1.500.000" in result.stdout


def test_shell_reads_a_command_that_says_payload_as_a_command(tmp_path: Path) -> None:
    result = _shell(tmp_path, "/deal add Payload Systems 2jt\n/call payload 5m connected\n")
    assert "Call logged on D-1." in result.stdout, result.stdout + result.stderr
    assert "Unhandled request" not in result.stderr


def test_db_upgrade_migrates_a_fresh_database(tmp_path: Path) -> None:
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.db'}")
    result = subprocess.run(
        corong("db", "upgrade"),
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PROCESS_PATIENCE,
    )
    assert result.returncode == 0, result.stderr
    newest = max(
        p.name[:4]
        for p in (Path(__file__).parents[1] / "storage/migrations/versions").glob("0*.py")
    )
    assert f"database at revision {newest}" in result.stdout


def test_shell_locale_option_wins_over_what_was_remembered(tmp_path: Path) -> None:
    _shell(tmp_path, "/deal add Acme Corp 50jt\n")
    again = _shell(tmp_path, "/deal show D-1\n:locale en-US\n/deal show D-1\n", "--locale", "id-ID")
    first, _, second = again.stdout.partition("Locale set to en-US")
    assert "Rp 50.000.000" in first and "IDR 50,000,000" in second


def test_shell_turns_at_names_into_mentions_like_slack(tmp_path: Path) -> None:
    script = (
        ":user U0BUDI0001 budi\n/deal add Toko Maju 10jt\n/deal list @you\n"
        ":user U0SHELL001 you\n/deal list @budi\n/sales team add Jakarta @budi @sari\n"
    )
    result = _shell(tmp_path, script)
    assert "Open deals of @budi" in result.stdout and "Toko Maju" in result.stdout
    # Budi, new to the shell, is a rep: the shell's own user is the admin he is told to ask.
    assert "@you's deals are for @you" in result.stdout
    # A name the terminal has not met yet stands for a new Slack user, as picking one would.
    assert "Reps: @budi, @sari" in result.stdout


def test_shell_survives_end_of_input_inside_a_form(tmp_path: Path) -> None:
    result = _shell(tmp_path, "/deal add\nFoo\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "Form closed; nothing saved." in result.stdout


def test_shell_runs_the_bant_dialog_as_questions(tmp_path: Path) -> None:
    answers = ["1", "50jt", "1", "Budi (CTO)", "1", "invoices by hand", "2", ""]
    script = "/deal add Acme Corp 50jt\n/bant acme\n" + "\n".join(answers) + "\n/bant acme\n"
    script += "\n" * 8 + "/deal show D-1\n"
    result = _shell(tmp_path, script)
    out = result.stdout
    assert "-- Budget --" in out and "-- Timeline --" in out
    assert "Score 95/100" in out and "[1] Move to Prospect" in out
    assert "[Confirmed]" in out  # re-opened: the previous answers are offered again
    assert "Qualification number 2 of this deal" in out
    assert "BANT: Qualified (95/100)" in out


def test_shell_pipeline_and_funnel_with_its_chart_saved_beside_the_database(
    tmp_path: Path,
) -> None:
    script = "/deal add Acme Corp 50jt\n/deal add Beta 5jt\n/pipeline\n/funnel\n:quit\n"
    result = _shell(tmp_path, script, "--name", "budi")
    assert result.returncode == 0, result.stderr
    assert "Your pipeline" in result.stdout and "2 open deal(s)" in result.stdout
    assert "Funnel of the whole workspace" in result.stdout
    chart = tmp_path / "funnel-week.png"
    assert f"[{chart}]" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "WARNING" not in result.stderr
