"""In-document coreference: names, acronyms, descriptions and pronouns grouped into entities.

No coreference model installs offline, so this is rule-based on the parse, in order of
reliability: the same name; a surname after (or before) its full name; a place under another of
its names; a demonym with its country; an acronym defined in the text; then descriptions ("the
Russian envoy") matched to an entity's known roles, and pronouns to the nearest compatible
person. Every link that is not the same name carries its reason.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.mentions import singular_key
from newsgraph.analyze.nlp import bounds, text_of, tokens_where
from newsgraph.lexicon.places import Place, country_of_demonym, lookup
from newsgraph.lexicon.words import (
    COMPANY_NOUNS,
    FEMALE,
    MALE,
    ORG_DESIGNATORS,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    PRODUCT_NOUNS,
    THING_PRONOUNS,
    TITLES,
)
from newsgraph.model import Fact, LocalEntity, Mention
from newsgraph.names import is_acronym, name_key, name_rank, short_form
from newsgraph.settings import SETTINGS

_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.]{1,9})\)")
_STOP_INITIALS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "&"})
_NOMINAL_DEPENDENTS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
_QUOTE = re.compile(r"“[^”]{2,600}”|\"[^\"]{2,600}\"")
_NOMINAL_NOUNS = PERSON_ROLE_NOUNS | ORG_NOUNS | COMPANY_NOUNS | PRODUCT_NOUNS
_PRONOUNS = _RELATIVE | _FIRST_PERSON | THING_PRONOUNS | PERSON_PRONOUNS
# Organisation nouns that never describe a company: "the company" skips such entities.
_PUBLIC_BODY_NOUNS = ORG_NOUNS - COMPANY_NOUNS


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


def _last_word_of(word: str, full: str) -> bool:
    """ "heavy" of "falcon heavy": a one-word name that ends a longer one of this text."""
    b = full.split()
    return len(b) >= 2 and b[-1] == word and word not in ORG_DESIGNATORS


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
        self._timeline: list[tuple[int, int, Mention]] = []  # linked mentions by position
        self._org_last_words = {
            name_key(m.text).split()[-1]
            for m in self.mentions
            if m.type == "ORG" and len(name_key(m.text).split()) >= 2
        }

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
            elif mention.type == "PRODUCT":
                self._link_product(mention)
            else:
                self._link_same_name(mention)
        self._merge_surname_clusters()
        self._index()

    def _index(self) -> None:
        self._timeline = sorted(
            (m.start, id(m), m) for c in self.clusters for m in c.mentions if m.entity >= 0
        )

    def _link(self, cluster: Cluster, mention: Mention, reason: str) -> None:
        """Add a description or pronoun to an entity, and to the timeline `_recent` reads."""
        cluster.add(mention, reason)
        bisect.insort(self._timeline, (mention.start, id(mention), mention))

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
            key = name_key(mention.text)
            if key in _COMPASS and f"{mention.type}:{key}" not in self.by_key:
                # "the North" after "North Korea": the first word of a country named before
                for earlier in reversed(self.clusters):
                    if earlier.type == "GPE" and any(
                        len(k.split()) == 2 and k.split()[0] == key and _is_country(k)
                        for k in earlier.keys
                    ):
                        earlier.add(mention, f"short form of {earlier.display_name()}")
                        return
            self._link_same_name(mention)
            return
        if demonym is not None and (
            name_key(mention.text) in self._org_last_words or self._team_like(mention, demonym)
        ):
            mention.type = "ORG"  # "the Indians" of the Cleveland Indians, not of India
            self._org_last_words.add(name_key(mention.text))
            self._link_org(mention)
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

    def _team_like(self, mention: Mention, country: Place) -> bool:
        """ "the Indians" in a text that never names India: a team or a group so named."""
        text = text_of(self.doc)
        before = text[max(0, mention.start - 5) : mention.start].lower().split()
        plural = mention.text.endswith("s") and before[-1:] == ["the"]
        if not plural:
            return False
        return not any(
            lookup(m.text) is not None and lookup(m.text) == country for m in self.mentions
        )

    def _link_person(self, mention: Mention) -> None:
        key = name_key(mention.text)
        words = key.split()
        if f"PERSON:{key}" in self.by_key:
            self.by_key[f"PERSON:{key}"].add(mention)
            return
        if len(words) == 1 and not (mention.text.isupper() and len(mention.text) > 1):
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
            if all(is_acronym(m.text) for m in cluster.names):
                continue  # "UN" is no surname of Kim Jong Un
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
            for cluster in reversed(self.clusters):  # the nearest first
                if cluster.type != "ORG":
                    continue
                if any(
                    short_form(key, k)
                    or short_form(k, key)
                    or _last_word_of(key, k)
                    or (_last_word_of(k, key) and len(cluster.keys) == 1)
                    for k in cluster.keys
                ):
                    cluster.add(mention, f"short form of {cluster.display_name()}")
                    self.by_key[f"ORG:{key}"] = cluster
                    self._acronym_after(mention, cluster)
                    return
        cluster = self._link_same_name(mention)
        self._acronym_after(mention, cluster)

    def _link_product(self, mention: Mention) -> None:
        """A made thing: the same name, the name without its maker ("Macintosh" of "Apple
        Macintosh"), or its last word ("Heavy" of "Falcon Heavy"); never a longer model name
        ("iPod nano" is not the iPod)."""
        key = _product_key(mention.text)
        cluster = self.by_key.get(f"PRODUCT:{key}")
        if cluster is not None:
            cluster.add(mention)
            return
        makers = {k for c in self.clusters if c.type == "ORG" for k in c.keys}
        for cluster in reversed(self.clusters):
            if cluster.type != "PRODUCT":
                continue
            for k in cluster.keys:
                if _without_maker(k, makers) == key or _without_maker(key, makers) == k:
                    reason = f"{cluster.display_name()} without its maker's name"
                elif " " not in key and _last_word_of(key, k):
                    reason = f"short form of {cluster.display_name()}"
                else:
                    continue
                cluster.add(mention, reason)
                self.by_key[f"PRODUCT:{key}"] = cluster
                return
        cluster = self.new_cluster(mention)
        self.by_key[f"PRODUCT:{key}"] = cluster

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
        """Descriptions: before a name ("Apple CEO Steve Jobs"), in apposition ("NPD Group, a
        market research firm"), and definite ones later in the text ("the company")."""
        self._descriptions_before_names(sentences)
        named = sorted((m.start, m.end) for m in self.mentions)
        starts = [s for s, _ in named]
        for i in tokens_where(self.doc, LEMMA, _NOMINAL_NOUNS):
            root = self.doc[i]
            if root.tag_ not in ("NN", "NNP") or root.dep_ in ("compound", "amod"):
                continue
            noun = root.lemma_.lower()
            type_ = _nominal_type(noun)
            if type_ is None or _inside(named, starts, root.idx):
                continue
            start = min(
                [root.i, *(t.left_edge.i for t in root.lefts if t.dep_ in _NOMINAL_DEPENDENTS)]
            )
            first = self.doc[start]
            if root.tag_ == "NNP" and first.lower_ not in ("the", "this", "that"):
                continue  # a capitalised noun without "the" is part of a name or a headline
            mention = Mention(
                first.idx,
                root.idx + len(root.text),
                text_of(self.doc)[first.idx : root.idx + len(root.text)],
                type_,
                kind="nominal",
                sentence=_sentence_index(sentences, root),
            )
            target, reason = self._appositive_of(root)
            if target is not None:
                self._link_whole_apposition(target, root, mention)
            if target is None:
                definite = first.lower_ in ("the", "this", "that") or any(
                    t.dep_ == "poss" for t in root.lefts
                )
                if not definite:
                    continue
                target, reason = self._antecedent_for_nominal(mention, root, sentences)
            if target is not None:
                mention.type = target.type
                self._link(target, mention, reason)

    def _descriptions_before_names(self, sentences: list[Span]) -> None:
        """ "Apple CEO Steve Jobs", "U.S. electronics retailer Best Buy": the words before a
        name that end in a title or a company noun describe the entity the name names."""
        for cluster in list(self.clusters):
            if cluster.type not in ("PERSON", "ORG"):
                continue
            for m in list(cluster.names):
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or span.start == 0:
                    continue
                before = self.doc[span.start - 1]
                word = before.lower_.rstrip(".")
                nouns = TITLES | PERSON_ROLE_NOUNS if cluster.type == "PERSON" else COMPANY_NOUNS
                if before.is_punct or (word not in nouns and before.lemma_.lower() not in nouns):
                    continue
                root = span.root
                lefts = [t for t in root.lefts if t.i < span.start and not t.is_punct]
                start = min([before.i, *(t.left_edge.i for t in lefts)])
                while start < before.i and self.doc[start].is_punct:
                    start += 1
                if self.doc[start].lower_ in ("a", "an") or any(
                    t.is_punct and t.text not in ".-&" for t in self.doc[start : before.i]
                ):
                    start = before.i
                while start < before.i and self.doc[start].pos_ == "DET":
                    start += 1
                text = text_of(self.doc)[self.doc[start].idx : before.idx + len(before.text)]
                described = Mention(
                    self.doc[start].idx,
                    before.idx + len(before.text),
                    text,
                    cluster.type,
                    kind="nominal",
                    sentence=m.sentence,
                )
                self._link(cluster, described, f"description before the name {m.text}")
                whole = Mention(
                    described.start, m.end, text_of(self.doc)[described.start : m.end],
                    cluster.type, kind="nominal", sentence=m.sentence,
                )  # fmt: skip
                self._link(cluster, whole, f"{m.text} with the description before it")

    def _link_whole_apposition(self, target: Cluster, root: Token, described: Mention) -> None:
        """ "Steve Jobs, the chief executive officer of Apple Inc.": the name with its
        apposition is one mention of the entity too."""
        name = next(
            (m for m in target.names if m.start <= root.head.idx < m.end and m.end <= root.idx),
            None,
        )
        if name is None:
            return
        last = root.right_edge
        while last.i > root.i and (last.is_punct or last.dep_ in ("cc", "prep")):
            last = self.doc[last.i - 1]
        end = last.idx + len(last.text)
        whole = Mention(
            name.start, end, text_of(self.doc)[name.start : end], target.type,
            kind="nominal", sentence=described.sentence,
        )  # fmt: skip
        self._link(target, whole, f"{name.text} with its apposition")

    def _appositive_of(self, root: Token) -> tuple[Cluster | None, str]:
        """ "NPD Group, a market research firm": a description set beside a name."""
        if root.dep_ != "appos":
            return None, ""
        head = root.head
        for cluster in self.clusters:
            for m in cluster.names:
                if m.start <= head.idx < m.end:
                    return cluster, f"apposition to {m.text}"
        return None, ""

    def _antecedent_for_nominal(
        self, mention: Mention, root: Token, sentences: list[Span]
    ) -> tuple[Cluster | None, str]:
        noun = root.lemma_.lower()
        candidates = self._recent(
            mention, SETTINGS.nominal_window, lambda c: c.type == mention.type
        )
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
        if mention.type in ("ORG", "PRODUCT"):
            for cluster in candidates:
                if any(noun in k.split() for k in cluster.keys):
                    return cluster, f"the {noun} named {cluster.display_name()}"
            if mention.type == "ORG" and noun in COMPANY_NOUNS:
                companies = [
                    c
                    for c in candidates
                    if not any(w in _PUBLIC_BODY_NOUNS for k in c.keys for w in k.split())
                ]
                target = self._salient(companies, mention)
                if target is not None:
                    return target, f"the {noun}: the organisation named just before"
            if mention.type == "PRODUCT":
                target = self._salient(candidates, mention)
                if target is not None:
                    return target, f"the {noun}: the product named just before"
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
        quotes = [(q.start(), q.end()) for q in _QUOTE.finditer(text_of(self.doc))]
        first_person: list[tuple[Token, Mention]] = []
        for i in tokens_where(self.doc, LOWER, _PRONOUNS):
            token = self.doc[i]
            lower = token.lower_
            if token.pos_ != "PRON" and token.tag_ not in ("WDT", "WP", "WP$"):
                continue
            mention = Mention(
                token.idx,
                token.idx + len(token.text),
                token.text,
                "PERSON",
                kind="pronoun",
                sentence=_sentence_index(sentences, token),
            )
            if lower in _RELATIVE and token.tag_ in ("WDT", "WP", "WP$"):
                self._link_relative(token, mention)
            elif lower in _FIRST_PERSON:
                first_person.append((token, mention))
            elif lower in THING_PRONOUNS:
                self._link_thing_pronoun(token, mention)
            elif lower in PERSON_PRONOUNS:
                gender = "male" if lower in MALE else "female" if lower in FEMALE else None
                candidates = self._recent(
                    mention,
                    SETTINGS.pronoun_window,
                    lambda c, g=gender: c.type == "PERSON" and c.gender in (None, g),  # type: ignore[misc]
                )
                target = self._salient(candidates, mention)
                if target is not None:
                    target.gender = gender or target.gender
                    self._link(target, mention, "pronoun: nearest compatible person")
        for token, mention in first_person:
            speaker = self._speaker(token, quotes, sentences)
            if speaker is not None:
                self._link(speaker, mention, "first person in a quote: the speaker")

    def _link_relative(self, token: Token, mention: Mention) -> None:
        """ "the iPod, which ...": a relative pronoun refers to the noun its clause modifies."""
        clause = token.head
        for _ in range(2):  # "which" -> its verb, or "whose" -> noun -> verb
            if clause.dep_ == "relcl":
                break
            clause = clause.head
        if clause.dep_ != "relcl":
            return
        noun = clause.head
        for m in reversed(self._timeline):
            entity = m[2]
            if entity.start <= noun.idx < entity.end and entity.entity >= 0:
                cluster = self.clusters[entity.entity]
                mention.type = cluster.type
                self._link(cluster, mention, f"relative pronoun of {entity.text}")
                return

    def _link_thing_pronoun(self, token: Token, mention: Mention) -> None:
        """ "it", "its": the organisation or product the sentence (or the one before) is about."""
        if token.lower_ == "it" and _pleonastic(token):
            return
        types = ("ORG", "PRODUCT", "GPE") if token.lower_ == "its" else ("ORG", "PRODUCT")
        target = self._nearest_name(mention, types)
        if target is None or token.lower_ == "it":
            candidates = self._recent(mention, 1, lambda c: c.type in types)
            target = self._salient(candidates, mention) or target
        if target is not None:
            mention.type = target.type
            self._link(target, mention, f"pronoun: nearest {target.type.lower()} named before")

    def _speaker(
        self, token: Token, quotes: list[tuple[int, int]], sentences: list[Span]
    ) -> Cluster | None:
        """Whose words a quote is: the person who says them in the sentence that opens it (its
        subject, else the person named last before the quote), else in the sentence that
        closes it ("..., Jobs said")."""
        quote = next(((s, e) for s, e in quotes if s <= token.idx < e), None)
        if quote is None:
            return None
        opening = self.doc.char_span(quote[0], quote[1], alignment_mode="expand")
        if opening is None:
            return None
        first = _sentence_index(sentences, opening[0])
        last = _sentence_index(sentences, opening[-1])
        for index in dict.fromkeys((first, last)):
            sent = sentences[index]
            outside = [
                m
                for _, _, m in self._timeline
                if sent.start_char <= m.start < sent.end_char
                and not quote[0] <= m.start < quote[1]
                and self.clusters[m.entity].type == "PERSON"
            ]
            for m in outside:
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                    return self.clusters[m.entity]
            before = [m for m in outside if m.start < quote[0]]
            if before:
                return self.clusters[before[-1].entity]
        return None

    def _recent(
        self, mention: Mention, window: int, accept: Callable[[Cluster], bool]
    ) -> list[Cluster]:
        """Clusters mentioned shortly before `mention`, most recent first."""
        seen: list[Cluster] = []
        at = bisect.bisect_left(self._timeline, (mention.start, -1))
        for _, _, m in reversed(self._timeline[:at]):
            if m.sentence < mention.sentence - window:
                break
            cluster = self.clusters[m.entity]
            if cluster not in seen and accept(cluster):
                seen.append(cluster)
        return seen

    def _nearest_name(self, mention: Mention, types: tuple[str, ...]) -> Cluster | None:
        """The cluster of the closest name before `mention` in its sentence, of these types.

        Adjectives ("Russian") do not count: "its" refers to a named thing.
        """
        at = bisect.bisect_left(self._timeline, (mention.start, -1))
        for _, _, m in reversed(self._timeline[:at]):
            if m.sentence != mention.sentence:
                break
            cluster = self.clusters[m.entity]
            if m.kind == "name" and m.type != "NORP" and cluster.type in types:
                return cluster
        return None

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


_COMPASS = frozenset({"north", "south", "east", "west"})


def _is_country(key: str) -> bool:
    place = lookup(key)
    return place is not None and place.kind == "country"


def _nominal_type(noun: str) -> str | None:
    if noun in PERSON_ROLE_NOUNS:
        return "PERSON"
    if noun in ORG_NOUNS or noun in COMPANY_NOUNS:
        return "ORG"
    if noun in PRODUCT_NOUNS:
        return "PRODUCT"
    return None


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _pleonastic(token: Token) -> bool:
    """ "it is likely that ...", "it seems": an "it" that refers to nothing."""
    head = token.head
    if token.dep_ == "expl":
        return True
    if head.lemma_ in ("be", "seem", "appear", "take", "remain", "rain"):
        return any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > head.i for c in head.children)
    return False


def _product_key(text: str) -> str:
    return singular_key(text)


def _without_maker(key: str, makers: set[str]) -> str | None:
    """ "macintosh" of "apple macintosh" when Apple is an organisation of the text."""
    words = key.split()
    for n in range(1, len(words)):
        if " ".join(words[:n]) in makers:
            return " ".join(words[n:])
    return None
