"""The README and docs/ stay true to the repository: CI runs the README's quick start, and every
path and relative link the docs cite exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The pages that describe the code as it is; the changelog may name paths that are gone.
DOCS = [ROOT / "README.md", ROOT / "tests" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A code span that names something in the repository: a path under a top-level package, or a
# dotted module path such as storage.queries.deals_missing_bant (not bot.*: tests/README.md
# speaks of the ``bot`` fixture's attributes, like bot.clock.now).
CITED_PATH = re.compile(r"`((?:bot|commands|storage|tests|bench|docs|\.ci)/[\w./-]*)`")
CITED_MODULE = re.compile(r"`((?:commands|storage)(?:\.\w+)+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def code_blocks(text: str) -> list[str]:
    return re.findall(r"^```\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_ci_runs_the_readme_set_up_and_test_commands() -> None:
    blocks = [block.strip() for block in code_blocks((ROOT / "README.md").read_text())]
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    set_up = next(line for line in ci_lines if line.startswith("python3 -m venv"))
    assert set_up in blocks, "the README's set-up block is not what .ci/run runs"
    assert "pytest" in blocks and "pytest" in ci_lines
    assert "corong shell" in blocks


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_cited_path_and_module_exists(doc: Path) -> None:
    text = doc.read_text()
    missing = [path for path in CITED_PATH.findall(text) if not (ROOT / path).exists()]
    for module in CITED_MODULE.findall(text):
        parts = module.split(".")
        prefixes = ("/".join(parts[:n]) for n in range(len(parts), 1, -1))
        if not any((ROOT / f"{p}.py").exists() or (ROOT / p).is_dir() for p in prefixes):
            missing.append(module)
    assert missing == []


@pytest.mark.parametrize(
    "doc", [*DOCS, ROOT / "CHANGELOG.md"], ids=lambda path: str(path.relative_to(ROOT))
)
def test_every_relative_link_resolves(doc: Path) -> None:
    broken = []
    for target in LINK.findall(doc.read_text()):
        if target.startswith(("http://", "https://", "#")):
            continue
        if not (doc.parent / target.partition("#")[0]).resolve().exists():
            broken.append(target)
    assert broken == []
