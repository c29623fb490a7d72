"""The manifest checks tell a learner's correct exercise solution from a wrong one.

Each test edits the lab's file as a learner would (a text replacement), runs the lab on the
sample data and reads the check results the run wrote into its summary."""

from __future__ import annotations

import pytest
from conftest import LABS_DIR, copy_sample, lab_source, load_lab

SAMPLE_RAW = str(LABS_DIR / "sample-data" / "raw")
FUEL_RULE = """EXTRA_RULES: list[rules.Rule] = [
    rules.Rule(
        id="VEH-FUEL-LOW",
        device_type="vehicle",
        category="OPERATIONS",
        severity="{severity}",
        when="fuel_pct < {limit}",
        condition="Fuel below {limit}%",
        reason="Fuel at {{fuel_pct}}%",
    )
]"""


def edited(lab_id: str, *replacements: tuple[str, str]) -> str:
    source = lab_source(lab_id)
    for old, new in replacements:
        assert source.count(old) == 1, f"{old!r} is not in {lab_id} exactly once"
        source = source.replace(old, new)
    return source


def co_threshold(value: str) -> tuple[str, str]:
    return '"co_critical_ppm": 50.0}', f'"co_critical_ppm": {value}}}'


def fuel_rule(severity: str = "WARNING", limit: int = 10) -> tuple[str, str]:
    return "EXTRA_RULES: list[rules.Rule] = []", FUEL_RULE.format(severity=severity, limit=limit)


def batch_checks(spark, tmp_path, source: str) -> dict[str, bool]:
    lab = load_lab("02-batch", source)
    summary = lab.run(spark, SAMPLE_RAW, str(tmp_path / "out"), str(tmp_path / "store"))
    return {check["id"]: check["passed"] for check in summary["checks"]}


BASE_CHECKS = {"identity": True, "classified": True, "every-event-has-a-rule": True}


def test_unchanged_batch_lab_fails_only_the_exercise_checks(spark, tmp_path):
    assert batch_checks(spark, tmp_path, lab_source("02-batch")) == {
        **BASE_CHECKS,
        "co-critical-from-35": False,
        "co-warning-below-35": True,
        "fuel-low-rule": False,
        "fuel-ok-from-10": True,
    }


def test_correct_solutions_to_exercises_1_and_2_pass(spark, tmp_path):
    source = edited("02-batch", co_threshold("35.0"), fuel_rule())
    assert batch_checks(spark, tmp_path, source) == {
        **BASE_CHECKS,
        "co-critical-from-35": True,
        "co-warning-below-35": True,
        "fuel-low-rule": True,
        "fuel-ok-from-10": True,
    }


@pytest.mark.parametrize(
    ("threshold", "severity", "limit", "failing"),
    [
        ("25.0", "WARNING", 20, {"co-warning-below-35", "fuel-ok-from-10"}),
        ("40.0", "INFO", 10, {"co-critical-from-35", "fuel-low-rule"}),
    ],
)
def test_wrong_solutions_fail_the_exercise_checks(
    spark, tmp_path, threshold, severity, limit, failing
):
    source = edited("02-batch", co_threshold(threshold), fuel_rule(severity, limit))
    results = batch_checks(spark, tmp_path, source)
    assert {check for check, passed in results.items() if not passed} == failing


@pytest.mark.parametrize(("value", "passed"), [("30", True), ("30 * 60", False)])
def test_exercise_3_watermark(spark, tmp_path, value, passed):
    source = edited("03-streaming", ("WATERMARK_MINUTES = 10", f"WATERMARK_MINUTES = {value}"))
    lab = load_lab("03-streaming", source)
    landing = copy_sample(tmp_path / "landing")
    summary = lab.run(
        spark,
        str(landing),
        str(tmp_path / "out"),
        str(tmp_path / "store"),
        str(tmp_path / "checkpoint"),
        available_now=True,
    )
    results = {check["id"]: check["passed"] for check in summary["checks"]}
    assert results == {"identity": True, "classified": True, "watermark-30": passed}


@pytest.fixture(scope="module")
def sample_store(spark, tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-store")
    load_lab("02-batch").run(spark, SAMPLE_RAW, str(root / "batch-out"), str(root / "store"))
    return str(root / "store")


@pytest.mark.parametrize(
    ("severities", "failing"),
    [
        ('["CRITICAL"]', {"open-warnings"}),
        ('["CRITICAL", "WARNING"]', set()),
        ('["WARNING", "CRITICAL"]', set()),
        ('["CRITICAL", "INFO"]', {"open-warnings", "no-open-info"}),
        ('["CRITICAL", "WARNING", "INFO"]', {"no-open-info"}),
    ],
)
def test_exercise_4_open_alerts(spark, tmp_path, sample_store, severities, failing):
    source = edited(
        "04-serve",
        ('OPEN_ALERT_SEVERITIES = ["CRITICAL"]', f"OPEN_ALERT_SEVERITIES = {severities}"),
    )
    summary = load_lab("04-serve", source).run(spark, sample_store, str(tmp_path / "out"))
    assert {c["id"] for c in summary["checks"] if not c["passed"]} == failing
