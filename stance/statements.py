"""Find statements in sentences and attribute each to the actor(s) who hold it.

Codebook §3: a statement is a direct quote, reported speech or a deliberate reported
action; its holder is the speaker or agent — never the addressee, never an actor that
is only mentioned.  Per sentence, in order:

1. Quoted text is masked, so only the reporter's words outside quotes decide who
   speaks.  A sentence-final attribution (``"…," Erdogan said.``, ``…, he said.``,
   ``…, said Turkish Prime Minister Binali Yildirim.``) decides alone: what comes
   before it is content, not a subject.
2. Otherwise the sentence is cut into clauses (``;``, ``, while``, ``, but`` …).  In
   each, the holder is the first group of mentions ("Iraqi and Turkish troops", "the
   foreign ministers of Iraq, Turkey and Iran") that stands before an attribution cue
   and is not governed by a preposition ("by Iraq", "to Erbil").  Passive cues take
   the ``by`` group; ``according to X`` counts when nothing else does.  Everything after
   the cue is content: addressees never hold.
3. "He", "the ministry", "the prime minister", "officials" resolve to the place named in
   a leading "In Baghdad," to the last actor seen with that title, or to the last
   holder; "both sides" to the actors of the last sentence naming several.
4. Names introduced with a title ("Peshmerga commander Kemal Kirkuki", "Bekir Bozdag,
   Turkey's deputy prime minister,") hold for their actor in the whole document.
5. A quote sentence with no attribution takes the speaker of the sentence that closes
   its quote, else the last holder.
"""
from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .cues import CueMatcher
from .mentions import ActorDictionary, Mention
from .names import NAME as _NAME, STOP_NAMES as _STOP_NAMES, learn_names, remember_titles
from .subjects import (AUX as _AUX, group_from as _group_from, holders as _holders,
                       inverted_group as _inverted_group, passive_by as _passive_by,
                       relative_subject as _relative_subject, subject_group as _subject_group)
from .resources import load_actors, load_cues, load_titles
from .schemas import SENTENCES, STATEMENTS, check

_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}(?:,[^–—\n]{0,40}?)?\s*(?:\([^)]{0,30}\)\s*)?[–—-]{1,2}\s+")
_LOCATIVE = re.compile(r"^(?:In|At|From|Inside|Back in|Over in)\s+([^,]{2,50}),\s")
_CLAUSE_BREAK = re.compile(r";|,\s+(?:while|whereas|but|even as|whilst)\s|\s(?:while|whereas)\s|\s[–—]\s")
# "the court's order", "a ban": a cue word after a determiner or possessive is a noun
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|this|that|any|every|no)|['’]s)\s+$",
                          re.IGNORECASE)
_PAST_VERB = re.compile(r"\s+(?:\w+ly\s+|also\s+|on\s+\w+\s+)?[a-z]{3,}ed\b")
_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
_WORD = re.compile(r"[\w’'-]+")
_TRAIL_SPLIT = re.compile(r"[,”\"—–]\s*")
_SPEECH_TRAIL = re.compile(r"\b(?:said|says|say|added|adds|told|tells|stated|noted|insisted|stressed|"
                           r"declared|announced|wrote|tweeted|explained|argued|warned|cautioned|"
                           r"continued|concluded|asked|replied|maintained|claimed|according to)\b", re.I)
_CLAUSE_STARTERS = frozenset("""that they it he she we i the a an this these those there its their
his her our if whether what how why when""".split())
_QUOTE_CHARS = "“”\""
_QUOTE = re.compile("[“”\"]")
_QUOTE_END = re.compile(r"_[,.!?]?\s*[”\"]?\s*$")
_BY = re.compile(r"\bby\s+")
_NAME_LAST = re.compile(r"(" + _NAME.pattern + r")\s+(?:\w+ly\s+)?$")
_MIN_QUOTE_WORDS = 5


@dataclass
class _DocState:
    last_holders: list = field(default_factory=list)   # [(actor, surface)]
    last_plural: list = field(default_factory=list)
    titles: dict = field(default_factory=dict)          # head -> actor
    names: object = None                                # ActorDictionary-like finder or None
    pending: list = field(default_factory=list)
    quote_open: bool = False


