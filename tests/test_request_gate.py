"""What reaches ``POST /slack/events`` from anyone but Slack is refused before it is read as
anything, and what Slack signed but could not have meant is refused too, never with a 500.

A table of junk requests goes to the real HTTP servers, gunicorn as ``corong run`` serves it and
the in-process server the scenario tests use: once unsigned (401, or 413 for a body declared
too large to read), once correctly signed (400 with a WARNING, or 401 when the signature headers
themselves are what is wrong). Neither server logs a traceback for any of them, and a real
command still works afterwards.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

from bot.inbound import MAX_BODY_BYTES, check_signature
from tests.fakeslack import FakeSlack, sign, slash_command_body
from tests.fakeslack.requests import FORM, JSON, url_verification_body
from tests.harness import BUDI, SIGNING_SECRET, TEAM, Bot
from tests.processes import clean_env, corong, free_port

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
# Slack's own signed example ("Verifying requests from Slack"), byte for byte.
SLACK_EXAMPLE = {
    "secret": "8f742231b10e8888abcd99yyyzzz85a5",
    "timestamp": "1531420618",
    "body": (
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
        "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
        "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700"
        "885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2"
        "c447fce8b6703c"
    ),
    "signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
}


def slash(text: str = "add Acme 50jt") -> bytes:
    body = slash_command_body(
        "/deal", text, user_id=BUDI, team_id=TEAM, response_url="https://hooks.slack.com/x"
    )
    return body.encode()


def form_payload(payload: object) -> bytes:
    return b"payload=" + quote(json.dumps(payload)).encode()


def json_body(value: object) -> bytes:
    return json.dumps(value).encode()


@dataclass(frozen=True)
class Junk:
    """A body Slack would never send, and how it is sent."""

    name: str
    body: bytes
    content_type: str | None = FORM
    # What a correct signature over it earns: 400 is "Slack signed it, but it makes no sense".
    signed: int = 400


BLOCK_ACTIONS = {"type": "block_actions", "user": {"id": BUDI, "team_id": TEAM}, "team": None}
EVENT = {
    "type": "event_callback",
    "team_id": TEAM,
    "event": {"type": "app_home_opened", "user": BUDI, "tab": "home"},
    "event_id": "Ev0JUNK0001",
    "event_time": 1_700_000_000,
}

JUNK = [
    Junk("invalid UTF-8", b"command=%2Fdeal&text=\xff\xfe\xfd&team_id=T1&user_id=U1"),
    Junk("truncated payload JSON", form_payload(BLOCK_ACTIONS)[:-12]),
    Junk("payload a JSON list", b"payload=%5B1%2C2%5D"),
    Junk("payload null", b"payload=null"),
    Junk("payload a string", b"payload=%22block_actions%22"),
    Junk("payload empty", b"payload="),
    Junk("payload without a type", form_payload({"user": {"id": BUDI}})),
    Junk("payload type not a string", form_payload({"type": 7})),
    Junk("payload user not an object", form_payload({**BLOCK_ACTIONS, "user": BUDI})),
    Junk("payload team not an object", form_payload({**BLOCK_ACTIONS, "team": 5})),
    Junk("form body sent as JSON", slash(), JSON),
    Junk("JSON list", b"[1,2]", JSON),
    Junk("JSON null", b"null", JSON),
    Junk("truncated JSON", b'{"type":"event_callback","event":{', JSON),
    Junk("JSON without a type", json_body({"event": {}}), JSON),
    Junk("event without its event", json_body({**EVENT, "event": None}), JSON),
    Junk("event a string", json_body({**EVENT, "event": "app_home_opened"}), JSON),
    Junk("event without an id", json_body({**EVENT, "event_id": None}), JSON),
    Junk("event time not a number", json_body({**EVENT, "event_time": "soon"}), JSON),
    Junk("authorizations not a list", json_body({**EVENT, "authorizations": "x"}), JSON),
    Junk("authorization not an object", json_body({**EVENT, "authorizations": [1]}), JSON),
    Junk("challenge missing", json_body({"type": "url_verification"}), JSON),
    Junk("empty body", b""),
    Junk("form without a command", b"text=hello&team_id=T1&user_id=U1"),
    Junk("command without a user", slash().replace(b"user_id=", b"someone=")),
    Junk("text/plain", slash(), "text/plain"),
    Junk("multipart", slash(), "multipart/form-data; boundary=x"),
    Junk("no content type", slash(), None),
]


@dataclass
class Sent:
    """A request on the wire, every header under the test's control."""

    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    content_length: str | None = None  # None: the true length
    half_close: bool = False  # stop sending after the body (a client that lied about length)


def signature_headers(
    body: bytes, timestamp: str | None = None, secret: str = SIGNING_SECRET
) -> dict[str, str]:
    """Slack's two headers for ``body``, computed over the raw bytes."""
    ts = timestamp if timestamp is not None else str(int(time.time()))
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + digest.hexdigest()}


