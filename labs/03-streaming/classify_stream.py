"""Lab 3 — real-time classification with Structured Streaming.

Watches a landing folder (or S3 prefix) for JSON-lines files, validates and classifies events
with the same code as the batch lab, drops late events with a watermark and re-sent copies with
``dropDuplicatesWithinWatermark`` on ``event_id``, and writes each micro-batch into the shared
Parquet dataset through ``foreachBatch``: a replayed micro-batch replaces its own rows, so a
restart from the checkpoint neither loses nor duplicates events. Two latencies are measured,
both to the moment a micro-batch's rows are stored: from the event's ``event_time`` (what NFR-1
names; events that arrived late are reported apart) and from its file's landing. Each
micro-batch's progress is written to ``<output>/_stream/`` as it completes (the lab page
follows it, also on EMR).

Run it from the repository root (local Spark), feeding itself 200 events/s for 60 s::

    .venv/bin/python labs/03-streaming/classify_stream.py --landing runs/landing \\
        --output runs/03-streaming --store runs/store --checkpoint runs/checkpoints/03 \\
        --feed-rate 200 --run-seconds 60

Or process what is already in the landing folder and stop (``--available-now``). On EMR::

    spark-submit --py-files labs/dist/workshop.zip labs/03-streaming/classify_stream.py \\
        --landing s3://BUCKET/landing --output s3://BUCKET/runs/03-streaming \\
        --store s3://BUCKET/store --checkpoint s3://BUCKET/checkpoints/03 --run-seconds 300
"""

# %%
from __future__ import annotations  # type hints as on Python 3.11, also on EMR's 3.9

import argparse
import json
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

try:
    import workshop  # noqa: F401  (on a cluster it comes from --py-files workshop.zip)
except ModuleNotFoundError:  # a local run from the repository: the package sits in labs/
    sys.path.append(str(Path(__file__).resolve().parents[1]))

from workshop import checks, cli, contract, fs, rules, session, simulator, store, validate
from workshop.classify import classify, enrich
from workshop.progress import batch_files
from workshop.schema import CLASSIFIED_SCHEMA, QUARANTINE_SCHEMA

LAB_ID = "03-streaming"

# EXERCISE 3: some devices sit behind a flaky network and upload their events up to 30
# minutes late. Raise the watermark delay so the stream still classifies those events
# instead of dropping them as late (the price: Spark keeps de-duplication state longer).
WATERMARK_MINUTES = 10


# %%
def read_landing(spark: SparkSession, landing: str, max_files_per_trigger: int) -> DataFrame:
    """A stream of raw lines, with the time each file landed."""
    return (
        spark.readStream.option("maxFilesPerTrigger", max_files_per_trigger)
        .text(landing)
        .select("value", F.col("_metadata.file_modification_time").alias("landed_at"))
    )


def deduplicated_events(checked: DataFrame) -> DataFrame:
    """Valid events, late ones dropped by the watermark and re-sent copies by ``event_id``.

    ``observe`` counts the valid events before the watermark, so the run can account for the
    rows the stateful operator drops."""
    return (
        checked.transform(validate.valid_events)
        .observe("valid_events", F.count(F.lit(1)).alias("rows"))
        .withWatermark("event_time", f"{WATERMARK_MINUTES} minutes")
        .dropDuplicatesWithinWatermark(["event_id"])
    )


def classify_events(events: DataFrame) -> DataFrame:
    """The same classification the batch lab runs."""
    return events.transform(enrich).transform(lambda df: classify(df, rules.RULES))


def events_and_quarantine(lines: DataFrame) -> DataFrame:
    """One stream of both outcomes, told apart by ``kind``: classified events (de-duplicated
    within the watermark) and quarantined lines."""
    checked = lines.transform(validate.validate_lines)
    events = (
        checked.transform(deduplicated_events)
        .transform(classify_events)
        .observe("classified", *severity_counts())
        .withColumn("kind", F.lit("event"))
    )
    rejected = (
        checked.transform(validate.quarantined)
        .observe("quarantined", F.count(F.lit(1)).alias("rows"))
        .withColumn("kind", F.lit("quarantine"))
    )
    return events.unionByName(rejected, allowMissingColumns=True)


def severity_counts() -> list:
    """Rows and rows per severity: observed per micro-batch, so a listener (the lab page's live
    view, or the Spark UI's) sees what each micro-batch classified while the stream runs."""
    return [F.count(F.lit(1)).alias("rows")] + [
        F.sum((F.col("severity") == severity).cast("long")).alias(severity.lower())
        for severity in rules.SEVERITIES
    ]


