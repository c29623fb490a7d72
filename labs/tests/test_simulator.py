"""The simulator is deterministic, split-independent, and injects what it says it injects."""

from __future__ import annotations

import json
from dataclasses import replace

from workshop import simulator

CONFIG = simulator.with_all_bad_input(simulator.Config(seed=3, events=3000))


def test_same_seed_same_lines_different_seed_different_lines():
    first = list(simulator.lines(CONFIG, 0, 500))
    assert first == list(simulator.lines(CONFIG, 0, 500))
    assert first != list(simulator.lines(replace(CONFIG, seed=4), 0, 500))


def test_lines_do_not_depend_on_how_the_work_is_split():
    whole = list(simulator.lines(CONFIG, 0, 3000))
    pieces = [*simulator.lines(CONFIG, 0, 1234), *simulator.lines(CONFIG, 1234, 3000)]
    assert whole == pieces


def test_every_kind_of_line_is_present_and_counted():
    truth = simulator.truth(CONFIG)
    assert sum(truth["by_kind"].values()) == CONFIG.events
    assert all(count > 0 for count in truth["by_kind"].values()), truth["by_kind"]
    assert set(truth["by_device_type"]) == {"gas_sensor", "vehicle", "position_tag", "activity"}


def test_duplicates_repeat_an_earlier_event_and_late_events_are_older():
    seen: dict[str, str] = {}
    previous_time = ""
    for kind, _, line in simulator.lines(CONFIG, 0, CONFIG.events):
        if kind in (simulator.VALID, simulator.LATE, simulator.DUPLICATE):
            event = json.loads(line)
            if kind == simulator.DUPLICATE:
                assert seen[event["event_id"]] == line
            else:
                assert event["event_id"] not in seen
                seen[event["event_id"]] = line
            if kind == simulator.LATE:
                assert event["event_time"] < previous_time
            elif kind == simulator.VALID:
                previous_time = max(previous_time, event["event_time"])


def test_no_bad_input_unless_asked():
    truth = simulator.truth(simulator.Config(seed=3, events=1000))
    assert truth["by_kind"][simulator.VALID] == 1000
