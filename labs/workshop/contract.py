"""The result contract every lab run writes into its output location (what the site reads).

::

    <output>/events/part-00000.jsonl       classified events, most relevant first (bounded)
    <output>/quarantine/part-00000.jsonl   rejected lines with reasons (bounded)
    <output>/_stream/batch-000000.json     stream runs: one per micro-batch (workshop.progress)
    <output>/_summary.json                 written last: its presence means the run finished

The shape of ``_summary.json`` is documented in ``labs/README.md`` and ``labs/contract/``.
"""

from __future__ import annotations

import json
import math
import platform
import time
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timezone

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from workshop import CONTRACT_VERSION, fs
from workshop.rules import CATEGORIES, SEVERITIES
from workshop.schema import DEVICE_TYPES, QUARANTINE_REASONS

EVENTS_LIMIT = 2000
QUARANTINE_LIMIT = 500
PER_MINUTE_LIMIT = 24 * 60
SUMMARY = "_summary.json"
DATA_FILE = "part-00000.jsonl"
JSON_TIME = {"timestampFormat": "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def begin(spark: SparkSession, output: str) -> float:
    """Start a run: remove the previous run's summary so a stale one is never mistaken for
    this run's. Returns the start time (``time.time()``)."""
    fs.delete(spark, fs.join(output, SUMMARY))
    return time.time()


def severity_rank() -> F.Column:
    """0 for CRITICAL, 1 for WARNING, 2 for INFO."""
    ranks = [part for rank, name in enumerate(SEVERITIES) for part in (F.lit(name), F.lit(rank))]
    return F.create_map(*ranks)[F.col("severity")]


def most_relevant(events: DataFrame, limit: int = EVENTS_LIMIT) -> list[str]:
    """JSON lines of at most ``limit`` events: CRITICAL first, then WARNING, then INFO; newest
    first within a severity."""
    columns = [c for c in events.columns if c not in ("processed_at",)]
    return [
        row.line
        for row in events.orderBy(severity_rank(), F.col("event_time").desc(), F.col("event_id"))
        .limit(limit)
        .select(F.to_json(F.struct(*columns), JSON_TIME).alias("line"))
        .collect()
    ]


def quarantine_sample_and_counts(
    quarantine: DataFrame, limit: int = QUARANTINE_LIMIT
) -> tuple[list[str], dict[str, int]]:
    """JSON lines of at most ``limit`` quarantined lines, every reason represented, and the
    lines per reason (every known reason, zero when absent), from one query: each line of the
    sample carries its reason's count, and the sample holds every reason (each reason's first
    line comes before any reason's second), as long as there are at most ``limit`` reasons."""
    by_reason = Window.partitionBy("reason_code").orderBy(F.col("landed_at"), F.col("raw"))
    whole_reason = by_reason.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)
    ranked = quarantine.withColumns(
        {
            "n": F.row_number().over(by_reason),
            "lines": F.count(F.lit(1)).over(whole_reason),
        }
    )
    line = F.to_json(F.struct("raw", "reason_code", "reason", "landed_at"), JSON_TIME)
    rows = (
        ranked.orderBy("n", "reason_code")
        .limit(limit)
        .select(line.alias("line"), "reason_code", "lines")
        .collect()
    )
    counts = Counter({row["reason_code"]: row["lines"] for row in rows})
    return [row.line for row in rows], _complete(counts, tuple(QUARANTINE_REASONS))


