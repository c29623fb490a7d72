"""Each classification rule on small explicit frames, with whole-frame assertions."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import assert_frame_equal
from pyspark.sql import types as T

from workshop import rules
from workshop.classify import classify, enrich
from workshop.schema import EVENT_SCHEMA

AT = datetime(2025, 6, 2, 8, 0, 0)
RESULT_SCHEMA = T.StructType(
    [
        T.StructField("event_id", T.StringType()),
        T.StructField("category", T.StringType()),
        T.StructField("severity", T.StringType()),
        T.StructField("rule_id", T.StringType()),
        T.StructField("reason", T.StringType()),
    ]
)

GAS = {"device_type": "gas_sensor", "battery_pct": 80.0}
VEHICLE = {
    "device_type": "vehicle",
    "speed_kmh": 20.0,
    "engine_temp_c": 90.0,
    "fuel_pct": 60.0,
    "harsh_braking": False,
    "x": 10.0,
    "y": 10.0,
}
EMPLOYEE = {"device_type": "position_tag", "subject_kind": "employee", "subject_id": "E-001"}
ASSET = {"device_type": "position_tag", "subject_kind": "asset", "subject_id": "A-004"}
ACTIVITY = {
    "device_type": "activity",
    "task_id": "T-0001",
    "task": "valve inspection",
    "operator_id": "OP-01",
    "due_time": datetime(2025, 6, 2, 7, 0, 0),
}

# (event fields, expected rule, expected reason): at least one case per rule, plus boundaries.
CASES = [
    (
        {**GAS, "gas": "CO", "ppm": 50.0},
        "GAS-CO-CRITICAL",
        "CO at 50 ppm, at or above the critical 50 ppm",
    ),
    (
        {**GAS, "gas": "CO", "ppm": 49.9},
        "GAS-CO-WARNING",
        "CO at 49.9 ppm, at or above the warning 25 ppm",
    ),
    ({**GAS, "gas": "CO", "ppm": 24.9}, "GAS-OK", "CO at 24.9 ppm, within limits"),
    (
        {**GAS, "gas": "H2S", "ppm": 15.0},
        "GAS-H2S-CRITICAL",
        "H2S at 15 ppm, at or above the critical 15 ppm",
    ),
    (
        {**GAS, "gas": "H2S", "ppm": 10.0},
        "GAS-H2S-WARNING",
        "H2S at 10 ppm, at or above the warning 10 ppm",
    ),
    (
        {**GAS, "gas": "CH4", "ppm": 5200.5},
        "GAS-CH4-CRITICAL",
        "CH4 at 5200.5 ppm, at or above the critical 5000 ppm",
    ),
    (
        {**GAS, "gas": "CH4", "ppm": 2500.0},
        "GAS-CH4-WARNING",
        "CH4 at 2500 ppm, at or above the warning 2500 ppm",
    ),
    (
        {**GAS, "gas": "CH4", "ppm": 10.0, "battery_pct": 14.9},
        "GAS-BATTERY-LOW",
        "Battery at 14.9%, below 15%",
    ),
    # A critical reading wins over a low battery: CRITICAL rules fire first.
    (
        {**GAS, "gas": "CO", "ppm": 80.0, "battery_pct": 5.0},
        "GAS-CO-CRITICAL",
        "CO at 80 ppm, at or above the critical 50 ppm",
    ),
    (
        {**VEHICLE, "engine_temp_c": 110.0, "speed_kmh": 45.0},
        "VEH-OVERHEAT",
        "Engine at 110 °C, at or above 110 °C",
    ),
    ({**VEHICLE, "speed_kmh": 30.1}, "VEH-SPEEDING", "30.1 km/h, above the site limit of 30 km/h"),
    (
        {**VEHICLE, "speed_kmh": 30.0, "harsh_braking": True},
        "VEH-HARSH-BRAKING",
        "Harsh braking at 30 km/h in open-area",
    ),
    ({**VEHICLE, "fuel_pct": 5.0}, "VEH-OK", "20 km/h, engine 90 °C, fuel 5%"),
    (
        {**EMPLOYEE, "x": 100.0, "y": 250.0},
        "POS-EMPLOYEE-RESTRICTED",
        "Employee E-001 inside restricted zone tank-farm",
    ),
    (
        {**ASSET, "x": 450.0, "y": 250.0},
        "POS-ASSET-RESTRICTED",
        "Asset A-004 inside restricted zone substation",
    ),
    ({**EMPLOYEE, "x": 250.0, "y": 50.0}, "POS-OK", "employee E-001 in workshop"),
    ({**ASSET, "x": 10.0, "y": 10.0}, "POS-OK", "asset A-004 in open-area"),
    (
        {**ACTIVITY, "status": "failed"},
        "ACT-FAILED",
        "Task valve inspection (T-0001) failed, operator OP-01",
    ),
    (
        {**ACTIVITY, "status": "done", "completed_time": datetime(2025, 6, 2, 7, 30, 0)},
        "ACT-OVERDUE",
        "Task valve inspection (T-0001) 30 min overdue, grace 15 min",
    ),
    (
        {**ACTIVITY, "status": "pending"},
        "ACT-OVERDUE",
        "Task valve inspection (T-0001) 60 min overdue, grace 15 min",
    ),
    (
        {**ACTIVITY, "status": "done", "completed_time": datetime(2025, 6, 2, 7, 15, 0)},
        "ACT-OK",
        "Task valve inspection (T-0001) done",
    ),
]


def events_frame(spark, cases):
    rows = []
    for number, (fields, _, _) in enumerate(cases):
        row = dict.fromkeys(EVENT_SCHEMA.fieldNames())
        row.update(
            event_id=f"e{number:02d}",
            device_id="d-1",
            site_id="plant-a",
            event_time=AT,
            landed_at=AT,
            **fields,
        )
        rows.append(row)
    return spark.createDataFrame(rows, EVENT_SCHEMA)


def expected_frame(spark, cases):
    by_id = {rule.id: rule for rule in rules.RULES}
    rows = [
        (f"e{number:02d}", by_id[rule_id].category, by_id[rule_id].severity, rule_id, reason)
        for number, (_, rule_id, reason) in enumerate(cases)
    ]
    return spark.createDataFrame(rows, RESULT_SCHEMA)


def test_every_rule_fires_on_its_case(spark):
    source_df = events_frame(spark, CASES)

    actual_df = source_df.transform(enrich).transform(classify).select(*RESULT_SCHEMA.fieldNames())

    assert_frame_equal(actual_df, expected_frame(spark, CASES), order_by=["event_id"])


def test_every_rule_has_a_case():
    assert {rule.id for rule in rules.RULES} <= {rule_id for _, rule_id, _ in CASES}


def test_thresholds_are_parameters(spark):
    cases = [
        (
            {**GAS, "gas": "CO", "ppm": 40.0},
            "GAS-CO-CRITICAL",
            "CO at 40 ppm, at or above the critical 35 ppm",
        )
    ]
    source_df = events_frame(spark, cases)

    actual_df = source_df.transform(enrich).transform(
        lambda df: classify(df, rules.RULES, {"co_critical_ppm": 35.0})
    )

    assert_frame_equal(
        actual_df.select(*RESULT_SCHEMA.fieldNames()), expected_frame(spark, cases), ["event_id"]
    )


def test_an_added_rule_fires_before_info_rules(spark):
    fuel_low = rules.Rule(
        id="VEH-FUEL-LOW",
        device_type="vehicle",
        category="OPERATIONS",
        severity="WARNING",
        when="fuel_pct < 10",
        condition="Fuel below 10%",
        reason="Fuel at {fuel_pct}%",
    )
    cases = [({**VEHICLE, "fuel_pct": 5.0}, "VEH-FUEL-LOW", "Fuel at 5%")]
    source_df = events_frame(spark, cases)

    actual_df = source_df.transform(enrich).transform(
        lambda df: classify(df, [*rules.RULES, fuel_low])
    )

    expected_df = spark.createDataFrame(
        [("e00", "OPERATIONS", "WARNING", "VEH-FUEL-LOW", "Fuel at 5%")], RESULT_SCHEMA
    )
    assert_frame_equal(actual_df.select(*RESULT_SCHEMA.fieldNames()), expected_df)


def test_enrich_derives_zone_and_overdue(spark):
    cases = [
        ({**EMPLOYEE, "x": 100.0, "y": 250.0}, "", ""),
        ({**VEHICLE, "x": 250.0, "y": 50.0}, "", ""),
        ({**GAS, "gas": "CO", "ppm": 1.0}, "", ""),
        ({**ACTIVITY, "status": "pending"}, "", ""),
    ]
    source_df = events_frame(spark, cases)

    actual_df = source_df.transform(enrich).select(
        "event_id", "zone", "zone_restricted", "overdue_min"
    )

    expected_df = spark.createDataFrame(
        [
            ("e00", "tank-farm", True, None),
            ("e01", "workshop", False, None),
            ("e02", None, None, None),
            ("e03", None, None, 60.0),
        ],
        "event_id string, zone string, zone_restricted boolean, overdue_min double",
    )
    assert_frame_equal(actual_df, expected_df, ["event_id"])


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (rules.Rule("X", "drone", "SAFETY", "INFO", "true", "", ""), "unknown device_type"),
        (rules.Rule("X", "vehicle", "FUN", "INFO", "true", "", ""), "unknown category"),
        (rules.Rule("X", "vehicle", "SAFETY", "LOW", "true", "", ""), "unknown severity"),
        (rules.Rule("X", "vehicle", "SAFETY", "INFO", "x > {nope}", "", ""), "unknown threshold"),
        (rules.Rule("X", "vehicle", "SAFETY", "INFO", "true", "", "{nope}"), "unknown placeholder"),
        (rules.Rule("VEH-OK", "vehicle", "SAFETY", "INFO", "true", "", ""), "used twice"),
    ],
)
def test_a_broken_rule_is_rejected_with_its_id(rule, message):
    with pytest.raises(ValueError, match=message):
        rules.validate_rules([*rules.RULES, rule], rules.THRESHOLDS)