def junk_request(junk: Junk, *, signed: bool, secret: str = SIGNING_SECRET) -> Sent:
    headers = {"Content-Type": junk.content_type} if junk.content_type else {}
    if signed:
        headers.update(signature_headers(junk.body, secret=secret))
    return Sent(junk.body, headers)


def exchange(port: int, sent: Sent) -> tuple[int, bytes]:
    """Send ``sent`` to ``/slack/events`` over a raw socket; the status and body answered."""
    length = str(len(sent.body)) if sent.content_length is None else sent.content_length
    head = [
        "POST /slack/events HTTP/1.1",
        "Host: 127.0.0.1",
        "Connection: close",
        f"Content-Length: {length}",
        *(f"{name}: {value}" for name, value in sent.headers.items()),
    ]
    raw = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + sent.body
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(raw)
        if sent.half_close:
            connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]


def header_attacks(secret: str = SIGNING_SECRET) -> dict[str, tuple[Sent, int]]:
    """Requests whose headers are the problem, each with the status it must get."""
    body, now = slash(), int(time.time())

    def signed(timestamp: str | None = None, **headers: str) -> dict[str, str]:
        found = {"Content-Type": FORM, **signature_headers(body, timestamp, secret)}
        return {**found, **headers}

    good = signed()["X-Slack-Signature"]
    return {
        "no signature headers": (Sent(body, {"Content-Type": FORM}), 401),
        "signature without timestamp": (Sent(body, {"X-Slack-Signature": good}), 401),
        "timestamp abc": (Sent(body, signed("abc")), 401),
        "timestamp empty": (Sent(body, signed("")), 401),
        "timestamp too old": (Sent(body, signed(str(now - 301))), 401),
        "timestamp in the future": (Sent(body, signed(str(now + 301))), 401),
        "signature of another body": (
            Sent(body, signature_headers(slash("add Other 1jt"), secret=secret)),
            401,
        ),
        "signature with another secret": (
            Sent(body, signature_headers(body, secret="not-the-secret")),
            401,
        ),
        "signature not hex": (Sent(body, signed(**{"X-Slack-Signature": "v0=zz"})), 401),
        "signature version 1": (Sent(body, signed(**{"X-Slack-Signature": "v1" + good[2:]})), 401),
        "signature in capitals": (Sent(body, signed(**{"X-Slack-Signature": good.upper()})), 401),
        "body longer than the limit declared": (
            Sent(b"text=", signature_headers(b"text=", secret=secret), str(MAX_BODY_BYTES + 1)),
            413,
        ),
        "body shorter than declared, signed as sent": (
            Sent(body, signed(), str(len(body) + 4000), half_close=True),
            400,
        ),
        "body shorter than declared, unsigned": (
            Sent(body, {"Content-Type": FORM}, str(len(body) + 4000), half_close=True),
            401,
        ),
    }


# --- the verifier itself ---------------------------------------------------------------------


def test_slacks_own_signed_example_verifies_and_nothing_else_does() -> None:
    body = SLACK_EXAMPLE["body"].encode()
    secret, ts, signature = (SLACK_EXAMPLE[k] for k in ("secret", "timestamp", "signature"))
    at = int(ts) + 10

    assert check_signature(secret, body, ts, signature, now=at) is None
    assert check_signature(secret, body + b"x", ts, signature, now=at) == "bad signature"
    assert check_signature(secret, body, ts, signature, now=int(ts) + 301) == "stale timestamp"
    assert check_signature(secret, body, ts, signature, now=int(ts) - 301) == "stale timestamp"
    assert check_signature(secret, body, None, signature, now=at) == "no signature"
    assert check_signature(secret, body, ts, None, now=at) == "no signature"
    assert check_signature(secret, body, "abc", signature, now=at) == "bad timestamp"
    assert check_signature(secret, body, "１２３", signature, now=at) == "bad timestamp"
    assert check_signature(secret, body, ts, "v0=é", now=at) == "bad signature"
    assert check_signature(secret, b"\xff" + body, ts, signature, now=at) == "bad signature"


# --- through the in-process server -----------------------------------------------------------


