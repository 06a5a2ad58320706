"""Run the Alembic migrations shipped inside the package, without an alembic.ini on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# slack_sdk's OAuth stores own these (migration 0007 creates them as the stores expect); they
# are not SQLModel tables, so comparing the schema with the models leaves them out.
SLACK_SDK_TABLES = frozenset({"slack_installations", "slack_bots", "slack_oauth_states"})


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's filter: everything but slack_sdk's OAuth tables and their indexes."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table not in SLACK_SDK_TABLES


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at our migrations and reusing ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (the latest by default)."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    """The newest revision this code ships."""
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def is_up_to_date(engine: Engine) -> bool:
    """True when no migration is pending."""
    return current_revision(engine) == head_revision(engine)
