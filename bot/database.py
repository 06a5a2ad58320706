"""The configured database, opened for a command: brought up to date or refused in one line."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.config import ConfigError, Settings


def database_error(engine: Engine, error: SQLAlchemyError) -> ConfigError:
    """A database failure as the one line an operator reads: where, and the driver's reason."""
    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    where = engine.url.render_as_string(hide_password=True)
    return ConfigError(f"Cannot use the database at {where}: {reason}")


def engine_for(settings: Settings) -> Engine:
    """An engine for the configured database, with its settings (``SQLITE_SYNCHRONOUS``)."""
    from storage.db import make_engine

    return make_engine(settings.database, sqlite_synchronous=settings.sqlite_synchronous)


def open_database(settings: Settings, *, auto_upgrade: bool) -> Engine:
    """An engine for the configured database; SQLite is brought up to date automatically."""
    from storage.migrate import is_up_to_date, upgrade

    engine = engine_for(settings)
    where = engine.url.render_as_string(hide_password=True)
    try:
        if engine.dialect.name == "sqlite" and auto_upgrade:
            upgrade(engine)
        elif not is_up_to_date(engine):
            raise ConfigError(
                f"The database schema is not up to date: run `corong db upgrade` first ({where})"
            )
    except SQLAlchemyError as error:
        raise database_error(engine, error) from None
    return engine
