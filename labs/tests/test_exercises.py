"""The manifest checks tell a learner's correct exercise solution from a wrong one.

The correct solutions are the manifest's own (``exercises`` in ``lab.json``, what the page's
"Show solution" prints), applied to the lab's files; the wrong ones are edits a learner might
make instead. Each test runs the lab on the sample data and reads the check results the run
wrote into its summary."""

from __future__ import annotations

import pytest
from conftest import LABS_DIR, copy_sample, lab_source, load_lab

from workshop import exercises
from workshop.checks import load_manifest

SAMPLE_RAW = str(LABS_DIR / "sample-data" / "raw")
LABS_WITH_EXERCISES = ("02-batch", "03-streaming", "04-serve")
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


def solved_entry(lab_id: str, *numbers: int) -> str:
    """The lab's entry script with the manifest's solutions of ``numbers`` applied."""
    return exercises.solved(lab_id, *numbers)[load_manifest(lab_id)["entry"]]


@pytest.mark.parametrize("lab_id", LABS_WITH_EXERCISES)
def test_every_exercise_has_a_complete_solution_and_checks(lab_id):
    manifest = load_manifest(lab_id)
    numbers = [entry["number"] for entry in manifest["exercises"]]
    checked = {check.get("exercise") for check in manifest["checks"]} - {None}
    assert checked == set(numbers), "every exercise has checks, every exercise check an exercise"
    for entry in manifest["exercises"]:
        assert entry["task"], f"exercise {entry['number']} says what to do"
        assert entry["expect"], f"exercise {entry['number']} says what the learner should see"
        for edit in entry["solution"]:
            assert "..." not in edit["replace"]
            assert "\u2026" not in edit["replace"]
        solved = exercises.solved(lab_id, entry["number"])
        compile(solved[manifest["entry"]], manifest["entry"], "exec")  # pasting it runs


def edited(lab_id: str, *replacements: tuple[str, str]) -> str:
    """The lab's entry script with each ``(find, replace)`` made, as the manifest's solutions
    are (``find`` present exactly once)."""
    entry = load_manifest(lab_id)["entry"]
    edits = [{"file": entry, "find": old, "replace": new} for old, new in replacements]
    return exercises.apply({entry: lab_source(lab_id)}, edits)[entry]


def co_threshold(value: str) -> tuple[str, str]:
    return '"co_critical_ppm": 50.0}', f'"co_critical_ppm": {value}}}'


def fuel_rule(severity: str = "WARNING", limit: int = 10) -> tuple[str, str]:
    return "EXTRA_RULES: list[rules.Rule] = []", FUEL_RULE.format(severity=severity, limit=limit)


def batch_summary(spark, folder, source: str) -> dict:
    lab = load_lab("02-batch", source)
    return lab.run(spark, SAMPLE_RAW, str(folder / "out"), str(folder / "store"))


def passed(summary: dict) -> dict[str, bool]:
    return {check["id"]: check["passed"] for check in summary["checks"]}


def batch_checks(spark, tmp_path, source: str) -> dict[str, bool]:
    return passed(batch_summary(spark, tmp_path, source))


@pytest.fixture(scope="module")
def unchanged_batch(spark, tmp_path_factory):
    return batch_summary(spark, tmp_path_factory.mktemp("unchanged"), lab_source("02-batch"))


@pytest.fixture(scope="module")
def solved_batch(spark, tmp_path_factory):
    return batch_summary(spark, tmp_path_factory.mktemp("solved"), solved_entry("02-batch"))


BASE_CHECKS = {"identity": True, "classified": True, "every-event-has-a-rule": True}


def test_unchanged_batch_lab_fails_only_the_exercise_checks(unchanged_batch):
    assert passed(unchanged_batch) == {
        **BASE_CHECKS,
        "co-critical-from-35": False,
        "co-warning-below-35": True,
        "fuel-low-rule": False,
        "fuel-ok-from-10": True,
    }


def test_the_solutions_to_exercises_1_and_2_pass(solved_batch):
    assert passed(solved_batch) == {
        **BASE_CHECKS,
        "co-critical-from-35": True,
        "co-warning-below-35": True,
        "fuel-low-rule": True,
        "fuel-ok-from-10": True,
    }