@dataclass(frozen=True)
class AttributionRules:
    """The dictionaries `extract_statements` uses, compiled once (`AttributionRules.load`)."""

    actors: ActorDictionary
    cue_re: CueMatcher
    title_words: frozenset
    heads: tuple
    head_res: tuple  # (head, regex inside a mention, regex just after one)

    @classmethod
    def load(cls, actors: ActorDictionary | None = None, cues=None) -> "AttributionRules":
        """Compile `actors` and `cues` (default: the packaged ones) and the title words."""
        actors = load_actors() if actors is None else actors
        cues = load_cues() if cues is None else cues
        words, heads = load_titles()
        head_res = tuple((h, re.compile(r"\b" + re.escape(h) + r"\b"),
                          re.compile(r"\s+(?:[\w-]+\s+){0,2}?" + re.escape(h) + r"\b"))
                         for h in heads)
        return cls(actors, CueMatcher.from_cues(cues), words, heads, head_res)


def extract_statements(sentences: pd.DataFrame, actors: ActorDictionary | None = None,
                       *, cues=None, rules: AttributionRules | None = None) -> pd.DataFrame:
    """Statements and their holders, one row per (sentence, holder).

    Parameters
    ----------
    sentences : DataFrame (schema SENTENCES)
    actors : ActorDictionary, optional  (default: ``load_actors()``)
    cues : dict, optional  (default: ``load_cues()``)
    rules : AttributionRules, optional
        Compiled once with ``AttributionRules.load(actors, cues)`` to score many frames;
        given, it replaces `actors` and `cues`.

    Returns
    -------
    DataFrame (schema STATEMENTS), in document order; holders outside the dictionary
    are ``other`` with their surface form in ``speaker``.

    Examples
    --------
    >>> statements = extract_statements(split_sentences(docs), load_actors())
    """
    sentences = check(sentences, SENTENCES, name="sentences")
    cfg = AttributionRules.load(actors, cues) if rules is None else rules
    rows = []
    for doc in _documents(sentences):
        rows.extend(_doc_statements(doc, cfg))
    frame = pd.DataFrame(rows, columns=list(STATEMENTS))
    return check(frame, STATEMENTS, name="statements")


def attribute_text(text: str, actors: ActorDictionary | None = None, *, cues=None):
    """Holders of a short text (one or a few sentences): list of (actor, speaker, kind)."""
    from .sentences import split_sentences
    docs = pd.DataFrame([{"doc_id": "_", "date": "2000-01-01", "source": "", "url": "",
                          "title": "", "text": text}])
    st = extract_statements(split_sentences(docs), actors, cues=cues)
    return [(r.actor, r.speaker, r.kind) for r in st.itertuples(index=False)]


# ---------------------------------------------------------------- document level

_Sentence = namedtuple("_Sentence", list(SENTENCES))


def _documents(sentences: pd.DataFrame):
    """Each document's sentences (row tuples) by sent_id, documents in order of appearance.

    The rows of ``groupby("doc_id", sort=False)`` then ``sort_values("sent_id")``, without
    a frame per document: when each document's sent_ids already rise in input order
    (as `split_sentences` makes them), one stable sort by document gives that order.
    """
    codes = pd.factorize(sentences["doc_id"])[0]
    order = np.argsort(codes, kind="stable")
    codes, ids = codes[order], sentences["sent_id"].to_numpy()[order]
    same = codes[1:] == codes[:-1]
    if (codes < 0).any() or not (ids[1:][same] > ids[:-1][same]).all():
        for _, doc in sentences.groupby("doc_id", sort=False):
            yield list(doc.sort_values("sent_id").itertuples(index=False))
        return
    rows = sentences[list(SENTENCES)].iloc[order]
    rows = list(map(_Sentence._make, zip(*(rows[c] for c in SENTENCES))))
    bounds = [0, *(np.flatnonzero(~same) + 1).tolist(), len(rows)]
    for lo, hi in zip(bounds, bounds[1:]):
        if hi > lo:
            yield rows[lo:hi]


