"""Benchmark: streaming latency, from event_time and from file landing, to the row stored.

Runs lab 3 on local Spark with its built-in feed dropping one file per second at the given
rate (default 1,000 events/s, every kind of bad input on) for ``--seconds``, with a one-second
processing-time trigger, and prints the two latencies the lab measured, each to the moment its
micro-batch's rows are stored: from the event's ``event_time`` (NFR-1's definition; the feed
stamps events with the wall clock) over the events that arrived on time, the late uploads the
simulator backdates by 15-90 minutes apart; and from the file's landing (its modification
time) over every stored line. A first, shorter run in the same session warms the JVM up (its
numbers are printed too). Asserts nothing.

    .venv/bin/python labs/benchmarks/stream_latency.py [--rate 1000] [--seconds 90]
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

from batch_throughput import load  # noqa: E402
from machine import describe  # noqa: E402

from workshop import session  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=1000.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--trigger-seconds", type=float, default=1.0)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--warm-up-seconds", type=float, default=20.0)
    parser.add_argument("--state-partitions", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")

    spark = session.build("benchmark-stream", master=args.master)
    work = Path(tempfile.mkdtemp(prefix="workshop-bench-stream-"))
    stream = load("03-streaming", "classify_stream.py")
    for name, seconds in (("warm-up", args.warm_up_seconds), ("measured", args.seconds)):
        started = time.perf_counter()
        summary = stream.run(
            spark,
            str(work / name / "landing"),
            str(work / name / "out"),
            str(work / name / "store"),
            str(work / name / "checkpoint"),
            trigger_seconds=args.trigger_seconds,
            run_seconds=seconds,
            feed_rate=args.rate,
            state_partitions=args.state_partitions,
        )
        report(name, summary, time.perf_counter() - started)
    print(
        f"machine: {describe()}; load average {os.getloadavg()[0]:.1f}; master {args.master}; "
        f"Spark {spark.version}; Python {platform.python_version()}; "
        f"feed {args.rate:,.0f} events/s, trigger {args.trigger_seconds} s"
    )
    print(f"work folder: {work}")
    spark.stop()


def report(name: str, summary: dict, seconds: float) -> None:
    c, landing, event_time = (
        summary["counts"],
        summary["latency_ms"],
        summary["event_time_latency_ms"],
    )
    print(
        f"{name}: {c['input']:,} lines in {summary['stream']['batches']} micro-batches "
        f"over {seconds:.0f} s "
        f"(classified {c['classified']:,}, quarantined {c['quarantined']:,}, "
        f"duplicates {c['duplicates_dropped']:,}, late {c['late_dropped']:,})"
    )
    late_s = event_time["late_arrival_ms"] / 1000
    print(
        "  latency event_time -> stored (NFR-1), events that landed within "
        f"{late_s:g} s of their event_time: {_percentiles(event_time['on_time'])}"
    )
    print(
        f"  late arrivals (landed more than {late_s:g} s after their event_time), apart: "
        f"{_percentiles(event_time['late_arrivals'])}"
    )
    print(f"  latency file landed -> stored, every stored line: {_percentiles(landing)}")


def _percentiles(latency: dict | None) -> str:
    if not latency:
        return "none"
    return (
        f"p50 {latency['p50']:,.0f} ms, p95 {latency['p95']:,.0f} ms, "
        f"p99 {latency['p99']:,.0f} ms, max {latency['max']:,.0f} ms over {latency['events']:,}"
    )


if __name__ == "__main__":
    main()
