"""In-document coreference: names, acronyms, descriptions and pronouns grouped into entities.

No coreference model installs offline, so this is rule-based on the parse, in order of
reliability: the same name; a surname after (or before) its full name; a place under another of
its names; a demonym with its country; an acronym defined in the text; then descriptions ("the
Russian envoy") matched to an entity's known roles, and pronouns to the nearest compatible
person. Every link that is not the same name carries its reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.nlp import bounds, text_of
from newsgraph.lexicon.places import country_of_demonym, lookup
from newsgraph.lexicon.words import (
    FEMALE,
    MALE,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    THING_PRONOUNS,
)
from newsgraph.model import Fact, LocalEntity, Mention
from newsgraph.names import name_key, name_rank

_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.]{1,9})\)")
_STOP_INITIALS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "&"})
PRONOUN_WINDOW = 2  # sentences back to look for a pronoun's antecedent
NOMINAL_WINDOW = 4


@dataclass
class Cluster:
    """Mentions believed to co-refer, with what the document says about them."""

    index: int
    type: str
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    country: str | None = None
    gender: str | None = None
    facts: list[Fact] = field(default_factory=list)

    def add(self, mention: Mention, reason: str | None = None) -> None:
        mention.entity = self.index
        mention.reason = reason
        self.mentions.append(mention)
        if mention.kind == "name":
            self.keys.add(name_key(mention.text))

    @property
    def names(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "name"]

    def display_name(self) -> str:
        if self.country and self.type in ("GPE", "LOC") and lookup(self.country):
            place = lookup(self.names[0].text) if self.names else None
            return place.name if place else self.country
        names = [m.text for m in self.names if m.type != "NORP"] or [m.text for m in self.names]
        if not names:
            return self.mentions[0].text
        # The fullest name; an acronym only when nothing else names the entity.
        return max(names, key=name_rank)


def _short_form(short: str, full: str) -> bool:
    """ "apple" of "apple computer" or "apple inc": the same organisation named briefly."""
    a, b = short.split(), full.split()
    return 0 < len(a) < len(b) <= len(a) + 2 and b[: len(a)] == a


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[\w']+", name) if w.lower() not in _STOP_INITIALS]
    return "".join(w[0] for w in words).upper()


class Resolver:
    """Builds the clusters of one document; each step adds links of one kind."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, Cluster] = {}
        self.acronyms: dict[str, Cluster] = {}

    def new_cluster(self, mention: Mention, type_: str | None = None) -> Cluster:
        cluster = Cluster(len(self.clusters), type_ or mention.type)
        self.clusters.append(cluster)
        cluster.add(mention)
        return cluster

    # -- names --------------------------------------------------------------------------------

    def link_names(self) -> None:
        for mention in self.mentions:
            if mention.type in ("GPE", "LOC", "NORP", "FAC"):
                self._link_place(mention)
            elif mention.type == "PERSON":
                self._link_person(mention)
            elif mention.type == "ORG":
                self._link_org(mention)
            else:
                self._link_same_name(mention)
        self._merge_surname_clusters()

    def _link_same_name(self, mention: Mention) -> Cluster:
        key = f"{mention.type}:{name_key(mention.text)}"
        cluster = self.by_key.get(key)
        if cluster is None:
            cluster = self.new_cluster(mention)
            self.by_key[key] = cluster
        else:
            cluster.add(mention)
        return cluster

    def _link_place(self, mention: Mention) -> None:
        place = lookup(mention.text)
        demonym = country_of_demonym(mention.text) if place is None else None
        if place is None and demonym is None:
            self._link_same_name(mention)
            return
        canonical = place.name if place else demonym.name  # type: ignore[union-attr]
        key = f"place:{canonical}"
        cluster = self.by_key.get(key)
        reason = None
        if demonym is not None:
            reason = f"demonym of {canonical}"
        elif name_key(mention.text) != name_key(canonical):
            reason = f"another name of {canonical}"
        if cluster is None:
            country = place.country if place else canonical
            cluster = Cluster(len(self.clusters), "GPE", country=country)
            self.clusters.append(cluster)
            self.by_key[key] = cluster
        cluster.add(mention, reason)

    def _link_person(self, mention: Mention) -> None:
        key = name_key(mention.text)
        words = key.split()
        if f"PERSON:{key}" in self.by_key:
            self.by_key[f"PERSON:{key}"].add(mention)
            return
        if len(words) == 1:
            full = self._full_name_for(words[0], mention.start)
            if full is not None:
                full.add(mention, f"surname of {full.display_name()}")
                self.by_key[f"PERSON:{key}"] = full
                return
        else:
            # "Maria Sousa" after "Maria Luisa Sousa": same first and last name
            for cluster in self.clusters:
                if cluster.type == "PERSON" and any(
                    len(k.split()) >= 2 and k.split()[0] == words[0] and k.split()[-1] == words[-1]
                    for k in cluster.keys
                ):
                    cluster.add(mention, f"short form of {cluster.display_name()}")
                    self.by_key[f"PERSON:{key}"] = cluster
                    return
        self._link_same_name(mention)

    def _full_name_for(self, word: str, position: int) -> Cluster | None:
        """The person whose full name ends (or starts) with `word`, nearest before `position`."""
        best: tuple[int, Cluster] | None = None
        for cluster in self.clusters:
            if cluster.type != "PERSON":
                continue
            for m in cluster.names:
                parts = name_key(m.text).split()
                named = len(parts) >= 2 and word in (parts[-1], parts[0])
                if named and m.start < position and (best is None or m.start > best[0]):
                    best = (m.start, cluster)
        return best[1] if best else None

    def _merge_surname_clusters(self) -> None:
        """A surname used before its full name first appears ("Harbor envoy Okafor" headline)."""
        for cluster in list(self.clusters):
            if cluster.type != "PERSON" or not cluster.mentions:
                continue
            keys = {k for k in cluster.keys if len(k.split()) == 1}
            if not keys or len(cluster.keys) != len(keys):
                continue
            (word,) = sorted(keys)[:1]
            full = [
                c
                for c in self.clusters
                if c is not cluster
                and c.type == "PERSON"
                and any(len(k.split()) >= 2 and k.split()[-1] == word for k in c.keys)
            ]
            if len(full) == 1:
                target = full[0]
                for m in cluster.mentions:
                    target.add(m, f"surname of {target.display_name()}")
                target.mentions.sort(key=lambda m: m.start)
                cluster.mentions.clear()
                self.by_key[f"PERSON:{word}"] = target

    def _link_org(self, mention: Mention) -> None:
        key = name_key(mention.text)
        if mention.text.isupper() and key in self.acronyms:
            self.acronyms[key].add(mention, f"acronym of {self.acronyms[key].display_name()}")
            return
        if mention.text.isupper() and 2 <= len(mention.text) <= 8:
            for cluster in self.clusters:
                if cluster.type == "ORG" and any(
                    len(k.split()) >= 2 and _initials(k) == mention.text.replace(".", "")
                    for k in cluster.keys
                ):
                    cluster.add(mention, f"initials of {cluster.display_name()}")
                    return
        if f"ORG:{key}" not in self.by_key:
            for cluster in self.clusters:
                if cluster.type == "ORG" and any(_short_form(key, k) for k in cluster.keys):
                    cluster.add(mention, f"short form of {cluster.display_name()}")
                    self.by_key[f"ORG:{key}"] = cluster
                    self._acronym_after(mention, cluster)
                    return
        cluster = self._link_same_name(mention)
        self._acronym_after(mention, cluster)

    def _acronym_after(self, mention: Mention, cluster: Cluster) -> None:
        """ "Baltic Fisheries Council (BFC)": the acronym is defined here."""
        match = _ACRONYM_AFTER.match(text_of(self.doc), mention.end)
        if not match:
            return
        acronym = match.group(1)
        if acronym.isupper() or _initials(mention.text).startswith(acronym[:2].upper()):
            start = match.start(1)
            defined = Mention(
                start, start + len(acronym), acronym, mention.type, sentence=mention.sentence
            )
            cluster.add(defined, f"acronym defined for {mention.text}")
            self.acronyms[name_key(acronym)] = cluster

    # -- descriptions and pronouns -------------------------------------------------------------

    def link_nominals(self, sentences: list[Span]) -> None:
        named = [(m.start, m.end) for m in self.mentions]
        for chunk in self.doc.noun_chunks:
            root = chunk.root
            if (
                root.lemma_.lower() not in PERSON_ROLE_NOUNS
                and root.lemma_.lower() not in ORG_NOUNS
            ):
                continue
            if any(s <= root.idx < e for s, e in named):
                continue
            definite = any(t.lower_ in ("the", "this", "that") for t in chunk[:1]) or any(
                t.dep_ == "poss" for t in root.children
            )
            if not definite or root.tag_.endswith("S"):  # plural descriptions: groups, not people
                continue
            start = chunk[0].idx
            mention = Mention(
                start,
                chunk.end_char,
                text_of(self.doc)[start : chunk.end_char],
                "PERSON" if root.lemma_.lower() in PERSON_ROLE_NOUNS else "ORG",
                kind="nominal",
                sentence=_sentence_index(sentences, root),
            )
            target, reason = self._antecedent_for_nominal(mention, root, sentences)
            if target is not None:
                target.add(mention, reason)

    def _antecedent_for_nominal(
        self, mention: Mention, root: Token, sentences: list[Span]
    ) -> tuple[Cluster | None, str]:
        noun = root.lemma_.lower()
        candidates = self._recent(mention, NOMINAL_WINDOW, lambda c: c.type == mention.type)
        words = {t.lower_ for t in root.subtree if t.is_alpha and not t.is_stop} | {noun}
        best: tuple[int, Cluster, str] | None = None
        for cluster in candidates:  # most recent first: ties go to the nearest
            known = {w for f in cluster.facts for w in re.findall(r"[a-z]+", f.value.lower())}
            for fact in cluster.facts:
                role_words = set(re.findall(r"[a-z]+", fact.value.lower()))
                if fact.key != "role" or noun not in role_words:
                    continue
                score = len(words & known)
                if best is None or score > best[0]:
                    best = (score, cluster, f"description matches role '{fact.value}'")
        if best is not None:
            return best[1], best[2]
        if mention.type == "ORG":
            for cluster in candidates:
                if any(noun in k.split() for k in cluster.keys):
                    return cluster, f"the {noun} named {cluster.display_name()}"
        if (
            mention.sentence == 0
            and mention.type == "PERSON"
            and root.dep_ in ("nsubj", "nsubjpass")
        ):
            # A lede often describes its subject and names them in the next sentence.
            for m in self.mentions:
                if m.type == "PERSON" and m.kind == "name" and 1 <= m.sentence <= 2:
                    cluster = self.clusters[m.entity]
                    role = _ARTICLE.sub("", mention.text)
                    cluster.facts.append(Fact("role", role, *_sentence_span(sentences, root)))
                    return cluster, f"lede description of {cluster.display_name()}, named next"
        return None, ""

    def link_pronouns(self, sentences: list[Span]) -> None:
        for token in self.doc:
            lower = token.lower_
            if token.pos_ != "PRON" or (
                lower not in PERSON_PRONOUNS and lower not in THING_PRONOUNS
            ):
                continue
            mention = Mention(
                token.idx,
                token.idx + len(token.text),
                token.text,
                "PERSON" if lower in PERSON_PRONOUNS else "ORG",
                kind="pronoun",
                sentence=_sentence_index(sentences, token),
            )
            gender = "male" if lower in MALE else "female" if lower in FEMALE else None
            if gender is None:  # "its": the nearest organisation or country named before it
                target = self._nearest_name(mention, ("ORG", "GPE"))
                if target is not None:
                    target.add(mention, f"pronoun: nearest {target.type.lower()} named before")
                continue
            else:
                candidates = self._recent(
                    mention,
                    PRONOUN_WINDOW,
                    lambda c, g=gender: c.type == "PERSON" and c.gender in (None, g),  # type: ignore[misc]
                )
            target = self._salient(candidates, mention)
            if target is not None:
                if gender:
                    target.gender = gender
                target.add(mention, f"pronoun: nearest compatible {target.type.lower()}")

    def _recent(
        self, mention: Mention, window: int, accept: Callable[[Cluster], bool]
    ) -> list[Cluster]:
        """Clusters mentioned shortly before `mention`, most recent first."""
        seen: list[Cluster] = []
        for m in sorted(
            (m for c in self.clusters for m in c.mentions), key=lambda m: m.start, reverse=True
        ):
            if m.start >= mention.start or m.sentence < mention.sentence - window:
                continue
            cluster = self.clusters[m.entity]
            if cluster not in seen and accept(cluster):
                seen.append(cluster)
        return seen

    def _nearest_name(self, mention: Mention, types: tuple[str, ...]) -> Cluster | None:
        """The cluster of the closest name before `mention` in its sentence, of these types.

        Adjectives ("Russian") do not count: "its" refers to a named thing.
        """
        best: Mention | None = None
        for cluster in self.clusters:
            if cluster.type not in types:
                continue
            for m in cluster.names:
                before = m.sentence == mention.sentence and m.end <= mention.start
                if before and m.type != "NORP" and (best is None or m.start > best.start):
                    best = m
        return self.clusters[best.entity] if best is not None else None

    def _salient(self, candidates: list[Cluster], mention: Mention) -> Cluster | None:
        """Prefer a candidate that is the subject of the pronoun's or the previous sentence."""
        if not candidates:
            return None
        for cluster in candidates:
            for m in cluster.mentions:
                if (
                    m.sentence in (mention.sentence, mention.sentence - 1)
                    and m.start < mention.start
                ):
                    span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                        return cluster
        return candidates[0]

    def entities(self) -> list[LocalEntity]:
        """The clusters as local entities, renumbered without the emptied ones."""
        kept = [c for c in self.clusters if c.mentions]
        entities = []
        for new_index, cluster in enumerate(kept):
            for m in cluster.mentions:
                m.entity = new_index
            name = cluster.display_name()
            aliases = sorted({m.text for m in cluster.names if name_key(m.text) != name_key(name)})
            entities.append(
                LocalEntity(
                    index=new_index,
                    name=name,
                    type=cluster.type,
                    aliases=aliases,
                    facts=list(dict.fromkeys(cluster.facts)),
                    country=cluster.country,
                )
            )
        return entities

    def all_mentions(self) -> list[Mention]:
        return sorted((m for c in self.clusters for m in c.mentions), key=lambda m: m.start)


def _sentence_span(sentences: list[Span], token: Token) -> tuple[int, int]:
    return bounds(sentences[_sentence_index(sentences, token)])


def _sentence_index(sentences: list[Span], token: Token) -> int:
    for i, sent in enumerate(sentences):
        if sent.start <= token.i < sent.end:
            return i
    return 0
