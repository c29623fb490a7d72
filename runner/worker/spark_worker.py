"""The local runner's warm Spark worker.

Owns one SparkSession for its whole life, so that a lab run after the first costs about a
second instead of a JVM start. The runner service (runner/src/sparkWorker.ts) starts it, sends
one run at a time as a JSON line on stdin, and reads the worker's messages as JSON lines on
file descriptor 3; the lab's own stdout and stderr are the run's logs.

While a streaming lab runs, each micro-batch's progress (rows in, what it classified, rows the
watermark dropped) goes to the service as it happens, and a ``{"type": "stop"}`` line stops the
run's streaming queries cleanly: the micro-batch in progress finishes, then the lab writes its
result as it would at the end of its run.

Cancel and time-out are not handled here: the service kills this process's whole group.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import queue
import sys
import threading
import time
import traceback
from pathlib import Path

PROGRESS_INTERVAL_S = 0.5
# How long a stop waits for the micro-batch in progress before it stops the query anyway.
STOP_GRACE_S = 20.0


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
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__)).replace(
        f"{run_dir}{os.sep}", ""
    )
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


class CurrentRun:
    """The id of the run in progress, read by the request reader and the stream listener."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._run_id: str | None = None

    def set(self, run_id: str | None) -> None:
        with self._lock:
            self._run_id = run_id

    def get(self) -> str | None:
        with self._lock:
            return self._run_id


def forward_stream_progress(spark, channel: Channel, current: CurrentRun) -> None:
    """Send each micro-batch of any streaming query the run starts to the service, in the shape
    the streaming lab also writes to its output's ``_stream/`` (one conversion for both)."""
    from pyspark.sql.streaming import StreamingQueryListener

    from workshop.progress import micro_batch

    class Forwarder(StreamingQueryListener):
        def onQueryStarted(self, event) -> None:
            pass

        def onQueryProgress(self, event) -> None:
            run_id = current.get()
            if run_id is not None:
                batch = micro_batch(json.loads(event.progress.json))
                channel.send({"type": "stream", "run_id": run_id, **batch})

        def onQueryIdle(self, event) -> None:
            pass

        def onQueryTerminated(self, event) -> None:
            pass

    spark.streams.addListener(Forwarder())


def stop_streams(spark, channel: Channel, run_id: str) -> None:
    """Stop the run's streaming queries, each after the micro-batch it is processing."""
    queries = [] if spark is None else spark.streams.active
    channel.send({"type": "stopping", "run_id": run_id, "queries": len(queries)})
    for query in queries:
        deadline = time.monotonic() + STOP_GRACE_S
        with contextlib.suppress(Exception):  # the query may end on its own meanwhile
            while query.status["isTriggerActive"] and time.monotonic() < deadline:
                time.sleep(0.1)
            query.stop()


def read_requests(spark, channel: Channel, lines, runs: queue.Queue, current: CurrentRun) -> None:
    """Queue run requests; act on a stop for the run in progress at once."""
    for line in lines:
        request = json.loads(line)
        if request.get("type") == "stop":
            if request.get("run_id") == current.get():
                args = (spark, channel, request["run_id"])
                threading.Thread(target=stop_streams, args=args, daemon=True).start()
        else:
            runs.put(request)
    runs.put(None)


def run_one(channel: Channel, spark, request: dict, current: CurrentRun) -> None:
    """Run one request, reporting progress and the outcome."""
    run_id = request["run_id"]
    current.set(run_id)
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
        current.set(None)
    channel.send(outcome)


def serve(channel: Channel, spark, lines) -> None:
    """Run each request (a JSON line) in turn, while reading the next ones and stops."""
    current = CurrentRun()
    if spark is not None:
        forward_stream_progress(spark, channel, current)
    runs: queue.Queue = queue.Queue()
    reader = threading.Thread(
        target=read_requests, args=(spark, channel, lines, runs, current), daemon=True
    )
    reader.start()
    while (request := runs.get()) is not None:
        run_one(channel, spark, request, current)


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
