"""Span and coreference metrics for the benchmarks, written for newsgraph (no scorer copied).

Spans
- `match_spans` pairs gold and predicted spans one-to-one: ``exact`` (same start and end),
  ``overlap`` (at least one shared character) or ``head`` (the prediction covers part of the gold
  span's head). Overlap and head matching take a maximum-cardinality matching, and among those the
  one with the largest total overlap (intersection over union), so nested gold spans ("Apple CEO
  Steve Jobs" around "Steve Jobs") each find their best partner.
- `score_spans` gives precision, recall and F1 per type and micro-averaged over all spans.

Coreference (clusters are ``list[set[Hashable]]`` for key and response)
- MUC (Vilain et al. 1995), B-cubed (Bagga & Baldwin 1998), entity-based CEAF with the phi4
  similarity (Luo 2005) and the CoNLL F1, the mean of the three F1s (Pradhan et al. 2011/2014).
- Mentions on one side only ("twinless", Stoyanov et al. 2009) are handled as in the reference
  CoNLL scorer v8 (Pradhan et al. 2014, "Scoring Coreference Partitions of Predicted Mentions"):
  nothing is added to either side. A key mention missing from the response earns no recall credit
  but stays in the recall denominator; a spurious response mention earns no precision credit but
  stays in the precision denominator. For MUC such a mention is its own part of the partition.
  Singleton clusters count in B-cubed and CEAF-e (MUC has no links to count in them).
  `add_missing_singletons` is there for callers who prefer to give both sides the same mention
  set first (each twinless mention becomes a singleton on the other side, Cai & Strube 2010).
- A metric whose denominator is empty is 0, as in the reference scorer (so MUC on partitions made
  only of singletons is 0/0 -> 0, even when key and response agree).
- The optimal CEAF alignment uses scipy's `linear_sum_assignment` when scipy is installed, else
  our own Hungarian algorithm (`assignment`), which the tests check against brute force.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

try:  # optional: the pure-Python fallback gives the same optimum
    from scipy.optimize import linear_sum_assignment as _scipy_lsa
except ImportError:  # pragma: no cover - depends on the environment
    _scipy_lsa = None

Clusters = Sequence[Collection[Hashable]]
MICRO = "micro"


@dataclass(frozen=True)
class Score:
    """Precision and recall of one metric; F1 is derived."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Counts:
    """Span matching counts: `matched` pairs out of `predicted` and `gold` spans."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def score(self) -> Score:
        return Score(_ratio(self.matched, self.predicted), _ratio(self.matched, self.gold))


class Span(NamedTuple):
    """A typed character span of one document; `type` is "" when types are not scored."""

    doc: Hashable
    start: int
    end: int
    type: str = ""


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


# -- assignment --------------------------------------------------------------------------------


def assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Row/column pairs of a one-to-one assignment with the largest total weight.

    Rectangular matrices are fine: min(rows, columns) pairs are returned. Pairs of weight 0 are
    kept (callers drop them if they mean "no edge").
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    if _scipy_lsa is not None:
        r, c = _scipy_lsa([list(row) for row in weights], maximize=True)
        return [(int(i), int(j)) for i, j in zip(r, c, strict=True)]
    return hungarian(weights)


def hungarian(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment by the Hungarian method with potentials, O(n^2 m).

    Our own implementation, used when scipy is absent. Rows are assigned to columns; if there are
    more rows than columns the matrix is transposed first.
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if not rows or not cols:
        return []
    if rows > cols:
        flipped = [[weights[i][j] for i in range(rows)] for j in range(cols)]
        return sorted((i, j) for j, i in hungarian(flipped))
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]  # minimise cost == maximise weight
    inf = float("inf")
    u = [0.0] * (rows + 1)  # row potentials (1-based, index 0 is a sentinel)
    v = [0.0] * (cols + 1)  # column potentials
    owner = [0] * (cols + 1)  # owner[j]: the row assigned to column j (0 = free)
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        owner[0] = i
        j0 = 0
        slack = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, cols + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < slack[j]:
                    slack[j], way[j] = reduced, j0
                if slack[j] < delta:
                    delta, j1 = slack[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:  # flip the augmenting path
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted((owner[j] - 1, j - 1) for j in range(1, cols + 1) if owner[j])


# -- spans -------------------------------------------------------------------------------------


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two half-open spans."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two half-open spans (0 when disjoint)."""
    shared = overlap(a, b)
    if not shared:
        return 0.0
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


