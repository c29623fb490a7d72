"""Build ``workshop.zip`` for ``spark-submit --py-files``: the shared package plus every lab's
manifest (``workshop/manifests/<lab>.json``), so entry scripts on a cluster find both.

    .venv/bin/python -m workshop.package            # writes labs/dist/workshop.zip
    .venv/bin/python -m workshop.package --output /tmp/workshop.zip
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
LABS_DIR = PACKAGE_DIR.parent
DEFAULT_OUTPUT = LABS_DIR / "dist" / "workshop.zip"
# A fixed timestamp keeps the zip byte-identical for identical sources.
ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def build_zip(output: Path = DEFAULT_OUTPUT) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for source in sorted(PACKAGE_DIR.glob("*.py")):
            _add(archive, f"workshop/{source.name}", source.read_bytes())
        for manifest in sorted(LABS_DIR.glob("*/lab.json")):
            lab_id = manifest.parent.name
            _add(archive, f"workshop/manifests/{lab_id}.json", manifest.read_bytes())
    return output


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build workshop.zip for --py-files.")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    print(build_zip(args.output))


if __name__ == "__main__":
    main()
