"""Install anywhere: every package the code imports is declared in pyproject.toml; the built wheel
carries every data file, and installs from the package index alone — no requirements.lock — into
a fresh virtual environment that ingests an HTML page (which also needs what is imported only by
our dependencies, such as lxml_html_clean).

The fresh install takes about a minute (pip resolves and unpacks ~85 packages from its cache or
the index), so it is marked slow; CI's `./scripts/test` runs it."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
import venv
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "newsgraph"


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement ("lxml_html_clean>=0.4" -> ...)."""
    return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]).lower()


def test_every_package_the_code_imports_is_a_declared_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    imported: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"newsgraph"}
    providers = packages_distributions()
    undeclared = sorted(
        module
        for module in third_party
        if not {_name(d) for d in providers.get(module, [])} & declared
    )
    assert undeclared == []


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(out)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    [built] = out.glob("newsgraph-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    on_disk = {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    with zipfile.ZipFile(wheel) as archive:
        packed = {name for name in archive.namelist() if name.startswith("newsgraph/")}
    assert on_disk - packed == set()


@pytest.mark.slow
def test_a_fresh_venv_without_the_lock_ingests_an_html_page(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    installed = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-2000:]
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Harbour reopens</title></head><body>"
        "<nav>Home | Sport | Weather</nav><article><h1>Harbour reopens after storm repairs</h1>"
        "<p>The harbour of Kessington reopened on Monday after three weeks of repairs, the port "
        "authority said in a statement.</p><p>Engineers rebuilt the northern pier and replaced "
        "the cranes that the storm had toppled.</p></article></body></html>",
        encoding="utf-8",
    )
    db = str(tmp_path / "news.db")
    ingested = subprocess.run(
        [str(bin_dir / "newsgraph"), "--db", db, "ingest", str(page)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert ingested.returncode == 0, ingested.stderr
    assert "stored 1, duplicate 0, rejected 0" in ingested.stdout
    listed = subprocess.run(
        [str(bin_dir / "newsgraph"), "--db", db, "articles", "--json"],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    [article] = json.loads(listed.stdout)
    assert article["title"] == "Harbour reopens after storm repairs"
    assert "northern pier" in article["text"] and "Weather" not in article["text"]
