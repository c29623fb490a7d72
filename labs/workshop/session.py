"""Build the SparkSession a lab runs on; configuration that results depend on lives here."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pyspark import InheritableThread
from pyspark.sql import SparkSession

T = TypeVar("T")

# Set on every session, local, spark-submit and notebooks alike. Results (event_date partitions,
# per-minute counts) are in UTC whatever the machine's zone; the rest is what the labs' speed
# depends on wherever they run.
RESULT_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.sources.partitionOverwriteMode": "static",
    "spark.sql.streaming.numRecentProgressUpdates": "100000",
    # Inferring constraints over the large validation and rule expressions costs seconds per
    # query (and per micro-batch, in foreachBatch); the labs' filters gain nothing from it.
    "spark.sql.constraintPropagation.enabled": "false",
    # A write partitioned by event_date keeps one Parquet writer open per date instead of sorting
    # every row by date first (the sort cost as much as the rest of the write). Spark falls back
    # to sorting beyond this many dates in one task; the planned-write rule (Spark 3.4+) would
    # always sort, so it is off.
    "spark.sql.optimizer.plannedWrite.enabled": "false",
    "spark.sql.maxConcurrentOutputWriters": "16",
    # A cached frame (lab 2's checked lines, lab 3's micro-batch) is read once or twice right
    # after it is built: compressing its columns cost more than all those reads save (a third of
    # lab 2's time on 1,000,000 lines).
    "spark.sql.inMemoryColumnarStorage.compressed": "false",
}

LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.driver.memory": "2g",
    # The validation and rule expressions compile to large methods; HotSpot does not JIT methods
    # over 8 KB of bytecode by default, which halves local throughput. (On a cluster pass it as
    # spark.executor.extraJavaOptions.)
    "spark.driver.extraJavaOptions": "-XX:-DontCompileHugeMethods",
}


def build(app_name: str, master: str | None = None) -> SparkSession:
    """A session for ``spark-submit`` or a plain ``python`` run.

    Under spark-submit (EMR, YARN) the master comes from spark-submit; a plain ``python`` run
    gets ``local[*]`` (or ``$SPARK_MASTER``) with a small local configuration.
    """
    active = SparkSession.getActiveSession()
    if active is not None:  # a notebook kernel (EMR Studio, Jupyter) that already has one
        apply_result_conf(active)
        ship_package(active)
        return active
    builder = SparkSession.builder.appName(app_name)
    # spark-submit starts the JVM first and hands Python its gateway; plain python does not.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    master = master or os.environ.get("SPARK_MASTER")
    if master or not submitted:
        builder = builder.master(master or "local[*]")
        for key, value in LOCAL_CONF.items():
            builder = builder.config(key, value)
        # Python workers run this interpreter (the project's .venv), not whatever python3 is first
        # on PATH.
        builder = builder.config("spark.pyspark.python", sys.executable)
    for key, value in RESULT_CONF.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel(os.environ.get("SPARK_LOG_LEVEL", "WARN"))
    ship_package(spark)
    return spark


def ship_package(spark: SparkSession) -> None:
    """Make ``workshop`` importable in Python workers too (the simulator runs there).

    On a cluster it already comes from ``--py-files workshop.zip``; a local run imports it from
    the source folder, which workers do not see, so zip it and add it to the context."""
    import workshop
    from workshop import package

    if not Path(workshop.__file__).parent.is_dir() or getattr(spark, "_workshop_shipped", False):
        return
    archive = Path(tempfile.mkdtemp(prefix="workshop-py-files-")) / "workshop.zip"
    spark.sparkContext.addPyFile(str(package.build_zip(archive)))
    spark._workshop_shipped = True


def together(*actions: Callable[[], T]) -> list[T]:
    """Run independent Spark actions at the same time, each from its own thread (one Spark job
    or query each), and return their results in order; the first error is raised.

    On small data a job mostly waits (for its planning, its tasks' start, its files' commit), so
    two or three at once take about as long as one. The threads inherit the caller's Spark
    job group and properties (``InheritableThread``), so a stream's jobs stay its own."""
    if len(actions) <= 1:
        return [action() for action in actions]
    results: list = [None] * len(actions)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            results[index] = actions[index]()
        except BaseException as error:  # re-raised in the caller's thread below
            errors.append(error)

    threads = [InheritableThread(target=run, args=(index,)) for index in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def apply_result_conf(spark: SparkSession) -> None:
    """Set the result-relevant configuration on an existing session (notebooks, EMR Studio)."""
    for key, value in RESULT_CONF.items():
        spark.conf.set(key, value)
