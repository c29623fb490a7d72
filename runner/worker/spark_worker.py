"""The local runner's warm Spark worker.

Owns one SparkSession for its whole life, so that a lab run after the first costs about a
second instead of a JVM start. The runner service (runner/src/sparkWorker.ts) starts it, sends
one run at a time as a JSON line on stdin, and reads the worker's messages as JSON lines on
file descriptor 3; the lab's own stdout and stderr are the run's logs.

Cancel and time-out are not handled here: the service kills this process's whole group.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import sys
import threading
import time
import traceback
from pathlib import Path

PROGRESS_INTERVAL_S = 0.5


class Channel:
    """Messages to the runner service, one JSON object per line on fd 3."""

    def __init__(self, fd: int) -> None:
        self._out = os.fdopen(fd, "w", buffering=1, encoding="utf-8")
        self._lock = threading.Lock()

    def send(self, message: dict) -> None:
        with self._lock:
            self._out.write(json.dumps(message, default=str) + "\n")
            self._out.flush()


def spark_progress(spark) -> dict | None:
    """Tasks done and total over the stages running now, or None when Spark is idle."""
    tracker = spark.sparkContext.statusTracker()
    stages = [tracker.getStageInfo(stage_id) for stage_id in tracker.getActiveStageIds()]
    stages = [stage for stage in stages if stage is not None]
    if not stages:
        return None
    return {
        "jobs": len(tracker.getActiveJobsIds()),
        "stages": len(stages),
        "tasks_done": sum(stage.numCompletedTasks for stage in stages),
        "tasks_total": sum(stage.numTasks for stage in stages),
        "stage_name": stages[0].name,
    }


def watch_progress(spark, channel: Channel, run_id: str, done: threading.Event) -> None:
    last = None
    while not done.wait(PROGRESS_INTERVAL_S):
        with contextlib.suppress(Exception):  # the tracker may race a finishing job
            progress = spark_progress(spark)
            if progress and progress != last:
                channel.send({"type": "progress", "run_id": run_id, **progress})
                last = progress


def _in_run(filename: str | None, run_dir: Path) -> bool:
    """Whether a traceback's file is one of the run's files (not ``<frozen ...>`` or a library)."""
    if not filename or not Path(filename).is_absolute():
        return False
    return Path(filename).resolve().is_relative_to(run_dir)


def learner_error(error: BaseException, run_dir: Path) -> dict:
    """The error as the learner needs it: their file and line, and a traceback in their terms."""
    text = "".join(traceback.format_exception(error)).replace(f"{run_dir}{os.sep}", "")
    if isinstance(error, SyntaxError) and _in_run(error.filename, run_dir):
        # Code that does not compile has no frame of its own: the error names the line.
        file, line = Path(error.filename).name, error.lineno
    else:
        own = [f for f in traceback.extract_tb(error.__traceback__) if _in_run(f.filename, run_dir)]
        file, line = (Path(own[-1].filename).name, own[-1].lineno) if own else (None, None)
    return {
        "error": f"{type(error).__name__}: {error}",
        "file": file,
        "line": line,
        "traceback": text,
    }


def run_lab(spark, request: dict) -> dict:
    """Import the lab's entry script from the run folder and call its ``main``."""
    run_dir = Path(request["cwd"]).resolve()
    entry = run_dir / request["entry"]
    os.chdir(run_dir)
    sys.path.insert(0, str(run_dir))
    try:
        spec = importlib.util.spec_from_file_location(f"lab_{request['run_id']}", entry)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {entry.name}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if not hasattr(module, "main"):
            raise AttributeError(f"{entry.name} has no main(argv, spark) function")
        module.main(request["argv"], spark=spark)
    finally:
        sys.path.remove(str(run_dir))
    return {}


def serve(channel: Channel, spark, requests) -> None:
    """Run each request (a JSON line) in turn, reporting progress and the outcome."""
    for line in requests:
        request = json.loads(line)
        run_id = request["run_id"]
        channel.send({"type": "started", "run_id": run_id})
        done = threading.Event()
        watcher = threading.Thread(
            target=watch_progress, args=(spark, channel, run_id, done), daemon=True
        )
        if spark is not None:
            watcher.start()
        try:
            run_lab(spark, request)
            outcome = {"type": "succeeded", "run_id": run_id}
        except BaseException as error:  # the learner's code may raise anything, even SystemExit
            run_dir = Path(request["cwd"]).resolve()
            outcome = {"type": "failed", "run_id": run_id, **learner_error(error, run_dir)}
        finally:
            done.set()
            if watcher.is_alive():
                watcher.join()
            sys.stdout.flush()
            sys.stderr.flush()
        channel.send(outcome)


def main() -> None:
    channel = Channel(3)
    sys.path.insert(0, os.environ["WORKSHOP_LABS_DIR"])
    from workshop import session  # the same session settings as every lab run

    started = time.monotonic()
    spark = session.build("workshop-local-runner")
    channel.send(
        {
            "type": "ready",
            "spark_version": spark.version,
            "startup_s": round(time.monotonic() - started, 1),
        }
    )
    serve(channel, spark, sys.stdin)


if __name__ == "__main__":
    main()
