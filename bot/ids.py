"""Every Slack id Corong's views and buttons use (action_id, callback_id, block_id)."""

# Buttons
PICK_DEAL = "deal_pick"  # + "_<n>"; value: JSON {"t": pending choice token, "r": picked ref}
PICK_CANCEL = "deal_pick_cancel"  # value: JSON {"t": token}; also cancels a question
# A question's answer (2 juta / 2 miliar, keep / change a past date), + "_<n>";
# value: JSON {"t": pending choice token, "a": answer code, "f": [fields asked anew]?}
ANSWER = "question_answer"
SHOW_DEAL = "deal_show"  # optionally + "_<n>" (one per list row); value: deal ref
LOG_CALL = "call_open_form"  # optionally + "_<n>" (one per App Home row); value: deal ref
RUN_BANT = "bant_open_form"  # optionally + "_<n>" (one per nudge item); value: deal ref
BANT_MOVE = "bant_move"  # value: JSON {"r": deal ref, "s": stage}
BANT_FOLLOW_UP = "bant_follow_up"  # value: deal ref
BANT_MARK_LOST = "bant_mark_lost"  # opens the lost form; value: JSON {"r": ref, "b": BANT id}
LIST_PAGE = "deal_list_page"  # or + "_prev"; value: JSON {"f": filter text, "o": offset}
PIPELINE_PAGE = "pipeline_page"  # or + "_prev"; value: JSON {"f": scope text, "o": offset}
HOME_REFRESH = "home_refresh"  # App Home: rebuild the dashboard now
# App Home "Your settings": static_selects; option value: "07:30" | "daily" | "weekly" | "off"
# | "en" | "id" | "auto" | "19:00-07:00" | "off", read as ``/sales me`` reads what is typed.
HOME_ME_TIME = "home_me_time"
HOME_ME_CADENCE = "home_me_cadence"
HOME_ME_LANGUAGE = "home_me_language"
HOME_ME_QUIET = "home_me_quiet"
# The morning nudge: one of each per item, + "_<n>" (LOG_CALL and RUN_BANT are reused likewise)
NUDGE_MOVE = "nudge_move"  # static_select; option value: JSON {"r": deal ref, "s": stage}
NUDGE_SNOOZE = "nudge_snooze"  # overflow; option value: JSON {"r": deal ref, "n": days}
NUDGE_LOST = "nudge_lost"  # opens the lost form; value: deal ref
# The forecast call: opens the forecast modal (in the nudge, the forecast DM, its reminder and
# the App Home); value: "" (this period) or the period's first day, "2026-12-01"
FORECAST_OPEN = "forecast_open"

# Modals
FORM_CALLBACK_PREFIX = "form:"  # + form name ("deal_add", "call", "deal_lost")
# /sales import: the upload modal (private_metadata, once a file is in: JSON of the upload);
# its inputs (block_id and action_id alike), and its Import button (value: unused).
IMPORT_CALLBACK = "import_upload"
IMPORT_FILE = "import_file"
IMPORT_KIND = "import_kind"
IMPORT_DATES = "import_dates"
IMPORT_SKIP_BAD = "import_skip_bad"
IMPORT_RUN = "import_run"
# The forecast modal (private_metadata: JSON {"c", "u", "h", "m" as forms have, "p": period
# kind, "s": its first day}); its inputs are form fields (commit, best_case, note).
FORECAST_CALLBACK = "forecast_submit"
NEW_DATES = "question_new_dates"  # "change" a past date: private_metadata JSON {"t", "u", "f"}


def form_callback_id(form: str) -> str:
    """The callback_id of a form's modal."""
    return f"{FORM_CALLBACK_PREFIX}{form}"


def field_block_id(field: str) -> str:
    """The block_id of a form field; its action_id is the field name itself."""
    return f"field_{field}"
