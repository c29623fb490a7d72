"""Serving lab: one view over batch and stream rows, and the aggregates the web view needs."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import LABS_DIR, assert_frame_equal, load_lab

from workshop.schema import STORE_SCHEMA

serve = load_lab("04-serve")
T0 = datetime(2025, 6, 2, 8, 0, 0)


def stored(event_id, source, minute, **values):
    row = dict.fromkeys(STORE_SCHEMA.fieldNames())
    row.update(
        event_id=event_id,
        device_id="gas-001",
        device_type="gas_sensor",
        site_id="plant-a",
        event_time=T0.replace(minute=minute),
        severity="INFO",
        category="TELEMETRY",
        rule_id="GAS-OK",
        reason="ok",
        source=source,
        load_id=f"{source}-1",
        batch_id=0,
        processed_at=T0.replace(hour=9, minute=minute),
        landed_at=T0,
    )
    row.update(values)
    return row


def test_one_row_per_event_prefers_the_batch_row(spark):
    source_df = spark.createDataFrame(
        [
            stored("e1", "stream", 1, reason="from the stream"),
            stored("e1", "batch", 1, reason="from the batch"),
            stored("e2", "stream", 2, batch_id=4, reason="stream, later batch"),
            stored("e2", "stream", 2, batch_id=3, processed_at=T0, reason="stream, first stored"),
            stored("e3", "stream", 3, reason="only once"),
        ],
        STORE_SCHEMA,
    )

    actual_df = source_df.transform(serve.one_row_per_event).select("event_id", "source", "reason")

    expected_df = spark.createDataFrame(
        [
            ("e1", "batch", "from the batch"),
            ("e2", "stream", "stream, first stored"),
            ("e3", "stream", "only once"),
        ],
        "event_id string, source string, reason string",
    )
    assert_frame_equal(actual_df, expected_df, ["event_id"])


def test_open_alerts_are_devices_whose_latest_event_is_an_alert(spark):
    source_df = spark.createDataFrame(
        [
            stored(
                "a1",
                "batch",
                1,
                device_id="gas-001",
                severity="CRITICAL",
                rule_id="GAS-CO-CRITICAL",
            ),
            stored("a2", "batch", 2, device_id="gas-001", severity="INFO"),  # cleared
            stored("b1", "batch", 1, device_id="gas-002", severity="INFO"),
            stored(
                "b2",
                "batch",
                3,
                device_id="gas-002",
                severity="CRITICAL",
                rule_id="GAS-CO-CRITICAL",
            ),
            stored(
                "c1", "batch", 4, device_id="veh-001", device_type="vehicle", severity="WARNING"
            ),
        ],
        STORE_SCHEMA,
    )

    actual_df = source_df.transform(serve.open_alerts).select("device_id", "event_id", "severity")

    expected_df = spark.createDataFrame(
        [("gas-002", "b2", "CRITICAL")], "device_id string, event_id string, severity string"
    )
    assert_frame_equal(actual_df, expected_df)


def test_latest_position_per_employee_and_asset(spark):
    def tag(event_id, minute, subject, x, zone, restricted):
        return stored(
            event_id,
            "stream",
            minute,
            device_type="position_tag",
            device_id=f"tag-{subject}",
            subject_id=subject,
            subject_kind="employee" if subject.startswith("E") else "asset",
            x=x,
            y=1.0,
            zone=zone,
            zone_restricted=restricted,
        )

    source_df = spark.createDataFrame(
        [
            tag("p1", 1, "E-001", 10.0, "open-area", False),
            tag("p2", 5, "E-001", 100.0, "tank-farm", True),
            tag("p3", 2, "A-001", 300.0, "workshop", False),
            stored("g1", "stream", 9),  # not a position
        ],
        STORE_SCHEMA,
    )

    actual_df = source_df.transform(serve.latest_positions).select(
        "subject_id", "x", "zone", "zone_restricted"
    )

    expected_df = spark.createDataFrame(
        [("A-001", 300.0, "workshop", False), ("E-001", 100.0, "tank-farm", True)],
        "subject_id string, x double, zone string, zone_restricted boolean",
    )
    assert_frame_equal(actual_df, expected_df, ["subject_id"])


@pytest.fixture(scope="module")
def both_paths(spark, tmp_path_factory):
    """A store the batch and the stream both wrote from the same sample: every event twice."""
    root = tmp_path_factory.mktemp("both-paths")
    raw = str(LABS_DIR / "sample-data" / "raw")
    store_location = str(root / "store")
    batch = load_lab("02-batch").run(spark, raw, str(root / "b"), store_location)
    load_lab("03-streaming").run(
        spark, raw, str(root / "s"), store_location, str(root / "ck"), available_now=True
    )
    return store_location, batch


def test_batch_and_stream_of_the_same_input_are_counted_once(spark, tmp_path, both_paths):
    store_location, batch = both_paths

    summary = serve.run(spark, store_location, str(tmp_path / "serve"))

    assert summary["counts"]["classified"] == batch["counts"]["classified"]
    assert summary["counts"]["quarantined"] == batch["counts"]["quarantined"]
    assert sum(summary["by_severity"].values()) == batch["counts"]["classified"]
    assert summary["serve"]["rows_by_source"]["batch"] == batch["counts"]["classified"]
    assert summary["serve"]["rows_by_source"]["stream"] > 0
    assert summary["serve"]["repeated_event_ids"] == 0
    stream_rows = summary["serve"]["rows_by_source"]["stream"]
    assert summary["counts"]["duplicates_dropped"] >= stream_rows  # each is a copy of a batch row
    assert len(summary["serve"]["latest_positions"]) == 60
    assert summary["serve"]["open_alerts_by_severity"]["CRITICAL"] > 0
    assert (tmp_path / "serve" / "aggregates" / "open_alerts").is_dir()
    results = {c["id"]: c["passed"] for c in summary["checks"] if not c["exercise"]}
    assert all(results.values()), summary["checks"]


@pytest.mark.parametrize(
    ("wrong_view", "failing"),
    [
        # Keeps the batch and the stream copy of an event: counted twice.
        ('.filter("n <= 2")', {"identity", "no-double-counting"}),
        # Keeps only the alerts: the INFO events are lost.
        (""".filter("n = 1 AND severity != 'INFO'")""", {"identity"}),
    ],
)
def test_the_serving_checks_fail_on_a_wrong_view(spark, tmp_path, both_paths, wrong_view, failing):
    store_location, _ = both_paths
    right_view = 'over(first)).filter("n = 1")'
    source = (LABS_DIR / "04-serve" / "serve.py").read_text()
    assert source.count(right_view) == 1
    lab = load_lab("04-serve", source.replace(right_view, f"over(first)){wrong_view}"))

    summary = lab.run(spark, store_location, str(tmp_path / "serve"))

    assert {c["id"] for c in summary["checks"] if not c["passed"] and not c["exercise"]} == failing
