"""manifest.yml is a valid Slack app manifest that grants exactly what the bot uses."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from commands.registry import SLASH_COMMANDS

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SLACK_REFERENCE = SHARED / "slack"
MANIFEST_PATH = REPO_ROOT / "manifest.yml"
SCHEMA_PATH = SLACK_REFERENCE / "slack_manifest.schema.1.0.0.json"
METHODS_DIR = SLACK_REFERENCE / "methods"

# Every Web API method the bot calls (slack_sdk's files_upload_v2 uses the two files.* ones).
METHODS_CALLED = (
    "auth.test",
    "chat.postMessage",
    "chat.postEphemeral",
    "chat.update",
    "conversations.open",
    "conversations.info",
    "conversations.members",
    "users.info",
    "users.list",
    "users.lookupByEmail",
    "users.profile.get",
    "team.info",
    "views.open",
    "views.publish",
    "views.push",
    "views.update",
    "files.getUploadURLExternal",
    "files.completeUploadExternal",
)

# Bot scopes each subscribed event needs (any one of them), from Slack's event reference.
EVENT_SCOPES: dict[str, tuple[str, ...]] = {
    "app_home_opened": (),
    "app_uninstalled": (),
    "tokens_revoked": (),
    "member_joined_channel": ("channels:read", "groups:read"),
}

# Scopes not tied to a Web API method or event: slash commands arrive through `commands`; a
# form's file input, and fetching the file from its url_private_download, need `files:read`.
SCOPES_FOR_FEATURES = {"commands", "files:read"}


def _require(path: Path) -> Path:
    assert path.exists(), (
        f"{path} is missing: the Slack reference data is expected in the shared directory "
        f"beside the repository ({SHARED})"
    )
    return path


@pytest.fixture(scope="module")
def manifest() -> dict:
    with MANIFEST_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), "manifest.yml must hold a YAML mapping"
    return data


@pytest.fixture(scope="module")
def bot_scopes(manifest: dict) -> set[str]:
    return set(manifest["oauth_config"]["scopes"]["bot"])


def _method_bot_scopes(method: str) -> list[str]:
    """Acceptable bot scopes for a method: any one of them is enough. Empty: none needed.

    From the method's reference page; a method without one (``users.lookupByEmail``) names its
    scope in the Web API spec's token parameter ("Requires scope: `users:read.email`")."""
    path = METHODS_DIR / f"{method}.json"
    if not path.exists():
        return _spec_scopes(method)
    facts = json.loads(path.read_text(encoding="utf-8"))
    if facts.get("no_scope_required"):
        return []
    scopes = facts.get("scope", {}).get("bot", [])
    assert scopes, f"{method}: the reference lists no bot scope and does not say none is needed"
    return scopes


def _spec_scopes(method: str) -> list[str]:
    spec = json.loads(_require(SLACK_REFERENCE / "slack_web_openapi_v2.json").read_text())
    ((operation,),) = [tuple(spec["paths"][f"/{method}"].values())]
    token = next(p for p in operation["parameters"] if p["name"] == "token")
    scopes = re.findall(r"`([a-z:.]+)`", token.get("description", ""))
    assert scopes, f"{method}: the spec names no scope for it"
    return scopes


def test_manifest_validates_against_slacks_official_schema(manifest: dict) -> None:
    schema = json.loads(_require(SCHEMA_PATH).read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(manifest), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors
    )


def test_background_color_is_a_hex_colour(manifest: dict) -> None:
    # The schema spells this rule `regex`, which JSON Schema ignores; Slack enforces it.
    colour = manifest["display_information"]["background_color"]
    assert re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", colour), colour


def test_manifest_declares_exactly_the_slash_commands_the_bot_answers(manifest: dict) -> None:
    declared = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert len(declared) == len(set(declared)), f"duplicate slash commands: {declared}"
    assert set(declared) == set(SLASH_COMMANDS)


def test_every_slash_command_has_a_description_and_usage_hint(manifest: dict) -> None:
    for command in manifest["features"]["slash_commands"]:
        assert command["description"].strip(), command["command"]
        assert command.get("usage_hint", "").strip(), command["command"]
        # Escaping on: Slack sends mentions as <@U123|name>, the user ids commands act on.
        assert command.get("should_escape") is True, command["command"]


@pytest.mark.parametrize("method", METHODS_CALLED)
def test_bot_token_may_call_every_method_the_bot_uses(method: str, bot_scopes: set[str]) -> None:
    acceptable = _method_bot_scopes(method)
    if not acceptable:
        return
    assert bot_scopes & set(acceptable), (
        f"{method} needs one of {acceptable}; manifest grants {sorted(bot_scopes)}"
    )


def test_bot_receives_every_event_it_subscribes_to(manifest: dict, bot_scopes: set[str]) -> None:
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert set(events) == set(EVENT_SCOPES)
    for event in events:
        needed = EVENT_SCOPES[event]
        assert not needed or bot_scopes & set(needed), f"{event} needs one of {needed}"


def test_manifest_requests_no_scope_the_bot_does_not_use(bot_scopes: set[str]) -> None:
    used = set(SCOPES_FOR_FEATURES)
    for method in METHODS_CALLED:
        used.update(_method_bot_scopes(method))
    for scopes in EVENT_SCOPES.values():
        used.update(scopes)
    assert bot_scopes <= used, f"unused scopes requested: {sorted(bot_scopes - used)}"
    assert "chat:write.public" not in bot_scopes


def test_slash_commands_events_and_interactivity_share_one_request_url(manifest: dict) -> None:
    settings = manifest["settings"]
    urls = {c["url"] for c in manifest["features"]["slash_commands"]}
    urls.add(settings["event_subscriptions"]["request_url"])
    urls.add(settings["interactivity"]["request_url"])
    assert len(urls) == 1, urls
    assert urls.pop().endswith("/slack/events")
    assert settings["interactivity"]["is_enabled"] is True


def test_app_home_offers_the_dashboard_and_the_bots_dms(manifest: dict) -> None:
    features = manifest["features"]
    assert features["app_home"] == {
        "home_tab_enabled": True,
        "messages_tab_enabled": True,
        "messages_tab_read_only_enabled": False,
    }
    assert features["bot_user"]["display_name"] == "corong"


def test_oauth_install_asks_for_exactly_the_manifests_bot_scopes(bot_scopes: set[str]) -> None:
    from bot.oauth import BOT_SCOPES

    assert set(BOT_SCOPES) == bot_scopes
    assert len(BOT_SCOPES) == len(set(BOT_SCOPES))


def test_oauth_redirect_url_is_the_path_the_bot_serves(manifest: dict) -> None:
    from bot.oauth import REDIRECT_PATH

    (url,) = manifest["oauth_config"]["redirect_urls"]
    assert url.startswith("https://") and url.endswith(REDIRECT_PATH)
    # Uninstalls and revoked tokens are how the bot learns to forget a workspace's tokens.
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked"} <= set(events)
