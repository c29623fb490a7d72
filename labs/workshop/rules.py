"""The classification rules, defined once.

A rule is data: the device type it applies to, a Spark SQL condition over the event's columns
(with ``{threshold}`` placeholders), the category and severity it assigns, and a reason template
(``{column}`` or ``{threshold}`` placeholders). For each event the first matching rule of its
device type fires, in :func:`ordered` order: CRITICAL rules first, then WARNING, then INFO, each
severity in declaration order. Every device type ends with a catch-all INFO rule, so every valid
event gets exactly one rule.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

CATEGORIES = ("SAFETY", "SECURITY", "OPERATIONS", "MAINTENANCE", "TELEMETRY")
SEVERITIES = ("CRITICAL", "WARNING", "INFO")

# Named thresholds the rules refer to. Labs may pass their own copy (learner exercises do).
THRESHOLDS: dict[str, float] = {
    "co_critical_ppm": 50.0,
    "co_warning_ppm": 25.0,
    "h2s_critical_ppm": 15.0,
    "h2s_warning_ppm": 10.0,
    "ch4_critical_ppm": 5000.0,
    "ch4_warning_ppm": 2500.0,
    "battery_low_pct": 15.0,
    "engine_overheat_c": 110.0,
    "site_speed_limit_kmh": 30.0,
    "activity_grace_min": 15.0,
}

THRESHOLD_UNITS: dict[str, str] = {
    "co_critical_ppm": "ppm",
    "co_warning_ppm": "ppm",
    "h2s_critical_ppm": "ppm",
    "h2s_warning_ppm": "ppm",
    "ch4_critical_ppm": "ppm",
    "ch4_warning_ppm": "ppm",
    "battery_low_pct": "%",
    "engine_overheat_c": "°C",
    "site_speed_limit_kmh": "km/h",
    "activity_grace_min": "min",
}


@dataclass(frozen=True)
class Zone:
    """A rectangle of the site plan, in metres from the plan's south-west corner."""

    id: str
    name: str
    restricted: bool
    x0: float
    y0: float
    x1: float
    y1: float


# The site plan's zones; the first zone containing a position names it, else "open-area".
SITE_ZONES: tuple[Zone, ...] = (
    Zone("tank-farm", "Tank farm", True, 20.0, 200.0, 140.0, 290.0),
    Zone("substation", "Electrical substation", True, 420.0, 220.0, 490.0, 290.0),
    Zone("blasting-area", "Blasting area", True, 360.0, 10.0, 480.0, 80.0),
    Zone("workshop", "Maintenance workshop", False, 180.0, 20.0, 300.0, 110.0),
    Zone("offices", "Offices", False, 200.0, 200.0, 320.0, 280.0),
)
OPEN_AREA = "open-area"


@dataclass(frozen=True)
class Rule:
    """One classification rule."""

    id: str
    device_type: str
    category: str
    severity: str
    when: str  # Spark SQL boolean expression; {name} placeholders are thresholds
    condition: str  # the same condition in words, for the docs
    reason: str  # reason template; {name} placeholders are columns or thresholds

    def thresholds_used(self) -> tuple[str, ...]:
        names = placeholders(self.when) + placeholders(self.reason)
        return tuple(dict.fromkeys(n for n in names if n in THRESHOLDS))


def placeholders(template: str) -> tuple[str, ...]:
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