def _doc_statements(doc: list, cfg: AttributionRules):
    texts = [s.text for s in doc]
    found = [cfg.actors.find(t) for t in texts]  # each sentence's mentions, found once
    state = _DocState(names=learn_names(texts, cfg.actors, cfg.title_words, found=found))
    rows: list = []
    prev_para = None
    for s, text_mentions in zip(doc, found):
        if prev_para is not None and s.paragraph != prev_para and state.quote_open:
            # a quote left open runs on only if the next paragraph opens a quote again
            state.quote_open = s.text.lstrip()[:1] in _QUOTE_CHARS
            if not state.quote_open:
                _flush_pending(rows, state)
        prev_para = s.paragraph
        _sentence_statements(s, text_mentions, cfg, state, rows)
    _flush_pending(rows, state)
    order = {}
    for r in rows:
        order.setdefault((r["start"], r["actor"]), r)
    return sorted(order.values(), key=lambda r: (r["start"], r["actor"]))


# ---------------------------------------------------------------- sentence level

def _quote_spans(text: str, open_at_start: bool):
    """Spans of quoted text and whether a quote is still open at the end."""
    spans, inside, start = [], open_at_start, 0
    for q in _QUOTE.finditer(text):  # other characters change nothing
        i, ch = q.start(), q.group()
        if ch == "“" or (ch == '"' and not inside):
            if not inside:
                inside, start = True, i + 1
        elif ch in "”\"":
            if inside:
                spans.append((start, i))
                inside = False
    if inside:
        spans.append((start, len(text)))
    return spans, inside


def _sentence_statements(s, text_mentions, cfg: AttributionRules, state: _DocState, rows):
    text = s.text
    continued = state.quote_open
    spans, ends_open = _quote_spans(text, continued)
    state.quote_open = ends_open
    real = [(a, b) for a, b in spans
            if len(_WORD.findall(text[a:b])) >= _MIN_QUOTE_WORDS or (continued and a == 0)
            or (b == len(text) and ends_open)]
    masked = list(text)
    for a, b in spans:
        masked[a:b] = "_" * (b - a)
    masked = "".join(masked)
    dl = _DATELINE.match(masked)
    lo = dl.end() if dl else 0

    # unmasked and without a dateline, the sentence's own mentions are the same search
    mentions = _mentions(masked, lo, cfg, state,
                         list(text_mentions) if lo == 0 and masked == text else None)
    context = _locative_context(masked, lo, mentions)
    remember_titles(text, text_mentions, cfg.head_res, state.titles)
    holders, kind, content_end = _trailing_attribution(masked, lo, mentions, cfg, state, context)
    if holders is None:
        holders, kind = _clause_holders(masked, lo, mentions, cfg, state, context)
    else:
        # nested report: "Tillerson thanked the KRG …, Kurdish officials said" is the US's
        # position, and "Abadi and Erdogan agreed …, sources said" both sides'
        inner_mentions = [m for m in mentions if m.start < content_end]
        inner, inner_kind = _clause_holders(masked[:content_end], lo, inner_mentions, cfg, state,
                                            context, named_only=True)
        if inner:
            holders, kind = inner, inner_kind

    all_actors = sorted({m.actor for m in text_mentions if m.kind == "actor"})
    if len(all_actors) >= 2:
        state.last_plural = all_actors
    if holders:
        state.last_holders = holders
        if real or any(a <= 1 for a, b in spans if len(_WORD.findall(text[a:b])) >= 2):
            kind = "quote"
        if real:
            _resolve_pending(rows, state, holders)
        for actor, surface in holders:
            rows.append(_row(s, actor, surface, kind))
    elif real:
        rows.append(_row(s, "?", "", "quote"))
        state.pending.append(len(rows) - 1)
    elif state.pending and not ends_open:
        _flush_pending(rows, state)


def _mentions(masked, lo, cfg, state, found=None):
    found = cfg.actors.find(masked, lo) if found is None else found
    if state.names is not None:
        taken = [(m.start, m.end) for m in found]
        for m in state.names.find(masked, lo):
            if not any(a < m.end and m.start < b for a, b in taken):
                found.append(m)
        found.sort(key=lambda m: m.start)
    return found


def _locative_context(masked, lo, mentions):
    m = _LOCATIVE.match(masked, lo) if lo == 0 else _LOCATIVE.match(masked[lo:])
    if not m:
        return []
    a, b = (lo + m.start(1), lo + m.end(1)) if lo else (m.start(1), m.end(1))
    return [(x.actor, x.surface) for x in mentions if a <= x.start < b and x.kind == "actor"]


