"""Benchmark: streaming latency, from event_time and from file landing, to the row stored.

Runs lab 3 on local Spark with its built-in feed dropping one file per second at the given
rate (default 1,000 events/s, every kind of bad input on) for ``--seconds``, with a one-second
processing-time trigger, and prints the two latencies the lab measured, each to the moment its
micro-batch's rows are stored: from the event's ``event_time`` (NFR-1's definition; the feed
stamps events with the wall clock) over the events that arrived on time, the late uploads the
simulator backdates by 15-90 minutes apart; and from the file's landing (its modification
time) over every stored line. A first, shorter run in the same session warms the JVM up (its
numbers are printed too). Each micro-batch's durations (Spark's progress report, ``durationMs``:
``triggerExecution`` and its parts) and its Spark jobs are printed beside the percentiles, then
a one-line verdict: whether every micro-batch finished within its trigger and the end-to-end
p95 is within ``--target-p95-ms``. Asserts nothing.

    .venv/bin/python labs/benchmarks/stream_latency.py [--rate 1000] [--seconds 90]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

LABS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(LABS))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_throughput import last_job_id, load  # noqa: E402
from machine import describe  # noqa: E402
from pyspark.sql.streaming import StreamingQueryListener  # noqa: E402

from workshop import session  # noqa: E402

PARTS = ("latestOffset", "getBatch", "queryPlanning", "walCommit", "addBatch", "commitOffsets")


class Progress(StreamingQueryListener):
    """Every progress report of the session's streaming queries, as Spark's JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.reports: list[dict] = []

    def onQueryStarted(self, event) -> None:
        pass

    def onQueryProgress(self, event) -> None:
        self.reports.append(json.loads(event.progress.json))

    def onQueryIdle(self, event) -> None:
        pass

    def onQueryTerminated(self, event) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=1000.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--trigger-seconds", type=float, default=1.0)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--warm-up-seconds", type=float, default=20.0)
    parser.add_argument("--state-partitions", type=int, default=2)
    parser.add_argument("--target-p95-ms", type=float, default=2000.0)
    args = parser.parse_args()
    os.environ.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")

    spark = session.build("benchmark-stream", master=args.master)
    work = Path(tempfile.mkdtemp(prefix="workshop-bench-stream-"))
    stream = load("03-streaming", "classify_stream.py")
    listener = Progress()
    spark.streams.addListener(listener)
    for name, seconds in (("warm-up", args.warm_up_seconds), ("measured", args.seconds)):
        listener.reports.clear()
        jobs_before = last_job_id(spark)
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
        run_ids = sorted({r["runId"] for r in listener.reports})
        jobs = last_job_id(spark, [None, *run_ids]) - jobs_before
        micro_batches(listener.reports, jobs, args.trigger_seconds)
        if name == "measured":
            verdict(listener.reports, summary, args.trigger_seconds, args.target_p95_ms)
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


def _durations(report: dict) -> dict:
    return report.get("durationMs") or {}


def _over_trigger(report: dict, trigger_s: float) -> bool:
    return _durations(report).get("triggerExecution", 0) > trigger_s * 1000


def micro_batches(reports: list[dict], jobs: int, trigger_s: float) -> None:
    """One line per micro-batch: rows in, trigger time and its parts (ms)."""
    data = [r for r in reports if r.get("numInputRows", 0) > 0]
    print(
        f"  {len(reports)} micro-batches ({len(data)} with data), {jobs} Spark jobs in the run "
        f"(the final contract's included): "
        f"{jobs / max(1, len(reports)):.1f} per micro-batch at most"
    )
    print("    batch   rows  trigger  " + "  ".join(f"{p:>13s}" for p in PARTS))
    for r in reports:
        d = _durations(r)
        over = " > trigger" if _over_trigger(r, trigger_s) else ""
        print(
            f"    {r['batchId']:5d} {r.get('numInputRows', 0):6,d} "
            f"{d.get('triggerExecution', 0):6,d}"
            + "".join(f"  {d.get(p, 0):13,d}" for p in PARTS)
            + over
        )
    totals = [_durations(r).get("triggerExecution", 0) for r in data]
    if totals:
        ordered = sorted(totals)
        print(
            f"  trigger time of micro-batches with data: median {ordered[len(ordered) // 2]:,} ms, "
            f"max {ordered[-1]:,} ms (trigger {trigger_s * 1000:,.0f} ms)"
        )


def verdict(reports: list[dict], summary: dict, trigger_s: float, target_p95_ms: float) -> None:
    """One line: did every micro-batch finish within its trigger, and is p95 within target?"""
    late = [r["batchId"] for r in reports if _over_trigger(r, trigger_s)]
    on_time = (summary["event_time_latency_ms"] or {}).get("on_time") or {}
    p95 = on_time.get("p95")
    keeps_up = not late
    fast = p95 is not None and p95 <= target_p95_ms
    print(
        f"verdict: {'KEEPS UP' if keeps_up else 'FALLS BEHIND'} "
        f"({len(reports) - len(late)}/{len(reports)} micro-batches within the "
        f"{trigger_s * 1000:,.0f} ms trigger"
        + (f"; over: {late[:10]}{' ...' if len(late) > 10 else ''}" if late else "")
        + f"); event_time -> stored p95 {p95 if p95 is None else f'{p95:,.0f} ms'} "
        f"{'<=' if fast else '>'} target {target_p95_ms:,.0f} ms: "
        f"{'TARGET MET' if keeps_up and fast else 'TARGET NOT MET'}"
    )


def _percentiles(latency: dict | None) -> str:
    if not latency:
        return "none"
    return (
        f"p50 {latency['p50']:,.0f} ms, p95 {latency['p95']:,.0f} ms, "
        f"p99 {latency['p99']:,.0f} ms, max {latency['max']:,.0f} ms over {latency['events']:,}"
    )


if __name__ == "__main__":
    main()
