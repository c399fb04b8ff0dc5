"""Find actor mentions in text with a longest-match alias dictionary.

A `Mention` is a span of text that names an actor (``US``, ``Iraq`` …), a named
non-actor (``other``), a phrase that is not an actor at all (``None``: "Kurdish
voters", "northern Iraq"), or a referring expression to resolve (``generic`` /
``plural``) such as "the ministry" or "both sides".
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str | None
    surface: str
    kind: str  # "actor", "other", "none", "generic", "plural"


def _fold(phrase: str) -> str:
    return phrase.lower().replace("’", "'")


def fold_literal(ch: str) -> str:
    """A folded phrase's character as a pattern: a straight apostrophe matches a curly one."""
    return "['’]" if ch == "'" else re.escape(ch)


def trie_pattern(phrases, char=fold_literal) -> str:
    """One regex for many literal phrases (folded: lower case, straight apostrophe), built as
    a character trie: ``(?i)`` alternations of a hundred phrases are slow when tried at
    every position, a trie is not.  Greedy optional tails keep the longest match first.
    `char` gives each character's pattern."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        alts = [char(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:%s)" % "|".join(alts)
        if "" in node:
            return "(?:%s)?" % body
        return body
    return build(trie)


_ALIASES = r"(?<![\w.-])(?:%s)(?![\w-])"  # regex aliases: whole words
_TOKEN = re.compile(r"\w+|[^\w\s]")
_BEFORE_OK = re.compile(r"[\w.-]")
_AFTER_OK = re.compile(r"[\w-]")
_LED = re.compile(r"-led\b")


def _norm(token: str) -> str:
    return "'" if token == "’" else token


def _alias_tokens(alias: str) -> tuple:
    """An alias as ((token, preceded_by_space), ...) for token-wise matching."""
    out, prev_end = [], None
    for m in _TOKEN.finditer(alias):
        out.append((_norm(m.group()), prev_end is not None and m.start() > prev_end))
        prev_end = m.end()
    return tuple(out)


def _tokens_match(toks, i, ctoks) -> bool:
    """Whether the tokens from `i` on are spaced as the alias tokens `ctoks` are (their words
    were compared before)."""
    return all((toks[i + j].start() > toks[i + j - 1].end()) == ctoks[j][1]
               for j in range(1, len(ctoks)))


@dataclass(frozen=True)
class ActorDictionary:
    """Actor ids and their aliases, indexed for fast longest-first matching.

    Literal aliases are matched token by token through an index on their first token
    (a hash lookup per word, not a regex with hundreds of alternatives); the few regex
    aliases (``patterns:``) run as one regex.  Matches are leftmost-longest and
    non-overlapping; a regex alias wins a tie with a literal one.
    """

    ids: tuple
    index: dict        # first token -> [(tokens, alias, actor, kind, later words lower-cased)], longest first
    regex: object      # compiled regex aliases or None
    regex_entries: tuple  # (each regex alias compiled alone, actor)
    generic_pattern: re.Pattern
    generic_kinds: dict  # folded phrase -> "generic" | "plural"
    shared: dict = None  # alias -> candidate actors, the first the default (`resolve_shared`)
    media: frozenset = frozenset()  # news outlets' names (holders `other`)

    @classmethod
    def from_mapping(cls, data: dict) -> "ActorDictionary":
        entries = {}
        for actor, names in data["actors"].items():
            for name in names or ():
                entries[str(name)] = (str(actor), "actor")
        media = frozenset(str(name) for name in data.get("media") or ())
        for name in [*(data.get("other") or ()), *sorted(media)]:
            entries.setdefault(str(name), ("other", "other"))
        for name in data.get("not_actors") or ():
            entries[str(name)] = (None, "none")
        shared = {}
        for name, cands in (data.get("shared") or {}).items():
            cands = tuple(str(a) for a in cands)
            entries[str(name)] = (cands[0], "actor")
            shared[str(name)] = cands
        for alias in list(entries):  # "federal forces" also opens a sentence: "Federal forces"
            if alias[:1].islower():
                entries.setdefault(alias[0].upper() + alias[1:], entries[alias])
        index = {}
        for alias, (actor, kind) in entries.items():
            toks = _alias_tokens(alias)
            if toks:
                # words after the first in any case: "Popular Mobilization units", "the
                # Kurdistan Regional government" (the first word stays as written)
                index.setdefault(toks[0][0], []).append((toks, alias, actor, kind,
                                                         [t.lower() for t, _ in toks[1:]]))
        for cands in index.values():
            cands.sort(key=lambda c: (-len(c[0]), -len(c[1])))
        patterns = [(str(rx), str(actor))
                    for actor, rxs in (data.get("patterns") or {}).items() for rx in rxs or ()]
        # one alternation finds the matches, tried at every word; a group per pattern would
        # slow it down, so the pattern that matched is the first whose own regex matches there
        regex = re.compile(_ALIASES % "|".join(f"(?:{rx})" for rx, _ in patterns)) \
            if patterns else None
        regex_entries = tuple((re.compile(_ALIASES % f"(?:{rx})"), actor) for rx, actor in patterns)
        kinds = {_fold(str(g)): "generic" for g in data.get("generic") or ()}
        kinds.update({_fold(str(g)): "plural" for g in data.get("plural_generic") or ()})
        gpat = re.compile(r"(?i)(?<![\w-])%s(?![\w-])" % trie_pattern(kinds) if kinds
                          else r"(?!x)x")
        return cls(tuple(str(a) for a in data["actors"]), index, regex, regex_entries, gpat,
                   kinds, {_fold(k): v for k, v in shared.items()}, media)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """All non-overlapping mentions in ``text[start:end]``, leftmost-longest."""
        end = len(text) if end is None else end
        found = []
        if self.regex is not None:
            for m in self.regex.finditer(text, start, end):
                actor = next(a for rx, a in self.regex_entries if rx.match(text, m.start(), end))
                found.append(Mention(m.start(), m.end(), actor, m.group(), "actor"))
        # "’" is a one-character token, so replacing it keeps the tokens' spans
        norms = _TOKEN.findall(text.replace("’", "'"), start, end)
        index, after = self.index, -1
        firsts = [k for k, t in enumerate(norms) if t in index]
        toks = list(_TOKEN.finditer(text, start, end)) if firsts else []
        lower = [t.lower() for t in norms] if firsts else []
        for i in firsts:
            if i < after:
                continue  # inside the previous match
            at = toks[i].start()
            if at > 0 and _BEFORE_OK.match(text, at - 1):
                continue
            for ctoks, _, actor, kind, rest in index[norms[i]]:
                n = len(ctoks)
                if n > 1 and (lower[i + 1:i + n] != rest or not _tokens_match(toks, i, ctoks)):
                    continue
                e = toks[i + n - 1].end()
                led = None
                if e < len(text) and _AFTER_OK.match(text, e):
                    led = _LED.match(text, e) if kind == "actor" else None
                    if not led:
                        continue
                    e = led.end()  # "a Federal Police-led column": the actor leads it
                found.append(Mention(at, e, actor, text[at:e], kind))
                after = i + n + (2 if led else 0)  # "-" and "led" are tokens too
                break
        if self.regex is None:
            return found
        found.sort(key=lambda m: (m.start, -(m.end - m.start), m.kind != "actor"))
        out, last = [], -1
        for m in found:
            if m.start >= last:
                out.append(m)
                last = m.end
        return out

    def whole(self, text: str) -> Mention | None:
        """The mention when all of `text` is one alias ("Islamic State", "Jim Mattis"), else None."""
        found = self.find(text)
        return found[0] if found and found[0].start == 0 and found[0].end == len(text) else None

    def find_generic(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Referring expressions ("the ministry", "he", "both sides") in ``text[start:end]``."""
        end = len(text) if end is None else end
        return [Mention(m.start(), m.end(), None, m.group(), self.generic_kinds[_fold(m.group())])
                for m in self.generic_pattern.finditer(text, start, end)]