# %%
class StoreWriter:
    """The ``foreachBatch`` function: writes one micro-batch into the shared dataset.

    The load id is the streaming query's id, kept in its checkpoint, so a replay after a
    restart overwrites the same ``load_id/batch_id`` folder."""

    def __init__(self, store_location: str, checkpoint: str) -> None:
        self.store_location = store_location
        self.checkpoint = checkpoint
        self.load_id: str | None = None
        self.batches: dict[int, dict] = {}

    def __call__(self, batch: DataFrame, batch_id: int) -> None:
        spark = batch.sparkSession
        if self.load_id is None:
            metadata = json.loads(fs.read_text(spark, fs.join(self.checkpoint, "metadata")))
            self.load_id = f"{store.STREAM}-{metadata['id']}"
        batch.persist()
        # One small aggregation gives the counts and both latencies: rows per outcome, per time
        # their file landed and per delay from event_time to landing (none for quarantine),
        # and the oldest event_time the watermark let through. It runs in one task over the
        # cached micro-batch (coalesce(1)): no shuffle, no stage of its own.
        landed = (
            batch.coalesce(1)
            .groupBy(
                "kind", F.unix_millis("landed_at").alias("landed_ms"), *contract.arrival_delay()
            )
            .agg(
                F.count("*").alias("count"),
                F.min(F.unix_millis("event_time")).alias("oldest_ms"),
            )
            .collect()
        )
        counts = {"event": 0, "quarantine": 0}
        for row in landed:
            counts[row["kind"]] += row["count"]
        writes = []
        if counts["event"]:
            # One file per event date and micro-batch, not one per state partition.
            events = batch.filter(F.col("kind") == "event").select(*CLASSIFIED_SCHEMA.fieldNames())
            writes.append(
                lambda: store.write_events(
                    events.coalesce(1), self.store_location, store.STREAM, self.load_id, batch_id
                )
            )
        if counts["quarantine"]:
            rejected = batch.filter(F.col("kind") == "quarantine")
            writes.append(
                lambda: store.write_quarantine(
                    rejected.select(*QUARANTINE_SCHEMA.fieldNames()),
                    self.store_location,
                    store.STREAM,
                    self.load_id,
                    batch_id,
                )
            )
        session.together(*writes)  # both writes at once: each mostly waits for its commit
        stored_ms = time.time() * 1000
        batch.unpersist()
        oldest = [row["oldest_ms"] for row in landed if row["kind"] == "event"]
        self.batches[batch_id] = {
            "classified": counts["event"],
            "quarantined": counts["quarantine"],
            "oldest_event_ms": min(oldest, default=None),
            # file landed -> stored, for every stored line (classified and quarantined)
            "latency": [(stored_ms - row["landed_ms"], row["count"]) for row in landed],
            # event_time -> stored (NFR-1), for classified events, late arrivals flagged
            "event_latency": [
                (row["arrived_late"], stored_ms - row["landed_ms"] + row["delay_ms"], row["count"])
                for row in landed
                if row["kind"] == "event"
            ],
        }


def progress_by_batch(query) -> dict[int, dict]:
    """Per micro-batch: valid events in (observed), rows the watermark dropped, and the
    watermark it used (epoch ms; None before the stream has seen an event)."""
    result = {}
    for progress in query.recentProgress:
        observed = (progress.get("observedMetrics") or {}).get("valid_events") or {}
        operators = progress["stateOperators"]
        late = sum(op.get("numRowsDroppedByWatermark", 0) for op in operators)
        # Counted by the de-duplication itself, so the identity check can catch a micro-batch
        # that loses rows after it (None where a Spark version does not report it).
        dropped = [
            (op.get("customMetrics") or {}).get("numDroppedDuplicateRows") for op in operators
        ]
        watermark = (progress.get("eventTime") or {}).get("watermark")
        watermark_ms = _epoch_ms(watermark) if watermark else 0
        result[progress["batchId"]] = {
            "valid_in": observed.get("rows", 0),
            "late": late,
            "duplicates": sum(dropped) if dropped and None not in dropped else None,
            "watermark_ms": watermark_ms or None,
        }
    return result


def _or(value, fallback):
    return fallback if value is None else value


def _epoch_ms(iso: str) -> int:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return int(moment.timestamp() * 1000)


