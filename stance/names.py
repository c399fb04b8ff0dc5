"""Per-document memory of people and titles (statements.py uses it).

- `learn_names`: a name introduced with a title and an actor ("Peshmerga commander Kemal
  Kirkuki", "Bekir Bozdag, Turkey's deputy prime minister,", "Major X of the Iraqi army's
  general command said") holds for that actor in the whole document, and so does its surname.
- `remember_titles`: which actor each title head ("prime minister", "foreign ministry",
  "court") was last seen with, so that "the prime minister said" can be resolved.
"""
from __future__ import annotations

import re

from .mentions import ActorDictionary

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"  # capitals, with Latin-1 and Latin Extended-A ones ("Çavuşoğlu", "İbrahim")
NAME = re.compile(r"(?:al-)?[%s][\w’'-]+(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[%s][\w’'-]+){1,3}"
                  % (_UP, _UP))
STOP_NAMES = frozenset("""The A An In At On As But And We I It He She They This That These Those
If When While After Before Since Our His Her Their Its Yet So For Meanwhile However Still Also
Earlier Later Then Now Speaking Asked According There Here Whether Although Though Unless
Because Once Until Despite With Without Even Under By From To Of Over Amid During Following
Neither Nor Both Either Not Only Instead Unlike Among Against Within Through Across Toward
Towards Given Last Next Should Would Could Did Does Do Is Was Were Are Has Had Have Many Some
Most Few Several All Any Each Every No Other Such What Which Who Why How Where""".split())
_WORD = re.compile(r"[\w’'-]+")
_INSTITUTION = frozenset("""Ministry Government Council Parliament Department Command Forces Army
Court Office Presidency Region Republic States House Assembly Organization Organisation Guard
Guards Corps Party Union Committee Agency Security Kurdistan Regional Federal Supreme National
Joint Operations Mobilization Coalition Embassy Airways Staff Units Police Service""".split())
_OFFICE_WORDS = frozenset("""minister ministry premier president adviser advisor mobilisation
mobilization affairs relations""".split())
# "Iran's border guard commander Qasem Rezaei", also with a comma before the name
_TITLED_NAME = re.compile(r"(?:['’]s)?\s+((?:[\w.-]+\s+){0,5}?[\w.-]+),?\s+(" + NAME.pattern + r")")
_OF_BODY = re.compile(r"\s+of\s+(?:the\s+)?")
_CAPITALS = frozenset("Baghdad Erbil Arbil Irbil Hawler Ankara Tehran Washington".split())
_APPOSITION = re.compile(r",\s+(?P<who>who\s+(?:runs|heads|leads|directs|chairs|is|serves\s+as)\s+)?"
                         r"(?:the\s+|a\s+|an\s+)?((?:[\w.’'-]+\s+){0,7}?)[\w’'-]+[,.]")


_PLACE_AFTER = re.compile(r"\s+(?:at|in)\s+(?:the\s+)?[%s][\w’'-]*(?:\s+[\w’'-]+){0,2}?"
                          r"(?:\s+(?:post|crossing|border|office|camp|base|province|district))?[,.]$" % _UP)