def test_the_solutions_show_what_the_exercises_say(unchanged_batch, solved_batch):
    """Exercise 1: CRITICAL rises by as many as WARNING falls (before exercise 2's new
    warnings); exercise 2: VEH-FUEL-LOW shows in the counts by rule, taken from INFO."""
    before, after = unchanged_batch["by_severity"], solved_batch["by_severity"]
    fuel_low = solved_batch["by_rule"].get("VEH-FUEL-LOW", 0)
    more_critical = after["CRITICAL"] - before["CRITICAL"]
    assert more_critical > 0
    assert fuel_low > 0
    assert more_critical == (
        solved_batch["by_rule"]["GAS-CO-CRITICAL"] - unchanged_batch["by_rule"]["GAS-CO-CRITICAL"]
    )
    assert after["WARNING"] - before["WARNING"] == fuel_low - more_critical
    assert after["INFO"] - before["INFO"] == -fuel_low
    assert "VEH-FUEL-LOW" not in unchanged_batch["by_rule"]


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


@pytest.mark.parametrize(
    ("find", "replace", "failing"),
    [
        # A classification that silently loses the INFO events breaks the identity.
        (
            "return events.transform(enrich).transform(lambda df: classify(df, RULES, THRESHOLDS))",
            "return (\n        events.transform(enrich)\n"
            "        .transform(lambda df: classify(df, RULES, THRESHOLDS))\n"
            "        .filter(\"severity != 'INFO'\")\n    )",
            {"identity"},
        ),
        # Rules without the catch-alls leave normal readings without a rule.
        (
            "RULES = [*rules.RULES, *EXTRA_RULES]",
            'RULES = [rule for rule in rules.RULES if rule.when != "true"]',
            {"every-event-has-a-rule"},
        ),
    ],
)
def test_the_batch_checks_fail_on_wrong_lab_code(spark, tmp_path, find, replace, failing):
    results = batch_checks(spark, tmp_path, edited("02-batch", (find, replace)))
    assert {check for check, ok in results.items() if not ok} == failing | {
        "co-critical-from-35",
        "fuel-low-rule",
    }


def stream_summary(spark, folder, source: str) -> dict:
    """Lab 3 on the sample as the page's sample run does: one file per micro-batch, drained."""
    return load_lab("03-streaming", source).run(
        spark,
        str(copy_sample(folder / "landing")),
        str(folder / "out"),
        str(folder / "store"),
        str(folder / "checkpoint"),
        available_now=True,
        max_files_per_trigger=1,
    )


@pytest.fixture(scope="module")
def unchanged_stream(spark, tmp_path_factory):
    return stream_summary(spark, tmp_path_factory.mktemp("stream"), lab_source("03-streaming"))


@pytest.fixture(scope="module")
def solved_stream(spark, tmp_path_factory):
    folder = tmp_path_factory.mktemp("solved-stream")
    return stream_summary(spark, folder, solved_entry("03-streaming"))


STREAM_CHECKS = {"identity": True, "classified": True}


def test_unchanged_stream_lab_fails_the_exercise_3_checks(unchanged_stream):
    assert passed(unchanged_stream) == {
        **STREAM_CHECKS,
        "late-events-kept": False,
        "watermark-30": False,
    }
    assert unchanged_stream["stream"]["kept_minutes_behind"] <= 10


def test_the_solution_to_exercise_3_passes_and_keeps_late_events(unchanged_stream, solved_stream):
    assert passed(solved_stream) == {
        **STREAM_CHECKS,
        "late-events-kept": True,
        "watermark-30": True,
    }
    assert 15 <= solved_stream["stream"]["kept_minutes_behind"] <= 30
    # What the exercise says: fewer late events dropped, but not none.
    late_before = unchanged_stream["counts"]["late_dropped"]
    late_after = solved_stream["counts"]["late_dropped"]
    assert 0 < late_after < late_before


def test_the_stream_identity_check_fails_when_a_micro_batch_loses_events(spark, tmp_path):
    find = "return events.transform(enrich).transform(lambda df: classify(df, rules.RULES))"
    replace = f"{find}.filter(\"severity != 'INFO'\")"
    results = passed(stream_summary(spark, tmp_path, edited("03-streaming", (find, replace))))
    assert {check for check, ok in results.items() if not ok} == {
        "identity",
        "late-events-kept",
        "watermark-30",
    }


def test_a_watermark_in_the_wrong_unit_fails_exercise_3(spark, tmp_path):
    source = edited("03-streaming", ("WATERMARK_MINUTES = 10", "WATERMARK_MINUTES = 30 * 60"))
    results = passed(stream_summary(spark, tmp_path, source))
    assert results == {**STREAM_CHECKS, "late-events-kept": True, "watermark-30": False}


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
