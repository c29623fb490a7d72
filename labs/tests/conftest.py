"""One local SparkSession for the whole test run, and helpers shared by the tests."""

from __future__ import annotations

import os
import shutil
import types
from pathlib import Path

import pytest

os.environ.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")

from workshop import session, simulator

LABS_DIR = Path(__file__).resolve().parent.parent
SAMPLE_RAW = LABS_DIR / "sample-data" / "raw"


@pytest.fixture(scope="session")
def spark():
    spark = session.build("workshop-tests", master="local[2]")
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    yield spark
    spark.stop()


def load_lab(lab_id: str, source: str | None = None) -> types.ModuleType:
    """Import a lab's entry script (optionally with its text changed, as a learner would)."""
    import json

    manifest = json.loads((LABS_DIR / lab_id / "lab.json").read_text())
    path = LABS_DIR / lab_id / manifest["entry"]
    module = types.ModuleType(f"lab_{lab_id.replace('-', '_')}")
    module.__file__ = str(path)
    code = compile(source if source is not None else path.read_text(), str(path), "exec")
    exec(code, module.__dict__)
    return module


def lab_source(lab_id: str) -> str:
    import json

    manifest = json.loads((LABS_DIR / lab_id / "lab.json").read_text())
    return (LABS_DIR / lab_id / manifest["entry"]).read_text()


def assert_frame_equal(actual, expected, order_by: list[str] | None = None) -> None:
    """Whole-frame equality: same schema (names, types, nullability ignored) and same rows."""
    actual_fields = [(f.name, f.dataType) for f in actual.schema.fields]
    expected_fields = [(f.name, f.dataType) for f in expected.schema.fields]
    assert actual_fields == expected_fields, f"schemas differ:\n{actual_fields}\n{expected_fields}"
    keys = order_by or actual.columns
    actual_rows = [r.asDict(recursive=True) for r in actual.orderBy(*keys).collect()]
    expected_rows = [r.asDict(recursive=True) for r in expected.orderBy(*keys).collect()]
    assert actual_rows == expected_rows


def landing_from(config: simulator.Config, folder: Path, files: int) -> list[Path]:
    """Write a simulation as ``files`` files with strictly increasing modification times."""
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-config.events // files)
    paths = []
    for number in range(files):
        first, last = number * per_file, min(config.events, (number + 1) * per_file)
        path = folder / f"events-{number:05d}.jsonl"
        path.write_text("".join(f"{line}\n" for _, _, line in simulator.lines(config, first, last)))
        os.utime(path, (1_700_000_000 + number * 10, 1_700_000_000 + number * 10))
        paths.append(path)
    return paths


def copy_sample(folder: Path) -> Path:
    """The committed sample data, with file times in file-name order."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, source in enumerate(sorted(SAMPLE_RAW.glob("*.jsonl"))):
        target = folder / source.name
        shutil.copy(source, target)
        os.utime(target, (1_700_000_000 + number * 10, 1_700_000_000 + number * 10))
    return folder
