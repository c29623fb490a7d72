"""Batch lab on the committed sample: every line accounted for, re-runs add nothing."""

from __future__ import annotations

import json

import pytest
from conftest import LABS_DIR, load_lab

from workshop import contract, store

TRUTH = json.loads((LABS_DIR / "sample-data" / "truth.json").read_text())
INVALID_KINDS = [
    "malformed_json",
    "missing_field",
    "wrong_type",
    "unknown_device_type",
    "invalid_value",
    "impossible_value",
    "future_timestamp",
]


@pytest.fixture(scope="module")
def batch(spark, tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    lab = load_lab("02-batch")
    raw = str(LABS_DIR / "sample-data" / "raw")
    summary = lab.run(spark, raw, str(root / "out"), str(root / "store"))
    return {"lab": lab, "root": root, "raw": raw, "summary": summary}


def test_accounting_identity_holds_and_matches_what_the_simulator_injected(batch):
    counts = batch["summary"]["counts"]
    truth = TRUTH["by_kind"]

    assert counts["input"] == sum(truth.values()) == 2000
    assert (
        counts["classified"]
        + counts["quarantined"]
        + counts["duplicates_dropped"]
        + counts["late_dropped"]
    ) == counts["input"]
    assert counts["quarantined"] == sum(truth[kind] for kind in INVALID_KINDS)
    assert counts["duplicates_dropped"] == truth["duplicate"]
    assert counts["classified"] == truth["valid"] + truth["late"]


def test_quarantine_reasons_match_the_injected_kinds(batch):
    by_reason = batch["summary"]["quarantine_by_reason"]
    assert {k: by_reason[k] for k in INVALID_KINDS} == {
        k: TRUTH["by_kind"][k] for k in INVALID_KINDS
    }
    assert by_reason["blank_line"] == 0


def test_the_result_contract_is_written(spark, batch):
    out = str(batch["root"] / "out")
    summary = contract.read_summary(spark, out)
    events = contract.read_lines(spark, out, "events")
    quarantine = contract.read_lines(spark, out, "quarantine")

    assert summary == {
        **batch["summary"],
        "samples": {"events": len(events), "quarantine": len(quarantine)},
    }
    assert len(events) == summary["counts"]["classified"]  # the sample is smaller than the limit
    severities = [event["severity"] for event in events]
    assert severities == sorted(severities, key=["CRITICAL", "WARNING", "INFO"].index)
    assert {q["reason_code"] for q in quarantine} == set(INVALID_KINDS)
    assert all({"raw", "reason_code", "reason"} <= q.keys() for q in quarantine)
    assert sum(summary["by_severity"].values()) == summary["counts"]["classified"]
    assert sum(p["count"] for p in summary["per_minute"]) == summary["counts"]["classified"]
    assert summary["latency_ms"] is None
    results = {check["id"]: check["passed"] for check in summary["checks"] if not check["exercise"]}
    assert results == {"identity": True, "classified": True, "every-event-has-a-rule": True}


def test_rerunning_the_batch_adds_no_duplicates(spark, batch):
    root = batch["root"]
    batch["lab"].run(spark, batch["raw"], str(root / "out-again"), str(root / "store"))

    stored = store.read_events(spark, str(root / "store"))
    assert stored.count() == batch["summary"]["counts"]["classified"]
    assert stored.select("event_id").distinct().count() == stored.count()
    quarantined = store.read_quarantine(spark, str(root / "store"))
    assert quarantined.count() == batch["summary"]["counts"]["quarantined"]


def test_a_stale_summary_is_removed_when_a_run_starts(spark, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "_summary.json").write_text("{}")

    contract.begin(spark, str(out))

    assert not (out / "_summary.json").exists()