def _trailing_attribution(masked, lo, mentions, cfg, state, context):
    """Holders from an attribution after a quote or at the end ("…," X said), or None.

    Returns (holders, kind, content_end): the content before `content_end` is what
    the holder said, not a subject.
    """
    body = masked.rstrip(" .!?…")
    cuts = [m for m in _TRAIL_SPLIT.finditer(body, lo) if m.start() - lo >= 12]
    # an attribution right after a closing quote wins; else the sentence's last segment
    after_quote = [m for m in cuts if _QUOTE_END.search(masked[max(lo, m.start() - 3):m.end()])
                   and masked[m.start()] in "”\"" or (masked[m.start()] == "," and masked[max(lo, m.start() - 1)] in "_”\"")]
    # a short parenthetical ", he said," / ", the ministry said on Monday," anywhere
    parenthetical = []
    for i, m in enumerate(cuts[:-1]):
        seg = masked[m.end():cuts[i + 1].start()]
        verb = _SPEECH_TRAIL.search(seg)
        if verb and len(_WORD.findall(seg)) <= 8 and len(_WORD.findall(seg[verb.end():])) <= 3 \
                and masked[cuts[i + 1].start()] == ",":
            parenthetical.append(m)
    ordered = after_quote + parenthetical + ([cuts[-1]] if cuts else [])
    for cut in ordered:
        nxt = [m.start() for m in cuts if m.start() > cut.start()]
        seg_lo, seg_hi = cut.end(), (nxt[0] if nxt else len(body))
        found = _attribution_segment(masked, seg_lo, seg_hi, mentions, cfg, state, context,
                                     last=not nxt)
        if found:
            return found, "reported", cut.start()
    return None, None, None


def _attribution_segment(masked, seg_lo, seg_hi, mentions, cfg, state, context, *, last):
    seg = masked[seg_lo:seg_hi]
    verb = _SPEECH_TRAIL.search(seg)
    if not verb or "_" in seg:
        return None
    before = seg[:verb.start()]
    after = _WORD.findall(seg[verb.end():])
    if len(_WORD.findall(before)) > 9 or (after and after[0].lower() in _CLAUSE_STARTERS):
        return None
    if last and len(_WORD.findall(seg)) > 14:
        return None
    seg_mentions = [m for m in mentions if seg_lo <= m.start < seg_hi]
    if verb.group().lower().startswith("according"):
        group = _group_from(masked, [m for m in seg_mentions if m.start >= seg_lo + verb.end()])
    else:
        pre = [m for m in seg_mentions if m.start < seg_lo + verb.start()]
        group = _group_from(masked, pre) if pre else []
        if not group and not before.strip():
            group = _group_from(masked, [m for m in seg_mentions if m.start >= seg_lo + verb.end()])
        if not group:
            group = _resolve_generic(masked, seg_lo, seg_lo + verb.start(), cfg, state, context,
                                     speech=True)
    return _holders(group) or None


