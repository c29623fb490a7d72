"""Checks on a lab's result, declared in its manifest (``lab.json``) and evaluated in plain
Python against ``_summary.json`` and the ``events/`` sample, so the same verdict can be
reproduced anywhere (the run embeds it in its summary; ``python -m workshop.checks`` re-checks a
finished output).

Check kinds:

``identity``
    ``classified + quarantined + duplicates_dropped + late_dropped == input``.
``at_least`` / ``equals``
    The summary value at a dotted ``path`` is ``>= value`` / ``== value``.
``events``
    Every event of the sample that matches ``where`` also matches ``expect``, and at least
    ``min_matches`` events match ``where`` (so the check cannot pass on no data).

A check with ``"exercise": N`` belongs to learner exercise N: it fails until the learner has
made the change the exercise asks for.

A condition is an object of ``field: value`` (equality, ``null`` for absent) or
``field: {op: value}`` with ``op`` one of ``== != < <= > >= in``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

LABS_DIR = Path(__file__).resolve().parent.parent

_OPS = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a is not None and a < b,
    "<=": lambda a, b: a is not None and a <= b,
    ">": lambda a, b: a is not None and a > b,
    ">=": lambda a, b: a is not None and a >= b,
    "in": lambda a, b: a in b,
}


def load_manifest(lab_id: str) -> dict:
    """A lab's manifest: ``labs/<lab_id>/lab.json`` beside this package, or the copy packed
    into the ``--py-files`` zip (``workshop/manifests/<lab_id>.json``)."""
    path = LABS_DIR / lab_id / "lab.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    import pkgutil

    data = pkgutil.get_data("workshop", f"manifests/{lab_id}.json")
    if data is None:
        raise FileNotFoundError(f"no manifest for lab {lab_id!r}")
    return json.loads(data.decode("utf-8"))


def matches(event: dict, condition: dict) -> bool:
    for field, wanted in condition.items():
        value = event.get(field)
        if isinstance(wanted, dict):
            for op, operand in wanted.items():
                if op not in _OPS:
                    raise ValueError(f"unknown operator {op!r} in condition on {field}")
                if not _OPS[op](value, operand):
                    return False
        elif value != wanted:
            return False
    return True


def lookup(summary: dict, path: str) -> Any:
    value: Any = summary
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def evaluate_one(check: dict, summary: dict, events: list[dict]) -> tuple[bool, str]:
    kind = check["type"]
    if kind == "identity":
        c = summary["counts"]
        total = c["classified"] + c["quarantined"] + c["duplicates_dropped"] + c["late_dropped"]
        return total == c["input"], (
            f"{c['classified']} classified + {c['quarantined']} quarantined + "
            f"{c['duplicates_dropped']} duplicates + {c['late_dropped']} late = {total}; "
            f"input {c['input']}"
        )
    if kind in ("at_least", "equals"):
        value = lookup(summary, check["path"])
        passed = (
            value == check["value"]
            if kind == "equals"
            else (value is not None and value >= check["value"])
        )
        relation = "==" if kind == "equals" else ">="
        return passed, f"{check['path']} = {value!r} (want {relation} {check['value']!r})"
    if kind == "events":
        matching = [e for e in events if matches(e, check["where"])]
        wrong = [e for e in matching if not matches(e, check["expect"])]
        minimum = check.get("min_matches", 1)
        if len(matching) < minimum:
            return False, f"only {len(matching)} matching events in the sample (need {minimum})"
        if wrong:
            example = {k: wrong[0].get(k) for k in ("event_id", "rule_id", "severity", "reason")}
            return False, f"{len(wrong)} of {len(matching)} matching events differ, e.g. {example}"
        return True, f"all {len(matching)} matching events as expected"
    raise ValueError(f"unknown check type {kind!r}")


def evaluate(checks: list[dict], summary: dict, events: list[dict]) -> list[dict]:
    results = []
    for check in checks:
        try:
            passed, detail = evaluate_one(check, summary, events)
        except (KeyError, TypeError, ValueError) as error:
            passed, detail = False, f"check could not run: {error!r}"
        results.append(
            {
                "id": check["id"],
                "title": check["title"],
                "exercise": check.get("exercise"),
                "passed": passed,
                "detail": detail,
                "hint": check.get("hint", ""),
            }
        )
    return results


def attach(lab_id: str, summary: dict, events: list[dict]) -> dict:
    """The summary with the lab's manifest checks evaluated into ``checks``."""
    checks = load_manifest(lab_id).get("checks", [])
    return {**summary, "checks": evaluate(checks, summary, events)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Re-evaluate a lab's checks on a finished run.")
    parser.add_argument("lab_id")
    parser.add_argument("output", help="the run's output location (local folder or s3://)")
    args = parser.parse_args(argv)
    from workshop import contract, session

    spark = session.build("workshop-checks")
    summary = contract.read_summary(spark, args.output)
    events = contract.read_lines(spark, args.output, "events")
    results = attach(args.lab_id, summary, events)["checks"]
    for result in results:
        print(f"{'PASS' if result['passed'] else 'FAIL'} {result['id']}: {result['detail']}")
    spark.stop()
    return 0 if all(r["passed"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
