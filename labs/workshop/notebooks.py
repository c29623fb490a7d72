"""Generate ``spark-notebooks/<lab>.ipynb`` from each lab's entry script (never edit them).

The entry scripts are written in the ``# %%`` cell format (VS Code, Jupytext, Spyder): each
``# %%`` starts a code cell, ``# %% [markdown]`` a markdown cell. A notebook is the script's
cells, minus its ``if __name__ == "__main__":`` block, plus a setup cell first and run cells
last that call ``main`` with the manifest's ``notebook_args`` (tiny data) on the notebook's
``spark``.

    .venv/bin/python -m workshop.notebooks           # (re)write spark-notebooks/
    .venv/bin/python -m workshop.notebooks --check   # fail when they are stale
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

import nbformat

LABS_DIR = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = LABS_DIR.parent / "spark-notebooks"
CELL = "# %%"
MARKDOWN = "# %% [markdown]"

FUTURE = "from __future__ import"
SETUP = """# Setup: make the shared `workshop` package importable.
# - Local Jupyter, from this repository: it sits in ../labs (added below).
# - EMR Studio: upload labs/dist/workshop.zip (python -m workshop.package) to S3 and run
#   spark.sparkContext.addPyFile("s3://YOUR-BUCKET/workshop.zip") instead.
import os
import sys

LABS = os.path.abspath(os.path.join(os.getcwd(), "..", "labs"))
if os.path.isdir(os.path.join(LABS, "workshop")) and LABS not in sys.path:
    sys.path.insert(0, LABS)"""


def labs() -> list[tuple[dict, Path]]:
    found = []
    for manifest_path in sorted(LABS_DIR.glob("*/lab.json")):
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        found.append((manifest, manifest_path.parent / manifest["entry"]))
    return found


def _strip(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def _docstring_markdown(docstring: str) -> str:
    title, _, rest = docstring.strip().partition("\n")
    text = rest.strip("\n").replace("::\n", ":\n")
    return f"# {title.rstrip('.')}\n\n{text}".rstrip()


def split_cells(source: str) -> list[tuple[str, str]]:
    """``(kind, text)`` cells of a ``# %%`` script, without the docstring or ``__main__``."""
    module = ast.parse(source)
    lines = source.splitlines()
    main_guard = next(
        (n for n in module.body if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)),
        None,
    )
    if main_guard is not None:
        lines = lines[: main_guard.lineno - 1]
    docstring = ast.get_docstring(module)
    cells: list[tuple[str, str]] = []
    if docstring:
        cells.append(("markdown", _docstring_markdown(docstring)))
    kind, current = None, []
    for line in lines[module.body[0].end_lineno :] if docstring else lines:
        if line.startswith(CELL):
            if kind is not None:
                cells.append((kind, _strip(current)))
            kind, current = ("markdown" if line.startswith(MARKDOWN) else "code"), []
            continue
        if kind == "markdown":
            line = line[2:] if line.startswith("# ") else line.lstrip("#")
        if line.startswith(FUTURE):
            continue  # a notebook's future imports go first in its first code cell (SETUP)
        current.append(line)
    if kind is not None:
        cells.append((kind, _strip(current)))
    return [(k, text) for k, text in cells if text]


def _future_imports(source: str) -> list[str]:
    return [line.split("#")[0].strip() for line in source.splitlines() if line.startswith(FUTURE)]


def build(manifest: dict, entry: Path) -> nbformat.NotebookNode:
    lab_id = manifest["id"]
    source = entry.read_text(encoding="utf-8")
    cells: list[tuple[str, str]] = [
        (
            "markdown",
            f"> Generated from `labs/{lab_id}/{entry.name}` by `python -m workshop.notebooks`;"
            " edit the lab file, not this notebook.",
        ),
        *split_cells(source)[:1],
        ("code", "\n\n".join([*_future_imports(source), SETUP])),
        *split_cells(source)[1:],
        (
            "markdown",
            "## Run the lab\n\nOn tiny data, in `runs/` beside this notebook. On EMR Studio, "
            "use `s3://` locations instead.",
        ),
        ("code", _run_cell(manifest["notebook_args"], _imports_session(source))),
        (
            "code",
            'for check in summary["checks"]:\n'
            '    verdict = "PASS" if check["passed"] else "FAIL"\n'
            '    print(verdict, check["title"], "-", check["detail"])',
        ),
    ]
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
    }
    for number, (kind, text) in enumerate(cells):
        cell_id = f"{lab_id}-{number:02d}"
        if kind == "markdown":
            notebook.cells.append(nbformat.v4.new_markdown_cell(text, id=cell_id))
        else:
            notebook.cells.append(nbformat.v4.new_code_cell(text, id=cell_id))
    return notebook


def _imports_session(source: str) -> bool:
    return re.search(r"^from workshop import [^\n]*\bsession\b", source, re.MULTILINE) is not None


def _run_cell(args: list[str], session_imported: bool) -> str:
    """The call of the lab's ``main`` on a session the notebook keeps, laid out as ``ruff
    format`` would (importing ``session`` where the lab's own code does not)."""
    listed = "".join(f"        {json.dumps(arg)},\n" for arg in args)
    return (
        ("" if session_imported else "from workshop import session\n\n")
        + 'spark = session.build(f"workshop-{LAB_ID}")\n'
        + f"summary = main(\n    [\n{listed}    ],\n    spark=spark,\n)"
    )


def render() -> dict[str, str]:
    return {
        f"{manifest['id']}.ipynb": nbformat.writes(build(manifest, entry)) + "\n"
        for manifest, entry in labs()
    }


def stale(folder: Path = NOTEBOOKS_DIR) -> list[str]:
    expected = render()
    actual = {p.name for p in folder.glob("*.ipynb")}
    names = {
        n
        for n, text in expected.items()
        if not (folder / n).is_file() or (folder / n).read_text(encoding="utf-8") != text
    }
    return sorted(names | (actual - expected.keys()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check spark-notebooks/.")
    parser.add_argument("--check", action="store_true", help="fail if the notebooks are stale")
    args = parser.parse_args(argv)
    if args.check:
        names = stale()
        if names:
            print("stale notebooks (run: python -m workshop.notebooks):", *names)
            return 1
        print("notebooks are up to date")
        return 0
    NOTEBOOKS_DIR.mkdir(exist_ok=True)
    for old in NOTEBOOKS_DIR.glob("*.ipynb"):
        old.unlink()
    for name, text in render().items():
        (NOTEBOOKS_DIR / name).write_text(text, encoding="utf-8")
        print(NOTEBOOKS_DIR / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
