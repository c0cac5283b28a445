# Source this file: creates .venv on first use and installs newsgraph with pinned dependencies.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
    echo "creating .venv with $PYTHON" >&2
    "$PYTHON" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
stamp=.venv/.installed-$(cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)-${NEWSGRAPH_EXTRAS:-test,parquet,ray}
if [ ! -e "$stamp" ]; then
    echo "installing newsgraph and its pinned dependencies into .venv" >&2
    python -m pip install -q --disable-pip-version-check --upgrade pip
    python -m pip install -q --disable-pip-version-check -c requirements.lock -e ".[${NEWSGRAPH_EXTRAS:-test,parquet,ray}]"
    rm -f .venv/.installed-*
    touch "$stamp"
fi
