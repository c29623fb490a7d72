"""Benchmark: batch classification throughput on local Spark, beside a bare Spark pass.

Simulates N events (default 1,000,000, every kind of bad input on) with lab 1, then, with the
session already up and over the same files, times ``--runs`` times (default 3) in turn:

- lab 2's ``run`` (validate, quarantine, de-duplicate, classify, write the store and the result
  contract), and
- a bare Spark pass: read the lines as text, parse the four envelope fields (``event_id``,
  ``device_id``, ``device_type``, ``event_time``) with ``from_json``, ``dropDuplicates`` on
  ``event_id``, write Parquet: the least any batch over these files does.

The first round includes the JVM's warm-up; the warm figures are the medians of the rounds
after it, and their ratio is the lab's share of bare Spark's throughput. The Spark jobs each
lab run starts are printed too (a count that does not depend on how busy the machine is).
Prints the numbers; asserts nothing.

    .venv/bin/python labs/benchmarks/batch_throughput.py [--events 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

LABS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(LABS))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

from workshop import session, simulator  # noqa: E402

ENVELOPE = "event_id string, device_id string, device_type string, event_time string"


def load(lab_id: str, entry: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"lab_{lab_id[:2]}", LABS / lab_id / entry)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bare_pass(spark: SparkSession, raw: str, output: str) -> None:
    """Text -> four envelope fields -> one row per event_id -> Parquet."""
    (
        spark.read.text(raw)
        .select(F.from_json("value", ENVELOPE).alias("event"))
        .select("event.*")
        .dropDuplicates(["event_id"])
        .write.mode("overwrite")
        .parquet(output)
    )


def last_job_id(spark: SparkSession, groups=(None,)) -> int:
    """The highest Spark job id so far among ``groups`` (job ids only grow, so the jobs a piece
    of work ran are the difference). Batch jobs have no job group; a stream's micro-batches run
    theirs in a group named by the query's run id."""
    tracker = spark.sparkContext.statusTracker()
    return max((i for group in groups for i in tracker.getJobIdsForGroup(group)), default=-1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--runs", type=int, default=3, help="rounds of lab + bare (>= 2)")
    args = parser.parse_args()
    os.environ.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")

    spark = session.build("benchmark-batch", master=args.master)
    work = Path(tempfile.mkdtemp(prefix="workshop-bench-batch-"))
    raw = str(work / "raw")
    config = simulator.with_all_bad_input(simulator.Config(seed=1, events=args.events))
    started = time.perf_counter()
    load("01-devices", "simulate.py").generate(spark, config, raw, files=8)
    print(f"simulated {args.events:,} lines in {time.perf_counter() - started:.1f} s")

    batch = load("02-batch", "classify_batch.py")
    lab_seconds, bare_seconds = [], []
    for number in range(1, args.runs + 1):
        first_job = last_job_id(spark) + 1
        started = time.perf_counter()
        summary = batch.run(spark, raw, str(work / f"out-{number}"), str(work / "store"))
        seconds = time.perf_counter() - started
        jobs = last_job_id(spark) + 1 - first_job
        lab_seconds.append(seconds)
        c = summary["counts"]
        print(
            f"run {number}: lab {c['input']:,} lines in {seconds:.1f} s = "
            f"{c['input'] / seconds:,.0f} events/s, {jobs} Spark jobs "
            f"(classified {c['classified']:,}, quarantined {c['quarantined']:,}, "
            f"duplicates {c['duplicates_dropped']:,}); load average {os.getloadavg()[0]:.1f}"
        )
        started = time.perf_counter()
        bare_pass(spark, raw, str(work / f"bare-{number}"))
        seconds = time.perf_counter() - started
        bare_seconds.append(seconds)
        print(
            f"run {number}: bare Spark pass {args.events:,} lines in {seconds:.1f} s = "
            f"{args.events / seconds:,.0f} lines/s; load average {os.getloadavg()[0]:.1f}"
        )
    warm_lab = statistics.median(lab_seconds[1:] or lab_seconds)
    warm_bare = statistics.median(bare_seconds[1:] or bare_seconds)
    rounds = max(1, args.runs - 1)
    print(
        f"warm (median of {rounds} round{'s' if rounds > 1 else ''} after the first): "
        f"lab {args.events / warm_lab:,.0f} events/s, bare {args.events / warm_bare:,.0f} lines/s, "
        f"ratio lab/bare {warm_bare / warm_lab:.2f} (target >= 0.5)"
    )
    print(
        f"machine: {describe()}; load average {os.getloadavg()[0]:.1f}; master {args.master}; "
        f"Spark {spark.version}; Python {platform.python_version()}"
    )
    print(f"work folder: {work}")
    spark.stop()


if __name__ == "__main__":
    main()
