"""Build newsgraph's background document frequencies from a folder of plain-text news articles.

    python scripts/build_term_background.py ../shared/corpora/bbc

Story grouping and event fusion weigh the words two articles share by how rare they are. In a
young store the running counts say little (after ten articles every word is rare), so they are
added to these background counts, taken once from a general news corpus: the number of articles
each word occurs in, for words in at least `MIN_DF` articles, each word named by a short hash
(`terms.word_key`). Writes ``src/newsgraph/lexicon/term_background.tsv`` (first line: the number
of articles).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from newsgraph.resolve.terms import BACKGROUND, word_key, words

MIN_DF = 3


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    df: Counter[str] = Counter()
    articles = 0
    for path in sorted(folder.rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        df.update(set(words(text)))
        articles += 1
    if not articles:
        sys.exit(f"no readable .txt files under {folder}")
    kept = sorted((word_key(w), n) for w, n in df.items() if n >= MIN_DF)
    lines = [f"#articles\t{articles}", *(f"{key}\t{n}" for key, n in kept)]
    BACKGROUND.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} words from {articles} articles -> {BACKGROUND}")


if __name__ == "__main__":
    main()
