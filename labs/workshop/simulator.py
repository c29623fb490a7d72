"""Device simulator: deterministic JSON lines for the four device types.

Line ``i`` of a simulation depends only on ``(seed, i)`` and the rates, never on how the work
is split, so the same arguments give the same lines on one core or on a cluster. Each line is
one *kind*: a valid event, a late event (valid, but its event time is long before its
neighbours'), a re-sent duplicate of an earlier event, a malformed line, or a line whose JSON is
fine but whose content is invalid (one kind per quarantine reason).
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone

from workshop.rules import SITE_ZONES
from workshop.schema import PAYLOADS, SITE_HEIGHT_M, SITE_WIDTH_M

VALID = "valid"
LATE = "late"
DUPLICATE = "duplicate"
MALFORMED = "malformed_json"
# Kinds of valid JSON with invalid content; each is named after the quarantine reason it causes.
INVALID_KINDS = (
    "missing_field",
    "wrong_type",
    "unknown_device_type",
    "invalid_value",
    "impossible_value",
    "future_timestamp",
)
KINDS = (VALID, LATE, DUPLICATE, MALFORMED, *INVALID_KINDS)

DEVICE_MIX = (("gas_sensor", 0.4), ("vehicle", 0.2), ("position_tag", 0.3), ("activity", 0.1))
DEVICES_PER_TYPE = {"gas_sensor": 40, "vehicle": 12, "position_tag": 60, "activity": 16}
SITE_ID = "plant-a"
TASKS = (
    "valve inspection",
    "forklift check",
    "fire door test",
    "spill kit audit",
    "gas calibration",
)
DUPLICATE_DISTANCE = 200  # a re-sent copy arrives up to this many lines after the original
BLOCK = 1000  # lines per unit of work


@dataclass(frozen=True)
class Config:
    """What to simulate. Rates are fractions of all lines (anomaly_rate: of valid events)."""

    seed: int = 7
    events: int = 10_000
    start: str = "2025-06-02T08:00:00Z"
    events_per_second: float = 5.0  # event-time rate: events spread over events / rate seconds
    anomaly_rate: float = 0.05
    malformed_rate: float = 0.0
    invalid_rate: float = 0.0
    duplicate_rate: float = 0.0
    late_rate: float = 0.0
    late_minutes_min: float = 15.0
    late_minutes_max: float = 90.0
    id_tag: str = ""  # set per continuous run, so live events never reuse a simulation's ids

    def start_ms(self) -> int:
        moment = datetime.fromisoformat(self.start.replace("Z", "+00:00"))
        return int(moment.timestamp() * 1000)


def _rng(config: Config, index: int) -> random.Random:
    return random.Random(config.seed * 10_000_000_019 + index)


def kind_at(config: Config, index: int) -> str:
    """The kind of line ``index`` (before the duplicate's fallback to valid)."""
    u = _rng(config, index).random()
    for kind, rate in (
        (MALFORMED, config.malformed_rate),
        ("invalid", config.invalid_rate),
        (DUPLICATE, config.duplicate_rate),
        (LATE, config.late_rate),
    ):
        if u < rate:
            return kind
        u -= rate
    return VALID


def _iso(ms: int) -> str:
    moment = datetime.fromtimestamp(ms / 1000, timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _uniform(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 1)


def _position(rng: random.Random, restricted: bool) -> tuple[float, float]:
    if restricted:
        zone = rng.choice([z for z in SITE_ZONES if z.restricted])
        return _uniform(rng, zone.x0 + 1, zone.x1 - 1), _uniform(rng, zone.y0 + 1, zone.y1 - 1)
    return _uniform(rng, 0, SITE_WIDTH_M), _uniform(rng, 0, SITE_HEIGHT_M)


def _payload(rng: random.Random, device_type: str, number: int, anomaly: bool, at_ms: int) -> dict:
    if device_type == "gas_sensor":
        gas = ("CO", "H2S", "CH4")[number % 3]
        normal = {"CO": (0, 20), "H2S": (0, 6), "CH4": (0, 1500)}[gas]
        # Alarm readings cluster around the thresholds, where classification is interesting.
        alarm = {"CO": (22, 60), "H2S": (6, 30), "CH4": (1500, 9000)}[gas]
        low_battery = anomaly and rng.random() < 0.25
        return {
            "gas": gas,
            "ppm": _uniform(rng, *(alarm if anomaly and not low_battery else normal)),
            "battery_pct": _uniform(rng, 3, 15) if low_battery else _uniform(rng, 15, 100),
        }
    if device_type == "vehicle":
        signal = rng.choice(("speed", "heat", "brake")) if anomaly else None
        x, y = _position(rng, False)
        return {
            "speed_kmh": _uniform(rng, 31, 60) if signal == "speed" else _uniform(rng, 0, 29),
            "engine_temp_c": _uniform(rng, 110, 125)
            if signal == "heat"
            else _uniform(rng, 70, 105),
            "fuel_pct": _uniform(rng, 2, 100),
            "harsh_braking": signal == "brake",
            "x": x,
            "y": y,
        }
    if device_type == "position_tag":
        kind = "employee" if number % 4 else "asset"
        x, y = _position(rng, anomaly)
        prefix = "E" if kind == "employee" else "A"
        return {"subject_kind": kind, "subject_id": f"{prefix}-{number:03d}", "x": x, "y": y}
    # activity confirmation
    due_ms = at_ms - int(rng.uniform(0, 120) * 60_000)
    status = rng.choice(("failed", "done", "pending")) if anomaly else "done"
    late_by = rng.uniform(20, 90) if anomaly else rng.uniform(-60, 10)
    payload = {
        "task_id": f"T-{rng.randrange(10_000):04d}",
        "task": rng.choice(TASKS),
        "status": status,
        "due_time": _iso(due_ms if status != "pending" else at_ms - int(late_by * 60_000)),
        "operator_id": f"OP-{rng.randrange(1, 40):02d}",
    }
    if status == "done":
        payload["completed_time"] = _iso(min(at_ms, due_ms + int(late_by * 60_000)))
    return payload


def _event(rng: random.Random, config: Config, index: int, at_ms: int, late: bool) -> dict:
    u, device_type = rng.random(), DEVICE_MIX[-1][0]
    for name, share in DEVICE_MIX:
        if u < share:
            device_type = name
            break
        u -= share
    number = rng.randrange(DEVICES_PER_TYPE[device_type])
    if late:
        minutes = rng.uniform(config.late_minutes_min, config.late_minutes_max)
        at_ms -= int(minutes * 60_000)
    anomaly = rng.random() < config.anomaly_rate
    prefix = {"gas_sensor": "gas", "vehicle": "veh", "position_tag": "tag", "activity": "act"}
    event = {
        "event_id": f"evt-{config.seed}-{config.id_tag}{index:09d}",
        "device_id": f"{prefix[device_type]}-{number:03d}",
        "device_type": device_type,
        "site_id": SITE_ID,
        "event_time": _iso(at_ms - rng.randrange(0, 250)),
    }
    event.update(_payload(rng, device_type, number, anomaly, at_ms))
    return event


def _break(rng: random.Random, event: dict, kind: str) -> dict:
    """Make a valid event invalid in exactly the way ``kind`` names."""
    event = dict(event)
    device_type = event["device_type"]
    payload = [f.name for f in PAYLOADS[device_type] if f.required]
    if kind == "missing_field":
        del event[rng.choice(["event_id", "device_id", "device_type", "event_time", *payload])]
    elif kind == "wrong_type":
        numeric = [f.name for f in PAYLOADS[device_type] if f.type in ("double", "timestamp")]
        event[rng.choice(["event_time", *numeric])] = rng.choice(("n/a", "high", "yesterday"))
    elif kind == "unknown_device_type":
        event["device_type"] = rng.choice(("drone", "weather_station", "GAS_SENSOR"))
    elif kind == "invalid_value":
        if device_type == "gas_sensor":
            event["gas"] = rng.choice(("NH3", "smoke"))
        elif device_type == "position_tag":
            event["subject_kind"] = "visitor"
        elif device_type == "activity":
            event["status"] = "maybe"
        else:  # vehicles have no enumerated field: an impossible speed instead
            return _break(rng, event, "impossible_value")
    elif kind == "impossible_value":
        field, value = {
            "gas_sensor": ("ppm", -rng.uniform(1, 50)),
            "vehicle": ("speed_kmh", rng.uniform(400, 900)),
            "position_tag": ("x", -rng.uniform(5, 100)),
            "activity": ("event_time", "1970-01-01T00:00:00.000Z"),
        }[device_type]
        event[field] = round(value, 1) if isinstance(value, float) else value
    elif kind == "future_timestamp":  # a clock decades ahead
        year = int(event["event_time"][:4]) + rng.randrange(30, 80)
        event["event_time"] = f"{year}{event['event_time'][4:]}"
    else:
        raise ValueError(kind)
    return event


def _dumps(event: dict) -> str:
    return json.dumps(event, separators=(",", ":"), ensure_ascii=False)


def line_at(config: Config, index: int, at_ms: int | None = None) -> tuple[str, str, str]:
    """``(kind, device_type, line)`` for line ``index``; ``at_ms`` overrides the event time
    (continuous mode stamps events with the wall clock)."""
    kind = kind_at(config, index)
    if kind == DUPLICATE:
        rng = _rng(config, index)
        rng.random()  # the draw kind_at used
        source = index - 1 - rng.randrange(DUPLICATE_DISTANCE)
        if source >= 0 and kind_at(config, source) in (VALID, LATE):
            event = _event_at(config, source, kind_at(config, source) == LATE, at_ms)
            return DUPLICATE, event["device_type"], _dumps(event)
        kind = VALID
    rng = _rng(config, index)
    rng.random()
    event = _event(rng, config, index, _time_ms(config, index, at_ms), kind == LATE)
    if kind in (VALID, LATE):
        return kind, event["device_type"], _dumps(event)
    if kind == MALFORMED:
        text = _dumps(event)
        broken = rng.choice(
            (text[: rng.randrange(1, len(text) - 1)], text.replace('"', "'"), "<html>502</html>")
        )
        return MALFORMED, event["device_type"], broken
    invalid_kind = INVALID_KINDS[rng.randrange(len(INVALID_KINDS))]
    broken = _break(rng, event, invalid_kind)
    if invalid_kind == "invalid_value" and event["device_type"] == "vehicle":
        invalid_kind = "impossible_value"
    return invalid_kind, event["device_type"], _dumps(broken)


def _time_ms(config: Config, index: int, at_ms: int | None) -> int:
    if at_ms is not None:
        return at_ms
    return config.start_ms() + int(index * 1000 / config.events_per_second)


def _event_at(config: Config, index: int, late: bool, at_ms: int | None) -> dict:
    rng = _rng(config, index)
    rng.random()  # the draw kind_at used
    return _event(rng, config, index, _time_ms(config, index, at_ms), late)


def lines(config: Config, first: int, last: int) -> Iterator[tuple[str, str, str]]:
    """``(kind, device_type, line)`` for lines ``first`` (inclusive) to ``last`` (exclusive)."""
    for index in range(first, min(last, config.events)):
        yield line_at(config, index)


def truth(config: Config, first: int = 0, last: int | None = None) -> dict:
    """What the simulator injected into lines ``first..last``: counts by kind and device type."""
    kinds: Counter = Counter()
    devices: Counter = Counter()
    for kind, device_type, _ in lines(config, first, config.events if last is None else last):
        kinds[kind] += 1
        devices[device_type] += 1
    return {"by_kind": {k: kinds.get(k, 0) for k in KINDS}, "by_device_type": dict(devices)}


def write_files(spark, config: Config, location: str, files: int) -> list[str]:
    """Write the simulation as ``files`` JSON-lines files, one after the other, oldest first
    (file modification times follow event time, as a stream's landing folder would see)."""
    from workshop import fs

    per_file = -(-config.events // files)
    written = []
    for number in range(files):
        first, last = number * per_file, min(config.events, (number + 1) * per_file)
        if first >= last:
            break
        text = "".join(f"{line}\n" for _, _, line in lines(config, first, last))
        name = fs.join(location, f"events-{config.seed}-{number:05d}.jsonl")
        fs.write_text(spark, name, text)
        written.append(name)
        time.sleep(0.02)  # distinct modification times keep the files' order for the stream
    return written


def feed(
    spark,
    config: Config,
    location: str,
    rate: float,
    seconds: float,
    interval: float = 1.0,
    stop=None,
) -> dict:
    """Continuous mode: every ``interval`` seconds drop one file of ``rate * interval`` lines
    into ``location``, stamped with the wall clock, for ``seconds`` (or until ``stop`` is set)."""
    from workshop import fs

    per_file = max(1, round(rate * interval))
    index, number, started = 0, 0, time.time()
    config = replace(config, id_tag=f"live{started:.0f}-")
    kinds: Counter = Counter()
    while time.time() - started < seconds and not (stop is not None and stop.is_set()):
        tick = started + number * interval
        time.sleep(max(0.0, tick - time.time()))
        now_ms = int(time.time() * 1000)
        batch = [line_at(config, i, at_ms=now_ms) for i in range(index, index + per_file)]
        kinds.update(kind for kind, _, _ in batch)
        name = fs.join(location, f"live-{config.seed}-{started:.0f}-{number:06d}.jsonl")
        fs.write_text(spark, name, "".join(f"{line}\n" for _, _, line in batch))
        index += per_file
        number += 1
    return {"files": number, "lines": index, "by_kind": dict(kinds)}


def with_all_bad_input(config: Config) -> Config:
    """The same simulation with every kind of bad input turned on (used by tests and samples)."""
    return replace(
        config,
        malformed_rate=0.02,
        invalid_rate=0.06,
        duplicate_rate=0.03,
        late_rate=0.02,
    )


def describe(config: Config) -> dict:
    return asdict(config)