def no_traceback(caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> None:
    _, err = capfd.readouterr()
    assert "Traceback" not in err, err
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@SQLITE_ONLY
def test_junk_from_anyone_is_refused_unread_and_signed_junk_is_a_400(
    bot: Bot, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    port = int(bot.url.rsplit(":", 1)[1])
    before = bot.counts()
    results: dict[str, tuple[int, int]] = {}
    for junk in JUNK:
        unsigned, _ = exchange(port, junk_request(junk, signed=False))
        caplog.clear()
        signed, answer = exchange(port, junk_request(junk, signed=True))
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        results[junk.name] = (unsigned, signed)
        if signed == 400:
            assert len(warnings) == 1, (junk.name, [r.getMessage() for r in caplog.records])
            assert "refused a signed request" in warnings[0].getMessage()
            assert answer == b"bad request"
    assert results == {junk.name: (401, junk.signed) for junk in JUNK}

    attacks = header_attacks()
    got = {name: exchange(port, sent)[0] for name, (sent, _) in attacks.items()}
    assert got == {name: status for name, (_, status) in attacks.items()}
    assert exchange(port, Sent(slash(), signature_headers(slash()), "abc"))[0] == 400

    no_traceback(caplog, capfd)
    assert bot.counts() == before
    assert bot.slash("/deal", "add Acme 50jt").ack.text.startswith("Added D-1")


@SQLITE_ONLY
def test_a_refused_request_never_logs_its_body(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    port = int(bot.url.rsplit(":", 1)[1])
    marker = b"SECRET-LOOKING-TEXT-0042"
    body = slash(marker.decode())
    exchange(port, Sent(body, {"Content-Type": FORM}))
    exchange(port, Sent(body, signature_headers(body, secret="wrong")))
    exchange(port, Sent(b"payload=" + marker, signature_headers(b"payload=" + marker)))
    assert marker.decode() not in caplog.text
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 3
    assert [r.levelno for r in refusals[:2]] == [logging.INFO, logging.INFO]


@SQLITE_ONLY
def test_slacks_real_shapes_pass_the_gate(bot: Bot) -> None:
    port = int(bot.url.rsplit(":", 1)[1])
    body = url_verification_body("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P").encode()
    status, answer = exchange(port, Sent(body, {"Content-Type": JSON, **signature_headers(body)}))
    assert (status, json.loads(answer)) == (
        200,
        {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"},
    )

    ssl_check = b"ssl_check=1&token=xyz"
    status, _ = exchange(
        port, Sent(ssl_check, {"Content-Type": FORM, **signature_headers(ssl_check)})
    )
    assert status == 200

    charset = slash()
    status, answer = exchange(
        port,
        Sent(
            charset,
            {"Content-Type": FORM + "; charset=utf-8", **signature_headers(charset)},
        ),
    )
    assert status == 200 and b"Added D-1" in answer


@SQLITE_ONLY
def test_health_and_install_pages_do_not_ask_for_a_signature(bot: Bot) -> None:
    assert bot.get("/healthz").status == 200
    assert bot.get("/slack/install").status == 404  # one workspace: no install pages


# --- through gunicorn, as `corong run` serves it ----------------------------------------------

CLI_SECRET = "gate-signing-secret"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, FakeSlack]]:
    """``corong run`` in HTTP mode on a SQLite file, logging at INFO to a file."""
    tmp = tmp_path_factory.mktemp("gate")
    fake = FakeSlack().start()
    fake.add_user(BUDI, team_id=fake.team_id, name="budi", locale="en-US")
    port = free_port()
    env = clean_env(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=CLI_SECRET,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=f"sqlite:///{tmp / 'corong.db'}",
        PORT=str(port),
        LOG_LEVEL="INFO",
        SCHEDULED_POSTS="false",
    )
    log_path = tmp / "bot.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        corong("run"), env=env, cwd=tmp, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert process.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, "bot did not become healthy"
            time.sleep(0.2)
        yield port, log_path, fake
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        fake.stop()


def test_under_gunicorn_junk_never_gets_a_500_or_a_traceback(
    served: tuple[int, Path, FakeSlack],
) -> None:
    port, log_path, fake = served
    results: dict[str, tuple[int, int]] = {}
    for junk in JUNK:
        unsigned, _ = exchange(port, junk_request(junk, signed=False))
        signed, _ = exchange(port, junk_request(junk, signed=True, secret=CLI_SECRET))
        results[junk.name] = (unsigned, signed)
    assert results == {junk.name: (401, junk.signed) for junk in JUNK}

    attacks = header_attacks(CLI_SECRET)
    got = {name: exchange(port, sent)[0] for name, (sent, _) in attacks.items()}
    assert got == {name: status for name, (_, status) in attacks.items()}
    # gunicorn refuses a Content-Length that is not a number itself, before the app.
    garbage_length = Sent(slash(), signature_headers(slash(), secret=CLI_SECRET), "abc")
    assert exchange(port, garbage_length)[0] == 400

    log = log_path.read_text()
    assert "Traceback" not in log and " ERROR " not in log, log
    refused = len(re.findall(r" WARNING corong\.server: refused a signed request", log))
    assert refused == sum(1 for junk in JUNK if junk.signed == 400) + 1  # + the short body

    body = slash_command_body(
        "/deal",
        "add Acme 50jt",
        user_id=BUDI,
        team_id=fake.team_id,
        response_url=fake.response_url(),
        trigger_id=fake.new_trigger_id(),
    )
    status, _ = exchange(port, Sent(body.encode(), sign(body, CLI_SECRET)))
    assert status == 200
    fake.wait_for("response_url")
