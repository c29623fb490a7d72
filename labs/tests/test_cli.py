"""Bad input at the terminal: one clear line on stderr, exit code 2, no traceback (--debug: the
traceback too). The entry scripts run as subprocesses; local paths are checked before Spark
starts, so none of them starts Spark (their stderr is that one line, no Spark start-up log).
The Hadoop FileSystem checks (s3:// on EMR) and Spark's own errors run in-process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
from dataclasses import replace

import pytest
from conftest import LABS_DIR

from workshop import cli

WORKER_DIR = LABS_DIR.parent / "runner" / "worker"


def entry(lab_id: str) -> str:
    manifest = json.loads((LABS_DIR / lab_id / "lab.json").read_text())
    return str(LABS_DIR / lab_id / manifest["entry"])


def run_entry(lab_id: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    env.pop("PYSPARK_GATEWAY_PORT", None)
    return subprocess.run(
        [sys.executable, entry(lab_id), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=LABS_DIR.parent,
        timeout=120,
    )


@pytest.fixture
def places(tmp_path):
    """Folders for every case: missing, empty (only hidden and empty files), a plain file."""
    (tmp_path / "empty" / "_temporary").mkdir(parents=True)
    (tmp_path / "empty" / "_temporary" / "part-0.jsonl").write_text("{}\n")
    (tmp_path / "empty" / ".part-1.jsonl.crc").write_text("x")
    (tmp_path / "empty" / "part-2.jsonl").write_text("")
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "not-a-store" / "events").mkdir(parents=True)
    (tmp_path / "not-a-store" / "events" / "part-00000.jsonl").write_text("{}\n")
    return tmp_path


# (lab, arguments with {tmp} for the test's folder, what stderr must name)
CASES = {
    "batch-missing-input": (
        "02-batch",
        "--input {tmp}/missing --output {tmp}/out --store {tmp}/store",
        "02-batch: --input {tmp}/missing does not exist; point it at the JSON-lines files",
    ),
    "batch-empty-input": (
        "02-batch",
        "--input {tmp}/empty --output {tmp}/out --store {tmp}/store",
        "02-batch: --input {tmp}/empty holds no input files;",
    ),
    "batch-output-under-a-file": (
        "02-batch",
        f"--input {LABS_DIR}/sample-data/raw --output {{tmp}}/a-file/out --store {{tmp}}/store",
        "02-batch: --output {tmp}/a-file/out cannot be created: {tmp}/a-file is a file; give a folder",
    ),
    "devices-raw-is-a-file": (
        "01-devices",
        "--raw {tmp}/a-file --output {tmp}/out",
        "01-devices: --raw {tmp}/a-file is a file, not a folder; give a folder",
    ),
    "stream-nothing-to-drain": (
        "03-streaming",
        "--landing {tmp}/empty --output {tmp}/out --store {tmp}/store --checkpoint {tmp}/cp --available-now",
        "03-streaming: --landing {tmp}/empty holds no files to process; --available-now has nothing to drain",
    ),
    "stream-checkpoint-is-a-file": (
        "03-streaming",
        f"--landing {LABS_DIR}/sample-data/raw --output {{tmp}}/out --store {{tmp}}/store --checkpoint {{tmp}}/a-file --available-now",
        "03-streaming: --checkpoint {tmp}/a-file is a file, not a folder",
    ),
    "serve-missing-store": (
        "04-serve",
        "--store {tmp}/missing --output {tmp}/out",
        "04-serve: --store {tmp}/missing does not exist; run lab 2 or lab 3 with --store {tmp}/missing first",
    ),
    "serve-not-a-store": (
        "04-serve",
        "--store {tmp}/not-a-store --output {tmp}/out",
        "04-serve: --store {tmp}/not-a-store holds no stored events (no Parquet files under events/ or quarantine/)",
    ),
    "unknown-argument": (
        "02-batch",
        "--inptu {tmp}/raw --output {tmp}/out --store {tmp}/store",
        "02-batch: unrecognized arguments: --inptu (did you mean --input?); run with --help",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_with_the_location_and_exit_2(places, case):
    lab_id, args, expected = CASES[case]
    result = run_entry(lab_id, *args.format(tmp=places).split())
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(expected.format(tmp=places)), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one line: Spark did not even start
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_debug_prints_the_traceback_then_the_line(places):
    result = run_entry(
        "02-batch",
        *("--input", str(places / "missing"), "--output", str(places / "out")),
        *("--store", str(places / "store"), "--debug"),
    )
    assert result.returncode == 2
    assert "Traceback (most recent call last)" in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"02-batch: --input {places / 'missing'} does not exist;")
    assert not (places / "out").exists()


# ── in-process: the argument parser, the local and the Hadoop checks, Spark's errors ─────


def test_the_parser_says_what_is_missing_on_one_line():
    parser = cli.ArgumentParser(prog="02-batch")
    parser.add_argument("--input", required=True)
    with pytest.raises(cli.UsageError) as missing:
        parser.parse_args([])
    assert str(missing.value) == (
        "02-batch: the following arguments are required: --input; "
        "run with --help to see the arguments"
    )
    with pytest.raises(
        cli.UsageError, match=r"unrecognized arguments: --debgu \(did you mean --debug\?\);"
    ):
        parser.parse_args(["--input=x", "--debgu"])
    assert parser.parse_args(["--inp", "x", "--debug"]).debug  # abbreviations still work


def test_an_output_without_permission_names_the_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(cli.os, "access", lambda *args: False)  # the tests may run as root
    with pytest.raises(cli.LocationError) as error:
        cli.check("02-batch", [cli.Output("--output", str(tmp_path / "out"))], None)
    assert str(error.value) == (
        f"02-batch: --output {tmp_path / 'out'} cannot be created: no permission to write in "
        f"{tmp_path}; give a folder you can write to (it is created if missing)"
    )


def test_a_stream_may_wait_on_a_missing_landing_folder(tmp_path, capsys):
    landing = cli.Input("--landing", str(tmp_path / "landing"), hint="-", wait="feed it")
    cli.check("03-streaming", [landing], None)  # no error: the stream creates it and waits
    note = f"03-streaming: --landing {tmp_path / 'landing'} does not exist; feed it\n"
    assert capsys.readouterr().err == note
    (tmp_path / "a-file").write_text("x")
    under_a_file = replace(landing, location=str(tmp_path / "a-file" / "landing"))
    with pytest.raises(cli.LocationError, match=r"cannot be created: .*a-file is a file"):
        cli.check("03-streaming", [under_a_file], None)


def test_hadoop_checks_as_on_s3(spark, places, monkeypatch):
    """Every location through Hadoop's FileSystem API, as s3:// locations go on EMR."""
    monkeypatch.setattr(cli, "_local_path", lambda location, default_local: None)
    uri = places.as_uri()

    def problem(place):
        with pytest.raises(cli.LocationError) as error:
            cli.check("lab", [place], spark)
        return str(error.value)

    raw = cli.Input("--input", f"{uri}/missing", hint="give raw lines")
    assert problem(raw) == f"lab: --input {uri}/missing does not exist; give raw lines"
    empty = cli.Input("--input", f"{uri}/empty", hint="give raw lines")
    assert problem(empty) == f"lab: --input {uri}/empty holds no input files; give raw lines"
    cli.check(
        "lab", [cli.Input("--input", (LABS_DIR / "sample-data" / "raw").as_uri(), "-")], spark
    )

    store = {"what": "stored rows", "under": ("events", "quarantine"), "suffix": ".parquet"}
    not_a_store = cli.Input("--store", f"{uri}/not-a-store", hint="run lab 2", **store)
    assert problem(not_a_store).startswith(f"lab: --store {uri}/not-a-store holds no stored rows")
    part = places / "store" / "quarantine" / "source=batch" / "load_id=x" / "batch_id=0"
    part.mkdir(parents=True)
    (part / "part-0.snappy.parquet").write_bytes(b"PAR1")
    cli.check("lab", [cli.Input("--store", f"{uri}/store", hint="-", **store)], spark)

    a_file = cli.Output("--output", f"{uri}/a-file")
    assert problem(a_file).startswith(f"lab: --output {uri}/a-file is a file, not a folder")
    under_a_file = cli.Output("--output", f"{uri}/a-file/out")
    assert problem(under_a_file).startswith(f"lab: --output {uri}/a-file/out cannot be written (")
    cli.check("lab", [cli.Output("--output", f"{uri}/out")], spark)  # writes and removes a probe
    assert sorted(os.listdir(places / "out")) == []


