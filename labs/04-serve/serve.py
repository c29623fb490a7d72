"""Lab 4 — store together and serve: one view over batch and real-time results.

Reads the shared Parquet dataset both paths wrote, keeps one row per event (an event the batch
and the stream both classified counts once: the batch's row wins, it saw every event), and
computes what the web view needs: open alerts (devices whose latest event is an alert), the
latest position of every employee and asset, and counts per minute by severity and category.
They go to ``<output>/aggregates/`` as Parquet and into the result contract.

Run it from the repository root (local Spark), after lab 2 or lab 3 wrote ``runs/store``::

    .venv/bin/python labs/04-serve/serve.py --store runs/store --output runs/04-serve

On EMR::

    spark-submit --py-files labs/dist/workshop.zip labs/04-serve/serve.py \\
        --store s3://BUCKET/store --output s3://BUCKET/runs/04-serve
"""

# %%
from __future__ import annotations  # type hints as on Python 3.11, also on EMR's 3.9

import argparse
import json
import sys
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

try:
    import workshop  # noqa: F401  (on a cluster it comes from --py-files workshop.zip)
except ModuleNotFoundError:  # a local run from the repository: the package sits in labs/
    sys.path.append(str(Path(__file__).resolve().parents[1]))

from workshop import checks, cli, contract, fs, session, store

LAB_ID = "04-serve"
LIST_LIMIT = 500

# EXERCISE 4: the control room also wants to see devices whose latest event is a WARNING
# (a low sensor battery, a speeding vehicle) among the open alerts. Add that severity here.
OPEN_ALERT_SEVERITIES = ["CRITICAL"]


# %%
def one_row_per_event(stored: DataFrame) -> DataFrame:
    """One row per ``event_id`` across all loads: batch rows first, then the earliest stored."""
    first = Window.partitionBy("event_id").orderBy(
        F.when(F.col("source") == store.BATCH, 0).otherwise(1),
        F.col("processed_at"),
        F.col("load_id"),
        F.col("batch_id"),
    )
    return stored.withColumn("n", F.row_number().over(first)).filter("n = 1").drop("n")


def one_row_per_quarantined_line(stored: DataFrame) -> DataFrame:
    """Quarantined lines, each line once although both paths may have quarantined it.

    A line has no id, so lines are told apart by text and file time; identical bad lines in
    one file are kept as often as the load that saw them most often saw them."""
    key = ["raw", "landed_at", "reason_code", "reason"]
    return (
        stored.groupBy(*key, "load_id")
        .count()
        .groupBy(*key)
        .agg(F.max("count").alias("copies"))
        .withColumn("copy", F.explode(F.sequence(F.lit(1), F.col("copies"))))
        .drop("copies", "copy")
    )


def latest_per_device(events: DataFrame) -> DataFrame:
    """Each device's most recent event."""
    latest = Window.partitionBy("device_id").orderBy(
        F.col("event_time").desc(), F.col("event_id").desc()
    )
    return events.withColumn("n", F.row_number().over(latest)).filter("n = 1").drop("n")


def open_alerts(events: DataFrame) -> DataFrame:
    """Devices whose latest event is still an alert (its severity is an open-alert severity)."""
    return (
        events.transform(latest_per_device)
        .filter(F.col("severity").isin(*OPEN_ALERT_SEVERITIES))
        .select(
            "device_id",
            "device_type",
            "site_id",
            "event_time",
            "severity",
            "category",
            "rule_id",
            "reason",
            "event_id",
        )
    )


def latest_positions(events: DataFrame) -> DataFrame:
    """The latest position of every employee and asset on the site plan."""
    latest = Window.partitionBy("subject_id").orderBy(
        F.col("event_time").desc(), F.col("event_id").desc()
    )
    return (
        events.filter(F.col("device_type") == "position_tag")
        .withColumn("n", F.row_number().over(latest))
        .filter("n = 1")
        .select(
            "subject_id",
            "subject_kind",
            "device_id",
            "event_time",
            "x",
            "y",
            "zone",
            "zone_restricted",
            "severity",
        )
    )


def counts_per_minute(events: DataFrame) -> DataFrame:
    """Events per minute of event time, by severity and category."""
    return events.groupBy(
        F.date_trunc("minute", "event_time").alias("minute"), "severity", "category"
    ).count()


