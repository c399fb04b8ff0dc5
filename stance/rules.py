"""The lexicon scorer: auditable cue rules per target (CODEBOOK.md §4).

Each lexicon row is a regex with a role:
- ``favor`` / ``against``: a cue that carries that stance with its magnitude;
- ``topic``: what the stance is about ("use of force", "the referendum"); no stance alone;
- ``flip``: "reject", "warn against", "avoid" — the next cue or topic within a few words
  becomes ``against`` with the flip's magnitude;
- ``endorse``: "welcome", "back" — the next cue keeps its sign, a topic becomes ``favor``;
- ``hedge``: "could", "if" — lowers the magnitude of the cues after it by one step;
- ``block``: "PKK", "ISIS" — force cues near it are outside the dispute.
A negation ("not", "never", "won't") just before a cue reverses it, unless the cue's scope
is ``outcome`` (a feared outcome: "will not allow the partition of Iraq" stays against).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from re import _constants as _sre, _parser as _sre_parse

import pandas as pd

from .mentions import trie_pattern
from .resources import TARGETS

# what a rejection can turn down: "rejected every call to …" negates the demanded step
_DEMANDS = r"calls?|demands?|requests?|pressure"
# "will not hesitate to use force" is no negation; "won't" has no word boundary before "n't"
_NEGATION = re.compile(r"(?:\b(?:not|never)|(?<=\w)n['’]t)(?!\s+hesitat)\b|"
                       r"\b(?:no|nobody|no one|without(?! (?:a |any )?(?:doubt|question|hesitation|delay)\b)|"
                       r"neither|nor|refus\w* to|declin\w* to|"
                       r"reject\w* (?:any |all |every )?(?:" + _DEMANDS + r") to)\b",
                       re.IGNORECASE)
_WORDS = re.compile(r"\S+")
_STEPS = (1.0, 0.5, 0.25)
_FRAME_WINDOW = 12     # words between a flip/endorse and the cue it governs
_NEW_PREDICATE = re.compile(r"\b(?:and|then|but)\s+(?:\w+ly\s+)?(?:[a-z]{2,}ed|sent|took|began|held|made)\b")
_NEGATION_WINDOW = 3
_ADVERBIAL = re.compile(r"(?:by|through|with|using)\s+(?:military\s+|armed\s+)?(?:force|arms|weapons)\b|"
                        r"militarily\b|by\s+military\s+means\b", re.IGNORECASE)
_ADVERBIAL_WINDOW = 9
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|and|which|who|while|whereas)\b")
_HEDGE_WINDOW = 6
_BLOCK_WINDOW = 8
_PRONOUN = re.compile(r"\b(?:it|its|this|the move|the step|the decision|the ballot)\b", re.I)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    label: str
    magnitude: float
    scope: str
    text: str


@dataclass(frozen=True)
class Verdict:
    label: str
    score: float
    confidence: float
    evidence: str


class LexiconScorer:
    """Score texts per target with a cue lexicon (frame from ``load_lexicon``)."""

    method = "lexicon"

    def __init__(self, lexicon: pd.DataFrame):
        self._lexicon = lexicon
        self._rules = {}
        for target in lexicon["target"].unique():
            rows = lexicon[lexicon["target"] == target]
            self._rules[target] = [
                (re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % _apostrophes(r.pattern.strip()),
                            re.IGNORECASE),
                 r.label, float(r.magnitude), r.scope) for r in rows.itertuples()]
        # per rule, literals one of which every match contains (None: no such set)
        self._needs = {t: [_required_literals(rx.pattern) for rx, *_ in rules]
                       for t, rules in self._rules.items()}
        self._users = {}  # target -> {literal: indices of the rules needing it}, None: all
        for t, needs in self._needs.items():
            users = self._users[t] = {None: [k for k, n in enumerate(needs) if n is None]}
            for k, n in enumerate(needs):
                for s in n or ():
                    users.setdefault(s, []).append(k)
        literals = {s for needs in self._needs.values() for n in needs if n for s in n}
        # at each position, the longest literal that starts there (a trie tries it first) …
        self._literals = re.compile("(?=(%s))" % trie_pattern(sorted(literals), re.escape)) \
            if literals else None
        # … and the others that start there, its prefixes
        self._prefixes = {s: frozenset(s[:i] for i in range(1, len(s) + 1) if s[:i] in literals)
                          for s in literals}
        self.targets = tuple(t for t in TARGETS if t in self._rules) + tuple(
            t for t in self._rules if t not in TARGETS)

    @cached_property
    def calibration(self) -> dict:
        """Maps from the rule-of-thumb confidence to the measured chance of a right label,
        packaged for the packaged lexicon only (`calibrate`); read when the lexicon scores."""
        from .calibrate import lexicon_fingerprint, lexicon_maps
        return lexicon_maps(lexicon_fingerprint(self._lexicon))

    def cues(self, text: str, target: str) -> list[Cue]:
        """All non-overlapping cue matches for `target`, leftmost-longest."""
        return self._cues(text, target, self._present(text))[0]

    def _present(self, text: str) -> frozenset:
        """The rules' required literals that occur in `text`."""
        if self._literals is None:
            return frozenset()
        longest = set(self._literals.findall(_folded(text)))
        return frozenset().union(*map(self._prefixes.__getitem__, longest))

    def _cues(self, text: str, target: str, present: frozenset):
        """(cues, whether any topic rule matched), running only the rules `text` can match."""
        found, any_topic = [], False
        rules, users = self._rules.get(target, ()), self._users.get(target, {})
        # a rule needing literals the text lacks cannot match: run the others, in order
        runs = set(users.get(None, ()))
        for s in present:
            runs.update(users.get(s, ()))
        for rx, label, mag, scope in (rules[k] for k in sorted(runs)):
            for m in rx.finditer(text):
                any_topic = any_topic or label == "topic"
                if m.end() > m.start():
                    found.append(Cue(m.start(), m.end(), label, mag, scope, m.group().strip()))
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        # stance cues may overlap (each is evidence); a topic or frame inside a longer
        # match of another role is dropped ("use of force" inside "reject … use of force"),
        # and so is a stance cue inside a longer one of the other side ("cancel" inside
        # "rejected the demand to cancel")
        kept = []
        for c in found:
            if any(k.start <= c.start and c.end <= k.end and (k.start, k.end) != (c.start, c.end)
                   and (c.label in ("topic", "flip", "endorse", "hedge")
                        or {c.label, k.label} == {"favor", "against"}
                        # "should not be going at each other" holds its own negation
                        or (c.label == k.label and _NEGATION.search(text, k.start, c.start)))
                   for k in kept):
                continue
            same = next((j for j, k in enumerate(kept)
                         if (k.start, k.end, k.label) == (c.start, c.end, c.label)), None)
            if same is None:
                kept.append(c)
            elif kept[same].scope == "topic" and c.scope != "topic" and not any_topic:
                # the same words in a rule that needs no topic: "ready to defend" is a cue
                # alone, though the broader "ready …" rule needs a topic word (a topic rule
                # that cannot count still hides the cues inside it, so it is not dropped
                # before this loop)
                kept[same] = c
        return kept, any_topic

    def score(self, text: str, target: str) -> Verdict:
        """Label, signed score, confidence and evidence for one text and target."""
        text = _unquoted(text)
        return _verdict(self._signals(text, target, self._present(text))[0])

    def features(self, text: str) -> list[float]:
        """Numeric lexicon features of `text` for a learned model (``feature_names`` order)."""
        return self.analyse(text)[1]

    def analyse(self, text: str) -> tuple[dict, list[float]]:
        """Verdicts per target and the feature vector, from one pass over the cues."""
        text = _unquoted(text)
        verdicts, out, present = {}, [], self._present(text)
        for target in self.targets:
            signals, has_topic = self._signals(text, target, present)
            v = verdicts[target] = _verdict(signals)
            fav = [m for sg, m, _ in signals if sg > 0]
            ag = [m for sg, m, _ in signals if sg < 0]
            out += [v.score, max(fav, default=0.0), max(ag, default=0.0), float(len(fav)),
                    float(len(ag)), float(has_topic)]
        return verdicts, out

    def feature_names(self) -> list[str]:
        return [f"{t}_{n}" for t in self.targets
                for n in ("score", "max_favor", "max_against", "n_favor", "n_against", "topic")]

    def _signals(self, text: str, target: str, present: frozenset):
        # a topic rule's first match (even an empty one) is what rx.search would find
        cues, has_topic = self._cues(text, target, present)
        signals = []
        for i, c in enumerate(cues):
            if c.label not in ("favor", "against", "topic"):
                continue
            if c.scope == "topic" and not has_topic and not (
                    target == "referendum" and _PRONOUN.search(text[max(0, c.start - 40):c.start])):
                continue
            # (an "against" cue that names ISIS itself, "stay focused on defeating ISIS", is
            # not blocked; "drive Islamic State out of" is force against ISIS, and is)
            if any(b.label == "block" and _words_between(text, b, c) <= _BLOCK_WINDOW
                   and not (c.label == "against" and c.start <= b.start and b.end <= c.end)
                   for b in cues):
                continue
            sig = _signal(text, cues, i, c, target)
            if sig:
                signals.append(sig)
        return signals, has_topic