def learn_names(texts, actors: ActorDictionary, title_words, *,
                found=None) -> ActorDictionary | None:
    """Names introduced with a title and an actor, as a per-document dictionary (or None).

    `found`, if given, holds ``actors.find(text)`` for each of `texts` (not searched again).
    """
    learned, others = {}, {}  # name -> actor; name -> "other"
    texts = list(texts)
    for text, in_text in zip(texts, found if found is not None else map(actors.find, texts)):
        for m in (m for m in in_text if m.kind == "other"):
            # a listed person of no actor ("Kirkuk Governor Najmaldin Karim") is "Karim"
            # later, and stays no actor's ("Karim, a member of the PUK politburo, told …")
            if person_like(m.surface):
                last = m.surface.split()[-1]
                if len(last) > 3 and last not in STOP_NAMES and last.lower() not in title_words \
                        and actors.whole(last) is None:
                    others.setdefault(last, "other")
            # … and so is a person titled by a body of no actor ("Komal's spokesperson Rebwar
            # Hamad": "Hamad said" later is his, not the last holder's; not "Sistani and the
            # Iraqi Prime Minister")
            tm = _TITLED_NAME.match(text[m.end:m.end + 120])
            if tm and _all_title_words(tm.group(1), title_words) and person_like(tm.group(2)) \
                    and not set(tm.group(1).lower().split()) <= {"and", "the", "of", "for", "to"}:
                _register(others, tm.group(2), "other", actors)
        mentions = [m for m in in_text if m.kind == "actor"]
        for m in mentions:
            # a dictionary person ("Kosrat Rasul") is "Rasul" later in the document
            if person_like(m.surface):
                last = m.surface.split()[-1]
                if last.startswith("al-"):  # "Haider al-Abadi": "Abadi", "Al-Abadi said"
                    learned.setdefault("Al-" + last[3:], m.actor)
                    last = last[3:]
                # not the title of a description that looks like a name: "Kurdish Prime
                # Minister" names no "Minister"
                if len(last) > 3 and last not in learned and last not in STOP_NAMES \
                        and last.lower() not in title_words and actors.whole(last) is None:
                    learned[last] = m.actor
        for m in mentions:
            # "<actor>('s) <title words> <Name>"
            rest = text[m.end:m.end + 120]
            tm = _TITLED_NAME.match(rest)
            if tm and _all_title_words(tm.group(1), title_words):
                _register(learned, tm.group(2), m.actor, actors)
        for nm in NAME.finditer(text):
            # "<Name>, (a|the) <title words> <actor>('s) <title words>,"
            tokens = nm.group().split()
            while tokens and tokens[0] in STOP_NAMES:
                tokens = tokens[1:]
            if len(tokens) < 2:
                continue
            of = _OF_BODY.match(text, nm.end())
            body = next((m for m in mentions if of and m.start == of.end()), None)
            if body is not None and body.surface not in _CAPITALS \
                    and _BODY_SPEAKS.match(text, body.end):
                # "Major Marwan al-Kaabi of the Iraqi army's general command said": "Kaabi
                # said" later is Iraq's (not "X of Baghdad", a place, nor "elected Barham
                # Salih of the PUK as the country's president", who is not speaking for it)
                _register(learned, " ".join(tokens), body.actor, actors)
                continue
            after = text[nm.end():nm.end() + 90]
            am = _APPOSITION.match(after)
            if not am:
                continue
            # "Vahal Ali, who runs President Masoud Barzani's media office," too
            span_lo, span_hi = nm.end() + (am.end("who") if am.group("who") else 0), nm.end() + am.end()
            inner = [m for m in mentions if span_lo < m.start < span_hi]
            # one actor, or the owner of the title when more are named ("Iraq's deputy
            # ambassador to Turkey")
            if len(inner) > 1 and text[inner[0].end:inner[0].end + 2] in ("'s", "’s"):
                inner = inner[:1] if inner[0].kind == "actor" else []
            if len(inner) != 1 and not (inner and all(m.actor == inner[0].actor for m in inner)):
                continue
            # "…, the Kurdistan region's customs chief at the Bashmakh post,": a place after the
            # title is no part of it
            rest = _PLACE_AFTER.sub("", text[span_lo:span_hi])
            for m in mentions:
                if span_lo < m.start < span_hi:
                    rest = rest.replace(m.surface, " ")
            words = _WORD.findall(rest)
            words = [w for w in words if w.lower() not in ("s", "’s", "'s", "a", "an")]
            if words and all(w.lower().rstrip("’'s") in title_words or w.lower() in title_words
                             for w in words):
                _register(learned, " ".join(tokens), inner[0].actor, actors)
    _named_after_description(texts, found, actors, learned)
    others = sorted(set(others) - set(learned))
    if not learned and not others:
        return None
    return ActorDictionary.from_mapping({"actors": _invert(learned), "other": others})


# a person described without a name: "a media adviser to President Masoud Barzani", "a senior
# Iraqi official", "Turkey's deputy ambassador" …
_DESCRIBED = re.compile(r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he)\s+(?:[\w’'.-]+\s+){0,4}?(?:adviser|advisor|aide|"
                        r"spokes(?:man|woman|person)|official|minister|commander|lawmaker|MP|"
                        r"ambassador|envoy|diplomat|general|officer|source|member|deputy)s?\b")
# … and the name the next sentence gives a speaker: "Kifah Mahmoud told …", '"…," said Kifah Mahmoud'
_SPEAKS = (r"(?:told|said|says|added|stated|explained|insisted|argued|warned|stressed|questioned|"
           r"accused|rejected|dismissed|described|condemned|denounced|declared|vowed|pledged)")
_NAME_SPEAKS = re.compile(r"(" + NAME.pattern + r")\s+" + _SPEAKS + r"\b|\b" + _SPEAKS
                          + r"\s+(" + NAME.pattern + r")")


# the rest of a speaker's body before his verb: "'s general command said", " told"
_BODY_SPEAKS = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,4}?\s+" + _SPEAKS + r"\b")


