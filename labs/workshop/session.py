"""Build the SparkSession a lab runs on; configuration that results depend on lives here."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pyspark.sql import SparkSession

# Results (event_date partitions, per-minute counts) are in UTC whatever the machine's zone.
RESULT_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.sources.partitionOverwriteMode": "static",
    "spark.sql.streaming.numRecentProgressUpdates": "100000",
    # Inferring constraints over the large validation and rule expressions costs seconds per
    # query (and per micro-batch, in foreachBatch); the labs' filters gain nothing from it.
    "spark.sql.constraintPropagation.enabled": "false",
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


def apply_result_conf(spark: SparkSession) -> None:
    """Set the result-relevant configuration on an existing session (notebooks, EMR Studio)."""
    for key, value in RESULT_CONF.items():
        spark.conf.set(key, value)