def event_counts(events: DataFrame) -> dict:
    """Counts by severity, category, device type, rule and per minute, from one aggregation.

    Each event is counted twice in it: per (minute, severity, category) and per (severity,
    category, device type, rule), so that only those two small sets of rows come back (not a
    row per combination of all five)."""
    keys = ["per_minute", "minute", "severity", "category", "device_type", "rule_id"]
    minute = F.date_trunc("minute", "event_time")
    none = F.lit(None).cast("string")
    both = F.explode(
        F.array(
            F.struct(
                F.lit(True).alias("per_minute"),
                minute.alias("minute"),
                "severity",
                "category",
                none.alias("device_type"),
                none.alias("rule_id"),
            ),
            F.struct(
                F.lit(False).alias("per_minute"),
                F.lit(None).cast("timestamp").alias("minute"),
                "severity",
                "category",
                "device_type",
                "rule_id",
            ),
        )
    )
    rows = events.select(both.alias("key")).select("key.*").groupBy(*keys).count().collect()
    by = {key: Counter() for key in ("severity", "category", "device_type", "rule_id")}
    minutes: dict[tuple, int] = {}
    for per_minute, moment, severity, category, device_type, rule_id, count in rows:
        if per_minute:
            minutes[(moment, severity, category)] = count
            continue
        for counter, key in zip(by.values(), (severity, category, device_type, rule_id)):
            counter[key] += count
    kept = sorted({m for m, _, _ in minutes})[-PER_MINUTE_LIMIT:]
    first_kept = kept[0] if kept else None
    per_minute = [
        {"minute": _iso(m), "severity": s, "category": c, "count": n}
        for (m, s, c), n in sorted(minutes.items())
        if first_kept is not None and m >= first_kept
    ]
    return {
        "by_severity": _complete(by["severity"], SEVERITIES),
        "by_category": _complete(by["category"], CATEGORIES),
        "by_device_type": _complete(by["device_type"], DEVICE_TYPES),
        "by_rule": dict(sorted(by["rule_id"].items())),
        "per_minute": per_minute,
        "per_minute_truncated": len(kept) < len({m for m, _, _ in minutes}),
    }


def _complete(counter: Counter, keys: Iterable[str]) -> dict[str, int]:
    """Every known key (zero when absent), then any unexpected ones."""
    result = {key: int(counter.get(key, 0)) for key in keys}
    result.update({str(k): int(v) for k, v in counter.items() if k not in result})
    return result


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


# NFR-1 (step 2c) measures latency from an event's own time, ``event_time``, to its row stored.
# An event whose file landed more than this after its event_time was uploaded late (held by a
# device or a gateway; the simulator backdates its late events by 15-90 minutes): its latency is
# that delay more than the pipeline's, so a stream reports it apart from NFR-1's percentiles.
LATE_ARRIVAL_MS = 60_000


def arrival_delay(landed_at: str = "landed_at", event_time: str = "event_time") -> list[F.Column]:
    """Two grouping columns for event-time latency, computed in the micro-batch's aggregation:
    ``arrived_late`` (the file landed more than :data:`LATE_ARRIVAL_MS` after ``event_time``)
    and ``delay_ms``, how long after ``event_time`` it landed (negative when event_time is
    later), rounded to 10 ms within 10 s and to 1 % beyond, so that a micro-batch groups into a
    bounded number of rows. Both null for a line without an event_time (a quarantined one)."""
    delay = F.unix_millis(landed_at) - F.unix_millis(event_time)
    size = F.abs(delay)
    rounded = F.when(size < 10_000, F.round(delay / 10) * 10).otherwise(
        F.signum(delay) * F.round(F.pow(F.lit(1.01), F.round(F.log(1.01, size))))
    )
    return [(delay > LATE_ARRIVAL_MS).alias("arrived_late"), rounded.alias("delay_ms")]


def event_time_latency(samples: Iterable[tuple[bool, float, int]]) -> dict | None:
    """A stream's ``event_time_latency_ms``: percentiles of event_time -> row stored over the
    classified events that arrived on time (NFR-1's figure) and, apart, over those that arrived
    late; from samples ``(arrived_late, latency_ms, count)``. None when no event was stored."""
    samples = [(late, value, n) for late, value, n in samples if n > 0]
    if not samples:
        return None
    return {
        "late_arrival_ms": LATE_ARRIVAL_MS,
        "on_time": percentiles((value, n) for late, value, n in samples if not late),
        "late_arrivals": percentiles((value, n) for late, value, n in samples if late),
    }


