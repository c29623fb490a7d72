"""Validate raw JSON lines: every line becomes either a typed event or a quarantine record.

All functions are ``DataFrame -> DataFrame`` transformations. The input is a frame of raw lines
(``value`` and ``landed_at``, see :func:`workshop.store.read_lines`); nothing here raises on bad
input: a bad line gets a ``reason_code`` and a human ``reason``.
"""

from __future__ import annotations

import functools

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from workshop.schema import (
    ALL_FIELDS,
    CORRUPT_RECORD,
    DEVICE_TYPES,
    EARLIEST_EVENT_TIME,
    ENVELOPE,
    FUTURE_TOLERANCE_MINUTES,
    PAYLOADS,
    QUARANTINE_SCHEMA,
    RAW_SCHEMA,
    Field,
)

# Strict JSON: single-quoted strings are not JSON, although Spark accepts them by default.
JSON_OPTIONS = {
    "mode": "PERMISSIVE",
    "columnNameOfCorruptRecord": CORRUPT_RECORD,
    "allowSingleQuotes": "false",
}

NOW = "_checked_at"  # the query's current time, a column of parse_json's output


def parse_json(lines: DataFrame) -> DataFrame:
    """Parse each line with the all-strings raw schema, then convert every field once to its
    type (``t_<field>``, null when it does not convert); malformed lines keep the raw text."""
    # Parsed once per line: ``explode`` of a one-element array makes the parsed struct a column
    # of its own (a Generate). Behind a plain projection, Spark would substitute ``from_json``
    # into every filter pushed down to the scan (valid_events', quarantined's), once per field
    # the filter reads: dozens of parses of each line wherever the frame is not cached. The
    # query's time (the future_timestamp check) comes out of it too: as a literal in the checks,
    # each query (each micro-batch) would compile their code anew.
    parsed = lines.select(
        "value",
        "landed_at",
        F.explode(
            F.array(
                F.struct(
                    F.from_json("value", RAW_SCHEMA, JSON_OPTIONS).alias("json"),
                    F.current_timestamp().alias("now"),
                )
            )
        ).alias("parsed"),
    ).select(
        "value",
        "landed_at",
        F.col("parsed.now").alias(NOW),
        F.col("parsed.json").isNull().alias("json_is_null"),
        "parsed.json.*",
    )
    return parsed.withColumns(dict(_conversions()))


# The expressions below are constants: built once per process (thousands of calls into the
# JVM, a second or more on a busy machine) and reused by every run and micro-batch after it.
@functools.lru_cache(maxsize=1)
def _conversions() -> tuple[tuple[str, Column], ...]:
    return tuple((f"t_{field.name}", convert(field)) for field in ALL_FIELDS)


def typed(field: Field) -> Column:
    """The field converted to its type (computed once by :func:`parse_json`)."""
    return F.col(f"t_{field.name}")


def convert(field: Field) -> Column:
    """The raw string of ``field`` converted to its type; null when it does not convert."""
    raw = F.col(f"`{field.name}`")
    if field.type == "timestamp":
        return F.try_to_timestamp(raw)
    if field.type == "double":
        value = F.expr(f"try_cast(`{field.name}` AS DOUBLE)")
        # NaN and infinity compare above every threshold: treat them as wrong-typed.
        return F.when(~F.isnan(value) & (F.abs(value) != F.lit(float("inf"))), value)
    if field.type == "boolean":
        return F.expr(f"try_cast(`{field.name}` AS BOOLEAN)")
    return raw


def _shown(field: Field) -> Column:
    return F.concat(F.lit("'"), F.substring(F.col(f"`{field.name}`"), 1, 40), F.lit("'"))


def _checks() -> list[tuple[str, Column, Column]]:
    """(reason_code, failed condition, reason text), in the order they are tried."""
    device_type = F.col("device_type")
    checks: list[tuple[str, Column, Column]] = [
        ("blank_line", F.trim("value") == "", F.lit("blank line")),
        (
            "malformed_json",
            F.col(CORRUPT_RECORD).isNotNull() | F.col("json_is_null"),
            F.lit("not a JSON object"),
        ),
    ]
    for field in ENVELOPE:
        checks.append(
            ("missing_field", F.col(field.name).isNull(), F.lit(f"missing field {field.name}"))
        )
    checks.append(
        (
            "unknown_device_type",
            ~device_type.isin(*DEVICE_TYPES),
            F.concat(F.lit("unknown device_type "), _shown(ENVELOPE[2])),
        )
    )
    event_time = ENVELOPE[4]
    checks.append(
        (
            "wrong_type",
            typed(event_time).isNull(),
            F.concat(F.lit("event_time is not an ISO-8601 timestamp: "), _shown(event_time)),
        )
    )
    for code in ("missing_field", "wrong_type", "invalid_value", "impossible_value"):
        for kind, fields in PAYLOADS.items():
            for field in fields:
                failed = _payload_check(code, field)
                if failed is not None:
                    condition, reason = failed
                    checks.append((code, (device_type == kind) & condition, reason))
    checks.append(
        (
            "impossible_value",
            typed(event_time) < F.lit(EARLIEST_EVENT_TIME).cast("timestamp"),
            F.concat(F.lit(f"event_time before {EARLIEST_EVENT_TIME[:10]}: "), _shown(event_time)),
        )
    )
    checks.append(
        (
            "future_timestamp",
            typed(event_time) > F.col(NOW) + F.expr(f"INTERVAL {FUTURE_TOLERANCE_MINUTES} MINUTES"),
            F.concat(F.lit("event_time in the future: "), _shown(event_time)),
        )
    )
    return checks


