"""The labs' command line: bad input at the terminal gives one clear line, not a traceback.

Every lab's ``main`` declares the locations it reads (:class:`Input`) and writes
(:class:`Output`) and runs inside :func:`lab_session`, which checks them and raises
:class:`LocationError` with one line that names the argument, the location and what to do: an
input that does not exist or holds no data, an output that is a file or cannot be written.
Local paths are checked before Spark starts (it takes seconds); ``s3://`` and other Hadoop
locations once the session is up, through Hadoop's FileSystem API (no Spark job). Spark's own
"path not found" and "access denied" errors about those locations, later in the run, become a
:class:`LocationError` too. :class:`ArgumentParser` raises :class:`UsageError` for an unknown
or missing argument, also as one line.

A script (``cli.run_script(main)``) prints just that line on stderr and exits 2; with
``--debug`` it prints the traceback first. The local runner's page and a notebook call ``main``
themselves and show the exception, whose message is that line.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import re
import sys
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyspark.sql import SparkSession

from workshop import fs, session

DEBUG_FLAG = "--debug"
MISSING = "does not exist"
WRITE_CHECK = "_workshop-write-check"
# How many files an emptiness check looks at before it gives up and assumes there is data.
SCAN_LIMIT = 10_000
WRITE_HINT = "give a folder you can write to (it is created if missing)"
REMOTE_HINT = "check the path and the cluster's permissions on it"
ACCESS_DENIED_CLASSES = (
    "java.nio.file.AccessDeniedException",
    "org.apache.hadoop.security.AccessControlException",
)


class LabError(Exception):
    """Bad input at the command line; the message is one line that says what to do."""

    exit_code = 2


class UsageError(LabError):
    """An unknown or missing argument, or a value of the wrong type."""


class LocationError(LabError):
    """An input location that is missing or empty, or an output location that cannot be used."""


@dataclass(frozen=True)
class Input:
    """A location the lab reads: it must exist and hold data (a visible file with bytes in it;
    names starting with ``_`` or ``.`` are hidden, as Spark's readers skip them).

    ``hint`` says where the data comes from (``{location}`` is replaced); ``what`` names the
    data in the "holds no ..." message; only files under the ``under`` sub-folders and ending
    in ``suffix`` count. With ``wait`` set (a stream that waits for files), a missing or empty
    location is not an error: ``wait`` is printed as a note on stderr instead."""

    flag: str
    location: str
    hint: str
    what: str = "input files"
    under: tuple[str, ...] = ()
    suffix: str = ""
    wait: str = ""


@dataclass(frozen=True)
class Output:
    """A location the lab writes: an existing folder it may write to, or one it can create."""

    flag: str
    location: str


class ArgumentParser(argparse.ArgumentParser):
    """``argparse`` with a ``--debug`` flag and one-line errors, raised as :class:`UsageError`
    (argparse itself prints the whole usage and exits)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_argument(
            DEBUG_FLAG, action="store_true", help="on an error, print the traceback too"
        )

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        args = list(sys.argv[1:] if args is None else args)
        # A mistyped flag first: argparse would only say that the real one is missing.
        unknown = [flag for flag in self._flags_in(args) if not self._known(flag)]
        if unknown:
            self.error(self._unrecognized(unknown))
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error(self._unrecognized(extras))
        return parsed

    def _flags_in(self, args: list[str]) -> list[str]:
        flags = []
        for arg in args:
            if arg == "--":
                break
            if arg.startswith("--"):
                flags.append(arg.split("=", 1)[0])
        return flags

    def _known(self, flag: str) -> bool:
        known = self._option_string_actions
        return flag in known or (self.allow_abbrev and any(k.startswith(flag) for k in known))

    def _unrecognized(self, extras: list[str]) -> str:
        message = f"unrecognized arguments: {' '.join(extras)}"
        flags = [flag for flag in self._option_string_actions if flag.startswith("--")]
        for extra in extras:
            if extra.startswith("-"):
                close = difflib.get_close_matches(extra.split("=", 1)[0], flags, n=1)
                if close:
                    return f"{message} (did you mean {close[0]}?)"
        return message

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}; run with --help to see the arguments")


