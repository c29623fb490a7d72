"""Generated files are current; the small contract files go through Hadoop's FileSystem API;
the checker's conditions behave; summaries follow the published JSON Schema."""

from __future__ import annotations

import json
import zipfile

import jsonschema
import pytest
from conftest import LABS_DIR, load_lab

from workshop import checks, contract, export_contract, fs, package, sample


def test_contract_files_are_not_stale():
    assert export_contract.stale() == [], "run: .venv/bin/python -m workshop.export_contract"


def test_sample_data_is_not_stale():
    assert sample.stale() == [], "run: .venv/bin/python -m workshop.sample"


def test_rules_json_lists_every_rule_in_firing_order():
    document = json.loads((LABS_DIR / "contract" / "rules.json").read_text())
    severities = [rule["severity"] for rule in document["rules"]]
    assert severities == sorted(severities, key=["CRITICAL", "WARNING", "INFO"].index)
    assert document["rules"][0]["when_resolved"] == "gas = 'CO' AND ppm >= 50"


def test_small_files_go_through_hadoop_filesystem_uris(spark, tmp_path):
    location = f"file://{tmp_path}/out"

    fs.write_text(spark, fs.join(location, "events", "part-00000.jsonl"), '{"a": 1}\n')

    assert (tmp_path / "out" / "events" / "part-00000.jsonl").read_text() == '{"a": 1}\n'
    assert fs.read_text(spark, fs.join(location, "events", "part-00000.jsonl")) == '{"a": 1}\n'
    assert fs.list_files(spark, fs.join(location, "events")) == ["part-00000.jsonl"]
    assert not list((tmp_path / "out" / "events").glob(".*"))  # no temporary or .crc file
    fs.delete(spark, location)
    assert not (tmp_path / "out").exists()


def test_py_files_zip_carries_the_package_and_the_manifests(tmp_path):
    archive = package.build_zip(tmp_path / "workshop.zip")

    names = set(zipfile.ZipFile(archive).namelist())
    assert {
        "workshop/__init__.py",
        "workshop/rules.py",
        "workshop/manifests/02-batch.json",
    } <= names
    assert package.build_zip(tmp_path / "again.zip").read_bytes() == archive.read_bytes()


def test_summaries_follow_the_published_schema(spark, tmp_path):
    schema = json.loads((LABS_DIR / "contract" / "summary-schema.json").read_text())
    lab = load_lab("01-devices")
    lab.main(
        [
            "--raw",
            str(tmp_path / "raw"),
            "--output",
            str(tmp_path / "out"),
            "--events",
            "1500",
            "--bad-input",
        ],
        spark=spark,
    )
    summary = contract.read_summary(spark, str(tmp_path / "out"))

    jsonschema.validate(summary, schema)
    assert summary["simulator"]["lines"] == 1500
    assert sum(summary["simulator"]["by_kind"].values()) == 1500
    assert len(list((tmp_path / "raw").glob("part-*"))) == 2  # 2 blocks of 1000 lines: 2 files
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**summary, "counts": {"input": "many"}}, schema)


@pytest.mark.parametrize(
    ("event", "condition", "expected"),
    [
        ({"ppm": 40.0}, {"ppm": {">=": 35}}, True),
        ({"ppm": 34.9}, {"ppm": {">=": 35}}, False),
        ({}, {"ppm": {">=": 35}}, False),
        ({"gas": "CO"}, {"gas": "CO", "ppm": None}, True),
        ({"rule_id": "A"}, {"rule_id": {"in": ["A", "B"]}}, True),
        ({"rule_id": "C"}, {"rule_id": {"!=": "C"}}, False),
    ],
)
def test_check_conditions(event, condition, expected):
    assert checks.matches(event, condition) is expected


def test_an_events_check_needs_matching_events_and_reports_a_counterexample():
    check = {
        "id": "x",
        "title": "x",
        "type": "events",
        "where": {"gas": "CO"},
        "expect": {"severity": "CRITICAL"},
    }

    [none] = checks.evaluate([check], {}, [])
    [wrong] = checks.evaluate([check], {}, [{"gas": "CO", "severity": "INFO", "event_id": "e1"}])
    [right] = checks.evaluate([check], {}, [{"gas": "CO", "severity": "CRITICAL"}])

    assert (none["passed"], wrong["passed"], right["passed"]) == (False, False, True)
    assert "e1" in wrong["detail"]


def test_percentiles_are_nearest_rank_over_weighted_samples():
    assert contract.percentiles([(100.0, 50), (200.0, 45), (900.0, 5)]) == {
        "p50": 100.0,
        "p95": 200.0,
        "p99": 900.0,
        "max": 900.0,
        "events": 100,
    }
    assert contract.percentiles([]) is None