def test_spark_path_not_found_becomes_a_location_error(spark, tmp_path):
    """Spark's own error, for a path the checks did not see (removed meanwhile, or a folder
    inside a location), is translated; anything else is left alone."""
    from pyspark.errors import AnalysisException

    raw = tmp_path / "raw"
    (raw / "day=1").mkdir(parents=True)
    (raw / "day=1" / "part-0.jsonl").write_text("{}\n")
    places = [cli.Input("--input", str(raw), hint="run lab 1")]
    with pytest.raises(cli.LocationError) as error, cli.lab_session("02-batch", places, spark):
        spark.read.text(str(raw / "day=2"))
    assert str(error.value) == (
        f"02-batch: --input {raw}: file:{raw}/day=2 does not exist; run lab 1"
    )
    assert isinstance(error.value.__cause__, AnalysisException)  # --debug shows it

    shutil.rmtree(raw)  # gone after the checks: the location itself
    with pytest.raises(AnalysisException) as untranslated:
        spark.read.text(str(raw))
    translated = cli.translate("02-batch", places, untranslated.value, spark)
    assert str(translated) == f"02-batch: --input {raw} does not exist; run lab 1"
    assert cli.translate("02-batch", [cli.Output("--output", "out")], untranslated.value) is None

    with pytest.raises(ZeroDivisionError), cli.lab_session("02-batch", [], spark):
        _ = 1 / 0
    assert not spark.sparkContext._jsc.sc().isStopped()  # it was given: not stopped


