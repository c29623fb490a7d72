"""Lab 2 — batch classification.

Reads raw JSON lines with an explicit schema, quarantines malformed and invalid lines with a
reason, drops re-sent duplicates, classifies every event with the shared rules (category,
severity, rule id, reason), writes the shared partitioned Parquet dataset and the run's result
contract (``events/``, ``quarantine/``, ``_summary.json``).

Run it from the repository root (local Spark)::

    .venv/bin/python labs/02-batch/classify_batch.py \\
        --input labs/sample-data/raw --output runs/02-batch --store runs/store

With spark-submit, or on EMR (build the shared package first: ``python -m workshop.package``)::

    spark-submit --py-files labs/dist/workshop.zip labs/02-batch/classify_batch.py \\
        --input s3://BUCKET/raw --output s3://BUCKET/runs/02-batch --store s3://BUCKET/store
"""

# %%
from __future__ import annotations  # type hints as on Python 3.11, also on EMR's 3.9

import argparse
import sys
from pathlib import Path

from pyspark.sql import DataFrame, Observation, SparkSession, Window
from pyspark.sql import functions as F

try:
    import workshop  # noqa: F401  (on a cluster it comes from --py-files workshop.zip)
except ModuleNotFoundError:  # a local run from the repository: the package sits in labs/
    sys.path.append(str(Path(__file__).resolve().parents[1]))

from workshop import checks, cli, contract, rules, session, store, validate
from workshop.classify import classify, enrich

LAB_ID = "02-batch"

# %% [markdown]
# ## The rules this run uses
#
# The shared rules (`workshop/rules.py`) fire in order: CRITICAL rules first, then WARNING,
# then INFO; for each event the first matching rule of its device type wins.

# %%
# EXERCISE 1: the site's safety officer lowers the carbon-monoxide alarm. Make CO readings
# of 35 ppm or more CRITICAL (the shared default is 50 ppm); readings from 25 up to 35 ppm
# stay WARNING. Change one value below, nothing else.
THRESHOLDS = {**rules.THRESHOLDS, "co_critical_ppm": 50.0}

# EXERCISE 2: vehicles report their fuel level (`fuel_pct`) but no rule uses it. Add a rule
# with id "VEH-FUEL-LOW": a vehicle with less than 10% fuel is an OPERATIONS WARNING with a
# reason such as "Fuel at {fuel_pct}%". Append a `rules.Rule(...)` to the list below with its
# seven fields: id, device_type, category, severity, when (Spark SQL), condition (in words) and
# reason (the workshop/rules.py tab shows the shared rules to copy from).
EXTRA_RULES: list[rules.Rule] = []

RULES = [*rules.RULES, *EXTRA_RULES]


# %%
def drop_duplicate_events(events: DataFrame) -> DataFrame:
    """Keep one event per ``event_id``: the copy that landed first, as a stream would."""
    first_landed = Window.partitionBy("event_id").orderBy("landed_at")
    return (
        events.withColumn("copy", F.row_number().over(first_landed)).filter("copy = 1").drop("copy")
    )


def classify_events(events: DataFrame) -> DataFrame:
    """Valid events -> classified events (category, severity, rule_id, reason)."""
    return events.transform(enrich).transform(lambda df: classify(df, RULES, THRESHOLDS))


# %%
def run(spark: SparkSession, input_location: str, output: str, store_location: str) -> dict:
    """Classify every line under ``input_location``; returns the run's summary."""
    started = contract.begin(spark, output)
    session.apply_result_conf(spark)
    load_id = store.batch_load_id(spark, input_location)

    checked = store.read_lines(spark, input_location).transform(validate.validate_lines)
    checked.persist()
    # Counted while the events are written (observe: no Spark job of their own): the lines read,
    # the valid events among them, and the events the de-duplication kept. The rows stored are
    # counted apart, from the store, so the identity check can catch a classification (or a
    # write) that loses events.
    read, kept = Observation("read"), Observation("kept")
    lines, valid = F.count(F.lit(1)).alias("lines"), F.count_if(F.col("reason_code").isNull())
    classified = (
        checked.observe(read, lines, valid.alias("valid"))
        .transform(validate.valid_events)
        .transform(drop_duplicate_events)
        .observe(kept, F.count(F.lit(1)).alias("events"))
        .transform(classify_events)
    )
    quarantine = checked.transform(validate.quarantined)

    session.together(  # two independent writes, at the same time
        lambda: store.write_events(classified, store_location, store.BATCH, load_id, 0),
        lambda: store.write_quarantine(quarantine, store_location, store.BATCH, load_id, 0),
    )
    checked.unpersist()

    stored = store.read_load(spark, store_location, "events", store.BATCH, load_id)
    stored_quarantine = store.read_load(spark, store_location, "quarantine", store.BATCH, load_id)
    event_stats, sample, (quarantine_lines, by_reason) = session.together(
        lambda: contract.event_counts(stored),
        lambda: contract.most_relevant(stored),
        lambda: contract.quarantine_sample_and_counts(stored_quarantine),
    )
    counts = {
        "input": read.get["lines"],
        "classified": sum(event_stats["by_severity"].values()),  # every stored row has one
        "quarantined": sum(by_reason.values()),
        "duplicates_dropped": read.get["valid"] - kept.get["events"],
        "late_dropped": 0,  # a batch sees every event at once: nothing arrives too late
    }

    summary = contract.summary(
        lab_id=LAB_ID,
        mode="batch",
        spark=spark,
        started=started,
        locations={"input": input_location, "output": output, "store": store_location},
        counts=contract.empty_counts() | counts,
        event_stats=event_stats,
        quarantine_by_reason=by_reason,
        extra={"load_id": load_id, "thresholds": THRESHOLDS, "rules": [r.id for r in RULES]},
    )
    summary = checks.attach(LAB_ID, summary, contract.parse_lines(sample))
    contract.write(spark, output, sample, quarantine_lines, summary)
    return summary


# %%
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.ArgumentParser(prog=LAB_ID, description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--input", required=True, help="raw JSON lines: folder or s3:// prefix")
    parser.add_argument("--output", required=True, help="where the result contract goes")
    parser.add_argument("--store", required=True, help="the shared Parquet dataset")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, spark: SparkSession | None = None) -> dict:
    """Run the lab from command-line arguments (a notebook passes its own ``spark``).

    A missing or empty input, or an output it cannot write, raises ``cli.LocationError``: one
    line that names the location and says what to do (local paths: before Spark starts)."""
    args = parse_args(argv)
    places = [
        cli.Input(
            "--input",
            args.input,
            hint="point it at the JSON-lines files lab 1 wrote (its --raw) or at the sample data",
        ),
        cli.Output("--output", args.output),
        cli.Output("--store", args.store),
    ]
    with cli.lab_session(LAB_ID, places, spark) as spark:
        summary = run(spark, args.input, args.output, args.store)
        print(contract.headline(summary))
        return summary


if __name__ == "__main__":
    cli.run_script(main)  # bad input: one line on stderr, exit code 2 (--debug: the traceback)
