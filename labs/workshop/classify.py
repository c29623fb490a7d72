"""Classify valid events: derive site-plan and timing columns, then fire the first matching rule.

Both transformations are ``DataFrame -> DataFrame`` and shared by the batch and streaming labs.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from workshop.rules import OPEN_AREA, RULES, SITE_ZONES, THRESHOLDS, Rule, Zone, ordered
from workshop.rules import validate_rules as _validate_rules
from workshop.schema import CLASSIFIED_SCHEMA

UNMATCHED_RULE = "UNMATCHED"


def add_zone(events: DataFrame, zones: Sequence[Zone] = SITE_ZONES) -> DataFrame:
    """Add ``zone`` (the first site-plan zone containing x/y) and ``zone_restricted``."""
    x, y = F.col("x"), F.col("y")
    inside = [(zone, x.between(zone.x0, zone.x1) & y.between(zone.y0, zone.y1)) for zone in zones]
    zone_id = F.coalesce(*[F.when(cond, F.lit(zone.id)) for zone, cond in inside], F.lit(OPEN_AREA))
    restricted = F.coalesce(*[F.when(cond, F.lit(zone.restricted)) for zone, cond in inside])
    has_position = x.isNotNull() & y.isNotNull()
    return events.withColumns(
        {
            "zone": F.when(has_position, zone_id),
            "zone_restricted": F.when(has_position, F.coalesce(restricted, F.lit(False))),
        }
    )


def add_overdue(events: DataFrame) -> DataFrame:
    """Add ``overdue_min``: minutes an activity was completed (or is still pending) past due."""
    seconds = lambda later: later.cast("long") - F.col("due_time").cast("long")  # noqa: E731
    done_at = F.coalesce(F.col("completed_time"), F.col("event_time"))
    return events.withColumn(
        "overdue_min",
        F.when(F.col("status") == "done", F.round(seconds(done_at) / 60.0, 1))
        .when(F.col("status") == "pending", F.round(seconds(F.col("event_time")) / 60.0, 1))
        .cast("double"),
    )


def enrich(events: DataFrame) -> DataFrame:
    """Add the derived columns the rules use (zone, zone_restricted, overdue_min)."""
    return events.transform(add_zone).transform(add_overdue)


def _sql_number(value: float) -> str:
    return repr(float(value))


def _shown_number(value: float) -> str:
    return f"{value:g}"


def _as_text(column: Column, data_type: T.DataType) -> Column:
    if isinstance(data_type, T.DoubleType):
        return F.regexp_replace(column.cast("string"), r"\.0$", "")
    return column.cast("string")


def reason_column(template: str, schema: T.StructType, thresholds: dict[str, float]) -> Column:
    """Fill a reason template: ``{threshold}`` with its value, ``{column}`` with the row's."""
    parts: list[Column] = []
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            parts.append(F.lit(literal))
        if not name:
            continue
        if name in thresholds:
            parts.append(F.lit(_shown_number(thresholds[name])))
        else:
            text = _as_text(F.col(name), schema[name].dataType)
            parts.append(F.coalesce(text, F.lit("n/a")))
    return F.concat(*parts) if parts else F.lit("")


def rule_condition(rule: Rule, thresholds: dict[str, float]) -> Column:
    values = {name: _sql_number(value) for name, value in thresholds.items()}
    return (F.col("device_type") == rule.device_type) & F.expr(rule.when.format(**values))


def classify(
    events: DataFrame,
    rules: Sequence[Rule] = RULES,
    thresholds: dict[str, float] | None = None,
) -> DataFrame:
    """Add ``category``, ``severity``, ``rule_id`` and ``reason`` from the first matching rule.

    ``events`` must already be enriched (:func:`enrich`). An event no rule matches gets rule
    ``UNMATCHED`` (a rule set without catch-all rules is a bug the checks will show).
    """
    thresholds = {**THRESHOLDS, **(thresholds or {})}
    _validate_rules(rules, thresholds)
    fired = _fired(tuple(rules), tuple(sorted(thresholds.items())), events.schema)
    return events.withColumn("fired", fired).select(*_classified_columns())


# The expressions are built once per rule set (a few thousand calls into the JVM each time,
# a second or more on a busy machine) and reused by every run in the same process: the local
# runner's warm worker, a notebook, the stream's micro-batches. A Column is only an expression.
@functools.lru_cache(maxsize=32)
def _fired(
    rules: tuple[Rule, ...], thresholds: tuple[tuple[str, float], ...], schema: T.StructType
) -> Column:
    """The first matching rule's category, severity, rule id and reason, as one struct."""
    values = dict(thresholds)
    return F.coalesce(
        *[
            F.when(
                rule_condition(rule, values),
                F.struct(
                    F.lit(rule.category).alias("category"),
                    F.lit(rule.severity).alias("severity"),
                    F.lit(rule.id).alias("rule_id"),
                    reason_column(rule.reason, schema, values).alias("reason"),
                ),
            )
            for rule in ordered(rules)
        ],
        F.struct(
            F.lit("TELEMETRY").alias("category"),
            F.lit("INFO").alias("severity"),
            F.lit(UNMATCHED_RULE).alias("rule_id"),
            F.lit("no rule matched").alias("reason"),
        ),
    )


@functools.lru_cache(maxsize=1)
def _classified_columns() -> tuple[Column, ...]:
    return tuple(
        (
            F.col(f"fired.{f.name}")
            if f.name in ("category", "severity", "rule_id", "reason")
            else F.col(f.name)
        )
        .cast(f.dataType)
        .alias(f.name)
        for f in CLASSIFIED_SCHEMA.fields
    )
