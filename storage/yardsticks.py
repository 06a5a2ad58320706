"""The daily yardstick snapshots (``models.Yardstick``): find a day's, keep a new one, forget
old ones. What they hold is computed in ``commands.reports.yardsticks``."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from storage.db import ENGINE, READ_ONLY, insert_unless_present, unit_of_work
from storage.models import Yardstick

log = logging.getLogger(__name__)


def find_yardstick(
    session: Session,
    *,
    workspace_id: int,
    as_of: date,
    stages: str,
    stay_window_days: int,
    win_rate_days: int,
) -> Mapping[str, Any] | None:
    """The figures kept for that day and way of measuring, or None."""
    return session.exec(
        select(Yardstick.figures).where(
            Yardstick.workspace_id == workspace_id,
            Yardstick.as_of == as_of,
            Yardstick.stages == stages,
            Yardstick.stay_window_days == stay_window_days,
            Yardstick.win_rate_days == win_rate_days,
        )
    ).first()


def keep_yardstick(
    session: Session,
    *,
    workspace_id: int,
    as_of: date,
    stages: str,
    stay_window_days: int,
    win_rate_days: int,
    figures: dict[str, Any],
    built_at: datetime,
) -> bool:
    """Keep a day's figures; True when kept. When another process kept that day's first (two
    replicas, or a report racing the scheduler), theirs stays: both were built from the same
    rows. A read-only unit of work keeps it in a short write of its own; keeping is a saving,
    not a duty, so a failure to write is logged and the reader goes on with its figures."""
    values = {
        "workspace_id": workspace_id,
        "as_of": as_of,
        "stages": stages,
        "stay_window_days": stay_window_days,
        "win_rate_days": win_rate_days,
        "figures": figures,
        "built_at": built_at,
    }
    engine = session.info.get(ENGINE)
    read_only = session.get_bind().get_execution_options().get(READ_ONLY)
    try:
        if read_only and engine is not None:
            with unit_of_work(engine) as writer:
                _insert_new(writer, values)
        else:
            _insert_new(session, values)
    except (SQLAlchemyError, TimeoutError) as error:
        log.warning("yardsticks of %s not kept: %s", as_of, error)
        return False
    return True


def _insert_new(session: Session, values: dict[str, Any]) -> None:
    session.execute(insert_unless_present(session, Yardstick, values))


def forget_yardsticks(session: Session, *, before: date) -> int:
    """Delete the snapshots of days before ``before``; how many."""
    result = session.execute(delete(Yardstick).where(col(Yardstick.as_of) < before))
    return int(getattr(result, "rowcount", 0) or 0)