def match_spans(
    gold: Sequence[tuple[int, int]],
    predicted: Sequence[tuple[int, int]],
    mode: str = "exact",
    heads: Sequence[tuple[int, int] | None] | None = None,
    predicted_heads: Sequence[tuple[int, int] | None] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of spans from the same document.

    ``exact``: identical offsets (duplicates pair up one by one). ``overlap``: spans sharing a
    character. ``head``: the predicted span must share a character with the gold span's head
    (`heads`, one per gold span; None means the whole span), and the gold span with the predicted
    head (`predicted_heads`, likewise), so a name inside a longer mention ("Apple" in "Apple CEO",
    head "CEO") is not taken for it, nor a long mention ("Apple Worldwide Developers Conference")
    for the name inside it. For ``overlap`` and ``head`` the matching has the most pairs, and
    among those the largest total intersection over union.
    """
    if mode == "exact":
        free: dict[tuple[int, int], list[int]] = defaultdict(list)
        for j, span in enumerate(predicted):
            free[(span[0], span[1])].append(j)
        pairs = []
        for i, span in enumerate(gold):
            waiting = free.get((span[0], span[1]))
            if waiting:
                pairs.append((i, waiting.pop(0)))
        return pairs
    if mode not in ("overlap", "head"):
        raise ValueError(f"unknown span match mode {mode!r}")
    gold_heads, pred_heads = list(gold), list(predicted)
    if mode == "head" and heads is not None:
        gold_heads = [head or span for head, span in zip(heads, gold, strict=True)]
    if mode == "head" and predicted_heads is not None:
        pred_heads = [head or span for head, span in zip(predicted_heads, predicted, strict=True)]
    edges = [
        (i, j)
        for i, g in enumerate(gold)
        for j, p in enumerate(predicted)
        if overlap(gold_heads[i], p) > 0 and overlap(g, pred_heads[j]) > 0
    ]
    allowed = set(edges)
    pairs = []
    for rows, cols in _components(edges):  # small independent problems, solved one by one
        bonus = len(rows) + 1  # one more pair outweighs any gain in IoU
        weights = [
            [bonus + iou(gold[i], predicted[j]) if (i, j) in allowed else 0.0 for j in cols]
            for i in rows
        ]
        for r, c in assignment(weights):
            if weights[r][c] > 0:
                pairs.append((rows[r], cols[c]))
    return sorted(pairs)


def _components(edges: Iterable[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Connected components of a bipartite graph given by (left, right) edges."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        a, b = find(("g", i)), find(("p", j))
        if a != b:
            parent[a] = b
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, index = node
        groups[find(node)][0 if side == "g" else 1].append(index)
    return [(sorted(g), sorted(p)) for g, p in groups.values()]


def score_spans(
    gold: Iterable[Span], predicted: Iterable[Span], mode: str = "exact", typed: bool = True
) -> dict[str, Counts]:
    """Counts per type and `MICRO` (all types summed); a match needs the same doc (and type).

    With ``typed=False`` types are ignored and only the `MICRO` entry is returned.
    """
    groups: dict[tuple[Hashable, str], tuple[list[Span], list[Span]]] = defaultdict(
        lambda: ([], [])
    )
    for span in gold:
        groups[(span.doc, span.type if typed else "")][0].append(span)
    for span in predicted:
        groups[(span.doc, span.type if typed else "")][1].append(span)
    result: dict[str, Counts] = defaultdict(Counts)
    for (_, type_), (g, p) in groups.items():
        pairs = match_spans([(s.start, s.end) for s in g], [(s.start, s.end) for s in p], mode)
        counts = Counts(len(pairs), len(p), len(g))
        if typed:
            result[type_].add(counts)
        result[MICRO].add(counts)
    result.setdefault(MICRO, Counts())
    return dict(result)


# -- coreference -------------------------------------------------------------------------------


def _check(clusters: Clusters, side: str) -> list[frozenset[Hashable]]:
    seen: set[Hashable] = set()
    result = []
    for cluster in clusters:
        members = frozenset(cluster)
        if not members:
            continue
        if seen & members:
            raise ValueError(
                f"{side}: a mention is in two clusters: {sorted(map(str, seen & members))}"
            )
        seen |= members
        result.append(members)
    return result


def add_missing_singletons(
    key: Clusters, response: Clusters
) -> tuple[list[set[Hashable]], list[set[Hashable]]]:
    """Both sides over the union of mentions: a mention missing on one side becomes a singleton."""
    key_sets = [set(c) for c in _check(key, "key")]
    response_sets = [set(c) for c in _check(response, "response")]
    in_key = set().union(*key_sets)
    in_response = set().union(*response_sets)
    key_sets += [{m} for m in in_response - in_key]
    response_sets += [{m} for m in in_key - in_response]
    return key_sets, response_sets


def _muc_side(clusters: list[frozenset[Hashable]], other: list[frozenset[Hashable]]) -> float:
    """Sum over clusters of |c| - |parts of c in `other`| (a missing mention is its own part)."""
    where = {m: n for n, c in enumerate(other) for m in c}
    total = 0
    for cluster in clusters:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        total += len(cluster) - len(parts)
    return total


def muc(key: Clusters, response: Clusters) -> Score:
    """MUC: links kept. Recall = sum(|k| - |p(k)|) / sum(|k| - 1); precision swaps the sides."""
    k, r = _check(key, "key"), _check(response, "response")
    recall = _ratio(_muc_side(k, r), sum(len(c) - 1 for c in k))
    precision = _ratio(_muc_side(r, k), sum(len(c) - 1 for c in r))
    return Score(precision, recall)


def _b3_side(clusters: list[frozenset[Hashable]], other: list[frozenset[Hashable]]) -> float:
    """Sum over mentions m of |c(m) & o(m)| / |c(m)|, i.e. sum over pairs |c & o|^2 / |c|."""
    where = {m: n for n, c in enumerate(other) for m in c}
    total = 0.0
    for cluster in clusters:
        shared: dict[int, int] = defaultdict(int)
        for m in cluster:
            if m in where:
                shared[where[m]] += 1
        total += sum(n * n for n in shared.values()) / len(cluster)
    return total


def b_cubed(key: Clusters, response: Clusters) -> Score:
    """B-cubed: per-mention precision and recall of its cluster, averaged over mentions."""
    k, r = _check(key, "key"), _check(response, "response")
    recall = _ratio(_b3_side(k, r), sum(len(c) for c in k))
    precision = _ratio(_b3_side(r, k), sum(len(c) for c in r))
    return Score(precision, recall)


def phi4(a: Collection[Hashable], b: Collection[Hashable]) -> float:
    """Entity similarity of CEAF-e: 2 |a & b| / (|a| + |b|)."""
    return 2 * len(set(a) & set(b)) / (len(a) + len(b))


def ceaf_e(key: Clusters, response: Clusters, similarity: Callable[..., float] = phi4) -> Score:
    """Entity-based CEAF: the best one-to-one entity alignment, normalised by entity counts."""
    k, r = _check(key, "key"), _check(response, "response")
    where = {m: n for n, c in enumerate(r) for m in c}
    # Only clusters sharing a mention can gain; align each connected group separately.
    edges = {(i, where[m]) for i, c in enumerate(k) for m in c if m in where}
    total = 0.0
    for rows, cols in _components(edges):
        weights = [[similarity(k[i], r[j]) for j in cols] for i in rows]
        total += sum(weights[a][b] for a, b in assignment(weights))
    return Score(_ratio(total, len(r)), _ratio(total, len(k)))


@dataclass(frozen=True)
class CorefScores:
    """The three CoNLL metrics and their mean F1."""

    muc: Score
    b_cubed: Score
    ceaf_e: Score

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


def conll(key: Clusters, response: Clusters) -> CorefScores:
    """MUC, B-cubed and CEAF-e of one response; `.conll_f1` is the CoNLL F1."""
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


def clusters_from_labels(labels: Iterable[tuple[Hashable, Hashable]]) -> list[set[Hashable]]:
    """Clusters from (mention, cluster label) pairs, in first-seen order of the labels."""
    groups: dict[Hashable, set[Hashable]] = {}
    for mention, label in labels:
        groups.setdefault(label, set()).add(mention)
    return list(groups.values())