def run_script(main, argv: Sequence[str] | None = None) -> None:
    """Run a lab's ``main`` as a command. A :class:`LabError` prints its line on stderr (the
    traceback first with ``--debug``) and exits 2; any other error keeps its traceback."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        main(argv)
    except LabError as error:
        if DEBUG_FLAG in argv:
            traceback.print_exc()
        print(error, file=sys.stderr)
        sys.exit(error.exit_code)


@contextlib.contextmanager
def lab_session(
    lab_id: str, places: Sequence[Input | Output], spark: SparkSession | None = None
) -> Iterator[SparkSession]:
    """The session to run the lab on (``spark``, or a new one that is stopped at the end), once
    every place has been checked. Local paths are checked before a new session starts."""
    checked: set[int] = set()
    if spark is None and _default_fs_is_local(None):
        check(lab_id, places, None, checked)
    own_session = spark is None
    spark = spark or session.build(f"workshop-{lab_id}")
    try:
        check(lab_id, places, spark, checked)
        try:
            yield spark
        except Exception as error:
            translated = translate(lab_id, places, error, spark)
            if translated is None:
                raise
            raise translated from error
    finally:
        if own_session:
            spark.stop()


def check(
    lab_id: str,
    places: Sequence[Input | Output],
    spark: SparkSession | None,
    checked: set[int] | None = None,
) -> None:
    """Raise :class:`LocationError` for the first place that cannot be used. Without a session,
    only local places are checked; ``checked`` collects the indexes of the places done."""
    checked = set() if checked is None else checked
    default_local = _default_fs_is_local(spark)
    for index, place in enumerate(places):
        if index in checked:
            continue
        local = _local_path(place.location, default_local)
        if local is None and spark is None:
            continue
        checked.add(index)
        if isinstance(place, Output):
            problem = _output_problem(local, place.location, spark)
            if problem:
                raise LocationError(f"{lab_id}: {place.flag} {place.location} {problem}")
            continue
        problem = _input_problem(place, local, spark)
        if problem is None:
            continue
        name = f"{lab_id}: {place.flag} {place.location}"
        if problem not in (MISSING, _empty(place)):  # unreadable: the text says what to do
            raise LocationError(f"{name} {problem}")
        if not place.wait:
            raise LocationError(f"{name} {problem}; {place.hint.format(location=place.location)}")
        if problem == MISSING:  # the stream creates the folder: can it?
            creatable = _output_problem(local, place.location, spark)
            if creatable:
                raise LocationError(f"{name} {creatable}")
        print(f"{name} {problem}; {place.wait.format(location=place.location)}", file=sys.stderr)


def translate(
    lab_id: str,
    places: Sequence[Input | Output],
    error: BaseException,
    spark: SparkSession | None = None,
) -> LocationError | None:
    """Spark's "path not found" (``AnalysisException`` ``PATH_NOT_FOUND``) or a Java "access
    denied" error about one of ``places`` as a :class:`LocationError`; None for anything else."""
    from pyspark.errors import AnalysisException

    if isinstance(error, AnalysisException) and error.getErrorClass() == "PATH_NOT_FOUND":
        path = (error.getMessageParameters() or {}).get("path", "").rstrip("/")
        place, form = _place_of(places, path, spark)
        if place is None:
            return None
        hint = place.hint.format(location=place.location) if isinstance(place, Input) else ""
        inside = "" if path == form else f": {path}"  # a path inside the location
        return LocationError(
            f"{lab_id}: {place.flag} {place.location}{inside} does not exist; "
            f"{hint or 'check the path'}"
        )
    denied = _access_denied(error)
    if denied is not None:
        place, _ = _place_of(places, denied, spark)
        if place is None:
            return None
        action = "cannot be read" if isinstance(place, Input) else "cannot be written"
        return LocationError(
            f"{lab_id}: {place.flag} {place.location} {action} ({_one_line(denied)}); {REMOTE_HINT}"
        )
    return None


# ── where a location lives ───────────────────────────────────────────────────────────────

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
_END = r"(?=$|[/\s'\".,:;)\]])"


def _default_fs_is_local(spark: SparkSession | None) -> bool:
    """Whether a path without a scheme is on the local disk. Before a session starts that is
    known only for a plain ``python`` run without a Hadoop configuration: under spark-submit
    (EMR) such a path is on HDFS."""
    if spark is not None:
        default = spark.sparkContext._jsc.hadoopConfiguration().get("fs.defaultFS") or "file:///"
        return default.startswith("file:")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    hadoop_conf = os.environ.get("HADOOP_CONF_DIR") or os.environ.get("YARN_CONF_DIR")
    master = os.environ.get("SPARK_MASTER", "local")
    return not submitted and not hadoop_conf and master.startswith("local")


def _local_path(location: str, default_local: bool) -> str | None:
    """The local file-system path of a location, or None when Hadoop must look at it."""
    match = _SCHEME.match(location)
    if match is None:
        return location if default_local else None
    if match.group(1).lower() != "file":
        return None
    rest = location[len("file:") :]
    return "/" + rest.lstrip("/") if rest.startswith("/") else rest


# ── inputs ───────────────────────────────────────────────────────────────────────────────


def _input_problem(place: Input, local: str | None, spark: SparkSession | None) -> str | None:
    if local is not None:
        return _local_input_problem(place, Path(local))
    return _hadoop_input_problem(place, spark)


def _empty(place: Input) -> str:
    return f"holds no {place.what}"


def _visible(name: str) -> bool:
    return not name.startswith(("_", "."))


def _counts(place: Input, name: str, size: int) -> bool:
    return size > 0 and _visible(name) and name.endswith(place.suffix)


