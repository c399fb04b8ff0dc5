"""Attribution cues (``stance/data/cues.yaml``) as one regex, searched only where it can match.

The regex holds some 500 cue words (as a character trie), so trying it at every word
costs a microsecond or so a word.  A cue starts with an ASCII letter, and the letters it starts with
are a whole word of the text wherever it matches; `CueMatcher.finditer` tries the regex
only at words that begin some cue, and gives the matches ``regex.finditer`` (and
``regex.search``) would.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .mentions import fold_literal, trie_pattern

_LEAD = re.compile(r"[A-Za-z]+")
_WORD_START = re.compile(r"(?<![\w-])[A-Za-z]+")
# the only non-ASCII characters that re.IGNORECASE matches to an ASCII letter
_EXOTIC = re.compile("[İıſ\u212a]")


@dataclass(frozen=True)
class CueMatcher:
    """The cue regex (groups ``speech`` and ``action``) and the words that start a cue."""

    regex: re.Pattern
    leads: frozenset | None  # lower-cased; None when some cue starts otherwise

    @classmethod
    def from_cues(cls, cues: dict) -> "CueMatcher":
        """Compile ``{"speech": words, "action": words}``; speech wins a tie, then the longer word."""
        parts, leads = [], set()
        for kind in ("speech", "action"):
            words = sorted(cues.get(kind, ()), key=len, reverse=True)
            alt = _alternation(words)
            parts.append(f"(?P<{kind}>{alt})" if alt else f"(?P<{kind}>(?!x)x)")
            leads.update(_lead(w) for w in words)
        regex = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(parts), re.IGNORECASE)
        return cls(regex, None if None in leads else frozenset(leads))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list:
        """The matches of ``regex.finditer(text, pos, endpos)``, as a list."""
        return list(self._matches(text, pos, endpos))

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        """The first match of ``regex`` in ``text[pos:endpos]``, or None (``regex.search``)."""
        return next(self._matches(text, pos, endpos), None)

    def _matches(self, text, pos, endpos):
        endpos = len(text) if endpos is None else endpos
        if self.leads is None or _EXOTIC.search(text, pos, endpos):
            yield from self.regex.finditer(text, pos, endpos)
            return
        last = pos
        for w in _WORD_START.finditer(text, pos, endpos):
            if w.start() >= last and w.group().lower() in self.leads:
                m = self.regex.match(text, w.start(), endpos)
                if m:
                    yield m
                    last = m.end()


def _alternation(words: list) -> str:
    """`words` (longest first) as one case-insensitive pattern: a space matches any white
    space, a straight apostrophe a curly one too.

    Tried at a position, an alternation of some 500 words tests them one after another;
    a character trie of the lower-cased words tests a character once.  The two match
    alike: with printable ASCII words no two branches of the trie match one character,
    so the words that fit at a position are each other's prefixes, and the trie, like
    the alternation, tries the longest first.
    """
    if all(w.isascii() and w.isprintable() for w in words):  # no white space but " "
        return trie_pattern({w.lower() for w in words}, _word_char)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words)


def _word_char(ch: str) -> str:
    return r"\s+" if ch == " " else fold_literal(ch)


def cue_word(match) -> str:
    """A cue match as its lower-cased words, single-spaced ("According  to" -> "according to")."""
    return _phrase(match.group())


def cue_words(phrases) -> frozenset:
    """Cue phrases from a cue list, as `cue_word` gives their matches."""
    return frozenset(map(_phrase, phrases))


def _phrase(text: str) -> str:
    return " ".join(text.lower().split())


def _lead(word: str) -> str | None:
    """The ASCII letters `word` starts with, lower-cased (None if it starts otherwise)."""
    m = _LEAD.match(word)
    return m.group().lower() if m else None
