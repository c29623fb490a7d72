"""Lab 1 — the devices: simulate gas sensors, vehicles, position tags and activity confirmations.

Generates JSON lines, deterministic for a seed, on Spark (so on EMR it writes straight to S3),
with chosen rates of anomalies and of bad input: malformed lines, invalid content, re-sent
duplicates and late events. ``--continuous`` instead drops one file per interval into a landing
folder, for the streaming lab. The run's result contract (``--output``) shows a sample of the
events and of the bad lines, and counts every kind of line written.

Run it from the repository root (local Spark)::

    .venv/bin/python labs/01-devices/simulate.py --raw runs/raw --output runs/01-devices \\
        --events 100000 --bad-input

On EMR (build the shared package first: ``python -m workshop.package``)::

    spark-submit --py-files labs/dist/workshop.zip labs/01-devices/simulate.py \\
        --raw s3://BUCKET/raw --output s3://BUCKET/runs/01-devices --events 10000000 --bad-input
"""

# %%
from __future__ import annotations  # type hints as on Python 3.11, also on EMR's 3.9

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path

from pyspark import AccumulatorParam
from pyspark.sql import SparkSession

try:
    import workshop  # noqa: F401  (on a cluster it comes from --py-files workshop.zip)
except ModuleNotFoundError:  # a local run from the repository: the package sits in labs/
    sys.path.append(str(Path(__file__).resolve().parents[1]))

from workshop import checks, cli, contract, simulator

LAB_ID = "01-devices"
SAMPLE_SIZE = 200


# %%
class CounterParam(AccumulatorParam):
    """Lets Spark tasks add up Counters (how many lines of each kind they wrote)."""

    def zero(self, value: Counter) -> Counter:
        return Counter()

    def addInPlace(self, left: Counter, right: Counter) -> Counter:
        left.update(right)
        return left


def generate(spark: SparkSession, config: simulator.Config, raw: str, files: int) -> Counter:
    """Write ``config.events`` lines as ``files`` text files; returns lines per kind."""
    kinds = spark.sparkContext.accumulator(Counter(), CounterParam())
    blocks = -(-config.events // simulator.BLOCK)

    def block_lines(block: int):
        counted: Counter = Counter()
        first = block * simulator.BLOCK
        for kind, device_type, line in simulator.lines(config, first, first + simulator.BLOCK):
            counted[kind] += 1
            counted[f"device:{device_type}"] += 1
            yield (line,)
        kinds.add(counted)

    (
        spark.sparkContext.parallelize(range(blocks), max(1, min(files, blocks)))
        .flatMap(block_lines)
        .toDF(["value"])
        .write.mode("overwrite")
        .text(raw)
    )
    return kinds.value


def samples(config: simulator.Config) -> tuple[list[str], list[str]]:
    """The first valid events and the first bad lines, to show in the result contract."""
    events, bad = [], []
    for kind, _, line in simulator.lines(config, 0, config.events):
        if kind in (simulator.VALID, simulator.LATE) and len(events) < SAMPLE_SIZE:
            events.append(line)
        elif kind not in (simulator.VALID, simulator.LATE) and len(bad) < SAMPLE_SIZE:
            reason = f"injected by the simulator: {kind}"
            record = {"raw": line, "reason_code": kind, "reason": reason}
            bad.append(json.dumps(record, ensure_ascii=False))
        if len(events) >= SAMPLE_SIZE and len(bad) >= SAMPLE_SIZE:
            break
    return events, bad


# %%
def run(
    spark: SparkSession,
    config: simulator.Config,
    raw: str,
    output: str,
    files: int,
    continuous: bool = False,
    rate: float = 100.0,
    interval: float = 1.0,
    run_seconds: float = 60.0,
) -> dict:
    started = contract.begin(spark, output)
    if continuous:
        fed = simulator.feed(spark, config, raw, rate, run_seconds, interval)
        kinds, lines, written_files = Counter(fed["by_kind"]), fed["lines"], fed["files"]
    else:
        kinds = generate(spark, config, raw, files)
        lines, written_files = config.events, files
    by_device = {k.split(":", 1)[1]: n for k, n in kinds.items() if k.startswith("device:")}
    by_kind = {kind: kinds.get(kind, 0) for kind in simulator.KINDS}
    events, bad = samples(config)
    summary = contract.summary(
        lab_id=LAB_ID,
        mode="continuous" if continuous else "simulate",
        spark=spark,
        started=started,
        locations={"input": "", "output": output, "raw": raw},
        counts=contract.empty_counts() | {"input": lines},
        extra={
            "simulator": {
                "config": asdict(config),
                "lines": lines,
                "files": written_files,
                "by_kind": by_kind,
                "by_device_type": by_device,
            }
        },
    )
    summary = checks.attach(LAB_ID, summary, contract.parse_lines(events))
    contract.write(spark, output, events, bad, summary)
    return summary


# %%
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = cli.ArgumentParser(prog=LAB_ID, description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--raw", required=True, help="where the JSON lines go (folder or s3://)")
    parser.add_argument("--output", required=True, help="where the result contract goes")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", default=simulator.Config.start, help="first event time")
    parser.add_argument("--events-per-second", type=float, default=5.0, help="event-time rate")
    parser.add_argument("--anomaly-rate", type=float, default=0.05)
    parser.add_argument("--malformed-rate", type=float, default=0.0)
    parser.add_argument("--invalid-rate", type=float, default=0.0)
    parser.add_argument("--duplicate-rate", type=float, default=0.0)
    parser.add_argument("--late-rate", type=float, default=0.0)
    parser.add_argument("--bad-input", action="store_true", help="turn every kind of bad input on")
    parser.add_argument("--continuous", action="store_true", help="drop a file per interval")
    parser.add_argument("--rate", type=float, default=100.0, help="continuous: events/s")
    parser.add_argument("--interval", type=float, default=1.0, help="continuous: seconds")
    parser.add_argument("--run-seconds", type=float, default=60.0, help="continuous: duration")
    return parser.parse_args(argv)


def config_from(args: argparse.Namespace) -> simulator.Config:
    config = simulator.Config(
        seed=args.seed,
        events=args.events,
        start=args.start,
        events_per_second=args.events_per_second,
        anomaly_rate=args.anomaly_rate,
        malformed_rate=args.malformed_rate,
        invalid_rate=args.invalid_rate,
        duplicate_rate=args.duplicate_rate,
        late_rate=args.late_rate,
    )
    if args.bad_input:
        config = simulator.with_all_bad_input(config)
    if args.continuous:
        config = replace(config, events=10**12)
    return config


def main(argv: list[str] | None = None, spark: SparkSession | None = None) -> dict:
    """Run the lab from command-line arguments (a notebook passes its own ``spark``).

    An output it cannot write raises ``cli.LocationError``: one line that names the location
    and says what to do (local paths: before Spark starts)."""
    args = parse_args(argv)
    places = [cli.Output("--raw", args.raw), cli.Output("--output", args.output)]
    with cli.lab_session(LAB_ID, places, spark) as spark:
        summary = run(
            spark,
            config_from(args),
            args.raw,
            args.output,
            args.files,
            args.continuous,
            args.rate,
            args.interval,
            args.run_seconds,
        )
        print(contract.headline(summary))
        return summary


if __name__ == "__main__":
    cli.run_script(main)  # bad input: one line on stderr, exit code 2 (--debug: the traceback)
