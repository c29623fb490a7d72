"""Bad input lands in quarantine with a reason; valid lines become typed events. Never a crash."""

from __future__ import annotations

import json
from datetime import datetime

from conftest import assert_frame_equal
from pyspark.sql import types as T

from workshop import validate
from workshop.schema import EVENT_SCHEMA

LANDED = datetime(2025, 6, 2, 9, 0, 0)
LINES_SCHEMA = T.StructType(
    [T.StructField("value", T.StringType()), T.StructField("landed_at", T.TimestampType())]
)
QUARANTINE_VIEW = T.StructType(
    [
        T.StructField("raw", T.StringType()),
        T.StructField("reason_code", T.StringType()),
        T.StructField("reason", T.StringType()),
    ]
)

GAS = {
    "event_id": "e1",
    "device_id": "gas-001",
    "device_type": "gas_sensor",
    "site_id": "plant-a",
    "event_time": "2025-06-02T08:00:00.000Z",
    "gas": "CO",
    "ppm": 12.5,
    "battery_pct": 80,
}


def line(**changes) -> str:
    event = {**GAS, **changes}
    return json.dumps({k: v for k, v in event.items() if v is not ...})


# (raw line, reason_code, reason)
BAD_LINES = [
    ("", "blank_line", "blank line"),
    ('{"event_id": "e1", "device_type": ', "malformed_json", "not a JSON object"),
    ("<html>502 Bad Gateway</html>", "malformed_json", "not a JSON object"),
    ("{'event_id': 'e1'}", "malformed_json", "not a JSON object"),
    ("[1, 2, 3]", "malformed_json", "not a JSON object"),
    ("null", "malformed_json", "not a JSON object"),
    (line(event_id=...), "missing_field", "missing field event_id"),
    (line(device_id=None), "missing_field", "missing field device_id"),
    (line(event_time=...), "missing_field", "missing field event_time"),
    (line(device_type="drone"), "unknown_device_type", "unknown device_type 'drone'"),
    (
        line(event_time="yesterday"),
        "wrong_type",
        "event_time is not an ISO-8601 timestamp: 'yesterday'",
    ),
    (line(ppm=...), "missing_field", "missing field ppm"),
    (line(ppm="high"), "wrong_type", "ppm is not a number: 'high'"),
    (line(ppm="NaN"), "wrong_type", "ppm is not a number: 'NaN'"),
    (line(ppm={"value": 3}), "wrong_type", "ppm is not a number: '{\"value\":3}'"),
    (line(battery_pct=True), "wrong_type", "battery_pct is not a number: 'true'"),
    (line(gas="NH3"), "invalid_value", "gas must be one of CO, H2S, CH4: 'NH3'"),
    (line(ppm=-3.5), "impossible_value", "ppm outside [0, 1e+06]: -3.5"),
    (line(battery_pct=140), "impossible_value", "battery_pct outside [0, 100]: 140.0"),
    (
        line(event_time="1970-01-01T00:00:00Z"),
        "impossible_value",
        "event_time before 2000-01-01: '1970-01-01T00:00:00Z'",
    ),
    (
        line(event_time="2075-06-02T08:00:00Z"),
        "future_timestamp",
        "event_time in the future: '2075-06-02T08:00:00Z'",
    ),
]


def lines_frame(spark, values):
    return spark.createDataFrame([(value, LANDED) for value in values], LINES_SCHEMA)


def test_every_kind_of_bad_line_is_quarantined_with_its_reason(spark):
    source_df = lines_frame(spark, [raw for raw, _, _ in BAD_LINES])

    checked = source_df.transform(validate.validate_lines)
    actual_df = checked.transform(validate.quarantined).select(*QUARANTINE_VIEW.fieldNames())

    expected_df = spark.createDataFrame(BAD_LINES, QUARANTINE_VIEW)
    assert_frame_equal(actual_df, expected_df, order_by=["raw"])
    assert checked.transform(validate.valid_events).count() == 0


def test_valid_lines_become_typed_events(spark):
    vehicle = {
        "event_id": "e2",
        "device_id": "veh-001",
        "device_type": "vehicle",
        "site_id": "plant-a",
        "event_time": "2025-06-02T08:00:01Z",
        "speed_kmh": "12",
        "engine_temp_c": 90,
        "fuel_pct": 55.5,
        "harsh_braking": False,
        "x": 1,
        "y": 2.5,
        "ppm": 99,  # a field of another device type is dropped
    }
    source_df = lines_frame(spark, [line(), json.dumps(vehicle)])

    actual_df = source_df.transform(validate.validate_lines).transform(validate.valid_events)

    def row(**values):
        return {**dict.fromkeys(EVENT_SCHEMA.fieldNames()), "landed_at": LANDED, **values}

    expected_df = spark.createDataFrame(
        [
            row(
                event_id="e1",
                device_id="gas-001",
                device_type="gas_sensor",
                site_id="plant-a",
                event_time=datetime(2025, 6, 2, 8, 0, 0),
                gas="CO",
                ppm=12.5,
                battery_pct=80.0,
            ),
            row(
                event_id="e2",
                device_id="veh-001",
                device_type="vehicle",
                site_id="plant-a",
                event_time=datetime(2025, 6, 2, 8, 0, 1),
                speed_kmh=12.0,
                engine_temp_c=90.0,
                fuel_pct=55.5,
                harsh_braking=False,
                x=1.0,
                y=2.5,
            ),
        ],
        EVENT_SCHEMA,
    )
    assert_frame_equal(actual_df, expected_df, order_by=["event_id"])


def test_a_completed_time_is_optional_but_must_be_a_timestamp(spark):
    activity = {
        "event_id": "a1",
        "device_id": "act-001",
        "device_type": "activity",
        "site_id": "plant-a",
        "event_time": "2025-06-02T08:00:00Z",
        "task_id": "T-1",
        "task": "check",
        "status": "pending",
        "due_time": "2025-06-02T07:00:00Z",
        "operator_id": "OP-01",
    }
    source_df = lines_frame(
        spark,
        [
            json.dumps(activity),
            json.dumps({**activity, "event_id": "a2", "completed_time": "soon"}),
        ],
    )

    checked = source_df.transform(validate.validate_lines)

    actual_df = checked.select("reason_code", "reason")
    expected_df = spark.createDataFrame(
        [(None, None), ("wrong_type", "completed_time is not a timestamp: 'soon'")],
        "reason_code string, reason string",
    )
    assert_frame_equal(actual_df, expected_df, order_by=["reason_code"])