RULES: tuple[Rule, ...] = (
    # Gas sensors
    Rule(
        id="GAS-CO-CRITICAL",
        device_type="gas_sensor",
        category="SAFETY",
        severity="CRITICAL",
        when="gas = 'CO' AND ppm >= {co_critical_ppm}",
        condition="Carbon monoxide at or above the critical level",
        reason="CO at {ppm} ppm, at or above the critical {co_critical_ppm} ppm",
    ),
    Rule(
        id="GAS-H2S-CRITICAL",
        device_type="gas_sensor",
        category="SAFETY",
        severity="CRITICAL",
        when="gas = 'H2S' AND ppm >= {h2s_critical_ppm}",
        condition="Hydrogen sulphide at or above the critical level",
        reason="H2S at {ppm} ppm, at or above the critical {h2s_critical_ppm} ppm",
    ),
    Rule(
        id="GAS-CH4-CRITICAL",
        device_type="gas_sensor",
        category="SAFETY",
        severity="CRITICAL",
        when="gas = 'CH4' AND ppm >= {ch4_critical_ppm}",
        condition="Methane at or above the critical level (10% of the lower explosive limit)",
        reason="CH4 at {ppm} ppm, at or above the critical {ch4_critical_ppm} ppm",
    ),
    Rule(
        id="GAS-CO-WARNING",
        device_type="gas_sensor",
        category="SAFETY",
        severity="WARNING",
        when="gas = 'CO' AND ppm >= {co_warning_ppm}",
        condition="Carbon monoxide at or above the warning level",
        reason="CO at {ppm} ppm, at or above the warning {co_warning_ppm} ppm",
    ),
    Rule(
        id="GAS-H2S-WARNING",
        device_type="gas_sensor",
        category="SAFETY",
        severity="WARNING",
        when="gas = 'H2S' AND ppm >= {h2s_warning_ppm}",
        condition="Hydrogen sulphide at or above the warning level",
        reason="H2S at {ppm} ppm, at or above the warning {h2s_warning_ppm} ppm",
    ),
    Rule(
        id="GAS-CH4-WARNING",
        device_type="gas_sensor",
        category="SAFETY",
        severity="WARNING",
        when="gas = 'CH4' AND ppm >= {ch4_warning_ppm}",
        condition="Methane at or above the warning level",
        reason="CH4 at {ppm} ppm, at or above the warning {ch4_warning_ppm} ppm",
    ),
    Rule(
        id="GAS-BATTERY-LOW",
        device_type="gas_sensor",
        category="MAINTENANCE",
        severity="WARNING",
        when="battery_pct < {battery_low_pct}",
        condition="Sensor battery below the replacement level",
        reason="Battery at {battery_pct}%, below {battery_low_pct}%",
    ),
    Rule(
        id="GAS-OK",
        device_type="gas_sensor",
        category="TELEMETRY",
        severity="INFO",
        when="true",
        condition="Any other gas reading",
        reason="{gas} at {ppm} ppm, within limits",
    ),
    # Vehicles
    Rule(
        id="VEH-OVERHEAT",
        device_type="vehicle",
        category="MAINTENANCE",
        severity="CRITICAL",
        when="engine_temp_c >= {engine_overheat_c}",
        condition="Engine temperature at or above the overheat level",
        reason="Engine at {engine_temp_c} °C, at or above {engine_overheat_c} °C",
    ),
    Rule(
        id="VEH-SPEEDING",
        device_type="vehicle",
        category="SAFETY",
        severity="WARNING",
        when="speed_kmh > {site_speed_limit_kmh}",
        condition="Vehicle faster than the site speed limit",
        reason="{speed_kmh} km/h, above the site limit of {site_speed_limit_kmh} km/h",
    ),
    Rule(
        id="VEH-HARSH-BRAKING",
        device_type="vehicle",
        category="SAFETY",
        severity="WARNING",
        when="harsh_braking",
        condition="Vehicle braked harshly",
        reason="Harsh braking at {speed_kmh} km/h in {zone}",
    ),
    Rule(
        id="VEH-OK",
        device_type="vehicle",
        category="TELEMETRY",
        severity="INFO",
        when="true",
        condition="Any other vehicle signal",
        reason="{speed_kmh} km/h, engine {engine_temp_c} °C, fuel {fuel_pct}%",
    ),
    # Position tags
    Rule(
        id="POS-EMPLOYEE-RESTRICTED",
        device_type="position_tag",
        category="SECURITY",
        severity="CRITICAL",
        when="subject_kind = 'employee' AND zone_restricted",
        condition="Employee inside a restricted zone of the site plan",
        reason="Employee {subject_id} inside restricted zone {zone}",
    ),
    Rule(
        id="POS-ASSET-RESTRICTED",
        device_type="position_tag",
        category="SECURITY",
        severity="WARNING",
        when="subject_kind = 'asset' AND zone_restricted",
        condition="Asset inside a restricted zone of the site plan",
        reason="Asset {subject_id} inside restricted zone {zone}",
    ),
    Rule(
        id="POS-OK",
        device_type="position_tag",
        category="TELEMETRY",
        severity="INFO",
        when="true",
        condition="Any other position",
        reason="{subject_kind} {subject_id} in {zone}",
    ),
    # Activity confirmations
    Rule(
        id="ACT-FAILED",
        device_type="activity",
        category="OPERATIONS",
        severity="WARNING",
        when="status = 'failed'",
        condition="Activity reported as failed",
        reason="Task {task} ({task_id}) failed, operator {operator_id}",
    ),
    Rule(
        id="ACT-OVERDUE",
        device_type="activity",
        category="OPERATIONS",
        severity="WARNING",
        when="overdue_min > {activity_grace_min}",
        condition="Activity done late, or still pending, past its due time plus the grace period",
        reason="Task {task} ({task_id}) {overdue_min} min overdue, grace {activity_grace_min} min",
    ),
    Rule(
        id="ACT-OK",
        device_type="activity",
        category="OPERATIONS",
        severity="INFO",
        when="true",
        condition="Any other activity confirmation",
        reason="Task {task} ({task_id}) {status}",
    ),
)


def ordered(rules: tuple[Rule, ...] | list[Rule]) -> list[Rule]:
    """Rules in firing order: by severity (CRITICAL first), then as declared."""
    return sorted(rules, key=lambda rule: SEVERITIES.index(rule.severity))


def validate_rules(rules: tuple[Rule, ...] | list[Rule], thresholds: dict[str, float]) -> None:
    """Raise ``ValueError`` naming the first rule that cannot work."""
    from workshop.schema import ALL_FIELDS, DERIVED_FIELDS, DEVICE_TYPES

    columns = {f.name for f in ALL_FIELDS} | {f.name for f in DERIVED_FIELDS}
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise ValueError(f"rule {rule.id}: the id is used twice")
        seen.add(rule.id)
        if rule.device_type not in DEVICE_TYPES:
            raise ValueError(f"rule {rule.id}: unknown device_type {rule.device_type!r}")
        if rule.category not in CATEGORIES:
            raise ValueError(f"rule {rule.id}: unknown category {rule.category!r}")
        if rule.severity not in SEVERITIES:
            raise ValueError(f"rule {rule.id}: unknown severity {rule.severity!r}")
        for name in placeholders(rule.when):
            if name not in thresholds:
                raise ValueError(f"rule {rule.id}: unknown threshold {{{name}}} in condition")
        for name in placeholders(rule.reason):
            if name not in thresholds and name not in columns:
                raise ValueError(f"rule {rule.id}: unknown placeholder {{{name}}} in reason")