def percentiles(samples: Iterable[tuple[float, int]], points=(50, 95, 99)) -> dict | None:
    """Nearest-rank percentiles of weighted samples ``(value, count)``; None when empty."""
    ordered = sorted((v, n) for v, n in samples if n > 0)
    total = sum(n for _, n in ordered)
    if total == 0:
        return None
    result: dict[str, float | int] = {}
    for p in points:
        rank = max(1, math.ceil(p / 100 * total))
        seen = 0
        for value, n in ordered:
            seen += n
            if seen >= rank:
                result[f"p{p}"] = round(value, 1)
                break
    result["max"] = round(ordered[-1][0], 1)
    result["events"] = total
    return result


def empty_counts() -> dict:
    return {
        "input": 0,
        "classified": 0,
        "quarantined": 0,
        "duplicates_dropped": 0,
        "late_dropped": 0,
    }


def summary(
    *,
    lab_id: str,
    mode: str,
    spark: SparkSession,
    started: float,
    locations: dict[str, str],
    counts: dict,
    event_stats: dict | None = None,
    quarantine_by_reason: dict | None = None,
    latency_ms: dict | None = None,
    event_time_latency_ms: dict | None = None,
    processing_seconds: float | None = None,
    extra: dict | None = None,
) -> dict:
    """The ``_summary.json`` document (checks are added by :func:`workshop.checks.attach`)."""
    finished = time.time()
    duration = finished - started
    busy = processing_seconds if processing_seconds else duration
    stats = event_stats or event_counts_empty()
    return {
        "contract_version": CONTRACT_VERSION,
        "lab_id": lab_id,
        "mode": mode,
        "spark_version": spark.version,
        # The interpreter the lab ran on: on EMR, proof that the step's choice took effect.
        "python_version": platform.python_version(),
        "started_at": _iso(datetime.fromtimestamp(started, timezone.utc)),
        "finished_at": _iso(datetime.fromtimestamp(finished, timezone.utc)),
        "duration_s": round(duration, 3),
        "locations": locations,
        "counts": counts,
        **stats,
        "quarantine_by_reason": quarantine_by_reason or _complete(Counter(), QUARANTINE_REASONS),
        "latency_ms": latency_ms,
        "event_time_latency_ms": event_time_latency_ms,
        "throughput_events_per_s": round(counts["input"] / busy, 1) if busy > 0 else None,
        **(extra or {}),
        "checks": [],
    }


def event_counts_empty() -> dict:
    return {
        "by_severity": _complete(Counter(), SEVERITIES),
        "by_category": _complete(Counter(), CATEGORIES),
        "by_device_type": _complete(Counter(), DEVICE_TYPES),
        "by_rule": {},
        "per_minute": [],
        "per_minute_truncated": False,
    }


def write(
    spark: SparkSession,
    output: str,
    events: list[str],
    quarantine: list[str],
    result: dict,
) -> None:
    """Write events/, quarantine/ and, last, _summary.json."""
    for folder, lines in (("events", events), ("quarantine", quarantine)):
        fs.delete(spark, fs.join(output, folder))
        fs.write_text(spark, fs.join(output, folder, DATA_FILE), "".join(f"{x}\n" for x in lines))
    result = {**result, "samples": {"events": len(events), "quarantine": len(quarantine)}}
    fs.write_text(spark, fs.join(output, SUMMARY), json.dumps(result, indent=2) + "\n")


def read_summary(spark: SparkSession, output: str) -> dict:
    return json.loads(fs.read_text(spark, fs.join(output, SUMMARY)))


def read_lines(spark: SparkSession, output: str, folder: str) -> list[dict]:
    text = fs.read_text(spark, fs.join(output, folder, DATA_FILE))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def parse_lines(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines]


def headline(result: dict) -> str:
    """One line for the terminal: counts and check results."""
    c = result["counts"]
    passed = sum(1 for check in result["checks"] if check["passed"])
    return (
        f"{result['lab_id']}: input {c['input']}, classified {c['classified']}, "
        f"quarantined {c['quarantined']}, duplicates {c['duplicates_dropped']}, "
        f"late {c['late_dropped']}; checks {passed}/{len(result['checks'])} passed"
    )
