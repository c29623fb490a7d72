#!/usr/bin/env bash
# Runs every check of the Spark labs: ruff (lint and format) on labs/ and spark-notebooks/, the
# staleness of the generated files (contract JSON, notebooks, sample data), then pytest on local
# Spark, which also executes the notebooks. Exits non-zero on the first failure.
#
# Usage (from anywhere): bash labs/check.sh [extra pytest arguments]
# Needs the project's virtual environment at the repository root:
#   python3.11 -m venv .venv && .venv/bin/pip install -r labs/requirements.txt
set -euo pipefail

labs="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$labs")"
venv="$root/.venv"

if [[ ! -x "$venv/bin/python" ]]; then
  echo "labs/check.sh: no virtual environment at $venv; create it with:" >&2
  echo "  python3.11 -m venv .venv && .venv/bin/pip install -r labs/requirements.txt" >&2
  exit 1
fi
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
if ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "17'; then
  echo "labs/check.sh: JAVA_HOME=$JAVA_HOME is not a Java 17 (Spark 3.5 needs 17)" >&2
  exit 1
fi
# The venv first on PATH: spark-submit helpers and the notebooks' python3 kernel resolve to it.
export PATH="$venv/bin:$PATH"
export PYSPARK_PYTHON="$venv/bin/python"

step() { printf '\n── %s\n' "$*"; }
started=$SECONDS
cd "$labs"

step "ruff check"
ruff check "$labs" "$root/spark-notebooks"

step "ruff format --check"
ruff format --check "$labs" "$root/spark-notebooks"

# EMR 7's python3 is 3.9: the labs (and the runner's worker) must not need a newer Python than
# that, whichever interpreter a step names. labs/emr-runtime.json holds the version.
floor="$(python -c 'import json,sys; print(json.load(open(sys.argv[1]))["system_python_version"])' "$labs/emr-runtime.json")"
step "minimum Python version is at most $floor (vermin)"
vermin --no-tips --violations --eval-annotations --target="$floor-" \
  "$labs" "$root/runner/worker" "$root/spark-notebooks"

# A Python $floor here too (on PATH, or one pyenv holds): the labs' tests run on it as well.
second_python=""
for candidate in "python$floor" "$(pyenv root 2>/dev/null)"/versions/"$floor".*/bin/python"$floor"; do
  if "$candidate" --version >/dev/null 2>&1; then second_python="$candidate"; break; fi
done
if [[ -n "$second_python" ]]; then
  step "pytest on Python $floor too ($second_python; EMR's python3 is $floor)"
  venv_floor="$root/.venv-py$floor"
  [[ -x "$venv_floor/bin/python" ]] || "$second_python" -m venv "$venv_floor"
  "$venv_floor/bin/pip" install --quiet --disable-pip-version-check \
    -r "$labs/requirements-floor.txt"
  # The kill-and-restart tests, the notebooks and the exercises' verdicts (a dozen more runs
  # of lab code these tests already run here) run once, on the main interpreter, below.
  PYSPARK_PYTHON="$venv_floor/bin/python" "$venv_floor/bin/python" -m pytest -q -m "not slow" \
    --ignore=tests/test_notebooks.py --ignore=tests/test_exercises.py -p no:cacheprovider "$@"
else
  echo "(no Python $floor on this machine: the static check above stands in for it)"
fi

step "generated files are up to date"
python -m workshop.export_contract --check
python -m workshop.notebooks --check
python -m workshop.sample --check

step "pytest (local Spark; executes the notebooks)"
python -m pytest "$@"

echo "labs/check.sh: all checks passed in $((SECONDS - started)) s"
