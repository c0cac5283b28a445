"""Start-up cost: the command line loads only what the command it runs needs."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from newsgraph.export import FORMATS

# Packages the bare command line must not load: the NLP stack, the database layer, the web
# stack, the readers' HTML tools, the terminal renderer.
HEAVY = (
    "spacy", "thinc", "numpy", "dateparser", "wordllama", "rapidfuzz", "sqlalchemy",
    "psycopg", "fastapi", "starlette", "uvicorn", "pydantic", "lxml", "trafilatura",
    "htmldate", "requests", "rich",
)  # fmt: skip
# ... and the ones no read command needs.
NLP = ("spacy", "thinc", "wordllama", "dateparser")

REPORT = "import json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"


def loaded(code: str) -> set[str]:
    """The top-level packages imported after running `code` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{REPORT}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_command_line_loads_nothing_heavy() -> None:
    assert loaded("import newsgraph.cli") & set(HEAVY) == set()


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_cost_less_than_half_a_second_of_cpu(flag: str) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", flag], capture_output=True, text=True, timeout=60
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0 and done.stdout.startswith(("usage: newsgraph", "newsgraph "))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < 0.5


def test_no_read_command_loads_the_nlp_stack(samples_db: str) -> None:
    article = json.loads(
        subprocess.run(
            [sys.executable, "-m", "newsgraph.cli", "--db", samples_db, "articles", "--json"],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout
    )[0]["id"]  # fmt: skip
    commands = [
        ["articles"], ["articles", "--json"], ["article", article], ["article", article, "--json"],
        ["search", "fisheries"], ["entities"], ["entity", "Arriaga"], ["events"],
        ["timeline", "Arriaga"], ["stories"], ["stories", "--json"], ["alerts"],
        ["watchlist", "list"], ["watchlist", "matches"], ["coverage", "--entity", "Arriaga"],
        *(["export", "--format", name] for name in FORMATS),
    ]  # fmt: skip
    script = (
        "import contextlib, io, json, sys\n"
        "from newsgraph.cli import main\n"
        "nlp = {}\n"
        f"for argv in {commands!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        f"        code = main(['--db', {samples_db!r}, *argv])\n"
        f"    nlp[' '.join(argv)] = [code, sorted(m for m in {NLP!r} if m in sys.modules)]\n"
        "print(json.dumps(nlp))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    found = json.loads(done.stdout.splitlines()[-1])
    assert found == {" ".join(argv): [0, []] for argv in commands}