def test_the_local_runner_page_gets_the_line(spark, tmp_path, monkeypatch):
    """The warm worker calls main(argv, spark=...): the failed run's error is the one line."""
    monkeypatch.syspath_prepend(str(WORKER_DIR))
    monkeypatch.chdir(tmp_path)  # run_lab changes into the run folder; restored afterwards
    import spark_worker

    request = {
        "run_id": "cli",
        "entry": "classify_batch.py",
        "argv": ["--input", "missing", "--output", "out", "--store", "store"],
        "cwd": str(LABS_DIR / "02-batch"),
    }
    with pytest.raises(cli.LocationError) as error:
        spark_worker.run_lab(spark, request)
    line = "02-batch: --input missing does not exist; point it at the JSON-lines files"
    assert str(error.value).startswith(line)
    if sys.version_info >= (3, 10):  # the worker formats tracebacks the 3.10 way
        reported = spark_worker.learner_error(error.value, LABS_DIR / "02-batch")
        assert reported["error"].startswith(f"LocationError: {line}")


def test_java_access_denied_becomes_a_location_error():
    """As EMRFS or S3A report a 403 (a stand-in for the Java exception chain Py4J gives)."""

    class Java:
        def __init__(self, name, message, cause=None):
            self.name, self.message, self.cause = name, message, cause

        def getClass(self):  # the Java method names
            return types.SimpleNamespace(getName=lambda: self.name)

        def getMessage(self):
            return self.message

        def getCause(self):
            return self.cause

    denied = Java("java.nio.file.AccessDeniedException", "s3a://bucket/store/events: 403 Forbidden")
    error = RuntimeError("An error occurred while calling o42.parquet")
    error.java_exception = Java("org.apache.spark.SparkException", "Job aborted", denied)
    places = [
        cli.Output("--output", "s3a://bucket/out"),
        cli.Output("--store", "s3a://bucket/store"),
    ]
    assert str(cli.translate("02-batch", places, error)) == (
        "02-batch: --store s3a://bucket/store cannot be written (s3a://bucket/store/events: 403 "
        "Forbidden); check the path and the cluster's permissions on it"
    )
    assert cli.translate("02-batch", places[:1], error) is None  # not about a given location
