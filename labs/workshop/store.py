"""The shared dataset both paths write into, and the raw lines both paths read.

Layout (Hive-style partitions, Parquet)::

    <store>/events/source=<batch|stream>/load_id=<id>/batch_id=<n>/event_date=<yyyy-mm-dd>/
    <store>/quarantine/source=<batch|stream>/load_id=<id>/batch_id=<n>/

A *load* is one batch run over one input location, or one streaming query (its checkpoint).
Each write replaces exactly one ``load_id/batch_id`` folder, so re-running a batch or replaying
a micro-batch after a crash rewrites the same rows instead of adding copies.
"""

from __future__ import annotations

import hashlib

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from workshop import fs
from workshop.schema import QUARANTINE_STORE_SCHEMA, STORE_SCHEMA

BATCH = "batch"
STREAM = "stream"


def read_lines(spark: SparkSession, location: str) -> DataFrame:
    """Raw lines of every file under ``location``, with the time each file landed."""
    return (
        spark.read.option("recursiveFileLookup", "true")
        .text(location)
        .select("value", F.col("_metadata.file_modification_time").alias("landed_at"))
    )


def batch_load_id(spark: SparkSession, input_location: str) -> str:
    """The same input location always gets the same load id, so a re-run replaces its rows."""
    digest = hashlib.sha1(fs.qualify(spark, input_location).encode("utf-8")).hexdigest()
    return f"{BATCH}-{digest[:12]}"


def load_path(store: str, table: str, source: str, load_id: str, batch_id: int) -> str:
    return fs.join(store, table, f"source={source}", f"load_id={load_id}", f"batch_id={batch_id}")


# Columns with (nearly) one value per event: Parquet's dictionary encoding tries them, fills its
# dictionary and falls back to plain encoding anyway, and the trying cost a third of the write.
# The repeating ones (device, type, severity, rule, zone, landing time...) keep it.
PLAIN_ENCODED = (
    "event_id",
    "event_time",
    "reason",
    "x",
    "y",
    "ppm",
    "battery_pct",
    "speed_kmh",
    "engine_temp_c",
    "fuel_pct",
    "due_time",
    "completed_time",
    "overdue_min",
)


def with_processed_at(rows: DataFrame) -> DataFrame:
    """Add ``processed_at``, the query's current time. Through ``explode`` of a one-element
    array, not as a plain column: Spark writes a plain time value into the generated code of the
    whole stage around it (the classification's), so each run and micro-batch would compile
    that code anew and run it unoptimised; an array value is passed to the code instead."""
    return rows.select("*", F.explode(F.array(F.current_timestamp())).alias("processed_at"))


def write_events(
    classified: DataFrame, store: str, source: str, load_id: str, batch_id: int
) -> None:
    """Replace one load's micro-batch of classified events in the shared dataset."""
    (
        classified.transform(with_processed_at)
        .withColumn("event_date", F.to_date("event_time"))
        .write.mode("overwrite")
        .option("partitionOverwriteMode", "static")
        .options(**{f"parquet.enable.dictionary#{name}": "false" for name in PLAIN_ENCODED})
        .partitionBy("event_date")
        .parquet(load_path(store, "events", source, load_id, batch_id))
    )


def write_quarantine(
    quarantine: DataFrame, store: str, source: str, load_id: str, batch_id: int
) -> None:
    """Replace one load's micro-batch of quarantined lines in the shared dataset."""
    (
        quarantine.transform(with_processed_at)
        .coalesce(1)
        .write.mode("overwrite")
        .parquet(load_path(store, "quarantine", source, load_id, batch_id))
    )


def read_events(spark: SparkSession, store: str) -> DataFrame:
    """Every stored classified event (all sources, loads and batches), explicit schema."""
    return _read(spark, fs.join(store, "events"), STORE_SCHEMA)


def read_quarantine(spark: SparkSession, store: str) -> DataFrame:
    return _read(spark, fs.join(store, "quarantine"), QUARANTINE_STORE_SCHEMA)


def _read(spark: SparkSession, location: str, schema) -> DataFrame:
    if not fs.exists(spark, location):
        return spark.createDataFrame([], schema)
    return spark.read.schema(schema).option("basePath", location).parquet(location)


def read_load(
    spark: SparkSession,
    store: str,
    table: str,
    source: str,
    load_id: str,
    batch_ids: list[int] | None = None,
) -> DataFrame:
    """The rows one load wrote (optionally only some of its micro-batches)."""
    schema = STORE_SCHEMA if table == "events" else QUARANTINE_STORE_SCHEMA
    base = fs.join(store, table)
    location = fs.join(base, f"source={source}", f"load_id={load_id}")
    if not fs.exists(spark, location):
        return spark.createDataFrame([], schema)
    rows = spark.read.schema(schema).option("basePath", base).parquet(location)
    if batch_ids is not None:
        rows = rows.filter(F.col("batch_id").isin(*batch_ids))
    return rows
