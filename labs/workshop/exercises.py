"""The learner exercises a lab's manifest declares (``exercises`` in ``lab.json``).

Each exercise names its task, what the learner should see after the right change, and its
solution as exact edits to the lab's files: replace ``find`` (present exactly once) with
``replace``. The page shows those edits as the solution, and the tests apply them to the lab's
files and run the lab, so a solution that does not work, or a check that cannot fail, fails CI.
"""

from __future__ import annotations

from workshop.checks import LABS_DIR, load_manifest


def exercises(lab_id: str) -> list[dict]:
    return list(load_manifest(lab_id).get("exercises", []))


def exercise(lab_id: str, number: int) -> dict:
    for entry in exercises(lab_id):
        if entry["number"] == number:
            return entry
    raise KeyError(f"lab {lab_id} has no exercise {number}")


def lab_files(lab_id: str) -> dict[str, str]:
    """The learner's files of a lab (the editor's editable tabs), as shipped."""
    folder = LABS_DIR / lab_id
    return {
        name: (folder / name).read_text(encoding="utf-8") for name in load_manifest(lab_id)["files"]
    }


def apply(files: dict[str, str], edits: list[dict]) -> dict[str, str]:
    """``files`` with each edit made; ``ValueError`` when an edit's text is not there once."""
    result = dict(files)
    for edit in edits:
        name, find = edit["file"], edit["find"]
        if name not in result:
            raise ValueError(f"the solution edits {name}, which is not one of the lab's files")
        found = result[name].count(find)
        if found != 1:
            raise ValueError(f"{name} holds {find!r} {found} times, not once")
        result[name] = result[name].replace(find, edit["replace"])
    return result


def solved(lab_id: str, *numbers: int) -> dict[str, str]:
    """The lab's files with the solutions of exercises ``numbers`` (all, when none) applied."""
    chosen = numbers or tuple(entry["number"] for entry in exercises(lab_id))
    files = lab_files(lab_id)
    for number in chosen:
        files = apply(files, exercise(lab_id, number)["solution"])
    return files
