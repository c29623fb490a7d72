/**
 * The Amazon EMR release every part of the workshop uses: the page's `RunJobFlow`, the
 * instructor's shared cluster (infra/) and the docs. Defined once, here, so they cannot drift.
 *
 * - `EMR_RELEASE_LABEL` is the default: EMR 7.13 ships Spark 3.5.6, the version the labs are
 *   tested with locally.
 * - `EMR_RELEASE_LABEL_NEXT` is opt-in: the Spark 4 line (ANSI SQL mode on by default), for
 *   attendees who want to try the labs on the next major version.
 */
export const EMR_RELEASE_LABEL = 'emr-7.13.0';

export const EMR_RELEASE_LABEL_NEXT = 'emr-spark-8.0.0';
