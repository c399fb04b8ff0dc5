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


def _alias_pattern(alias: str) -> str:
    return re.sub(r"['’]", "['’]", re.escape(alias))


@dataclass(frozen=True)
class ActorDictionary:
    """Actor ids and their aliases, compiled for longest-first matching."""

    ids: tuple
    aliases: tuple  # (alias, actor, kind) sorted longest first
    pattern: re.Pattern
    generic_pattern: re.Pattern

    @classmethod
    def from_mapping(cls, data: dict) -> "ActorDictionary":
        entries = {}
        for actor, names in data["actors"].items():
            for name in names or ():
                entries[str(name)] = (str(actor), "actor")
        for name in data.get("other") or ():
            entries.setdefault(str(name), ("other", "other"))
        for name in data.get("not_actors") or ():
            entries[str(name)] = (None, "none")
        aliases = tuple(sorted(((a, *v) for a, v in entries.items()),
                               key=lambda x: (-len(x[0]), x[0])))
        pattern = re.compile(r"(?<![\w.-])(?:%s)(?![\w-])" % "|".join(
            f"(?P<a{i}>{_alias_pattern(a)})" for i, (a, _, _) in enumerate(aliases)))
        generic = [(str(g), "generic") for g in data.get("generic") or ()]
        generic += [(str(g), "plural") for g in data.get("plural_generic") or ()]
        generic.sort(key=lambda x: -len(x[0]))
        gpat = re.compile(r"(?i)(?<![\w-])(?:%s)(?![\w-])" % "|".join(
            f"(?P<{k[0]}{i}>{_alias_pattern(g)})" for i, (g, k) in enumerate(generic)) if generic
            else r"(?!x)x")
        return cls(tuple(str(a) for a in data["actors"]), aliases, pattern, gpat)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """All non-overlapping mentions in ``text[start:end]``, leftmost-longest."""
        end = len(text) if end is None else end
        out = []
        for m in self.pattern.finditer(text, start, end):
            alias, actor, kind = self.aliases[int(m.lastgroup[1:])]
            out.append(Mention(m.start(), m.end(), actor, m.group(), kind))
        return out

    def find_generic(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Referring expressions ("the ministry", "he", "both sides") in ``text[start:end]``."""
        end = len(text) if end is None else end
        return [Mention(m.start(), m.end(), None, m.group(),
                        "generic" if m.lastgroup[0] == "g" else "plural")
                for m in self.generic_pattern.finditer(text, start, end)]
