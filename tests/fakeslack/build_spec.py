"""Regenerate ``slack_methods.json`` (the fake's view of Slack's Web API) from the reference data.

    .venv/bin/python -m tests.fakeslack.build_spec [/work/shared/slack]

Sources: ``methods/*.json`` (current per-method facts, preferred) and ``slack_web_openapi_v2.json``
(Slack's 2020 spec, used only for methods that ``methods/`` lacks; its verbs are stale, e.g. it
lists ``views.*`` as GET).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("slack_methods.json")
DEFAULT_REF = Path("/work/shared/slack")


def build(ref: Path) -> dict[str, dict[str, Any]]:
    methods: dict[str, dict[str, Any]] = {}
    spec = json.loads((ref / "slack_web_openapi_v2.json").read_text())
    for path, ops in spec["paths"].items():
        ((verb, op),) = ops.items()
        params = op.get("parameters", [])
        methods[path.lstrip("/")] = {
            "source": "openapi",
            "verb": verb.upper(),
            "json_input": None,
            "required": sorted(
                p["name"] for p in params if p.get("required") and p["name"] != "token"
            ),
            "args": sorted(p["name"] for p in params),
            "errors": [],
        }
    for file in sorted((ref / "methods").glob("*.json")):
        data = json.loads(file.read_text())
        args = data["args"]
        methods[file.stem] = {
            "source": "methods",
            "verb": data["http_method"].upper(),
            "json_input": bool(data.get("json_input_supported", False)),
            "required": sorted(a for a in args.get("required", []) if a != "token"),
            "args": sorted(args.get("properties", {})),
            "errors": sorted(data.get("errors", {})),
        }
    return dict(sorted(methods.items()))


def main(argv: list[str]) -> None:
    ref = Path(argv[1]) if len(argv) > 1 else DEFAULT_REF
    OUT.write_text(json.dumps(build(ref), indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv)
