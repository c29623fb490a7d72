"""Benchmark: batch classification throughput on local Spark.

Simulates N events (default 1,000,000, every kind of bad input on) with lab 1, then times lab
2's ``run`` on them with the session already up, twice (the first run includes the JVM's
warm-up). Prints the numbers; asserts nothing.

    .venv/bin/python labs/benchmarks/batch_throughput.py [--events 1000000] [--master local[2]]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

LABS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(LABS))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe  # noqa: E402

from workshop import session, simulator  # noqa: E402


def load(lab_id: str, entry: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"lab_{lab_id[:2]}", LABS / lab_id / entry)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")

    spark = session.build("benchmark-batch", master=args.master)
    work = Path(tempfile.mkdtemp(prefix="workshop-bench-batch-"))
    config = simulator.with_all_bad_input(simulator.Config(seed=1, events=args.events))
    started = time.perf_counter()
    load("01-devices", "simulate.py").generate(spark, config, str(work / "raw"), files=8)
    print(f"simulated {args.events:,} lines in {time.perf_counter() - started:.1f} s")

    batch = load("02-batch", "classify_batch.py")
    for number in range(1, args.runs + 1):
        started = time.perf_counter()
        summary = batch.run(
            spark, str(work / "raw"), str(work / f"out-{number}"), str(work / "store")
        )
        seconds = time.perf_counter() - started
        c = summary["counts"]
        print(
            f"run {number}: {c['input']:,} lines in {seconds:.1f} s = "
            f"{c['input'] / seconds:,.0f} events/s (classified {c['classified']:,}, "
            f"quarantined {c['quarantined']:,}, duplicates {c['duplicates_dropped']:,})"
        )
    print(
        f"machine: {describe()}; load average {os.getloadavg()[0]:.1f}; master {args.master}; "
        f"Spark {spark.version}; "
        f"Python {platform.python_version()}"
    )
    print(f"work folder: {work}")
    spark.stop()


if __name__ == "__main__":
    main()
