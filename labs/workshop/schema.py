"""The event schema, defined once.

Every event shares an envelope (``event_id``, ``device_id``, ``device_type``, ``site_id``,
``event_time``) and carries the payload fields of its device type. Raw JSON lines are read with
every field as a string (:data:`RAW_SCHEMA`) and converted with ``try_cast``-style parsing, so a
wrong-typed value becomes a quarantine reason instead of a silent null or an ANSI-mode error.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import types as T

CORRUPT_RECORD = "_corrupt_record"

# Bounds for event_time: older means an unset device clock, newer than now + tolerance is a
# clock in the future. Both are impossible values, not late or early events.
EARLIEST_EVENT_TIME = "2000-01-01T00:00:00Z"
FUTURE_TOLERANCE_MINUTES = 24 * 60


@dataclass(frozen=True)
class Field:
    """One field of an event: its JSON name, type and the values it may take."""

    name: str
    type: str  # string | double | boolean | timestamp
    description: str
    allowed: tuple[str, ...] = ()  # an enum; empty means any string
    min: float | None = None  # physically possible range; outside is an impossible value
    max: float | None = None
    required: bool = True

    @property
    def spark_type(self) -> T.DataType:
        return SPARK_TYPES[self.type]


SPARK_TYPES: dict[str, T.DataType] = {
    "string": T.StringType(),
    "double": T.DoubleType(),
    "boolean": T.BooleanType(),
    "timestamp": T.TimestampType(),
}

DEVICE_TYPES = ("gas_sensor", "vehicle", "position_tag", "activity")

# The site plan is a rectangle in metres; positions outside it are impossible.
SITE_WIDTH_M = 500.0
SITE_HEIGHT_M = 300.0

ENVELOPE: tuple[Field, ...] = (
    Field("event_id", "string", "Unique id of the event; re-sent copies share it."),
    Field("device_id", "string", "Id of the device that sent the event."),
    Field("device_type", "string", "Kind of device.", allowed=DEVICE_TYPES),
    Field("site_id", "string", "Site the device belongs to."),
    Field("event_time", "timestamp", "When the device observed the event (ISO-8601, UTC)."),
)

PAYLOADS: dict[str, tuple[Field, ...]] = {
    "gas_sensor": (
        Field("gas", "string", "Measured gas.", allowed=("CO", "H2S", "CH4")),
        Field("ppm", "double", "Concentration in parts per million.", min=0.0, max=1_000_000.0),
        Field("battery_pct", "double", "Battery charge in percent.", min=0.0, max=100.0),
    ),
    "vehicle": (
        Field("speed_kmh", "double", "Speed in km/h.", min=0.0, max=250.0),
        Field("engine_temp_c", "double", "Engine temperature in °C.", min=-40.0, max=200.0),
        Field("fuel_pct", "double", "Fuel level in percent.", min=0.0, max=100.0),
        Field("harsh_braking", "boolean", "The vehicle braked harshly."),
        Field("x", "double", "East position on the site plan, metres.", min=0.0, max=SITE_WIDTH_M),
        Field(
            "y", "double", "North position on the site plan, metres.", min=0.0, max=SITE_HEIGHT_M
        ),
    ),
    "position_tag": (
        Field("subject_kind", "string", "Who wears the tag.", allowed=("employee", "asset")),
        Field("subject_id", "string", "Id of the employee or asset."),
        Field("x", "double", "East position on the site plan, metres.", min=0.0, max=SITE_WIDTH_M),
        Field(
            "y", "double", "North position on the site plan, metres.", min=0.0, max=SITE_HEIGHT_M
        ),
    ),
    "activity": (
        Field("task_id", "string", "Id of the task."),
        Field("task", "string", "What had to be done."),
        Field("status", "string", "Confirmation status.", allowed=("done", "failed", "pending")),
        Field("due_time", "timestamp", "When the task was due (ISO-8601, UTC)."),
        Field(
            "completed_time",
            "timestamp",
            "When the task was completed; absent unless done.",
            required=False,
        ),
        Field("operator_id", "string", "Id of the operator who confirmed."),
    ),
}


def payload_fields() -> tuple[Field, ...]:
    """Every payload field once, in declaration order (x and y are shared)."""
    seen: dict[str, Field] = {}
    for fields in PAYLOADS.values():
        for field in fields:
            seen.setdefault(field.name, field)
    return tuple(seen.values())


ALL_FIELDS: tuple[Field, ...] = ENVELOPE + payload_fields()

# Raw lines: every field read as a string, plus the column Spark fills with malformed lines.
RAW_SCHEMA = T.StructType(
    [T.StructField(f.name, T.StringType()) for f in ALL_FIELDS]
    + [T.StructField(CORRUPT_RECORD, T.StringType())]
)

# Columns the classification adds after parsing (derived from the site plan and times).
DERIVED_FIELDS = (
    T.StructField("zone", T.StringType()),
    T.StructField("zone_restricted", T.BooleanType()),
    T.StructField("overdue_min", T.DoubleType()),
)

# A valid, typed event (before classification).
EVENT_SCHEMA = T.StructType(
    [T.StructField(f.name, f.spark_type) for f in ALL_FIELDS]
    + [T.StructField("landed_at", T.TimestampType())]
)

CLASSIFICATION_FIELDS = (
    T.StructField("category", T.StringType()),
    T.StructField("severity", T.StringType()),
    T.StructField("rule_id", T.StringType()),
    T.StructField("reason", T.StringType()),
)

CLASSIFIED_SCHEMA = T.StructType(
    list(EVENT_SCHEMA.fields) + list(DERIVED_FIELDS) + list(CLASSIFICATION_FIELDS)
)

# Partition columns of the shared dataset: which path wrote a row, which load (a batch run or a
# stream's checkpointed query) and which micro-batch, then the event's date.
STORE_PARTITIONS = (
    T.StructField("source", T.StringType()),
    T.StructField("load_id", T.StringType()),
    T.StructField("batch_id", T.LongType()),
    T.StructField("event_date", T.DateType()),
)

STORE_SCHEMA = T.StructType(
    [
        *CLASSIFIED_SCHEMA.fields,
        T.StructField("processed_at", T.TimestampType()),
        *STORE_PARTITIONS,
    ]
)

QUARANTINE_SCHEMA = T.StructType(
    [
        T.StructField("raw", T.StringType()),
        T.StructField("reason_code", T.StringType()),
        T.StructField("reason", T.StringType()),
        T.StructField("landed_at", T.TimestampType()),
    ]
)

QUARANTINE_STORE_SCHEMA = T.StructType(
    [
        *QUARANTINE_SCHEMA.fields,
        T.StructField("processed_at", T.TimestampType()),
        *STORE_PARTITIONS[:3],
    ]
)

# Why a line was quarantined; the first reason that applies wins, in this order.
QUARANTINE_REASONS: dict[str, str] = {
    "blank_line": "The line is empty.",
    "malformed_json": "The line is not a JSON object.",
    "missing_field": "A required field is absent or null.",
    "unknown_device_type": "device_type is not one of the known device types.",
    "wrong_type": "A field's value has the wrong type (text where a number is expected, ...).",
    "invalid_value": "A field's value is not one of its allowed values.",
    "impossible_value": "A value outside what the device can physically report.",
    "future_timestamp": "event_time lies in the future (device clock wrong).",
}
