"""The committed sample data (``labs/sample-data/``): a small, deterministic simulation with
every kind of bad input turned on. Lab pages show the labs' results on it; tests run on it.

    .venv/bin/python -m workshop.sample           # (re)write labs/sample-data/
    .venv/bin/python -m workshop.sample --check   # fail when the committed files are stale
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from workshop import simulator

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample-data"
FILES = 4
CONFIG = simulator.with_all_bad_input(
    simulator.Config(seed=7, events=2000, events_per_second=1.0, anomaly_rate=0.15)
)


def write(folder: Path) -> list[Path]:
    """Write the sample (raw JSON lines in ``raw/``, what was injected in ``truth.json``)."""
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for old in raw.glob("*.jsonl"):
        old.unlink()
    per_file = -(-CONFIG.events // FILES)
    written = []
    for number in range(FILES):
        first, last = number * per_file, min(CONFIG.events, (number + 1) * per_file)
        path = raw / f"events-{number:05d}.jsonl"
        lines = simulator.lines(CONFIG, first, last)
        path.write_text("".join(f"{line}\n" for _, _, line in lines), encoding="utf-8")
        written.append(path)
    truth = {"config": asdict(CONFIG), "files": FILES, **simulator.truth(CONFIG)}
    path = folder / "truth.json"
    path.write_text(json.dumps(truth, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    written.append(path)
    return written


def stale(folder: Path = SAMPLE_DIR) -> list[str]:
    """Names of committed sample files that differ from what the simulator writes now."""
    with tempfile.TemporaryDirectory() as fresh:
        expected = {p.relative_to(fresh).as_posix(): p.read_bytes() for p in write(Path(fresh))}
    actual = {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "README.md"
    }
    return sorted(n for n in expected.keys() | actual.keys() if expected.get(n) != actual.get(n))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check labs/sample-data/.")
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args(argv)
    if args.check:
        names = stale()
        if names:
            print("stale sample data (run: python -m workshop.sample):", *names, sep="\n  ")
            return 1
        print("sample data is up to date")
        return 0
    for path in write(SAMPLE_DIR):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