def _clause_holders(masked, lo, mentions, cfg, state, context, *, speech_only=False,
                    named_only=False):
    bounds = [lo] + [m.end() for m in _CLAUSE_BREAK.finditer(masked, lo)] + [len(masked)]
    holders, kind, carried = [], "reported", []
    for c_lo, c_hi in zip(bounds, bounds[1:]):
        clause_mentions = [m for m in mentions if c_lo <= m.start < c_hi]
        cues = [c for c in cfg.cue_re.finditer(masked, c_lo, c_hi)
                if not any(x.start < c.end() and c.start() < x.end for x in clause_mentions)
                and not (speech_only and c.lastgroup != "speech")
                and not _NOUN_BEFORE.search(masked, max(c_lo, c.start() - 12), c.start())]
        relative = _relative_subject(masked, c_lo, c_hi, clause_mentions, cfg.cue_re)
        if relative:
            holders.extend(h for h in _holders(relative) if h[0] not in {x[0] for x in holders})
        group, this_kind = [], "action"
        if not cues:
            group = _passive_by(masked, c_lo, c_hi, clause_mentions)
        if not group and not cues:
            subject = _subject_group(masked, c_lo, c_hi, clause_mentions)
            if subject and _PAST_VERB.match(masked, subject[-1].end):
                group, this_kind = subject, "action"
            elif not subject and not named_only:
                gen = cfg.actors.find_generic(masked, c_lo, min(c_hi, c_lo + 40))
                verb = _PAST_VERB.match(masked, gen[0].end) if gen else None
                if verb and not _WORD.findall(masked[c_lo:gen[0].start]):
                    group = _resolve_generic(masked, c_lo, verb.start(), cfg, state, context,
                                             speech=False)
                    this_kind = "action"
            if not group:
                carried = subject or carried
                continue
        ordered = [c for c in cues if not c.group().lower().startswith("according")] + \
                  [c for c in cues if c.group().lower().startswith("according")]
        for cue in ([] if group else ordered):
            this_kind = "action" if cue.lastgroup == "action" else "reported"
            if cue.group().lower().startswith("according"):
                group = _group_from(masked, [m for m in clause_mentions if m.start >= cue.end()
                                             and m.start - cue.end() < 40])
            elif _PASSIVE_AUX.search(masked[max(c_lo, cue.start() - 25):cue.start()]):
                by = _BY.search(masked[cue.end():cue.end() + 60])
                group = _group_from(masked, [m for m in clause_mentions
                                             if by and m.start >= cue.end() + by.end()]) if by else []
                if not group:
                    group = _subject_group(masked, c_lo, cue.start(), clause_mentions)
            else:
                if named_only and cue.group().lower() in _AUX:
                    continue
                group = _subject_group(masked, c_lo, cue.start(), clause_mentions)
                if not group:
                    group = _inverted_group(masked, cue, clause_mentions)
                if not group and not named_only:
                    group = _resolve_generic(masked, c_lo, cue.start(), cfg, state, context,
                                             speech=cue.lastgroup == "speech")
            if not group and carried and cue.start() - c_lo < 60 and not named_only:
                group = carried
            if group:
                break
        if not group and cues:
            group, this_kind = _passive_by(masked, c_lo, c_hi, clause_mentions), "action"
        new = _holders(group)
        if new:
            if not holders:
                kind = this_kind
            holders.extend(h for h in new if h[0] not in {x[0] for x in holders})
            carried = group
    return holders, kind


def _resolve_generic(masked, lo, hi, cfg, state, context, *, speech):
    """'he said', 'the ministry said', 'both sides agreed' → earlier holders."""
    window_lo = max(lo, hi - 50)
    gens = cfg.actors.find_generic(masked, window_lo, hi)
    if gens:
        g = gens[-1]
        if len(_WORD.findall(masked[g.end:hi])) > 3:
            return []
        if g.kind == "plural":
            return [Mention(g.start, g.end, a, g.surface, "actor") for a in state.last_plural]
        if context:
            return [Mention(g.start, g.end, a, g.surface, "actor") for a, _ in context]
        low = g.surface.lower()
        for head in cfg.heads:
            if head in low and head in state.titles and low not in ("he", "she", "it", "they"):
                return [Mention(g.start, g.end, state.titles[head], g.surface, "actor")]
        return [Mention(g.start, g.end, a, g.surface, "actor" if a != "other" else "other")
                for a, _ in state.last_holders]
    if speech:
        name = _NAME_LAST.search(masked[window_lo:hi])
        if name and name.group(1).split()[0] not in _STOP_NAMES:
            actor = context[0][0] if context else "other"
            lead = masked[max(lo, window_lo + name.start() - 40):window_lo + name.start()].lower()
            for head, inside, _ in cfg.head_res:  # "court spokesman Ayas al-Samouk": the court's actor
                if actor == "other" and inside.search(lead) and head in state.titles:
                    actor = state.titles[head]
                    break
            return [Mention(0, 0, actor, name.group(1), "actor" if actor != "other" else "other")]
    return []


def _resolve_pending(rows, state, holders):
    for idx in state.pending:
        base = rows[idx]
        rows[idx] = None
        for actor, surface in holders:
            rows.append({**base, "actor": actor, "speaker": surface,
                         "statement_id": _sid(base["doc_id"], base["start"], base["end"], actor)})
    state.pending = []
    rows[:] = [r for r in rows if r is not None]


def _flush_pending(rows, state):
    if state.pending:
        _resolve_pending(rows, state, state.last_holders or [])


def _sid(doc_id, start, end, actor):
    return f"{doc_id}:{start}-{end}:{actor}"


def _row(s, actor, speaker, kind):
    return {"statement_id": _sid(s.doc_id, s.start, s.end, actor), "doc_id": s.doc_id,
            "date": s.date, "start": s.start, "end": s.end, "text": s.text, "actor": actor,
            "speaker": speaker, "kind": kind}