# cues that put off or undo the target ("postponement", "cancel", "freeze"): a flip of one
# backs the target
_STEP_BACK = re.compile(r"(?i)(?:postpon|delay|defer|suspen|put off|push\w* back|cancel|annul|"
                        r"freez|froze|halt|call\w* off|scrap|shelv)")


def _frame(text, cues, i):
    """The flip or endorse cue governing `cues[i]`, or None.  A stance cue right before takes
    the frame ("reject … drills"), unless that cue is itself under a flip: "denied it had sent
    troops to take control" denies the taking of control too."""
    c = cues[i]
    for j in range(i - 1, -1, -1):
        prev = cues[j]
        if prev.label in ("flip", "endorse") and _words_between(text, prev, c) <= _FRAME_WINDOW:
            # not across a new predicate: "rejected the vote and sent troops"
            return None if _NEW_PREDICATE.search(text, prev.end, c.end) else prev
        if prev.label in ("favor", "against") and _words_between(text, prev, c) <= 2:
            chained = _frame(text, cues, j) if prev.label == c.label == "favor" else None
            return chained if chained is not None and chained.label == "flip" else None
    return None


def _signal(text, cues, i, c, target):
    """(sign, magnitude, evidence) of cue `c` after frames, negation and hedges."""
    frame = _frame(text, cues, i)
    base = {"favor": 1, "against": -1, "topic": 1}[c.label]
    if frame is not None:
        if frame.label == "flip" and _DEMAND_AFTER.match(text, frame.end):
            # "rejected every call to postpone or cancel it", "reject any demands to nullify
            # the results": the rejection negates the demanded step
            mag = max(c.magnitude, 0.5) if c.label != "topic" else max(frame.magnitude, 0.5)
            return -base, mag, f"{frame.text} a demand to … {c.text}"
        negated = _negated(text, frame)
        if frame.label == "flip" and negated:
            # "did not rule out military action": a hedged yes
            sign, mag, ev = base, 0.5, f"not {frame.text} … {c.text}"
        elif frame.label == "flip":
            # a topic's magnitude: the least a rejection of it is worth ("cautioned against
            # the use of force" names force outright: codebook §4 "rejecting or warning
            # against")
            topic_mag = c.magnitude if c.label == "topic" else 0.0
            # … but rejecting a step back from it is for it ("ruled out any postponement")
            sign = 1 if c.label == "against" and _STEP_BACK.match(c.text) else -1
            sign, mag, ev = sign, max(frame.magnitude, 0.25, topic_mag), f"{frame.text} … {c.text}"
        elif negated:
            # "did not back the vote", "would never accept it", "did not accept separatist
            # moves": withheld backing is against, whatever the cue's own sign
            sign, mag, ev = -1, frame.magnitude, f"not {frame.text} … {c.text}"
        else:
            mag = max(frame.magnitude, c.magnitude) if c.label != "topic" else frame.magnitude
            sign, ev = base, f"{frame.text} … {c.text}"
    elif c.label == "topic":
        return None
    else:
        sign, mag, ev = base, c.magnitude, c.text
        adverbial = bool(_ADVERBIAL.match(c.text))
        lead = text[max(0, c.start - (80 if adverbial else 40)):c.start]
        neg = list(_NEGATION.finditer(lead))
        # "would not impose facts on the ground by force": the verb's negation reaches an
        # adverbial cue at the end of its clause
        window = _ADVERBIAL_WINDOW if adverbial else _NEGATION_WINDOW
        if neg and len(_WORDS.findall(lead[neg[-1].end():])) <= window \
                and not (adverbial and _CLAUSE_BREAK.search(lead, neg[-1].end())) \
                and c.scope != "outcome":  # "will not allow the partition of Iraq"
            sign = -sign
            if target == "force":  # codebook §4: a denial is a moderate "against"
                mag = min(mag, 0.5)
            ev = f"{neg[-1].group()} … {c.text}"
    hedged = any(h.label == "hedge" and h.end <= c.start and
                 _words_between(text, h, c) <= _HEDGE_WINDOW for h in cues)
    if hedged:
        mag = _step_down(mag)
    return sign, mag, ev + (" (hedged)" if hedged else "")


