"""Test support: a fake Slack Web API server and builders for Slack's inbound requests.

    from tests.fakeslack import FakeSlack, sign, slash_command_body

    with FakeSlack() as fake:                      # loopback, port 0, daemon thread
        fake.add_user("U0123ABCDE", team_id="T0123ABCDE", name="budi", real_name="Budi")
        client = WebClient(token="xoxb-test", base_url=fake.api_url)
        app = App(token="xoxb-test", signing_secret=SECRET, client=client)
        body = slash_command_body("/deal", "Acme", user_id="U0123ABCDE", team_id="T0123ABCDE",
                                  response_url=fake.response_url())
        app.dispatch(BoltRequest(body=body, headers=sign(body, SECRET)))
        (reply,) = fake.wait_for("response_url")
        fake.assert_no_violations()

``fake.violations`` lists everything the bot sent that Slack would reject or warn about
(Block Kit limits, unknown args, bad ids, missing text fallback, reused trigger_id/response_url).
Regenerate the method facts with ``python -m tests.fakeslack.build_spec``.
"""

from .blockkit import check_blocks, check_view
from .ids import API_APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, IdFactory
from .requests import (
    action_from_blocks,
    app_home_opened_event,
    block_actions_body,
    event_callback_body,
    message_container,
    sign,
    slack_view,
    slash_command_body,
    submission_values_from_view,
    url_verification_body,
    view_closed_body,
    view_container,
    view_submission_body,
)
from .server import Call, FakeSlack, UploadedFile

__all__ = [
    "API_APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "TEAM_DOMAIN",
    "TEAM_ID",
    "Call",
    "FakeSlack",
    "IdFactory",
    "UploadedFile",
    "action_from_blocks",
    "app_home_opened_event",
    "block_actions_body",
    "check_blocks",
    "check_view",
    "event_callback_body",
    "message_container",
    "sign",
    "slack_view",
    "slash_command_body",
    "submission_values_from_view",
    "url_verification_body",
    "view_closed_body",
    "view_container",
    "view_submission_body",
]
