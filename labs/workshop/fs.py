"""Small file operations through Hadoop's FileSystem API, so they work on local paths and on
``s3://`` alike (EMRFS on EMR). Used for the result contract's small files, not for datasets."""

from __future__ import annotations

from pyspark.sql import SparkSession

OBJECT_STORE_SCHEMES = ("s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs")


def _jvm_path(spark: SparkSession, location: str):
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(location)
    return path, path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def join(location: str, *parts: str) -> str:
    return "/".join([location.rstrip("/"), *[p.strip("/") for p in parts]])


def qualify(spark: SparkSession, location: str) -> str:
    """The fully qualified form of a location (``file:/abs/path`` or ``s3://bucket/key``)."""
    path, fs = _jvm_path(spark, location)
    return fs.makeQualified(path).toString()


def is_object_store(location: str) -> bool:
    return location.split(":", 1)[0].lower() in OBJECT_STORE_SCHEMES and "://" in location


def exists(spark: SparkSession, location: str) -> bool:
    path, fs = _jvm_path(spark, location)
    return bool(fs.exists(path))


def mkdirs(spark: SparkSession, location: str) -> None:
    path, fs = _jvm_path(spark, location)
    fs.mkdirs(path)


def delete(spark: SparkSession, location: str) -> None:
    path, fs = _jvm_path(spark, location)
    if fs.exists(path):
        fs.delete(path, True)


def write_text(spark: SparkSession, location: str, text: str, atomic: bool = True) -> None:
    """Write ``text`` (UTF-8) to one file. On file systems with rename, write a hidden temporary
    file and rename it, so a reader never sees half a file; object-store PUTs are atomic."""
    path, fs = _jvm_path(spark, location)
    fs.setWriteChecksum(False)  # no .crc files beside the contract files on local disks
    target = path
    if atomic and not is_object_store(location):
        target = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(
            path.getParent(), f".{path.getName()}.tmp"
        )
    out = fs.create(target, True)
    try:
        out.write(bytearray(text.encode("utf-8")))
    finally:
        out.close()
    if target is not path:
        if fs.exists(path):
            fs.delete(path, False)
        if not fs.rename(target, path):
            raise OSError(f"could not rename {target} to {path}")


def read_text(spark: SparkSession, location: str) -> str:
    path, fs = _jvm_path(spark, location)
    stream = fs.open(path)
    try:
        jvm = spark.sparkContext._jvm
        data = jvm.org.apache.commons.io.IOUtils.toByteArray(stream)
    finally:
        stream.close()
    return bytes(data).decode("utf-8")


def list_files(spark: SparkSession, location: str) -> list[str]:
    """Names of the visible files directly under ``location`` (not starting with ``_`` or ``.``)."""
    path, fs = _jvm_path(spark, location)
    if not fs.exists(path):
        return []
    names = [status.getPath().getName() for status in fs.listStatus(path) if status.isFile()]
    return sorted(n for n in names if not n.startswith(("_", ".")))
