"""The generated notebooks are up to date and execute, in lab order, on a python3 kernel."""

from __future__ import annotations

import json
import shutil
import sys

import nbformat
import pytest
from conftest import LABS_DIR
from nbclient import NotebookClient

from workshop import notebooks

NOTEBOOKS_DIR = LABS_DIR.parent / "spark-notebooks"


def test_notebooks_are_not_stale():
    assert notebooks.stale() == [], "run: .venv/bin/python -m workshop.notebooks"


def test_a_notebook_holds_the_lab_code_and_no_main_guard():
    source = (LABS_DIR / "02-batch" / "classify_batch.py").read_text()
    notebook = nbformat.read(NOTEBOOKS_DIR / "02-batch.ipynb", as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "def drop_duplicate_events" in code
    assert "def drop_duplicate_events" in source
    assert "__main__" not in code
    assert "EXERCISE 1" in code


@pytest.fixture
def python3_kernel(tmp_path, monkeypatch):
    """A ``python3`` kernel that is this interpreter (the project's .venv), whatever else is
    installed on the machine."""
    kernel_dir = tmp_path / "jupyter" / "kernels" / "python3"
    kernel_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (workshop .venv)",
        "language": "python",
    }
    (kernel_dir / "kernel.json").write_text(json.dumps(spec))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))


def test_notebooks_execute_in_lab_order(tmp_path, python3_kernel):
    # The notebooks expect ../labs beside them; run copies so their runs/ land in tmp_path.
    (tmp_path / "labs").symlink_to(LABS_DIR, target_is_directory=True)
    folder = tmp_path / "spark-notebooks"
    shutil.copytree(NOTEBOOKS_DIR, folder, ignore=shutil.ignore_patterns("runs", ".*"))
    summaries = {}
    for path in sorted(folder.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
        )
        client.execute()
        lab_id = path.stem
        run_dir = {"01-devices": "01-devices"}.get(lab_id, lab_id)
        summaries[lab_id] = json.loads((folder / "runs" / run_dir / "_summary.json").read_text())

    assert summaries["01-devices"]["counts"]["input"] == 2000
    assert summaries["02-batch"]["counts"]["classified"] > 0
    assert summaries["03-streaming"]["counts"]["classified"] > 0
    serve = summaries["04-serve"]
    assert serve["counts"]["classified"] == summaries["02-batch"]["counts"]["classified"]
    assert serve["serve"]["rows_by_source"]["stream"] > 0
