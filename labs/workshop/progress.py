"""A streaming run's micro-batches, as the lab page shows them while the stream runs.

One conversion from Spark's progress report (``StreamingQueryProgress.json``, or an entry of
``query.recentProgress``) to one micro-batch (``StreamBatch`` in ``src/lib/runner/types.ts``),
used by the local runner's warm worker (``runner/worker/spark_worker.py``), which sends it to
the page, and by the streaming lab, which writes it beside its result contract::

    <output>/_stream/batch-000000.json    one document per micro-batch, as each one completes
    <output>/_stream/batch-000001.json
    ...

so that a page watching a run on Amazon EMR (through S3, with no line to the driver) sees the
same micro-batches as a local run's page. They are all written before ``_summary.json``.
"""

from __future__ import annotations

import contextlib
import json
import math
import sys
import threading
from collections.abc import Iterator

from pyspark.sql import SparkSession
from pyspark.sql.streaming import StreamingQueryListener

from workshop import fs

STREAM_FOLDER = "_stream"


def batch_file(batch_id: int) -> str:
    """The name of a micro-batch's document: ``batch-000042.json`` (sorts in batch order)."""
    return f"batch-{batch_id:06d}.json"


def _number(value: object) -> float | int:
    """A count or rate as JSON can carry it: missing, NaN and infinity (Spark leaves NaN rates
    out of its JSON; the first micro-batch has no rate) become 0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return 0


def _metric(value: object) -> float | int | None:
    """An observed metric: a number, or null (a sum over no rows, or a value that is no number)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return value
    return None


def micro_batch(progress: dict) -> dict:
    """Spark's progress report of one micro-batch (its JSON, parsed) as the page shows it."""
    observed = progress.get("observedMetrics") or {}
    duration = progress.get("batchDuration")
    if duration is None:
        duration = (progress.get("durationMs") or {}).get("triggerExecution")
    return {
        "query_id": str(progress["id"]),
        "batch_id": int(progress["batchId"]),
        "timestamp": str(progress["timestamp"]),
        "input_rows": _number(progress.get("numInputRows")),
        "input_rows_per_s": _number(progress.get("inputRowsPerSecond")),
        "processed_rows_per_s": _number(progress.get("processedRowsPerSecond")),
        "duration_ms": _number(duration),
        "late_dropped": sum(
            _number(op.get("numRowsDroppedByWatermark"))
            for op in progress.get("stateOperators") or []
        ),
        "observed": {
            str(name): {str(k): _metric(v) for k, v in (row or {}).items()}
            for name, row in observed.items()
        },
    }


class BatchFiles(StreamingQueryListener):
    """Writes each micro-batch of one streaming query to ``<output>/_stream/`` as it completes.

    Spark calls a listener from its own thread, after the micro-batch; :meth:`complete` (called
    once the query ended) writes any micro-batch the listener has not written yet, from the
    query's own progress reports, so every one is there before the result's ``_summary.json``."""

    def __init__(self, spark: SparkSession, output: str) -> None:
        super().__init__()
        self._spark = spark
        self.folder = fs.join(output, STREAM_FOLDER)
        self._lock = threading.Lock()
        self._query_id: str | None = None
        self._early: list[dict] = []  # reports that came before the query's id was known
        self.written: set[int] = set()

    def follow(self, query) -> None:
        """Write this query's micro-batches (others running in the session are not this run's)."""
        with self._lock:
            self._query_id = str(query.id)
            early, self._early = self._early, []
            for progress in early:
                self._write_if_ours(progress, strict=False)

    def complete(self, query) -> None:
        """Write every micro-batch of the query not written yet (call it when the query ended)."""
        self.follow(query)
        with self._lock:
            for progress in query.recentProgress:
                self._write_if_ours(progress, strict=True)

    def _write_if_ours(self, progress: dict, strict: bool) -> None:
        if str(progress.get("id")) != self._query_id:
            return
        batch = micro_batch(progress)
        if batch["batch_id"] in self.written:
            return
        try:
            text = json.dumps(batch, allow_nan=False) + "\n"
            fs.write_text(self._spark, fs.join(self.folder, batch_file(batch["batch_id"])), text)
        except Exception as error:
            if strict:
                raise
            # Live is a courtesy: complete() writes it again at the end, and fails there.
            print(f"could not write micro-batch {batch['batch_id']}: {error}", file=sys.stderr)
            return
        self.written.add(batch["batch_id"])

    def onQueryStarted(self, event) -> None:
        pass

    def onQueryProgress(self, event) -> None:
        progress = json.loads(event.progress.json)
        with self._lock:
            if self._query_id is None:
                self._early.append(progress)
            else:
                self._write_if_ours(progress, strict=False)

    def onQueryIdle(self, event) -> None:
        pass

    def onQueryTerminated(self, event) -> None:
        pass


@contextlib.contextmanager
def batch_files(spark: SparkSession, output: str) -> Iterator[BatchFiles]:
    """A :class:`BatchFiles` listener registered for the ``with`` block. The previous run's
    micro-batches (a local output folder is reused) are removed first."""
    files = BatchFiles(spark, output)
    fs.delete(spark, files.folder)
    spark.streams.addListener(files)
    try:
        yield files
    finally:
        spark.streams.removeListener(files)