def resolve_shared(found: list, shared: dict | None) -> list:
    """Each sentence's mentions (`found`, a list per sentence of one document) with the
    aliases several actors share ("National Security Council": Turkey's, Iraq's or the White
    House's) given to one of their candidates: the candidate named nearest in the same
    sentence ("Turkey's National Security Council", "… chaired by Haider al-Abadi"), else
    the one the document named last before it, else the first it names after, else the
    first listed."""
    if not shared or not any(_fold(m.surface) in shared for ms in found for m in ms):
        return found
    named = [[m for m in ms if m.kind == "actor" and _fold(m.surface) not in shared]
             for ms in found]
    out = []
    for i, ms in enumerate(found):
        resolved = []
        for m in ms:
            cands = shared.get(_fold(m.surface)) if m.kind == "actor" else None
            if cands:
                here = [x for x in named[i] if x.actor in cands]
                before = (x for ms_ in reversed(named[:i]) for x in reversed(ms_) if x.actor in cands)
                after = (x for ms_ in named[i + 1:] for x in ms_ if x.actor in cands)
                pick = (min(here, key=lambda x: min(abs(x.end - m.start), abs(m.end - x.start)))
                        if here else next(before, None) or next(after, None))
                if pick is not None and pick.actor != m.actor:
                    m = Mention(m.start, m.end, pick.actor, m.surface, m.kind)
            resolved.append(m)
        out.append(resolved)
    return out
