"""Produce (or check) the result each lab page shows before anything runs.

Runs every lab, in order, on the sample data with the lab's `sample_args`, the same way the
local runner does (runner/worker/spark_worker.py), and copies each run's result contract into
static/lab-results/<lab>/. With --check, runs them again into a temporary folder and fails
when the committed results drifted from what the lab code produces now.

    .venv/bin/python scripts/lab_samples.py           # regenerate
    .venv/bin/python scripts/lab_samples.py --check   # what the tests run
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABS = ROOT / "labs"
TARGET = ROOT / "static" / "lab-results"
CONTRACT_FILES = ("_summary.json", "events/part-00000.jsonl", "quarantine/part-00000.jsonl")

# Values that change from run to run (clock, machine, paths) and so are not drift.
VOLATILE_SUMMARY = {
    "python_version",
    "started_at",
    "finished_at",
    "duration_s",
    "locations",
    "latency_ms",
    "event_time_latency_ms",
    "throughput_events_per_s",
    "load_id",
    "stream",
}
VOLATILE_LINE = {"landed_at", "load_id", "batch_id", "latency_ms"}
# Load ids change with the machine: a streaming load is named after its query's id (new on
# every run), a batch load after a hash of its input's absolute path (the clone's folder).
LOAD_IDS = (
    (
        re.compile(r"stream-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        "stream-<id>",
    ),
    (re.compile(r"batch-[0-9a-f]{12}\b"), "batch-<id>"),
)


def _stable(value: object) -> object:
    """The value with every load id replaced by a placeholder."""
    if isinstance(value, str):
        for pattern, placeholder in LOAD_IDS:
            value = pattern.sub(placeholder, value)
        return value
    if isinstance(value, list):
        return [_stable(item) for item in value]
    if isinstance(value, dict):
        return {_stable(key): _stable(item) for key, item in value.items()}
    return value


sys.path[:0] = [str(LABS), str(ROOT / "runner" / "worker")]

import spark_worker  # noqa: E402  (the runner's own way of running a lab)

from workshop import session  # noqa: E402


def manifests() -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(LABS.glob("*/lab.json"))]


def _fill(arg: str, folders: dict[str, str]) -> str:
    for placeholder, folder in folders.items():
        arg = arg.replace(placeholder, folder)
    return arg


def run_all(work: Path, out: Path) -> None:
    spark = session.build("workshop-lab-samples")
    for lab in manifests():
        folders = {"{work}": str(work), "{labs}": str(LABS), "{run}": str(work / "run" / lab["id"])}
        argv = [_fill(arg, folders) for arg in lab["sample_args"]]
        print(f"→ {lab['id']}: {lab['entry']} {' '.join(argv)}", flush=True)
        spark_worker.run_lab(
            spark,
            {
                "run_id": lab["id"].replace("-", "_"),
                "entry": lab["entry"],
                "argv": argv,
                "cwd": str(LABS / lab["id"]),
            },
        )
        output = Path(argv[argv.index("--output") + 1])
        for name in CONTRACT_FILES:
            if (output / name).exists():
                (out / lab["id"] / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(output / name, out / lab["id"] / name)
    spark.stop()


def comparable(folder: Path) -> dict:
    """A lab folder's results without the values that change from run to run."""
    result = {}
    for name in CONTRACT_FILES:
        path = folder / name
        if not path.exists():
            continue
        if name == "_summary.json":
            summary = json.loads(path.read_text())
            result[name] = _stable({k: v for k, v in summary.items() if k not in VOLATILE_SUMMARY})
        else:
            lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
            stable = [
                _stable({k: v for k, v in line.items() if k not in VOLATILE_LINE}) for line in lines
            ]
            result[name] = sorted(json.dumps(line, sort_keys=True) for line in stable)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when results drifted")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lab-samples-") as tmp:
        work, fresh = Path(tmp) / "work", Path(tmp) / "results"
        run_all(work, fresh)
        if not args.check:
            shutil.rmtree(TARGET, ignore_errors=True)
            shutil.copytree(fresh, TARGET)
            print(f"Wrote {TARGET.relative_to(ROOT)}/")
            return 0
        drifted = [
            lab["id"]
            for lab in manifests()
            if comparable(fresh / lab["id"]) != comparable(TARGET / lab["id"])
        ]
    if drifted:
        print(
            f"✖ The committed sample results of {', '.join(drifted)} differ from what the lab "
            "code produces now. Regenerate them: .venv/bin/python scripts/lab_samples.py",
            file=sys.stderr,
        )
        return 1
    print("Sample results match the lab code.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