def _payload_check(code: str, field: Field) -> tuple[Column, Column] | None:
    raw = F.col(f"`{field.name}`")
    if code == "missing_field":
        if not field.required:
            return None
        return raw.isNull(), F.lit(f"missing field {field.name}")
    if code == "wrong_type":
        if field.type == "string":
            return None
        expected = {"double": "a number", "boolean": "true or false", "timestamp": "a timestamp"}
        return (
            raw.isNotNull() & typed(field).isNull(),
            F.concat(F.lit(f"{field.name} is not {expected[field.type]}: "), _shown(field)),
        )
    if code == "invalid_value":
        if not field.allowed:
            return None
        allowed = ", ".join(field.allowed)
        return (
            ~raw.isin(*field.allowed),
            F.concat(F.lit(f"{field.name} must be one of {allowed}: "), _shown(field)),
        )
    if code == "impossible_value":
        if field.min is None and field.max is None:
            return None
        value = typed(field)
        too_low = value < F.lit(field.min) if field.min is not None else F.lit(False)
        too_high = value > F.lit(field.max) if field.max is not None else F.lit(False)
        return (
            too_low | too_high,
            F.concat(
                F.lit(f"{field.name} outside [{field.min:g}, {field.max:g}]: "),
                value.cast("string"),
            ),
        )
    raise ValueError(code)


def check_events(parsed: DataFrame) -> DataFrame:
    """Add ``reason_code`` and ``reason``: null for a valid event, else the first failed check."""
    # Computed once per line, as a column of its own (a Generate, like the parse): the filters
    # valid_events and quarantined put on reason_code stay above it instead of repeating the
    # checks, with every conversion they use, inside the filter.
    failed = parsed.select("*", F.explode(F.array(_failure())).alias("failure"))
    return failed.select(*_checked_columns())


@functools.lru_cache(maxsize=1)
def _failure() -> Column:
    return F.coalesce(
        *[
            F.when(condition, F.struct(F.lit(code).alias("code"), reason.alias("text")))
            for code, condition, reason in _checks()
        ]
    )


@functools.lru_cache(maxsize=1)
def _checked_columns() -> tuple[Column, ...]:
    # The raw line is kept only where quarantine needs it: valid rows are far lighter to cache.
    return (
        F.when(F.col("failure").isNotNull(), F.col("value")).alias("value"),
        F.col("landed_at"),
        *[typed(field) for field in ALL_FIELDS],
        F.col("failure.code").alias("reason_code"),
        F.col("failure.text").alias("reason"),
    )


def validate_lines(lines: DataFrame) -> DataFrame:
    """Raw lines -> raw lines with their parsed fields, ``reason_code`` and ``reason``."""
    return lines.transform(parse_json).transform(check_events)


def valid_events(checked: DataFrame) -> DataFrame:
    """Checked lines -> typed events (:data:`EVENT_SCHEMA`) of the lines that passed."""
    return checked.filter(F.col("reason_code").isNull()).select(*_event_columns())


@functools.lru_cache(maxsize=1)
def _event_columns() -> tuple[Column, ...]:
    owners = {f.name: [k for k, fs in PAYLOADS.items() if f in fs] for f in ALL_FIELDS}
    columns = []
    for field in ALL_FIELDS:
        column = typed(field)
        if owners[field.name]:  # a payload field: kept only on its own device types
            column = F.when(F.col("device_type").isin(*owners[field.name]), column)
        columns.append(column.cast(field.spark_type).alias(field.name))
    return (*columns, F.col("landed_at"))


def quarantined(checked: DataFrame) -> DataFrame:
    """Checked lines -> quarantine records (:data:`QUARANTINE_SCHEMA`) of the lines that failed."""
    return (
        checked.filter(F.col("reason_code").isNotNull())
        .select(
            *[F.col(f.name).cast(f.dataType) for f in QUARANTINE_SCHEMA.fields if f.name != "raw"],
            F.col("value").alias("raw"),
        )
        .select(*QUARANTINE_SCHEMA.fieldNames())
    )
