"""Streaming lab with availableNow: same result as the batch, exact accounting, and a stream
killed mid-way (SIGKILL) and restarted from its checkpoint loses and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import jsonschema
import pytest
from conftest import LABS_DIR, assert_frame_equal, copy_sample, landing_from, load_lab
from pyspark.sql import functions as F

from workshop import contract, progress, simulator, store

# Every kind of bad input except late events: a batch sees a late event, a stream may not.
NO_LATE = replace(
    simulator.with_all_bad_input(simulator.Config(seed=11, events=3000)), late_rate=0.0
)
COMPARED = [
    c
    for c in store.STORE_SCHEMA.fieldNames()
    if c not in ("processed_at", "source", "load_id", "batch_id")
]


def landed_live(folder, files=4, events=800, rate=40.0, after_ms=500):
    """A simulation landed the way the live feed lands it: event times of the last minute,
    each file landing ``after_ms`` after its newest event, so its events arrived within about
    ``events / files / rate`` seconds of their event_time; except the late uploads (5 % of the
    lines), which the simulator backdates by 15-90 minutes."""
    start_ms = int(time.time() * 1000 - events * 1000 / rate - 30_000)
    start = datetime.fromtimestamp(start_ms / 1000, timezone.utc)
    config = replace(
        simulator.with_all_bad_input(simulator.Config(seed=13, events=events)),
        start=start.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        events_per_second=rate,
        late_rate=0.05,
    )
    folder.mkdir(parents=True)
    per_file = -(-events // files)
    for number in range(files):
        first, last = number * per_file, min(events, (number + 1) * per_file)
        path = folder / f"live-{number:05d}.jsonl"
        path.write_text("".join(f"{line}\n" for _, _, line in simulator.lines(config, first, last)))
        landed_ns = (start_ms + int((last - 1) * 1000 / rate) + after_ms) * 1_000_000
        os.utime(path, ns=(landed_ns, landed_ns))
    return config


def stream_run(spark, landing, root, **options):
    lab = load_lab("03-streaming")
    return lab.run(
        spark,
        str(landing),
        str(root / "out"),
        str(root / "store"),
        str(root / "checkpoint"),
        available_now=True,
        **options,
    )


def batch_run(spark, raw, root):
    return load_lab("02-batch").run(spark, str(raw), str(root / "batch-out"), str(root / "store"))


def rows(spark, root, source):
    return store.read_events(spark, str(root / "store")).filter(F.col("source") == source)


def quarantine_rows(spark, root, source):
    return store.read_quarantine(spark, str(root / "store")).filter(F.col("source") == source)


def test_stream_output_equals_batch_output_on_the_same_input(spark, tmp_path):
    landing = tmp_path / "landing"
    landing_from(NO_LATE, landing, files=6)

    streamed = stream_run(spark, landing, tmp_path, max_files_per_trigger=1)
    batched = batch_run(spark, landing, tmp_path)

    assert streamed["stream"]["batches"] >= 6
    assert_frame_equal(
        rows(spark, tmp_path, "stream").select(*COMPARED),
        rows(spark, tmp_path, "batch").select(*COMPARED),
        order_by=["event_id"],
    )
    assert_frame_equal(
        quarantine_rows(spark, tmp_path, "stream").select("raw", "reason_code", "reason"),
        quarantine_rows(spark, tmp_path, "batch").select("raw", "reason_code", "reason"),
    )
    for key in ("input", "classified", "quarantined", "duplicates_dropped", "late_dropped"):
        assert streamed["counts"][key] == batched["counts"][key], key


def test_stream_accounts_for_every_line_with_late_events_dropped(spark, tmp_path):
    landing = copy_sample(tmp_path / "landing")

    summary = stream_run(spark, landing, tmp_path, max_files_per_trigger=1)

    counts = summary["counts"]
    assert counts["input"] == 2000
    assert counts["late_dropped"] > 0
    assert counts["duplicates_dropped"] > 0
    assert (
        counts["classified"]
        + counts["quarantined"]
        + counts["duplicates_dropped"]
        + counts["late_dropped"]
    ) == counts["input"]
    stored = rows(spark, tmp_path, "stream")
    assert stored.count() == counts["classified"]
    assert stored.select("event_id").distinct().count() == stored.count()
    assert summary["latency_ms"]["events"] == counts["classified"] + counts["quarantined"]
    event_time = summary["event_time_latency_ms"]
    split = [(event_time[k] or {}).get("events", 0) for k in ("on_time", "late_arrivals")]
    assert sum(split) == counts["classified"]
    results = {check["id"]: check["passed"] for check in summary["checks"]}
    assert results == {
        "identity": True,
        "classified": True,
        "late-events-kept": False,
        "watermark-30": False,
    }


def test_each_micro_batch_is_written_beside_the_result_before_the_summary(spark, tmp_path):
    landing = tmp_path / "landing"
    landed_live(landing)  # recent event times: the run also measures event-time latency below
    out = tmp_path / "out"
    stale = out / progress.STREAM_FOLDER / progress.batch_file(99)
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")  # a previous run's micro-batch, in a reused output folder

    lab = load_lab("03-streaming")
    # The command line, as on EMR: spark-submit runs main() with these arguments.
    lab.main(
        [
            *("--landing", str(landing), "--output", str(out)),
            *("--store", str(tmp_path / "store"), "--checkpoint", str(tmp_path / "checkpoint")),
            *("--available-now", "--max-files-per-trigger", "1"),
        ],
        spark=spark,
    )

    summary = json.loads((out / contract.SUMMARY).read_text())
    files = sorted((out / progress.STREAM_FOLDER).iterdir())
    batches = [json.loads(path.read_text()) for path in files]
    ids = [batch["batch_id"] for batch in batches]
    assert [path.name for path in files] == [f"batch-{i:06d}.json" for i in ids]
    assert ids == list(range(summary["stream"]["batches"]))
    assert len(ids) >= 4  # one file per trigger, maybe a no-data batch for the watermark
    for batch in batches:
        assert set(batch) == {
            "query_id",
            "batch_id",
            "timestamp",
            "input_rows",
            "input_rows_per_s",
            "processed_rows_per_s",
            "duration_ms",
            "late_dropped",
            "observed",
        }
        assert batch["query_id"] == summary["stream"]["query_id"]

    def observed(name):
        return sum(batch["observed"].get(name, {}).get("rows") or 0 for batch in batches)

    assert summary["counts"]["classified"] > 0
    assert observed("classified") == summary["counts"]["classified"]
    assert observed("quarantined") == summary["counts"]["quarantined"]
    assert sum(b["late_dropped"] for b in batches) == summary["counts"]["late_dropped"]
    last_batch = max(path.stat().st_mtime_ns for path in files)
    assert (out / contract.SUMMARY).stat().st_mtime_ns >= last_batch
    assert_event_time_latency(spark, summary, tmp_path)


def assert_event_time_latency(spark, summary, root):
    """Both latencies of a run over ``landed_live`` files (one per micro-batch): from the file's
    landing, over every stored line; from event_time, over the classified events, the late
    arrivals apart."""
    schema = json.loads((LABS_DIR / "contract" / "summary-schema.json").read_text())
    jsonschema.validate(summary, schema)
    counts, landing = summary["counts"], summary["latency_ms"]
    event_time = summary["event_time_latency_ms"]
    on_time, late = event_time["on_time"], event_time["late_arrivals"]
    assert landing["events"] == counts["classified"] + counts["quarantined"]
    assert event_time["late_arrival_ms"] == contract.LATE_ARRIVAL_MS == 60_000
    assert on_time["events"] + late["events"] == counts["classified"]
    stored = rows(spark, root, "stream")
    delay = F.unix_millis("landed_at") - F.unix_millis("event_time")
    # The first micro-batch has no watermark yet: it stores the late uploads of its file.
    assert late["events"] == stored.filter(delay > 60_000).count() > 0
    assert 15 * 60_000 <= late["p50"] <= 90 * 60_000 + landing["max"]
    # An on-time event landed 0.5 to 10.75 s after its event_time (its file spans 5 s, a
    # re-sent copy up to 5 s more): that much on top of its file's landing latency.
    assert landing["max"] + 495 <= on_time["max"] <= landing["max"] + 11_000
    assert on_time["p50"] >= 495


def test_a_progress_report_becomes_the_page_s_micro_batch():
    report = {
        "id": "d9d2bca3-e4bd-44c5-87d3-36728946a909",
        "runId": "00000000-0000-0000-0000-000000000000",
        "timestamp": "2026-11-28T12:19:01.250Z",
        "batchId": 3,
        "batchDuration": 812,
        "numInputRows": 420,
        "processedRowsPerSecond": 517.2,
        "durationMs": {"triggerExecution": 812},
        "stateOperators": [{"numRowsDroppedByWatermark": 5}, {"numRowsDroppedByWatermark": 2}],
        "observedMetrics": {"classified": {"rows": 180, "critical": None}},
    }

    assert progress.micro_batch(report) == {
        "query_id": "d9d2bca3-e4bd-44c5-87d3-36728946a909",
        "batch_id": 3,
        "timestamp": "2026-11-28T12:19:01.250Z",
        "input_rows": 420,
        "input_rows_per_s": 0,  # Spark leaves a NaN rate out of its JSON
        "processed_rows_per_s": 517.2,
        "duration_ms": 812,
        "late_dropped": 7,
        "observed": {"classified": {"rows": 180, "critical": None}},
    }
    assert progress.micro_batch({**report, "observedMetrics": {"x": {"avg": float("nan")}}})[
        "observed"
    ] == {"x": {"avg": None}}


def test_event_time_latency_reports_late_arrivals_apart(spark):
    landed = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
    delays = [0, 1_234, -40, 59_999, 60_001, 20 * 60_000 + 123]
    lines = spark.createDataFrame(
        [(landed, landed - timedelta(milliseconds=d)) for d in delays] + [(landed, None)],
        "landed_at timestamp, event_time timestamp",
    )

    grouped = [tuple(row) for row in lines.select(*contract.arrival_delay()).collect()]

    # Exact to 10 ms within 10 s, to 1 % beyond; nothing for a line without an event_time.
    assert grouped[:3] == [(False, 0.0), (False, 1_230.0), (False, -40.0)]
    for (late, rounded), exact in zip(grouped[3:6], delays[3:6]):
        assert late is (exact > 60_000)
        assert rounded == pytest.approx(exact, rel=0.005)
    assert grouped[6] == (None, None)
    samples = [(False, 900.0, 3), (False, 1_500.0, 1), (True, 30 * 60_000.0, 2), (True, 1.0, 0)]
    assert contract.event_time_latency(samples) == {
        "late_arrival_ms": 60_000,
        "on_time": {"p50": 900.0, "p95": 1_500.0, "p99": 1_500.0, "max": 1_500.0, "events": 4},
        "late_arrivals": {
            "p50": 1_800_000.0,
            "p95": 1_800_000.0,
            "p99": 1_800_000.0,
            "max": 1_800_000.0,
            "events": 2,
        },
    }
    assert contract.event_time_latency([(True, 5.0, 1)])["on_time"] is None
    assert contract.event_time_latency([]) is None


def test_restart_from_checkpoint_processes_only_new_files(spark, tmp_path):
    landing = tmp_path / "landing"
    paths = landing_from(NO_LATE, landing, files=4)
    later = paths[2:]
    for path in later:
        path.rename(tmp_path / path.name)

    first = stream_run(spark, landing, tmp_path)
    for number, path in enumerate(later):
        target = landing / path.name
        (tmp_path / path.name).rename(target)
        os.utime(target, (1_800_000_000 + number, 1_800_000_000 + number))
    second = stream_run(spark, landing, tmp_path)

    assert first["counts"]["input"] + second["counts"]["input"] == NO_LATE.events
    stored = rows(spark, tmp_path, "stream")
    assert stored.select("event_id").distinct().count() == stored.count()
    assert first["load_id"] == second["load_id"]


@pytest.mark.slow
def test_a_killed_stream_restarts_from_its_checkpoint_without_loss_or_duplicates(spark, tmp_path):
    landing = tmp_path / "landing"
    files = 12
    landing_from(NO_LATE, landing, files=files)
    checkpoint = tmp_path / "checkpoint"
    command = [
        sys.executable,
        str(LABS_DIR / "03-streaming" / "classify_stream.py"),
        "--landing",
        str(landing),
        "--output",
        str(tmp_path / "out"),
        "--store",
        str(tmp_path / "store"),
        "--checkpoint",
        str(checkpoint),
        "--available-now",
        "--max-files-per-trigger",
        "1",
    ]
    env = {**os.environ, "SPARK_MASTER": "local[1]"}

    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    commits = checkpoint / "commits"
    deadline = time.time() + 240
    while time.time() < deadline and process.poll() is None:
        if commits.is_dir() and len([p for p in commits.iterdir() if p.name.isdigit()]) >= 2:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the stream finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)  # the JVM too: no polite stop, no shutdown hooks
    process.wait()
    committed = len([p for p in commits.iterdir() if p.name.isdigit()])
    assert committed < files, "the kill came too late to interrupt the stream"
    assert not (tmp_path / "out" / "_summary.json").exists()

    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]

    expected = batch_run(spark, landing, tmp_path)
    assert_frame_equal(
        rows(spark, tmp_path, "stream").select(*COMPARED),
        rows(spark, tmp_path, "batch").select(*COMPARED),
        order_by=["event_id"],
    )
    assert quarantine_rows(spark, tmp_path, "stream").count() == expected["counts"]["quarantined"]