def _local_input_problem(place: Input, path: Path) -> str | None:
    if not path.exists():
        return MISSING
    if path.is_file():
        return None if _counts(place, path.name, path.stat().st_size) else _empty(place)
    if not os.access(path, os.R_OK | os.X_OK):
        return "cannot be read (permission denied); check its permissions"
    seen = 0
    for top in [path / part for part in place.under] or [path]:
        for folder, folders, files in os.walk(top):
            folders[:] = [name for name in folders if _visible(name)]
            for name in files:
                seen += 1
                if seen > SCAN_LIMIT:
                    return None  # too many to look at: assume there is data
                with contextlib.suppress(OSError):  # a file removed meanwhile
                    if _counts(place, name, os.path.getsize(os.path.join(folder, name))):
                        return None
    return _empty(place)


def _hadoop_input_problem(place: Input, spark: SparkSession) -> str | None:
    from py4j.protocol import Py4JJavaError

    try:
        path, hadoop = fs._jvm_path(spark, place.location)
        if not hadoop.exists(path):
            return MISSING
        status = hadoop.getFileStatus(path)
        if status.isFile():
            return None if _counts(place, path.getName(), status.getLen()) else _empty(place)
        seen = 0
        for top in [fs.join(place.location, part) for part in place.under] or [place.location]:
            top_path, _ = fs._jvm_path(spark, top)
            if not hadoop.exists(top_path):
                continue
            root = hadoop.makeQualified(top_path).toString().rstrip("/")
            files = hadoop.listFiles(top_path, True)
            while files.hasNext() and seen <= SCAN_LIMIT:
                seen += 1
                file = files.next()
                name = file.getPath().toString()
                relative = name[len(root) :] if name.startswith(root) else file.getPath().getName()
                parts = [part for part in relative.split("/") if part]
                if all(_visible(part) for part in parts) and _counts(
                    place, parts[-1] if parts else "", file.getLen()
                ):
                    return None
            if seen > SCAN_LIMIT:
                return None
        return _empty(place)
    except Py4JJavaError as error:
        return f"cannot be read ({_java_message(error)}); {REMOTE_HINT}"


# ── outputs ──────────────────────────────────────────────────────────────────────────────


def _output_problem(local: str | None, location: str, spark: SparkSession | None) -> str | None:
    if local is not None:
        return _local_output_problem(Path(local))
    return _hadoop_output_problem(location, spark)


def _local_output_problem(path: Path) -> str | None:
    if path.exists():
        if not path.is_dir():
            return f"is a file, not a folder; {WRITE_HINT}"
        if not os.access(path, os.W_OK | os.X_OK):
            return f"is not writable (permission denied); {WRITE_HINT}"
        return None
    for ancestor in path.absolute().parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                return f"cannot be created: {ancestor} is a file; {WRITE_HINT}"
            if not os.access(ancestor, os.W_OK | os.X_OK):
                return f"cannot be created: no permission to write in {ancestor}; {WRITE_HINT}"
            return None
    return None


def _hadoop_output_problem(location: str, spark: SparkSession) -> str | None:
    """An object store has no permissions to look at: write a tiny hidden file and delete it."""
    from py4j.protocol import Py4JJavaError

    try:
        path, hadoop = fs._jvm_path(spark, location)
        if hadoop.exists(path) and hadoop.getFileStatus(path).isFile():
            return f"is a file, not a folder; {WRITE_HINT}"
        probe = fs.join(location, WRITE_CHECK)
        fs.write_text(spark, probe, "", atomic=False)
        fs.delete(spark, probe)
    except Py4JJavaError as error:
        return f"cannot be written ({_java_message(error)}); {REMOTE_HINT}"
    return None


# ── Spark's and Java's errors ────────────────────────────────────────────────────────────


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _java_message(error) -> str:
    """``Class: message`` of a Py4J error's Java exception, without the package, on one line."""
    java = error.java_exception
    return _one_line(f"{java.getClass().getSimpleName()}: {java.getMessage()}")


def _access_denied(error: BaseException) -> str | None:
    """The message of an "access denied" Java exception in ``error`` (a Py4J error or one
    Spark converted), or None."""
    java = getattr(error, "java_exception", None) or getattr(error, "_origin", None)
    for _ in range(10):  # the cause chain
        if java is None:
            return None
        try:
            name, message = java.getClass().getName(), java.getMessage() or ""
        except Exception:
            return None
        if name in ACCESS_DENIED_CLASSES or "Access Denied" in message:
            return message
        java = java.getCause()
    return None


def _place_of(
    places: Sequence[Input | Output], text: str, spark: SparkSession | None
) -> tuple[Input | Output | None, str]:
    """The place whose location ``text`` (a path, or a message naming one) is about, and the
    form of its location found in ``text``; the longest match wins."""
    best, best_form = None, ""
    for place in places:
        forms = {place.location.rstrip("/")}
        if spark is not None:
            with contextlib.suppress(Exception):
                forms.add(fs.qualify(spark, place.location).rstrip("/"))
        local = _local_path(place.location, True)
        if local is not None:
            forms.add("file:" + os.path.abspath(local))
        for form in forms:
            # the location itself or a path inside it, not a longer name that starts alike
            if form and len(form) > len(best_form) and re.search(re.escape(form) + _END, text):
                best, best_form = place, form
    return best, best_form