# %%
def rows_as_json(frame: DataFrame, order: list, limit: int = LIST_LIMIT) -> list[dict]:
    lines = (
        frame.orderBy(*order)
        .limit(limit)
        .select(F.to_json(F.struct(*frame.columns), contract.JSON_TIME).alias("line"))
    )
    return [json.loads(row.line) for row in lines.collect()]


def run(spark: SparkSession, store_location: str, output: str) -> dict:
    started = contract.begin(spark, output)
    session.apply_result_conf(spark)
    stored = store.read_events(spark, store_location).persist()
    stored_quarantine = store.read_quarantine(spark, store_location)
    events = stored.transform(one_row_per_event).persist()
    quarantine = stored_quarantine.transform(one_row_per_quarantined_line)

    aggregates = {
        "open_alerts": events.transform(open_alerts),
        "latest_positions": events.transform(latest_positions),
        "counts_per_minute": events.transform(counts_per_minute),
    }
    for name, frame in aggregates.items():
        frame.coalesce(1).write.mode("overwrite").parquet(fs.join(output, "aggregates", name))

    # Counted independently of one_row_per_event, so the checks can catch a view that loses
    # events (identity) or keeps an event twice (no-double-counting).
    rows, stored_ids = stored.agg(F.count("*"), F.countDistinct("event_id")).first()
    view_rows, view_ids = events.agg(F.count("*"), F.countDistinct("event_id")).first()
    quarantined_rows, quarantined = stored_quarantine.count(), quarantine.count()
    counts = {
        "input": rows + quarantined_rows,
        "classified": view_rows,
        "quarantined": quarantined,
        # Extra stored copies of an event (batch and stream, or re-run loads), and of a line.
        "duplicates_dropped": (rows - stored_ids) + (quarantined_rows - quarantined),
        "late_dropped": 0,  # the view drops nothing as late; the stream counted its late events
    }
    alerts = rows_as_json(aggregates["open_alerts"], ["severity", F.col("event_time").desc()])
    sources = {r["source"]: r["count"] for r in stored.groupBy("source").count().collect()}
    serve = {
        "open_alert_severities": OPEN_ALERT_SEVERITIES,
        "open_alerts": alerts,
        "open_alerts_by_severity": {
            severity: sum(1 for a in alerts if a["severity"] == severity)
            for severity in ("CRITICAL", "WARNING", "INFO")
        },
        "latest_positions": rows_as_json(aggregates["latest_positions"], ["subject_id"]),
        "rows_by_source": {"batch": sources.get("batch", 0), "stream": sources.get("stream", 0)},
        "event_ids_in_view": view_ids,
        "repeated_event_ids": view_rows - view_ids,
        "loads": sorted(r["load_id"] for r in stored.select("load_id").distinct().collect()),
    }
    sample = contract.most_relevant(events)
    quarantine_lines, by_reason = contract.quarantine_sample_and_counts(quarantine)
    summary = contract.summary(
        lab_id=LAB_ID,
        mode="serve",
        spark=spark,
        started=started,
        locations={"input": store_location, "output": output, "store": store_location},
        counts=counts,
        event_stats=contract.event_counts(events),
        quarantine_by_reason=by_reason,
        extra={"serve": serve},
    )
    summary = checks.attach(LAB_ID, summary, contract.parse_lines(sample))
    contract.write(spark, output, sample, quarantine_lines, summary)
    stored.unpersist()
    events.unpersist()
    return summary


# %%
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.ArgumentParser(prog=LAB_ID, description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--store", required=True, help="the shared Parquet dataset")
    parser.add_argument("--output", required=True, help="where the result contract goes")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, spark: SparkSession | None = None) -> dict:
    """Run the lab from command-line arguments (a notebook passes its own ``spark``).

    A store that is missing or holds no stored rows, or an output it cannot write, raises
    ``cli.LocationError``: one line that names the location and says what to do (local paths:
    before Spark starts)."""
    args = parse_args(argv)
    places = [
        cli.Input(
            "--store",
            args.store,
            what="stored events (no Parquet files under events/ or quarantine/)",
            under=("events", "quarantine"),
            suffix=".parquet",
            hint="run lab 2 or lab 3 with --store {location} first, or give their --store",
        ),
        cli.Output("--output", args.output),
    ]
    with cli.lab_session(LAB_ID, places, spark) as spark:
        summary = run(spark, args.store, args.output)
        print(contract.headline(summary))
        return summary


if __name__ == "__main__":
    cli.run_script(main)  # bad input: one line on stderr, exit code 2 (--debug: the traceback)
