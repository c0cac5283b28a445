"""Every document the code and the README point to is in the repository."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_docs_page_referred_to_exists_and_no_reference_is_to_a_missing_design_file() -> None:
    sources = [ROOT / "README.md", *sorted((ROOT / "src" / "newsgraph").rglob("*.py"))]
    sources += sorted((ROOT / "src" / "newsgraph" / "web" / "static").rglob("*.html"))
    referred: set[str] = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "DESIGN.md" not in text, path
        referred.update(re.findall(r"\bdocs/[\w-]+\.md\b", text))
    assert "docs/design.md" in referred
    assert sorted(name for name in referred if not (ROOT / name).is_file()) == []
