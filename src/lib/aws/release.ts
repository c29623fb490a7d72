/**
 * The Amazon EMR release and the Python every part of the workshop uses: the page's
 * `RunJobFlow` and steps, the printed `aws emr add-steps` commands, the instructor's shared
 * cluster (infra/) and the docs. The values live in `labs/emr-runtime.json`, which the labs'
 * checks read too, so they cannot drift.
 *
 * - `EMR_RELEASE_LABEL` is the default: EMR 7.13 ships Spark 3.5.6, the version the labs are
 *   tested with locally.
 * - `EMR_RELEASE_LABEL_NEXT` is opt-in: the Spark 4 line (ANSI SQL mode on by default), for
 *   attendees who want to try the labs on the next major version.
 * - `EMR_STEP_PYTHON`: EMR 7 runs on Amazon Linux 2023, whose `python3` is 3.9; PySpark uses it
 *   unless told otherwise. Every step and cluster the workshop builds names Python 3.11, the
 *   version the labs are tested on. The lab code stays 3.9-clean as well (checked statically),
 *   so a step copied without the setting still runs.
 */
import runtime from '../../../labs/emr-runtime.json';

export const EMR_RELEASE_LABEL = runtime.release_label;

export const EMR_RELEASE_LABEL_NEXT = runtime.release_label_next;

/** The Spark that `EMR_RELEASE_LABEL` ships, and that `labs/requirements.txt` pins. */
export const EMR_SPARK_VERSION = runtime.spark_version;

/** The interpreter the labs run on in every EMR step (driver and executors). */
export const EMR_STEP_PYTHON = runtime.step_python;
export const EMR_STEP_PYTHON_VERSION = runtime.step_python_version;

/** What `python3` is on an EMR 7 node: the oldest Python the lab code must still run on. */
export const EMR_SYSTEM_PYTHON_VERSION = runtime.system_python_version;

/**
 * The spark-submit option that picks the interpreter: Spark's launcher runs the driver with it
 * (also in cluster deploy mode, inside YARN's application master) and exports it to executors.
 */
export const STEP_PYTHON_CONF = ['--conf', `spark.pyspark.python=${EMR_STEP_PYTHON}`] as const;

/**
 * The same choice as a cluster default (`spark-env` export), for steps that do not pass the
 * option — a learner's own `aws emr add-steps`, a notebook attached to the cluster.
 */
export const stepPythonClusterConfiguration = () => ({
  Classification: 'spark-env',
  Configurations: [
    {
      Classification: 'export',
      Properties: { PYSPARK_PYTHON: EMR_STEP_PYTHON, PYSPARK_DRIVER_PYTHON: EMR_STEP_PYTHON },
    },
  ],
});