def _apostrophes(pattern: str) -> str:
    """Let a straight apostrophe in a lexicon pattern match a curly one too."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        out.append("['’]" if ch == "'" and not in_class else ch)
    return "".join(out)


# the only non-ASCII characters that re.IGNORECASE matches to an ASCII letter
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


_QUOTES = str.maketrans("", "", "“”\"«»„")


def _unquoted(text: str) -> str:
    """`text` without double quotation marks: cues read across them ('should not be "going at
    each other"', 'called the vote "illegal"')."""
    return text.translate(_QUOTES)


def _folded(text: str) -> str:
    """`text` lower-cased so that an ASCII literal matching it under re.I is a substring."""
    return (text if text.isascii() else text.translate(_FOLD)).lower()


def _required_literals(pattern: str) -> frozenset | None:
    """Lower-case ASCII strings one of which every match of `pattern` contains, or None."""
    found = _necessary(_sre_parse.parse(pattern, re.IGNORECASE))
    # a string holding another of the set adds nothing to the test
    return found and frozenset(s for s in found if not any(o != s and o in s for o in found))


def _necessary(items):
    """The most selective necessary literal set of a parsed sequence, or None."""
    best, run = None, []

    def better(cand, best):
        if not cand or "" in cand:
            return best
        key = (min(map(len, cand)), -len(cand))
        return cand if best is None or key > (min(map(len, best)), -len(best)) else best

    for op, av in items:
        if op is _sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        best, run = better(frozenset(["".join(run)]), best), []
        if op is _sre.SUBPATTERN:
            best = better(_necessary(av[-1]), best)
        elif op is _sre.BRANCH:
            alts = [_necessary(a) for a in av[1]]
            if all(alts):
                best = better(frozenset().union(*alts), best)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            best = better(_necessary(av[2]), best)
    return better(frozenset(["".join(run)]), best)


# a flip frame's rejected demand: "rejected (every) call to …", "reject any demands to …"
_DEMAND_AFTER = re.compile(r"\s+(?:any|all|every|the|their|its|his|her|repeated)?\s*"
                           r"(?:" + _DEMANDS + r"|appeals?|pleas?)\s+(?:to|for)\b", re.IGNORECASE)


def _negated(text, cue: Cue) -> bool:
    lead = text[max(0, cue.start - 25):cue.start]
    neg = list(_NEGATION.finditer(lead))
    return bool(neg) and len(_WORDS.findall(lead[neg[-1].end():])) <= 1


def _step_down(mag: float) -> float:
    return 0.5 if mag >= 1.0 else 0.25


def _words_between(text, a: Cue, b: Cue) -> int:
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return len(_WORDS.findall(text[lo:hi])) if hi > lo else 0


def _verdict(signals) -> Verdict:
    if not signals:
        return Verdict("none", 0.0, 0.6, "")
    best = {s: max((m for sg, m, _ in signals if sg == s), default=0.0) for s in (1, -1)}
    count = {s: sum(1 for sg, _, _ in signals if sg == s) for s in (1, -1)}
    if best[1] != best[-1]:
        sign = 1 if best[1] > best[-1] else -1
    else:
        sign = 1 if count[1] > count[-1] else -1
    mag = best[sign]
    conflict = best[-sign] > 0
    confidence = round(min(0.95, 0.55 + 0.3 * mag + 0.05 * count[sign]) - (0.2 if conflict else 0), 3)
    evidence = "; ".join(f"{'favor' if sg > 0 else 'against'} {m:g}: {ev}" for sg, m, ev in signals)
    return Verdict("favor" if sign > 0 else "against", sign * mag, confidence, evidence)
