"""The layer rules, stated once and checked on every file: the next change can't quietly break them.

- storage/ (models, queries, migrations) imports neither commands/ nor bot/, nor Slack's SDKs;
- commands/ (the command language and use cases) imports neither bot/ nor slack_bolt/slack_sdk,
  and holds no SQL: every statement is built and run in storage/ (``Session`` is only a type);
- bot/ runs no statement of its own either (bot/oauth.py, a subclass of slack_sdk's SQLAlchemy
  installation store, is the one exception), and only storage/outbox.py reads the outbox table;
- Block Kit is built only in bot/blocks/ (the only importer of ``slack_sdk.models``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SLACK_SDKS = ("slack_bolt", "slack_sdk")


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports (lazy imports inside functions included), with its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def offending_imports(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in python_files(package)
        for line, module in imported_modules(path)
        if module.split(".")[0] in forbidden
    ]


def test_the_rules_see_every_package() -> None:
    # A rule over no files passes whatever the code does: make sure each one reads something.
    for package in ("storage", "commands", "bot/blocks"):
        assert len(python_files(package)) >= 5, package


def test_storage_imports_neither_commands_nor_bot_nor_slack() -> None:
    assert offending_imports("storage", ("commands", "bot", *SLACK_SDKS)) == []


def test_commands_import_neither_bot_nor_slack() -> None:
    assert offending_imports("commands", ("bot", *SLACK_SDKS)) == []


def test_block_kit_is_built_only_in_bot_blocks() -> None:
    builders = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for package in ("bot", "commands", "storage")
        for path in python_files(package)
        if "blocks" not in path.relative_to(ROOT).parts
        for line, module in imported_modules(path)
        if module.startswith("slack_sdk.models")
    ]
    assert builders == []


@pytest.mark.parametrize(
    ("package", "forbidden", "line"),
    [
        ("storage", ("bot",), "from bot.config import Settings"),
        ("commands", ("slack_sdk",), "    from slack_sdk import WebClient"),
    ],
)
def test_a_broken_rule_is_caught(
    tmp_path: Path, package: str, forbidden: tuple[str, ...], line: str
) -> None:
    """The checker itself: a file breaking the rule (even in a lazy import) is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text(f"def later() -> None:\n{line}\n" if line.startswith(" ") else line + "\n")
    assert [module for _, module in imported_modules(bad)][0].split(".")[0] in forbidden


# What code outside storage/ may take from the database libraries: commands/ a Session for type
# hints, bot/ also the engine it passes on and the error a failing database raises.
# bot/oauth.py subclasses slack_sdk's SQLAlchemy installation store: the one exception.
_COMMANDS_MAY_IMPORT = {("sqlmodel", "Session")}
_BOT_MAY_IMPORT = _COMMANDS_MAY_IMPORT | {
    ("sqlalchemy", "Engine"),
    ("sqlalchemy.exc", "SQLAlchemyError"),
}


def _imported_names(tree: ast.AST) -> Iterator[tuple[str, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            yield from ((node.module or "", alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from ((alias.name, "") for alias in node.names)


def _sql_outside_storage(path: Path, allowed: set[tuple[str, str]]) -> Iterator[str]:
    where = path.relative_to(ROOT)
    tree = ast.parse(path.read_text())
    for module, name in _imported_names(tree):
        if module.split(".")[0] in ("sqlalchemy", "sqlmodel") and (module, name) not in allowed:
            yield f"{where}: {module}.{name}"
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        call = node.func
        if isinstance(call, ast.Attribute) and call.attr in ("exec", "execute"):
            yield f"{where}:{node.lineno}: .{call.attr}()"


def test_every_sql_statement_lives_in_storage() -> None:
    offenders = [
        *(
            found
            for path in sorted(ROOT.glob("commands/**/*.py"))
            for found in _sql_outside_storage(path, _COMMANDS_MAY_IMPORT)
        ),
        *(
            found
            for path in sorted(ROOT.glob("bot/**/*.py"))
            if path != ROOT / "bot" / "oauth.py"
            for found in _sql_outside_storage(path, _BOT_MAY_IMPORT)
        ),
    ]
    assert offenders == []


def test_only_the_outbox_module_touches_the_delivery_table() -> None:
    own = {ROOT / "storage" / "outbox.py", ROOT / "storage" / "models.py"}
    code = [*ROOT.glob("commands/**/*.py"), *ROOT.glob("bot/**/*.py"), *ROOT.glob("storage/*.py")]
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted(code)
        if path not in own
        and ("storage.models", "Delivery") in set(_imported_names(ast.parse(path.read_text())))
    ]
    assert offenders == []