def kept_minutes_behind(progress: dict[int, dict], written: dict[int, dict]) -> float | None:
    """How far behind the stream the oldest event a micro-batch classified was, in minutes; the
    most over the run. "Behind" is measured from the newest event time the watermark was set
    from: Spark drops as late what is older than the watermark (that newest time minus
    WATERMARK_MINUTES), so this stays at or under the watermark's delay. Spark applies to a
    micro-batch's input the watermark reported for the micro-batch before it. None until a
    micro-batch ran with a watermark."""
    behind, applied = [], None
    for batch_id in sorted(progress):
        oldest = written.get(batch_id, {}).get("oldest_event_ms")
        if applied and oldest is not None:
            behind.append((applied + WATERMARK_MINUTES * 60_000 - oldest) / 60_000)
        applied = progress[batch_id]["watermark_ms"]
    return round(max(behind), 1) if behind else None


# %%
def run(
    spark: SparkSession,
    landing: str,
    output: str,
    store_location: str,
    checkpoint: str,
    available_now: bool = False,
    trigger_seconds: float = 1.0,
    run_seconds: float = 60.0,
    max_files_per_trigger: int = 10,
    feed_rate: float = 0.0,
    seed: int = 7,
    state_partitions: int = 4,
) -> dict:
    """Run the stream (until the landing folder is drained, or for ``run_seconds``)."""
    started = contract.begin(spark, output)
    session.apply_result_conf(spark)
    writer = StoreWriter(store_location, checkpoint)
    fs.mkdirs(spark, landing)  # the file source needs the folder to exist, even empty
    stream = (
        events_and_quarantine(read_landing(spark, landing, max_files_per_trigger))
        .writeStream.foreachBatch(writer)
        .option("checkpointLocation", checkpoint)
    )
    # The de-duplication state is split into this many partitions, fixed when the checkpoint
    # is created; Spark's default (200) would mean 200 tiny tasks per micro-batch.
    previous = spark.conf.get("spark.sql.shuffle.partitions")
    spark.conf.set("spark.sql.shuffle.partitions", str(state_partitions))
    # Each micro-batch's progress goes to <output>/_stream/ as it completes (a query listener).
    with batch_files(spark, output) as batches:
        if available_now:
            query = stream.trigger(availableNow=True).start()
            batches.follow(query)
            spark.conf.set("spark.sql.shuffle.partitions", previous)
            query.awaitTermination()
        else:
            stop_feeding = threading.Event()
            feeding = _start_feed(spark, landing, feed_rate, run_seconds, seed, stop_feeding)
            query = stream.trigger(processingTime=f"{trigger_seconds} seconds").start()
            batches.follow(query)
            spark.conf.set("spark.sql.shuffle.partitions", previous)
            # Returns early when something stops the query (the lab page's Stop button does).
            query.awaitTermination(run_seconds)
            stop_feeding.set()
            if feeding is not None:
                feeding.join()
            if query.isActive:
                query.processAllAvailable()
                query.stop()
        if query.exception() is not None:
            raise RuntimeError(f"the stream failed: {query.exception()}")
        batches.complete(query)  # every micro-batch is there before _summary.json
    return _finish(spark, LAB_ID, started, query, writer, locals())


def _start_feed(spark, landing, rate, seconds, seed, stop):
    if rate <= 0:
        return None
    config = simulator.with_all_bad_input(simulator.Config(seed=seed, events=10**12))
    thread = threading.Thread(
        target=simulator.feed,
        args=(spark, config, landing, rate, seconds),
        kwargs={"stop": stop},
        daemon=True,
    )
    thread.start()
    return thread