def _named_after_description(texts, found, actors, learned) -> None:
    """A speaker named for the first time right after a sentence that described a person of
    one actor without a name ("…, a media adviser to President Masoud Barzani said." then
    '"…," Kifah Mahmoud told …') is that person: the name (and surname) holds for the actor."""
    for i in range(1, len(texts)):
        for nm in _NAME_SPEAKS.finditer(texts[i]):
            name = nm.group(1) or nm.group(2)
            tokens = name.split()
            if tokens[0] in STOP_NAMES or not person_like(name) or name in learned \
                    or actors.find(name):
                continue
            prev = texts[i - 1]
            mentions = found[i - 1] if found is not None else actors.find(prev)
            sides = set()
            for d in _DESCRIBED.finditer(prev):
                if NAME.match(prev, d.end() + 1) or (prev.startswith(", ", d.end())
                                                      and NAME.match(prev, d.end() + 2)):
                    continue  # the description names its person: learnt above, if at all
                # the actor the description belongs to, within it or right after ("to X")
                near = [m for m in mentions if d.start() <= m.start < d.end() + 40
                        and m.kind == "actor"]
                sides |= {near[0].actor} if near else set()
            if len(sides) == 1:
                _register(learned, name, sides.pop(), actors)


def person_like(surface: str) -> bool:
    """A capitalised name of two to four words ("Bekir Bozdag"), not an institution."""
    tokens = surface.split()
    return 2 <= len(tokens) <= 4 and bool(NAME.fullmatch(surface)) \
        and not _INSTITUTION.intersection(tokens) and tokens[0] not in STOP_NAMES


def _all_title_words(chunk, title_words) -> bool:
    words = [w.lower().rstrip(".") for w in chunk.split()]
    return bool(words) and all(w in title_words or w + "." in title_words for w in words)


def _register(learned, name, actor, actors):
    tokens = name.split()
    if tokens[0] in STOP_NAMES:
        return
    if actors.whole(name) is not None:
        return
    learned.setdefault(name, actor)
    last = tokens[-1]
    # a surname stands for its person later; an office's last word ("Prime Minister",
    # "Popular Mobilisation") for no one
    if len(tokens) > 1 and last not in STOP_NAMES and len(last) > 3 \
            and last.lower() not in _OFFICE_WORDS:
        learned.setdefault(last, actor)
        if last.startswith("al-"):  # "Al-Alawi said" at the start of a sentence
            learned.setdefault(last[3:], actor)
            learned.setdefault("Al-" + last[3:], actor)


def _invert(learned):
    out = {}
    for name, actor in learned.items():
        out.setdefault(actor, []).append(name)
    return out


_SAME_TITLE = {"prime minister": "premier", "premier": "prime minister"}


# the surface of an outlet ("Turkish media", "Iraqi state television"): no place, no title owner
MEDIA_SURFACE = re.compile(r"\b(?:media|newspapers?|press|television|TV|agency|agencies|outlets?|"
                           r"dailies|daily|channels?|stations?|broadcasters?|news sites?)$", re.IGNORECASE)


def remember_titles(text, mentions, head_res, titles: dict, owners: dict | None = None) -> None:
    """Note in `titles` which actor each title head ("prime minister") was last seen with
    (and in `owners`, if given, every actor seen with it)."""
    for m in mentions:
        if m.kind not in ("actor", "other") or MEDIA_SURFACE.search(m.surface):
            continue  # "Iraq's top Shiite cleric" makes "the cleric" other, not the last holder
        surface = m.surface.lower()
        tail = text[m.end:m.end + 40].lower()
        tail = tail[2:] if tail[:2] in ("'s", "’s") else tail
        # a title right before a person's name: "Brigadier General Qasem Rezaei" -> "the general"
        lead = text[max(0, m.start - 30):m.start].lower() if person_like(m.surface) else ""
        for head, inside, after in head_res:
            # the substring tests are necessary for the regexes and much cheaper
            if (head in surface and inside.search(surface)) or (head in tail and after.match(tail)) \
                    or (lead and lead.endswith((head + " ", head + ". "))):
                titles[head] = m.actor
                if owners is not None:
                    owners.setdefault(head, set()).add(m.actor)
                if head in _SAME_TITLE:  # "Prime Minister X" … "the premier"
                    titles[_SAME_TITLE[head]] = m.actor