def _finish(spark, lab_id, started, query, writer, args) -> dict:
    progress = progress_by_batch(query)
    counts = contract.empty_counts()
    latency, event_latency = [], []
    for batch_id, written in writer.batches.items():
        seen = progress.get(batch_id, {"valid_in": written["classified"], "late": 0})
        counts["input"] += seen["valid_in"] + written["quarantined"]
        counts["classified"] += written["classified"]
        counts["quarantined"] += written["quarantined"]
        counts["late_dropped"] += seen["late"]
        remainder = seen["valid_in"] - seen["late"] - written["classified"]
        counts["duplicates_dropped"] += _or(seen.get("duplicates"), remainder)
        latency.extend(written["latency"])
        event_latency.extend(written["event_latency"])
    for batch_id, seen in progress.items():  # batches that stored nothing (all dropped)
        if batch_id not in writer.batches:
            counts["input"] += seen["valid_in"]
            counts["late_dropped"] += seen["late"]
            counts["duplicates_dropped"] += _or(seen["duplicates"], seen["valid_in"] - seen["late"])
    batch_ids = sorted(writer.batches)
    load_id = writer.load_id or ""
    location = args["store_location"]
    stored = store.read_load(spark, location, "events", store.STREAM, load_id, batch_ids)
    rejected = store.read_load(spark, location, "quarantine", store.STREAM, load_id, batch_ids)
    event_stats, sample, (quarantine_lines, by_reason) = session.together(
        lambda: contract.event_counts(stored),
        lambda: contract.most_relevant(stored),
        lambda: contract.quarantine_sample_and_counts(rejected),
    )
    busy = sum(p.get("durationMs", {}).get("triggerExecution", 0) for p in query.recentProgress)
    summary = contract.summary(
        lab_id=lab_id,
        mode="stream",
        spark=spark,
        started=started,
        locations={
            "input": args["landing"],
            "output": args["output"],
            "store": location,
            "checkpoint": args["checkpoint"],
        },
        counts=counts,
        event_stats=event_stats,
        quarantine_by_reason=by_reason,
        latency_ms=contract.percentiles(latency),
        event_time_latency_ms=contract.event_time_latency(event_latency),
        processing_seconds=busy / 1000 if args["available_now"] else None,
        extra={
            "load_id": load_id,
            "stream": {
                "query_id": str(query.id),
                "batches": len(progress),
                "batch_ids": [min(progress, default=0), max(progress, default=-1)],
                "trigger": "availableNow" if args["available_now"] else "processingTime",
                "trigger_seconds": args["trigger_seconds"],
                "watermark_minutes": WATERMARK_MINUTES,
                "kept_minutes_behind": kept_minutes_behind(progress, writer.batches),
                "max_files_per_trigger": args["max_files_per_trigger"],
                "state_partitions": args["state_partitions"],
                "feed_rate": args["feed_rate"],
            },
        },
    )
    summary = checks.attach(lab_id, summary, contract.parse_lines(sample))
    contract.write(spark, args["output"], sample, quarantine_lines, summary)
    return summary


# %%
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.ArgumentParser(prog=LAB_ID, description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--landing", required=True, help="folder or s3:// prefix to watch")
    parser.add_argument("--output", required=True, help="where the result contract goes")
    parser.add_argument("--store", required=True, help="the shared Parquet dataset")
    parser.add_argument("--checkpoint", required=True, help="the stream's checkpoint location")
    parser.add_argument("--available-now", action="store_true", help="drain the folder, stop")
    parser.add_argument("--trigger-seconds", type=float, default=1.0)
    parser.add_argument("--run-seconds", type=float, default=60.0)
    parser.add_argument("--max-files-per-trigger", type=int, default=10)
    parser.add_argument("--feed-rate", type=float, default=0.0, help="simulated events/s")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--state-partitions", type=int, default=4, help="new checkpoints only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, spark: SparkSession | None = None) -> dict:
    """Run the lab from command-line arguments (a notebook passes its own ``spark``).

    An output it cannot write, or with ``--available-now`` a landing folder that is missing or
    empty, raises ``cli.LocationError``: one line that names the location and says what to do
    (local paths: before Spark starts). Without ``--available-now`` the stream may start on an
    empty landing folder and wait for files (a note on stderr says so, unless it feeds itself)."""
    args = parse_args(argv)
    if args.feed_rate > 0 and not args.available_now:  # the simulator writes into it
        landing = cli.Output("--landing", args.landing)
    else:
        landing = cli.Input(
            "--landing",
            args.landing,
            what="files to process",
            hint="--available-now has nothing to drain: write files there first "
            "(simulate.py --continuous --raw {location}), or run without --available-now "
            "to wait for them (--feed-rate 200 feeds it)",
            wait=""
            if args.available_now
            else f"the stream waits for files for {args.run_seconds:g} s: feed it with "
            "--feed-rate 200, or run simulate.py --continuous --raw {location} beside it",
        )
    places = [
        landing,
        cli.Output("--output", args.output),
        cli.Output("--store", args.store),
        cli.Output("--checkpoint", args.checkpoint),
    ]
    with cli.lab_session(LAB_ID, places, spark) as spark:
        summary = run(
            spark,
            args.landing,
            args.output,
            args.store,
            args.checkpoint,
            available_now=args.available_now,
            trigger_seconds=args.trigger_seconds,
            run_seconds=args.run_seconds,
            max_files_per_trigger=args.max_files_per_trigger,
            feed_rate=args.feed_rate,
            seed=args.seed,
            state_partitions=args.state_partitions,
        )
        print(contract.headline(summary))
        return summary


if __name__ == "__main__":
    cli.run_script(main)  # bad input: one line on stderr, exit code 2 (--debug: the traceback)
