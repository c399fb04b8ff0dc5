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

from .cues import CueMatcher, cue_word, cue_words
from .mentions import ActorDictionary, Mention, resolve_shared
from .names import (NAME as _NAME, STOP_NAMES as _STOP_NAMES, learn_names,
                    person_like as _person_like, remember_titles,
                    MEDIA_SURFACE as _MEDIA_SURFACE)
from .subjects import (AUX as _AUX, group_from as _group_from, holders as _holders,
                       POSSESSIVE_OFFICE as _POSSESSIVE_OFFICE_RE,
                       inverted_group as _inverted_group, joint_partners as _joint_partners,
                       later_passive_agents as _later_passive_agents,
                       GOVERNMENT_OF as _GOVERNMENT_OF,
                       position_participle as _position_participle, CAPITAL_WORD as _CAPITAL_WORD,
                       ellipsis_partners as _ellipsis_partners, by_agents as _by_agents,
                       passive_by as _passive_by, reaction_source as _reaction_source,
                       AS_NOUN as _AS_NOUN, COUNTERPART as _COUNTERPART, ROLE_AND as _ROLE_AND,
                       governed as _governed,
                       state_participle as _state_participle,
                       control_gainer as _control_gainer,
                       relative_subject as _relative_subject,
                       subject_group as _subject_group, adjacent_subject as _adjacent_subject,
                       in_relative as _in_relative, group_ending as _group_ending,
                       temporal_speakers as _temporal_speakers,
                       reaction_sources as _reaction_sources, OTHERS_OF as _OTHERS_OF)
from .resources import load_actors, load_cues, load_titles
from .schemas import SENTENCES, STATEMENTS, check

_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’ /-]{2,}(?:,[^–—\n]{0,40}?)?\s*(?:\([^)]{0,30}\)\s*)?"
                       # … or a live entry's time stamp: "10:07 — He writes …", "**17:15** —"
                       r"|\**\d{1,2}[:.]\d\d(?:\s*(?:[ap]\.?m\.?|GMT|local\s+time))?\**\s*)"
                       r"[–—-]{1,2}\s+"
                       # … or a timeline entry's date: "Sept. 25: Voting takes place …", "16 October:"
                       r"|^(?:(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
                       r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)"
                       r"(?:,?\s+\d{4})?\s*:\s+")
_DATELINE_PLACE = re.compile(r"[A-Z][A-Z'’ -]+[A-Z]")  # "ANKARA", "TEHRAN" of "ANKARA/TEHRAN —"
_LOCATIVE = re.compile(r"^(?:In|At|From|Inside|Back in|Over in)\s+([^,]{2,50}),\s")
# where one clause ends and another (possibly another holder's) begins; score.py splits the
# lexicon's text at the same joins, not at dashes
CLAUSE_JOIN = r";|,\s+(?:while|whereas|but|even as|whilst)\s|\s(?:while|whereas)\s"
_CLAUSE_BREAK = re.compile(CLAUSE_JOIN + r"|\s[–—]\s")
# "territories that Baghdad and Erbil both claim": a description of the land, no statement
_CLAIMED_LAND = re.compile(r"\b(?:territor(?:y|ies)|areas?|lands?|cit(?:y|ies)|towns?|provinces?|"
                           r"districts?|regions?|ground)\s+(?:that\s+|which\s+)?[^,;.]{0,50}?"
                           r"\b(?:both\s+)?claims?$")
# "the court's order", "a ban": a cue word after a determiner or possessive is a noun
# ("a phone call from Erdogan": the noun, not "call on")
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|this|that|any|every|no)"
                          r"(?:\s+(?:phone|telephone|video|independent|new|separate|sovereign|"
                          r"written|joint|formal))?|['’]s)\s+$",
                          re.IGNORECASE)
# a past-tense verb right after a subject (and its head noun: "Hashd fighters took"):
# regular, or one of the irregular verbs of deeds
# the head noun after an adjectival actor: "Turkish troops", "Iranian and Turkish units"
_HEAD_NOUN = re.compile(r"\s+(?:troops|forces|fighters|units|soldiers|militias?|militiamen|police|"
                        r"policemen|guards|tanks|jets|warplanes|artillery|commanders?|officials?|"
                        r"columns?|convoys?|brigades?|battalions?|divisions?|leaders?|diplomats?|"
                        r"ministers?|lawmakers?|authorities|helicopters|aircraft|drones|gunmen|gunships|"
                        r"snipers|paramilitaries)\b")
_PAST_VERB = re.compile(r"(?:%s)?" % _HEAD_NOUN.pattern +
                        r"\s+(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+|also\s+|since\s+|already\s+|on\s+\w+\s+)?"
                        r"(?:[a-z]{3,}ed|gave|took|made|held|"
                        r"sent|kept|stood|shut|set|cut|led|won|met|drew|struck|fought|brought|"
                        r"sought|began|chose|broke|withdrew|stuck|froze|swore|upheld|withheld|"
                        r"undertook|forbade|overrode|threw|used|left|fled|retook|overran|hit|shot)\b")
# a timeline tells its deeds in the present: "Sept. 18: The Turkish army opens exercises …"
_PRESENT_DEED = re.compile(r"(?:%s)?" % _HEAD_NOUN.pattern +
                           r"\s+(?:\w+ly\s+|also\s+)?(?:[a-z]{2,}[^s\W]s|[a-z]+(?:ches|shes|sses|xes))\b")
# "…, Masoud Barzani, whom he accused of treachery": the relative's verb is not Barzani's
_OBJECT_WHOM = re.compile(r"\bwhom\s+(?:he|she|they|it|[A-Z][\w’'-]+)\s+(?:\w+ly\s+)?$")
_HARMED = frozenset("""pushed driven forced expelled defeated routed attacked targeted shelled
hit killed wounded ambushed surrounded besieged captured ousted evicted dislodged disarmed arrested
overrun bombed struck""".split())
_UNDERGONE = _HARMED | frozenset("""told urged asked warned advised instructed informed pressed
invited cautioned""".split())  # … and the addressee of a passive speech verb ("the KDP has been told that")
# "Some 30 Peshmerga fighters were killed": what the subject suffered is no statement of it (not
# "were forced to withdraw", which goes on to a deed)
_SUFFERED = re.compile(r"\s+(?:\w+ly\s+|also\s+)?(?:%s)\b"
                       % "|".join(sorted(_HARMED - {"forced"} | {"injured"})))
_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
_WORD = re.compile(r"[\w’'-]+")
_TRAIL_SPLIT = re.compile(r"[,”\"—–]\s*")
_SOURCE_CUE = re.compile(r"according|in\s+the\s+words", re.I)  # the holder comes after the cue
# conjunctions of a subordinate clause with its own subject ("as" may lend it: "As Barzani put it")
_SUBORDINATORS = r"after|before|when|since|while|although|though|once|until|because"
_LEADING_SUBORDINATE = re.compile(
    r"(?:(?:in|on|by|at|late|early|later|earlier|then|meanwhile|overnight|that|this|last)\b"
    r"[^,;]{0,30}?,\s)?"  # "In late October, as the Peshmerga pulled back, …"
    r"(?:(?:a|one|two|three|several|hours|days|weeks|the|day|week|month|shortly|just|only|even|"
    r"soon|long)\s+){0,3}(?:as|" + _SUBORDINATORS + r"|"
    r"(?:on\s+)?the\s+(?:day|night|morning|evening|week|eve))"
    r"\s[^,;]{5,160}?,\s", re.IGNORECASE)
# a participial phrase opening the sentence: "Addressing the UN, …", "Speaking to Rudaw, …"
_LEADING_PARTICIPLE = re.compile(
    r"(?!(?:According|Nothing|Something|Anything|Everything|Beijing|Following|Including|"
    r"Neighbou?ring|Leading|Ruling|Rising|Growing|Outgoing|Incoming|Ongoing|Upcoming|Remaining|"
    r"Existing|Governing|Warring|Competing|Opposing|Rival|Sweeping|Striking|Lingering|Mounting|"
    r"Continuing|Bordering|Surrounding|Emerging|Prevailing|Pending|During)\b)"
    r"[A-Z][a-z]{2,}ing\s[^,;—–]{3,120}?,\s"
    # … and a question put to the speaker: "Asked whether the US still saw the Peshmerga as
    # an ally, Nauert replied …"
    r"|Asked\s+(?:whether|if|about|why|how|what|when|who|to)\b[^,;—–]{3,160}?,\s")
# a named or described speaker the dictionary does not know, just before a speech verb
_SPEAKER_UNKNOWN = re.compile(r"(?:\b[A-Z][\w’'-]+|,)\s*(?:(?:had|has|have|also|then|later)\s+)*$")
# … or a person described by no side ("A local journalist told AFP that …": AFP listens)
_SPEAKER_DESCRIBED = re.compile(r"\b(?:[Aa]n?|[Oo]ne|[Tt]he)\s+(?:[a-z][\w-]*\s+){0,3}?(?:journalist|reporter|"
                                r"resident|witness|eyewitness|analyst|expert|observer|activist|"
                                r"villager|doctor|man|woman)\s*(?:(?:then|later|also|again)\s+)?$")
# … or a speaker no dictionary could name ("another said", "one told Reuters")
_SOMEONE = re.compile(r"\b(?:another|one|others|some|many|several|few|most)\s+$", re.IGNORECASE)
# "Mahmoud Osman, a veteran politician and former MP, said the government …": the name
# before the aside is the subject, so the verb is not inverted
_NAME_THEN_COMMA = r"\s*(?P<name>(?:[A-Z][\w.’'-]*\s+){0,3}(?:[A-Z][\w.’'-]*|(?:al|el)-[A-Z][\w’'-]*)),"
_DESCRIBED_WITH_ASIDE = re.compile(r"(?:An?|One|The)\s+(?:[\w-]+\s+){0,4}?(?:analyst|expert|journalist|"
                                  r"reporter|observer|researcher|academic|professor|politician|"
                                  r"activist|resident|witness|source|diplomat|official|officer|"
                                  r"lawmaker|member|commander)s?\b[^,;_]{0,50},\s+"
                                  r"(?:who|whose|which|a|an|the)\s[^_\"”;]{3,120},\s*")
_NAMED_WITH_ASIDE = re.compile(_NAME_THEN_COMMA + r"\s+(?P<lead>a|an|the|one|who)\s[^_\"”;]{3,140},\s*")
# "a former member of the Iraqi parliament": no longer speaks for it
_FORMER_OF = re.compile(r"\b(?:former|ex-)\s*(?:[\w-]+\s+){0,2}?of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$",
                        re.IGNORECASE)
# "X is expected to …", "is likely to …": the reporter's expectation, not X's statement (a
# plan X announced, "is set to", "is due to", stays X's: codebook §3); the copula itself
# ("is" before "expected to") and any cue after the phrase ("expected to warn") are no cues
_EXPECTATION = r"(?:widely\s+|also\s+)?(?:expected|likely)\s+to"
_EXPECTED = re.compile(r"\s+" + _EXPECTATION + r"\b", re.IGNORECASE)
_EXPECTED_BEFORE = re.compile(r"\b(?:is|are|was|were)\s+" + _EXPECTATION + r"\s+(?:\w+ly\s+)?$",
                              re.IGNORECASE)
# the copula of a fact of geography or membership: "Iran is home to a Kurdish minority",
# "Turkey is a member of NATO", "Iraq is a neighbour of …" (no position taken)
_BE_FACT = re.compile(r"\s+(?:also\s+)?(?:home\s+to|an?\s+(?:founding\s+)?member\s+of|"
                      r"an?\s+neighbou?r\s+of|located|situated|bordered|due\s+(?:in|at|back)|in\s+session)\b",
                      re.IGNORECASE)  # (and a schedule: "Tillerson was due in Baghdad")
_JOINED = re.compile(r"\bjoin(?:ed|s|ing)?\s+$", re.IGNORECASE)  # "… has joined Ankara in pressing"
_IN_DOING = re.compile(r"\s+in\s+(?:\w+ly\s+)?[a-z]+ing\b")
_APPOSITIVE = re.compile(r",\s[^,;]{2,70},")  # ", a lawmaker from Sulaimani,"
# "’s foreign minister", "Turkey’s EU minister"
_POSSESSIVE_HEAD = re.compile(r"['’]s((?:\s+(?:[a-z][\w-]*|[A-Z]{2,3}(?=\s+[a-z]))){1,3})(?=[\s,])")
_LONG_ASIDE = re.compile(r",\s[^,;_]{2,110},")
_POSSESSIVE = re.compile(r"(?:his|her|its|their)\s")
_MODAL = re.compile(r"\b(?:would|will|could|should|must|may|might|can|cannot|won't|wouldn't|"
                    r"shall|going to|needs? to|ought to|has to|have to)\b", re.I)
_BE_HAVE = frozenset("is are was were be been being has have had".split())
_AUX_GAP = re.compile(r"\s+(?:\w+ly\s+|not\s+|be\s+|been\s+)*")  # "was told", "is not coordinating"
_UP_TO_COMMA = re.compile(r"[^,;]{0,40}")
# a document as a source: "the Iraqi readout", "a statement from the presidency"
_DOCUMENT = (r"(?:the|an?|his|her|its)\s+(?:[\w’'-]+\s+){0,3}?(?:readout|statement|transcript|account|"
             r"summary|communiqu[eé]|record|letter)\b")
_SOURCE_DOCUMENT = re.compile(r"\s*(?:to\s+)?" + _DOCUMENT + r"[^,;]{0,40},\s+")
_VERB_LEAD = re.compile(r"\s*(?:\w+ly\s+|had\s+|have\s+)?")
_CLAUSE_STARTERS = frozenset("""that they it he she we i the a an this these those there its their
his her our if whether what how why when""".split())
_QUOTE_CHARS = "“”\"«„‘"
_GUILLEMETS = str.maketrans("«»", "“”")
_LOW_QUOTE = re.compile("„([^“”„]*)[“”]")


def _normal_quotes(text: str) -> str:
    """Guillemets, low-9 and single quotes ("«…»", "„…“", "‘…’", "'…'") as curly double
    quotes, one character for one (offsets hold)."""
    if "«" in text or "»" in text:
        text = text.translate(_GUILLEMETS)
    if "„" in text:
        text = _LOW_QUOTE.sub(lambda m: "“" + m.group(1) + "”", text)
    return _single_quotes(text) if _SINGLE_QUOTE.search(text) else text


# an opening single quote, or a closing one right after punctuation ("…,’ he said")
_SINGLE_QUOTE = re.compile(r"‘|(?:^|[\s(—–])'[A-Z]|[.,!?][’'](?!\w)")


def _single_quotes(text: str) -> str:
    """British-style single quotes as double ones.  An apostrophe is told from a closing
    quote by what stands around it: "Kurdistan’s", "the Kurds’ vote" stay; "…,’ he said",
    "‘a betrayal’" close.  Single quotes inside a double-quoted passage are left alone."""
    chars, opened, double = list(text), False, False
    for i, ch in enumerate(text):
        if ch in "“”\"":
            double = ch == "“" or (ch == '"' and not double)
            continue
        if double or ch not in "‘’'":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch == "‘" or (ch == "'" and (before.isspace() or before in "(—–") and after.isupper()):
            chars[i], opened = "“", True
        elif not after.isalnum() and (before in ".,!?" or (opened and not before.isspace())):
            chars[i], opened = "”", False
    return "".join(chars)


_ENDED = re.compile(r"[.!?:;…][\"'”’»)\]]*$|[\"”’»]$")
_ATTRIBUTION_ONLY_WORDS = 8  # "That was how the prime minister put it on Monday."
_QUOTE = re.compile("[“”\"]")
_QUOTE_END = re.compile(r"_[,.!?]?\s*[”\"]?\s*$")
# a passive's agent: "by Iraqi forces", "on the orders of Abadi", "under orders from Tehran"
_BY = re.compile(r"\b(?:by|on\s+the\s+orders?\s+of|under\s+orders?\s+from)\s+")
_NAME_ENDS = re.compile(r"(?:" + _NAME.pattern + r"),\s*$")
_LEAD_APPOSITIVE = re.compile(r"(?:the|a|an)\s[^,;]{3,80}?,\s(?=[A-Z])")
# the start of a description naming the speaker's side: ", a Kurdish officer", ", an Iraqi
# army officer", ", a Peshmerga commander" (not ", a former …")
_SIDE_DESCRIPTION = re.compile(r",\s+(?:(?:a|an|another)\s+(?:(?:senior|top|local)\s+)?)?")
_NAME_AFTER = re.compile(r"\s+(" + _NAME.pattern + r")(?=\s*(?:[,.;]|$))")
_NAME_LAST = re.compile(r"(" + _NAME.pattern + r")\s+(?:\w+ly\s+)?$")
_MIN_QUOTE_WORDS = 5


@dataclass
class _DocState:
    last_holders: list = field(default_factory=list)   # [(actor, surface)]
    last_people: list = field(default_factory=list)    # the last holders "he"/"she" can be
    people: list = field(default_factory=list)         # the last few of those, oldest first
    mentioned: list = field(default_factory=list)      # last actor mention [(actor, surface)], any role
    mentioned_person: list = field(default_factory=list)  # last named person mentioned
    last_plural: list = field(default_factory=list)
    titles: dict = field(default_factory=dict)          # head -> actor
    names: object = None                                # ActorDictionary-like finder or None
    pending: list = field(default_factory=list)
    quote_open: bool = False
    text: str = ""                                      # the sentence being read, quotes included
    in_question: bool = False                           # inside an interviewer's question
    timeline: bool = False                              # a timeline entry ("Sept. 18: …")
    title_owners: dict = field(default_factory=dict)    # head -> every actor seen with it
    list_owner: list = field(default_factory=list)      # holders of a statement ending in ":"
    named_people: list = field(default_factory=list)    # actors of the last named people, newest last
    # the last person the sentence before named, when that sentence's holders were all groups
    # ("Turkish outlets focused on Erdogan's words. Anadolu quoted him …": him is Erdogan)
    recent_person: list = field(default_factory=list)
    # the person who opened the sentence before when it stated nothing ("Tillerson then flew
    # to Baghdad. He told Abadi …": he is Tillerson, not the last holder)
    opening_person: list = field(default_factory=list)
    opening_party: list = field(default_factory=list)   # … and the party he came with
    # the person a reporter's question was put to ("A reporter asked Nauert whether …. 'I'm not
    # aware of that,' she replied": she is Nauert)
    asked_person: list = field(default_factory=list)
    mentions: list = field(default_factory=list)        # the sentence's mentions (of `text`)


@dataclass(frozen=True)
class AttributionRules:
    """The dictionaries `extract_statements` uses, compiled once (`AttributionRules.load`)."""

    actors: ActorDictionary
    cue_re: CueMatcher
    title_words: frozenset
    heads: tuple
    head_res: tuple  # (head, regex inside a mention, regex just after one)
    trail_re: CueMatcher      # verbs closing a sentence: "…, Ankara said"
    inverting: frozenset      # verbs before their subject: '"…," said Erdogan'
    content_cues: frozenset   # verbs whose object is what was said
    surnames: frozenset = frozenset()  # one-word aliases that end a listed name: "Tillerson"
    head_synonyms: tuple = ()  # (regex of another name, the head it stands for): "chamber"
    other_people: frozenset = frozenset()  # listed people outside the actors: "Putin"

    @classmethod
    def load(cls, actors: ActorDictionary | None = None, cues=None) -> "AttributionRules":
        """Compile `actors` and `cues` (default: the packaged ones) and the title words."""
        actors = load_actors() if actors is None else actors
        cues = load_cues() if cues is None else cues
        words, heads, synonyms = load_titles()
        head_res = tuple((h, re.compile(r"\b" + re.escape(h) + r"\b"),
                          re.compile(r"\s+(?:[\w-]+\s+){0,2}?" + re.escape(h) + r"\b"))
                         for h in heads)
        aliases = [c[1] for cands in actors.index.values() for c in cands if c[3] == "actor"]
        lasts = {a.split()[-1] for a in aliases if _person_like(a)}
        # people listed with their surname ("Vladimir Putin", "Putin"), not bodies ("Islamic
        # State", "Arab League")
        others = {c[1] for cands in actors.index.values() for c in cands if c[3] == "other"}
        surname = {a: re.sub(r"^(?:al|el)-", "", a.split()[-1]) for a in others if " " in a}
        other_people = {a for a, last in surname.items() if last in others and _person_like(a)}
        other_people |= {surname[a] for a in other_people}
        return cls(actors, CueMatcher.from_cues(cues), words, heads, head_res,
                   CueMatcher.from_cues({"speech": cues.get("trailing", ())}),
                   cue_words(cues.get("inverting", ())), cue_words(cues.get("content", ())),
                   frozenset(a for a in aliases if " " not in a and a in lasts),
                   tuple((re.compile(r"\b" + re.escape(k) + r"\b"), v) for k, v in synonyms.items()),
                   frozenset(other_people))


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
    found = resolve_shared([cfg.actors.find(t) for t in texts], cfg.actors.shared)  # found once
    state = _DocState(names=learn_names(texts, cfg.actors, cfg.title_words, found=found))
    rows: list = []
    prev_para = None
    for s, text_mentions in zip(doc, found):
        if prev_para is not None and s.paragraph != prev_para and state.quote_open:
            # a quote left open runs on only if the next paragraph opens a quote again
            state.quote_open = _normal_quotes(s.text).lstrip()[:1] in _QUOTE_CHARS
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
    text = state.text = _normal_quotes(s.text)
    state.mentions = text_mentions
    if state.in_question or _interviewer_opens(text, cfg):
        # an interviewer's question ("Q: …", "**Reporter: … ?**") names governments without
        # their speaking; it ends at its closing bold or question mark
        end = text.rstrip()
        state.in_question = not (end.endswith("**") or (end.endswith("?") and "**" not in text))
        return
    if not _ENDED.search(text.rstrip(" *_\t")):
        # a line that no punctuation ends is a heading, a dateline or a credit ("UPDATE 1-Iraq
        # says …", "Baghdad / agencies", "(Reporting by …)"), which repeats or frames the story
        return
    continued = state.quote_open
    spans, ends_open = _quote_spans(text, continued)
    state.quote_open = ends_open
    # a quote is a statement when long enough to be more than a scare-quoted phrase, or
    # when it is the whole sentence ('"Our army is ready."')
    real = [(a, b) for a, b in spans
            if len(_WORD.findall(text[a:b])) >= _MIN_QUOTE_WORDS or (continued and a == 0)
            or (b == len(text) and ends_open)
            or not _WORD.search(text[:a] + text[b:])]
    masked = list(text)
    for a, b in spans:
        # a short quoted phrase with no actor in it is read as words: 'Erdogan "strongly
        # condemned" the vote' has its verb inside the quotes
        if (a, b) not in real and _SCARE_QUOTE.fullmatch(text, a, b) \
                and _WORD_BEFORE.search(text, 0, max(0, a - 1)) \
                and not _mentions_in(text_mentions, a, b):
            continue
        masked[a:b] = "_" * (b - a)
    masked = "".join(masked)
    dl = _DATELINE.match(masked)
    lo = dl.end() if dl else 0
    state.timeline = bool(dl) and dl.group().rstrip().endswith(":")
    if dl and "/" in dl.group():
        # "ANKARA/TEHRAN — Both capitals warned …": a shared dateline names "the two sides"
        sides = sorted({m.actor for place in _DATELINE_PLACE.findall(dl.group())
                        for m in cfg.actors.find(place.title())
                        if m.kind == "actor" and m.actor != "other"})
        if len(sides) >= 2:
            state.last_plural = sides

    # unmasked and without a dateline, the sentence's own mentions are the same search
    mentions = _mentions(masked, lo, cfg, state,
                         list(text_mentions) if lo == 0 and masked == text else None,
                         resolved=text_mentions)
    context = _locative_context(masked, lo, mentions)
    remember_titles(text, text_mentions, cfg.head_res, state.titles, state.title_owners)
    # "In Hawrami's telling, Baghdad's reaction had not been hostile": the claim is his
    named_source = _NAMED_SOURCE.match(masked, lo) or _VERDICT_OF.match(masked, lo)
    if named_source:
        named_source = _named_holders(named_source, mentions)
    holders, kind, content_end = (named_source, "reported", None) if named_source else \
        _trailing_attribution(masked, lo, mentions, cfg, state, context)
    speakers = holders  # who speaks: what "he said" in a later sentence refers to
    lead_source = _leading_source(masked, lo, cfg) if holders is None else None
    if lead_source:
        # "In his telling, Baghdad would have attacked anyway": the claim is his
        holders, kind = _owners(lead_source, state), "reported"
        speakers = holders
    elif holders is None:
        holders, kind = _clause_holders(masked, lo, mentions, cfg, state, context)
        speakers = holders
        said = _MEDIA_SAID.match(masked, lo) or _outlet_said(masked, lo, mentions, cfg)
        # (an actor among the holders after a medium that speaks first is a partner named in
        # the relayed clause: "Anadolu said Turkish troops held joint drills with Iraqi forces")
        relay = (_MEDIA_RELAY.match(masked, lo) or said) if not _has_actor(holders[:1]) else \
            said if said and said.groupdict().get("owner") else None  # the owner only owns the medium
        # "Turkish newspapers reported that Erdogan and Trump agreed …": the outlet only
        # relays; the content's own subject speaks or acts
        relayed = _relayed(masked, relay.end(), mentions, cfg, state, context) if relay else None
        if relayed:
            holders, kind = relayed
    elif not named_source:
        # nested report: "Tillerson thanked the KRG …, Kurdish officials said" is the US's
        # position, and "Abadi and Erdogan agreed …, sources said" both sides'
        inner_mentions = [m for m in mentions if m.start < content_end]
        inner, inner_kind = _clause_holders(masked[:content_end], lo, inner_mentions, cfg, state,
                                            context, named_only=True)
        clause_inner = bool(inner)
        if not inner:
            inner = _speaker_before_parenthetical(masked, lo, content_end, inner_mentions, cfg)
        # … but "Iran, Iraq and Turkey would work together …, he said" is his forecast
        # … and "Islamic State remained the main threat …, she added" is hers: a group
        # outside the dictionary does not take over the speaker's statement
        # … while "Iran, Iraq and Turkey all stood against it, he added" is his own claim
        if clause_inner and not _has_actor(inner) and inner_kind == "reported" \
                and _has_actor(holders) and _RELAY_BODY.search(masked, content_end):
            # "Syria's foreign minister told his Iraqi counterpart that Damascus rejects the
            # vote, the Iraqi minister's office said": the office relays another's words
            holders, kind, speakers = inner, inner_kind, inner
        elif inner and all(sp.lower() in ("he", "she") for _, sp in holders) \
                and _speaking_person_opens(masked, lo, inner_mentions, cfg):
            # "Masrour Barzani calls for dialogue on a question that, he says, has been left
            # hanging": he is the person whose words the clause reports
            holders, kind, speakers = inner, inner_kind, inner
        elif inner and not _modal_first(masked, lo, content_end, cfg.cue_re, state.text) \
                and _has_actor(inner) and (not _a_person(
                    holders, state, masked[content_end:],
                    frozenset() if _shared_actor(holders, inner) else cfg.surnames)
                    # a deed a witness of no side reports ("government forces seized …, police
                    # Captain X told Anadolu") is the doer's
                    or (inner_kind == "action" and not _has_actor(holders))):
            # a listed surname ("Measures taken by Erbil …, Jaafari added, …") keeps his
            # words unless the clause is his own side's ("The two sides stressed …, Bagheri
            # told IRNA")
            if not _has_actor(holders):
                # "X has issued a message, according to a Kurdish news site. He writes …": he
                # is X, not the outlet
                speakers = inner
            # "…, according to the Peshmerga, who said they had repelled the assault": the
            # source also speaks for itself
            own = holders if _SOURCE_SPEAKS.search(masked, content_end) else []
            holders, kind = inner + [h for h in own if h not in inner], inner_kind
        elif all(_organisation(a, sp, cfg) for a, sp in holders) \
                and _REPORTED_BY.search(masked, content_end) \
                and not _modal_first(masked, lo, content_end, cfg.cue_re):
            # "He called for …, according to remarks carried by Rudaw": an outlet (or another
            # listed group) that reports is the source, the clause's own subject the speaker
            # ("he" included); "Baghdad should talk, the UN said" stays the UN's
            inner, inner_kind = _clause_holders(masked[:content_end], lo, inner_mentions, cfg,
                                                state, context)
            if inner and _has_actor(inner):
                holders, kind = inner, inner_kind
                speakers = holders
    if holders and content_end is not None:
        holders = holders + [h for h in _tail_speakers(masked, content_end, mentions, cfg)
                             if h not in holders]
    if holders:
        holders = holders + [h for h in _stranded_relative(masked, lo, mentions, cfg)
                             if h not in holders]
    if holders is not None and not _has_actor(holders):
        # "…, at which, the papers reported, the Supreme Leader called for …": a medium's
        # parenthetical relays the clause after it
        after = _PARENTHETICAL_RELAY.search(masked, lo)
        relayed = _relayed(masked, after.end(), [m for m in mentions if m.start >= after.end()],
                           cfg, state, context) \
            if after and len(_WORD.findall(masked[after.end():])) >= 4 else None
        if relayed:
            holders, kind = relayed
            speakers = holders

    if not _has_actor(holders or ()):
        colon = _colon_speaker(masked, lo, mentions, cfg)
        if colon:
            holders = speakers = _holders(colon)
            kind = "reported"
    all_actors = sorted({m.actor for m in text_mentions if m.kind == "actor"})
    if len(all_actors) >= 2:
        state.last_plural = all_actors
    named = [m for m in mentions if m.kind == "actor"]
    # the people the sentence names, by full name or listed surname; those of a side
    people = [m for m in named if _person_like(m.surface) or m.surface in cfg.surnames]
    people_named = [m for m in people if m.actor != "other"]
    if named:  # what "the ministry said" or "he said" can fall back on before any holder
        state.mentioned = [(named[-1].actor, named[-1].surface)]
        if people:
            state.mentioned_person = [(people[-1].actor, people[-1].surface)]
        state.named_people = (state.named_people + [m.actor for m in people_named])[-6:]
    item = _LIST_ITEM.match(text)
    if not holders and not real and state.list_owner and item:
        # the points a statement "set out:" are its holder's, one item per sentence
        holders, kind = state.list_owner, "reported"
    elif holders or not item:
        state.list_owner = []
    if text.rstrip().endswith(":") and not real:
        state.list_owner = holders or state.last_holders
    if holders and state.pending and not real and state.last_holders \
            and len(_WORD.findall(text)) > _ATTRIBUTION_ONLY_WORDS:
        # '"…" Erdogan agreed, adding that …': a new statement, not the quote's attribution;
        # the quote stays with the speaker before it
        _flush_pending(rows, state)
    state.recent_person = [(people_named[-1].actor, people_named[-1].surface)] \
        if people_named and holders and all(
            a == "other" and (_PLURAL_SPEAKER.search(sp) or _COLLECTIVE.search(sp))
            for a, sp in holders) else []
    state.opening_person = [(people[0].actor, people[0].surface)] \
        if not holders and not real and people \
        and _TITLE_LEAD.fullmatch(masked, _opening_end(masked, lo), people[0].start) \
        else []
    # "McGurk flew to Erbil with his British and UN counterparts. They offered …": "they" is
    # the opening person's party, not the place
    company = _IN_COMPANY.search(masked, people[0].end) if state.opening_person else None
    state.opening_party = state.opening_person if company and not any(
        company.start() <= m.start < company.end() and m.actor not in ("other", people[0].actor)
        for m in named) else []  # (not "with his Turkish counterparts": both sides)
    asked = _REPORTER_ASKED.search(masked, lo) if not holders else None
    person = next((m for m in people if asked.end() <= m.start <= asked.end() + 60), None) \
        if asked else None
    state.asked_person = [(person.actor, person.surface)] if person else []
    if holders:
        state.last_holders = holders
        if not all(_group_like(actor, surface, cfg) and not _titled_person(text, surface)
                   for actor, surface in speakers):
            state.last_people = speakers
            state.people = (state.people + [speakers])[-4:]
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


def _opening_end(masked, lo) -> int:
    """Where the sentence's subject may start: past an opening phrase of time or place ("In
    July, Ali Shamkhani …")."""
    opening = _OPENING_PHRASE.match(masked, lo)
    return opening.end() if opening else lo


# a reporter's question put to someone: "A reporter asked State Department spokeswoman …"
_REPORTER_ASKED = re.compile(r"\b(?:reporters?|journalists?|correspondents?|questioners?)\s+"
                             r"(?:then\s+|later\s+|also\s+)?asked\s+")
# the people a person opening the sentence came or acted with
_IN_COMPANY = re.compile(r"\b(?:and|with|alongside|along\s+with|accompanied\s+by)\s+(?:his|her)\s+"
                         r"(?:[\w.-]+\s+){0,5}?(?:counterparts|delegation|team|aides|advisers|entourage)\b")
# what may open a sentence before its first person: "Secretary of State Rex Tillerson"
_TITLE_LEAD = re.compile(r"(?:(?:[A-Z][\w.’'-]*|of|the)\s+){0,5}")
_SCARE_QUOTE = re.compile(r"[^“”\",.!?:;]+")  # a phrase, not a sentence ending in "…,"
_WORD_BEFORE = re.compile(r"\w\s*$")


# a live entry or a digest line naming its speaker before a colon: "Vahal Ali, Barzani's media
# director: the truce is holding", "Erdogan to reporters: …" (after a time stamp, which
# _DATELINE skips)
# (after a live blog's time stamp: "14:05 — Erdogan:")
_COLON_LEAD = re.compile(r"(?:\d{1,2}:\d{2}\s*[—–-]?\s*)?([^:;_\n]{3,90}?):\s+(?=\S)")
_COLON_LEAD_WORDS = 10
# … a noun phrase, not a clause ending in a colon: "They also doubted Washington's leverage: …"
_CLAUSE_IN_LEAD = re.compile(r"^\W*(?:he|she|they|it|we|i|this|that|there)\b|\b[a-z]{3,}ed\b",
                             re.IGNORECASE)


def _colon_speaker(masked, lo, mentions, cfg) -> list:
    """The actor mentions of a short lead ending in a colon, with no verb of its own."""
    lead = _COLON_LEAD.match(masked, lo)
    if not lead or len(_WORD.findall(lead.group(1))) > _COLON_LEAD_WORDS \
            or cfg.cue_re.search(masked, lead.start(1), lead.end(1)) \
            or _CLAUSE_IN_LEAD.search(lead.group(1)):
        return []
    label = lead.group(1)
    if label.isupper():  # a transcript's speaker: "MS NAUERT:", "PRIME MINISTER ABADI:"
        label = label.title()
        return _group_from(label, [m for m in cfg.actors.find(label) if m.kind == "actor"])
    return _group_from(masked, [m for m in mentions if m.kind == "actor"
                                and lead.start(1) <= m.start and m.end <= lead.end(1)])


def _tail_speakers(masked, content_end, mentions, cfg) -> list:
    """Holders of a temporal clause after a sentence-final attribution ('"We welcome it,"
    Abadi said on Tuesday, hours after Erbil announced that …'), or []."""
    when = _TAIL_TEMPORAL.search(masked, content_end + 1)
    if not when or "," in masked[content_end + 1:when.start()]:
        return _tail_relative(masked, content_end, mentions, cfg)
    tail = _mentions_in(mentions, when.start(), len(masked))
    cues = [c for c in cfg.cue_re.finditer(masked, when.start()) if not _in_mention(c, tail)]
    return _holders(_temporal_speakers(masked, when.start(), cues, tail))


# "…, the commission said, releasing figures for a vote that Baghdad refused to accept" (not
# every `_OBJECT_RELATIVE`: "…, X said, was what Washington wanted" stays his words)
_TAIL_OBJECT = re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?P<vote>vote|referendum|poll|ballot|"
                          r"move|decision|step|plan)\s+(?:that|which)\s+(?:the\s+)?(?=[A-Z])")


def _tail_relative(masked, content_end, mentions, cfg) -> list:
    """Holders of an object relative after a sentence-final attribution, or []."""
    found = []
    for rel in _TAIL_OBJECT.finditer(masked, content_end + 1):
        subject = _relative_clause_subject(masked, rel, mentions, cfg, allies=True)
        found += [h for h in _holders(subject) if h not in found]
    return found


def _stranded_relative(masked, lo, mentions, cfg) -> list:
    """Holders of a sentence-final relative clause that strands its preposition ("Barzani
    said he agreed only to talks, not to the postponement Tillerson had asked for"): the
    relative's subject asked for it too, beside the main clause's holders; or []."""
    body = masked.rstrip(" .!?…")
    cut = body.rfind(",", lo)
    if cut < 0 or not _STRANDED.search(body, cut) or len(_WORD.findall(body[cut:])) > 10:
        return []
    inside = _mentions_in(mentions, cut, len(body))
    # the subject right before its verb and preposition: "… Tillerson had asked for"
    if not inside or not _STRANDED_VERB.fullmatch(body, inside[-1].end) \
            or not cfg.cue_re.regex.search(body, inside[-1].end):
        return []
    return _holders(_group_from(masked, inside[-1:]))


def _in_mention(cue, mentions) -> bool:
    """Whether a cue match overlaps one of `mentions` (a cue word inside a name is no verb)."""
    return any(m.start < cue.end() and cue.start() < m.end for m in mentions)


def _has_actor(holders) -> bool:
    """Whether any of (actor, surface) `holders` is one of the dictionary's actors."""
    return any(a != "other" for a, _ in holders)


def _outlet_said(masked, lo, mentions, cfg):
    """The match of "<outlet> said" opening the sentence at `lo` ("IRNA said Iran had
    closed …"), or None: the outlet relays the clause after it."""
    first = next((m for m in mentions if m.start >= lo), None)
    if first is None or first.surface not in cfg.actors.media \
            or not _OUTLET_LEAD.fullmatch(masked, lo, first.start):
        return None
    return _OUTLET_SAYS.match(masked, first.end)



def _relayed(masked, at, mentions, cfg, state, context):
    """(holders, kind) of the clause a medium relays from `at`, or None when no actor
    speaks or acts in it."""
    inner, kind = _clause_holders(masked, at, mentions, cfg, state, context, named_only=True)
    if not _has_actor(inner):
        # "… reported that he had ordered …", "… that the prime minister had …": the person
        # the document named
        inner, kind = _clause_holders(masked, at, mentions, cfg, state, context)
        inner = [h for h in inner if h[1].lower() in ("he", "she") or _PERSON_TITLE.fullmatch(h[1])]
    own = [] if _has_actor(inner) else _medium_country(masked, at, mentions, cfg)
    if own:
        # "Iraqi state TV reported that the army had entered …": a description the clause
        # opens with is the medium's country's
        inner, kind = _clause_holders(masked, at, mentions, cfg, state, own)
        inner = [h for h in inner if h[0] in {a for a, _ in own}
                 and h[1].lower() not in ("he", "she", "it", "they")]
    return (inner, kind) if _has_actor(inner) else None


def _medium_country(masked, at, mentions, cfg) -> list:
    """[(actor, adjective)] of a national medium relaying from `at` ("Iraqi state TV",
    "Iranian media"), or []."""
    medium = next((m for m in reversed(mentions) if m.end <= at and m.actor == "other"), None)
    if medium is None or not (medium.surface in cfg.actors.media
                              or _MEDIA_SURFACE.search(medium.surface)):
        return []
    first = medium.surface.split()[0]
    return [(m.actor, m.surface) for m in cfg.actors.find(first) if m.kind == "actor"][:1]


def _speaking_person_opens(masked, lo, mentions, cfg) -> bool:
    """Whether a named person, not a group, opens the sentence with a verb of speech
    ("Masrour Barzani calls for …")."""
    opener = next((m for m in mentions if m.start == lo and m.kind == "actor"), None)
    if opener is None or not (_person_like(opener.surface) or opener.surface in cfg.surnames) \
            or _group_like(opener.actor, opener.surface, cfg):
        return False
    verb = _cue_after(masked, opener.end, cfg)
    return verb is not None and verb.lastgroup == "speech"


def _mentions_in(mentions, a, b):
    """The mentions that start inside text[a:b]."""
    return [m for m in mentions if a <= m.start < b]


def _mentions(masked, lo, cfg, state, found=None, resolved=()):
    if found is None:
        # the masked text's mentions, each as the sentence's own (`resolved`: shared aliases
        # given their actor for the whole document) where it spans the same text
        found = cfg.actors.find(masked, lo)
        if cfg.actors.shared:
            same = {(m.start, m.end): m for m in resolved}
            found = [same.get((m.start, m.end), m) for m in found]
    if state.names is not None:
        taken = [(m.start, m.end) for m in found]
        for m in state.names.find(masked, lo):
            if not any(a < m.end and m.start < b for a, b in taken):
                found.append(m)
        found.sort(key=lambda m: m.start)
    # "objections from Iraq's neighbours": other people than the actor's own; "Turkey's main
    # opposition Republican People's Party": a group outside the actors
    return [m for i, m in enumerate(found) if not _OTHERS_OF.match(masked, m.end)
            and not (i + 1 < len(found) and found[i + 1].kind == "other"
                     and (head := _POSSESSIVE_OF_OTHER.match(masked, m.end)) is not None
                     and head.end() == found[i + 1].start)]


_POSSESSIVE_OF_OTHER = re.compile(r"['’]s\s+(?:(?:main|opposition|secular|nationalist|pro-Kurdish|"
                                  r"largest|biggest|second-largest|far-right|leftist|Islamist|"
                                  r"top|leading|Shiite|Shia|Sunni)\s+){1,3}")




def _locative_context(masked, lo, mentions):
    m = _LOCATIVE.match(masked, lo) if lo == 0 else _LOCATIVE.match(masked[lo:])
    if not m:
        return []
    a, b = (lo + m.start(1), lo + m.end(1)) if lo else (m.start(1), m.end(1))
    # a channel is no place: "In remarks broadcast on Iraqi state television, the prime
    # minister said"
    inside = [x for x in mentions if a <= x.start < b and x.kind == "actor"
              and not _MEDIA_SURFACE.search(x.surface)]
    # a place ("In Baghdad, officials said"), not a possession ("At Baghdad's request, …")
    if any(masked[x.end:x.end + 2] in ("'s", "’s") for x in inside):
        return []
    return [(x.actor, x.surface) for x in inside]


def _trailing_attribution(masked, lo, mentions, cfg, state, context):
    """Holders from an attribution after a quote or at the end ("…," X said), or None.

    Returns (holders, kind, content_end): the content before `content_end` is what
    the holder said, not a subject.
    """
    body = masked.rstrip(" .!?…")
    # "As Iraqi troops massed, Turkish officials said Ankara …": the comma that closes a leading
    # subordinate clause opens the main clause, no attribution after a content
    lead = _LEADING_SUBORDINATE.match(masked, lo)
    all_cuts = [m for m in _TRAIL_SPLIT.finditer(body, lo) if not _in_list(masked, m, mentions)]
    if lead and all_cuts and all_cuts[-1].end() == lead.end():
        all_cuts.pop()
    # nor does an opening phrase of place or time ("At a joint news conference, …")
    opening = _OPENING_PHRASE.match(masked, lo)
    if opening and not cfg.cue_re.search(masked, lo, opening.end()) \
            and not _OWNED.search(opening.group()) \
            and not cfg.actors.find_generic(masked, lo, opening.end()):  # "From X's circle, …" is a source
        all_cuts = [m for m in all_cuts if m.end() != opening.end()]
    cuts = [m for m in all_cuts if m.start() - lo >= 12]
    # an attribution right after a closing quote wins; else the sentence's last segment
    after_quote = [m for m in cuts if _QUOTE_END.search(masked[max(lo, m.start() - 3):m.end()])
                   and masked[m.start()] in "”\"" or (masked[m.start()] == "," and masked[max(lo, m.start() - 1)] in "_”\"")]
    # a short parenthetical ", he said," / ", the ministry said on Monday," anywhere
    # (also right after a short subject: "Iraq, the council said, had shown …")
    parenthetical = []
    for i, m in enumerate(all_cuts[:-1]):
        seg = masked[m.end():all_cuts[i + 1].start()]
        verb = cfg.trail_re.search(seg)
        tail = _WORD.findall(seg[verb.end():]) if verb else []
        # ", Abadi said on Sunday,", ", X said in a statement on Sunday,", ", he told a
        # conference in Istanbul on Monday,": a short subject, then a verb and circumstances
        if _NAMED_SOURCE.fullmatch(seg) and masked[m.start()] == "," \
                and masked[all_cuts[i + 1].start()] == ",":
            parenthetical.append(m)  # ", in Kak Fazil's words,"
        elif verb and len(_WORD.findall(seg[:verb.start()])) <= 5 and len(tail) <= 8 \
                and not (tail and tail[0].lower() in ("that", "it", "he", "she", "they", "we")) \
                and not (tail and tail[0][:1].islower() and tail[0] not in _CIRCUMSTANCE
                         and not tail[0].endswith("ly") and cue_word(verb) not in _OBJECT_TRAIL) \
                and masked[all_cuts[i + 1].start()] == "," and masked[m.start()] == "," \
                and not (_SOURCE_CUE.match(verb.group())
                         and cfg.cue_re.regex.match(masked, all_cuts[i + 1].end())):
            parenthetical.append(m)
    cuts = sorted(set(cuts) | set(parenthetical), key=lambda m: m.start())
    ordered = after_quote + parenthetical + ([cuts[-1]] if cuts else [])
    if len(cuts) >= 2 and _TAIL_CLAUSE.match(body, cuts[-1].end()):
        # "…, Iran's foreign minister said on Monday, where he had …": the attribution is the
        # segment before a trailing relative or subordinate clause
        ordered.append(cuts[-2])
    for cut in ordered:
        nxt = [m.start() for m in cuts if m.start() > cut.start()]
        seg_lo, seg_hi = cut.end(), (nxt[0] if nxt else len(body))
        if _STRANDED.search(masked, seg_lo, seg_hi):
            continue  # "…, not to the postponement Tillerson had asked for": see _stranded_relative
        if _CONTRAST_OPENS.match(masked, seg_lo):
            continue  # "X said …, while Erdogan called it illegitimate and …": a clause of its own
        if cut in after_quote and _ACCORDING_DOCUMENT.match(masked, seg_lo):
            # 'Tillerson "would rather see it postponed," according to the statement': the
            # document quotes the person who opens the sentence, not its issuer
            opener = _mentions_in(mentions, lo, cut.start())[:1]
            if opener and not masked[lo:opener[0].start].strip() \
                    and _OPEN_QUOTE.match(masked, opener[0].end):
                return _holders(opener), "reported", cut.start()
        back_lo = _quote_end_before(masked, lo, seg_lo)
        if back_lo is None and (not nxt or cut in parenthetical):
            # "Iran and Iraq, the commander of …, Mohammad Pakpour, said, had …": the speaker
            # is in the appositives before a bare verb
            back_lo = _appositives_before(masked, cuts, cut, cfg)
        found = _attribution_segment(masked, seg_lo, seg_hi, mentions, cfg, state, context,
                                     last=not nxt, back_lo=back_lo)
        if found and _SOURCE_CUE.match(masked, seg_lo) \
                and all(_organisation(a, sp, cfg) for a, sp in found):
            # "…, Qasemi told his weekly briefing, according to a transcript carried by Iranian
            # media": the outlet relays the attribution before it
            before = [m for m in cuts if m.start() < cut.start()]
            speaker = _attribution_segment(masked, before[-1].end(), cut.start(), mentions, cfg,
                                           state, context, last=False) if before else None
            if speaker and _has_actor(speaker):
                return speaker, "reported", before[-1].start()
        if found:
            return found, "reported", cut.start()
    return None, None, None


# a leading subordinate clause whose subject is its own ("As Barzani put it, …" lends the next
# clause its speaker)
_CLOSED_LEAD = re.compile(r"\b(?:" + _SUBORDINATORS + r")\s(?!then\b|that\b|this\b|now\b)",
                          re.IGNORECASE)
_OWNED = re.compile(r"['’]s\b")
# a digest's label before a colon: "Abadi in Tehran: Khamenei tells …"
_LABEL_COLON = re.compile(r"(?:[\w.'’-]+\s+){0,5}[\w.'’-]+:\s+(?=[A-Z])")
# a phrase of place or time opening a sentence: "At a joint news conference, …", "In July, …"
_OPENING_PHRASE = re.compile(r"(?:in|on|at|during|after|before|from|by)\s[^,;:_—–]{2,50}?,\s",
                             re.IGNORECASE)
_CONTRAST_OPENS = re.compile(r"(?:while|whereas|but)\s", re.IGNORECASE)
# a segment ending in a preposition is a relative clause missing its object ("…, steps Baghdad
# had asked for"; not "…, he went on")
_STRANDED = re.compile(r"\s(?:for|to|with|against|about|of|from)\s*$", re.IGNORECASE)
_STRANDED_VERB = re.compile(r"\s+(?:(?:had|has|have|would|was|were|had\s+been)\s+)?(?:\w+ly\s+)?"
                            r"[a-z]+\s+(?:for|to|with|against|about|of|from)\s*")
_LIST_AND = re.compile(r"\b(?:and|or)\b")


def _in_list(masked, cut, mentions) -> bool:
    """Whether comma `cut` separates the members of a list of three or more mentions ("The
    foreign ministers of Iraq, Turkey and Iran vowed …"): no attribution starts there."""
    if masked[cut.start()] != ",":
        return False
    for i, m in enumerate(mentions):
        if m.end == cut.start():
            before = _group_ending(masked, mentions, i)
            after = _group_from(masked, mentions[i:])
            # the list goes on to its "and": "Iraq, Turkey and Iran, Erdogan said" is cut
            # before Erdogan
            return len(after) >= 2 and after[1].start == cut.end() \
                and len(before) + len(after) - 1 >= 3 \
                and any(_LIST_AND.search(masked, a.end, b.start) for a, b in zip(after, after[1:]))
    return False


# who relays another's words at the end of a sentence: "…, the Iraqi minister's office said"
_RELAY_BODY = re.compile(r"\b(?:office|ministry|officials|sources|statement|spokes(?:man|woman|person)|"
                         r"presidency|embassy|readout)\b", re.IGNORECASE)
_ACCORDING_DOCUMENT = re.compile(r"according\s+to\s+" + _DOCUMENT, re.IGNORECASE)
_SOURCE_SPEAKS = re.compile(r",\s+(?:who|which)\s+(?:also\s+)?(?:said|says|added|claimed|stated)\b")
# how long before or after: "hours", "shortly", "a day", "only two weeks", "a few days"
_TIME_LEAD = (r"(?:(?:just|only|shortly|soon)\s+)?(?:(?:a\s+)?\w+\s+(?:minutes?|hours?|days?|weeks?|"
              r"months?)\s+|(?:minutes|hours|days|weeks|months)\s+)?")
_TAIL_TEMPORAL = re.compile(r",\s+" + _TIME_LEAD + r"(?:after|before|as|when)\s")
_OPEN_QUOTE = re.compile(r"\s*[“\"]")


def _appositives_before(masked, cuts, cut, cfg):
    """Start of the one or two short segments before the last one, when they are the
    subject: "…, the deputy commander of Iran's army, Brigadier General X, said"."""
    before = [m for m in cuts if m.start() < cut.start()]
    for back in before[-2:][::-1]:
        seg = masked[back.end():cut.start()]
        if back is before[-1] and _PARTICIPLE_START.match(seg):
            continue  # "Later Erdogan, meeting Rouhani, said …": an aside, not the subject
        if cfg.trail_re.search(seg) or len(_WORD.findall(seg)) > 12:
            return None
        if masked[back.start()] == "," and not _AND_START.match(seg):
            start = back.end()
            if len(before) < 2 or back is before[-2] or masked[before[-2].start()] != ",":
                return start
    return None


# what may follow the verb of a parenthetical attribution (", Ankara said on Monday,",
# ", he said in a statement,"): not an object (", Ankara and Tehran have all announced
# measures," is a clause); verbs that take their listener (", he told reporters,") may
_CIRCUMSTANCE = frozenset("""on in at to during after before earlier later last this late
yesterday today tonight also again afterwards then when while from via by through with
over as a an the once twice too yet further more still repeatedly""".split())
_OBJECT_TRAIL = frozenset({"told", "tells", "reminded", "asked", "according to"})
_AND_START = re.compile(r"\s*(?:and|but|or)\b", re.IGNORECASE)
_PARTICIPLE_START = re.compile(r"\s*[a-z]{2,}ing\s")


# a list item under "… set out three points:" — lower-case, or ending in ";"
_LIST_ITEM = re.compile(r"\s*(?:[a-z]|[^\n]*;\s*$)")
_INTERVIEWER = re.compile(r"\W*(?:Q|Question|QUESTION|Reporter|REPORTER|Interviewer|Journalist)\s*:")
_BOLD_NAME = re.compile(r"\*\*\s*([A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,2})\s*:\s*(?!\*)")


def _interviewer_opens(text, cfg) -> bool:
    """Whether a sentence opens an interviewer's question: "Q: …", or a bold paragraph
    "**Amanpour: …" whose name is no actor's (not "**Barzani: We will …**")."""
    if _INTERVIEWER.match(text):
        return True
    bold = _BOLD_NAME.match(text)
    return bool(bold) and not any(m.kind == "actor" for m in cfg.actors.find(bold.group(1)))


def _speaker_before_parenthetical(masked, lo, content_end, mentions, cfg):
    """"Barzani, it said, told the ambassador that …": the subject before a parenthetical
    attribution whose sentence goes on with a speech verb spoke (not "Iraq, the council
    said, had shown restraint", a claim about Iraq)."""
    close = masked.find(",", content_end + 1)
    cue = _cue_after(masked, close + 1, cfg) if close > 0 else None
    word = cue.group().lower() if cue else ""
    if not cue or cue.lastgroup != "speech" or word in _AUX or word.endswith("ing"):
        return []  # "…, Velayati said, adding that …" and "…, the president said, was …"
    return _holders(_subject_group(masked, lo, content_end, mentions))


# a group that "he" or "she" cannot refer back to: "Iraqi officials", "the Americans", "Kurds"
_PLURAL_SPEAKER = re.compile(r"(?:\b[a-z]+[^\Wsu]s|\b[A-Z][a-z]+(?:ans|is|ks|ds))$")
# … nor a body: "the Kurdish delegation", "the government"
_COLLECTIVE = re.compile(r"\b(?:delegation|government|ministry|council|parliament|office|"
                         r"command|leadership|presidency|cabinet|army|military|team|side|party)$",
                         re.IGNORECASE)


def _no_group(state, cfg) -> list:
    """The last holders, or, when no person has held yet and they are all groups ("Iranian
    front pages led with …"), the last person the document named: whom "he" or "him" can be."""
    if state.last_holders and all(_group_like(a, s, cfg) for a, s in state.last_holders) \
            and state.mentioned_person:
        return state.mentioned_person
    return state.last_holders


def _group_like(actor, surface, cfg) -> bool:
    """A speaker "he" or "she" does not refer back to: a listed organisation or a plural."""
    return _organisation(actor, surface, cfg) or bool(_PLURAL_SPEAKER.search(surface))


# after an adjective: "President Emmanuel Macron", "Foreign Minister Jean-Yves Le Drian"
_TITLE_THEN_NAME = (r"\s+(?:(?:[A-Z][a-z][\w-]*|foreign|defen[cs]e|prime|deputy|vice)\s+){1,3}?"
                    r"[A-Z][\w-]+\s+(?:[a-z]{2,3}\s+)?[A-Z][\w-]+(?![\w'’-])")


def _titled_person(text, surface) -> bool:
    """Whether a group-like surface is the adjective of a titled person the sentence names
    ("French President Emmanuel Macron said …"): "he" later is that person."""
    return bool(re.search(r"\b" + re.escape(surface) + _TITLE_THEN_NAME, text))


def _shared_actor(a, b) -> bool:
    """Whether two holder lists share an actor."""
    return bool({x for x, _ in a} & {x for x, _ in b})


def _a_person(holders, state=None, attribution="", surnames=frozenset()) -> bool:
    """Whether a speaker is a person: "he", "she", a full name ("Ibrahim Kalin"), a listed
    person's surname ("Jaafari"), a person's title ("the commander", "the prime minister")
    or, given the document's state and the attribution's text, a surname the document gave
    a person ("according to Jazayeri"; not "Abadi's office")."""
    return any((s.lower() in ("he", "she") or _person_like(s) or _PERSON_TITLE.fullmatch(s)
               or (s in surnames and not re.search(r"\bthe\s+" + re.escape(s) + r"|"
                                                    + re.escape(s) + r"['’]s\b", attribution))
               or ((own := _IN_POSSESSIVE.match(s)) is not None
                   and own.group(1).lower() != "their")  # "Iraq, in his reading, is …"
               or (state is not None and state.names is not None and " " not in s
                   and state.names.whole(s) is not None
                   and not re.search(re.escape(s) + r"['’]s\b", attribution)))
               # "according to a statement from Ibrahim al-Jaafari's office": his office's
               and not (attribution and re.search(re.escape(s) + r"['’]s\s+(?:office|ministry|"
                                                  r"aides?|spokes\w+|press)", attribution))
               for _, s in holders)


# a person referred to by title; not "the official" or "the source", whose reports of a
# side's deeds are that side's
_PERSON_TITLE = re.compile(
    r"(?i)(?:the\s+)?(?:(?:foreign|defen[cs]e|interior|prime|deputy|vice|supreme)\s+)?(?:minister|commander|"
    r"general|colonel|spokes(?:man|woman|person)|president|premier|envoy|ambassador|diplomat|"
    r"consul|governor|lawmaker|cleric|leader|chief|adviser|advisor|aide)")


def _modal_first(masked, lo, hi, cue_re, text=None) -> bool:
    """Whether the content's first verb is a modal ('… would work together …'; in `text`, the
    unmasked sentence, also inside a quote: 'Iran and Turkey "should take every step" …')."""
    modal = _MODAL.search(masked if text is None else text, lo, hi)
    if not modal:
        return False
    # a verb in a relative clause describes the subject: "Kurdish leaders who declare
    # independence must be ready to face the consequences, X said" is X's warning
    verb = next((c for c in cue_re.finditer(masked, lo, hi) if c.group().lower() not in _AUX
                 and not _RELATIVE_BEFORE.search(masked, max(lo, c.start() - 16), c.start())
                 and not _NOUN_BEFORE.search(masked, max(lo, c.start() - 24), c.start())), None)
    return verb is None or modal.start() <= verb.start()


def _passive_cue(masked, lo, cue) -> bool:
    """Whether `cue` is passive: after an auxiliary ("was told by"; "are coordinating" is
    active), or a participle of a position after its noun ("a ban ordered by Baghdad")."""
    if _PASSIVE_AUX.search(masked[max(lo, cue.start() - 25):cue.start()]):
        return not cue_word(cue).endswith("ing")
    return bool(_BY_NAME.match(masked, cue.end())) and _position_participle(masked, lo, cue)


# (and places and goods: "The Kurdistan region's airports had been closed" names no agent)
_ABSTRACT_OWNED = re.compile(r"['’]s\s+(?:[a-z]+\s+){0,2}?(?:integrity|sovereignty|unity|borders?|"
                             r"territory|stability|security|constitution|future|interests?|"
                             r"airports?|airspace|crossings?|oil|exports?|salaries|budget|"
                             r"banks?|offices?|flights?|economy|trade|cities|towns?)\b")
_BY_NAME = re.compile(r"\s+by\s+(?:the\s+)?[A-Z]")  # "… ordered by Baghdad"
_RELATIVE_BEFORE = re.compile(r"\b(?:who|that|which)\s+(?:\w+ly\s+)?$")


# a sentence that opens with a source relaying a report ("Turkish media reported that …",
# "Reuters, citing two officials, reported on Monday that …"); it applies when the sentence's
# holders are all `other` (the outlets are in the actor dictionary's `other` list)
_MEDIA_RELAY = re.compile(r"(?:[\w.’'-]+\s+){0,5}?[\w.’'-]+(?:,\s[^,;]{3,60},)?\s+"
                          r"(?:has\s+|have\s+|had\s+)?(?:also\s+)?"
                          r"(?:reported|quoted\s+[^,;]{3,60}?\s+as\s+saying|cited\s+[^,;]{3,60}?\s+as\s+saying|"
                          r"carried\s+(?:a\s+)?reports?|broadcast|published\s+(?:a\s+)?reports?)"
                          r"(?:\s+on\s+\w+)?\s+(?:that\s+)?", re.IGNORECASE)
# … or a medium or report that "said" ("Iraqi state television said federal forces had
# taken …", "Local reports said Hashd units had left …")
# the verb after a medium: "… on Monday said (that)"
_MEDIUM_SAYS = r"(?:\s+on\s+\w+)?\s+(?:has\s+|have\s+)?(?:said|says|showed|suggested)\s+(?:that\s+)?"
_MEDIA_SAID = re.compile(r"(?:[\w.’'-]+\s+){0,4}?(?:television|TV|media|newspapers?|news\s+agency|"
                         r"agency|reports|outlets?|broadcaster|channels?|website|daily|radio|press)"
                         # "Media channels belonging to the PUK said …": whoever owns it
                         r"(?P<owner>\s+(?:belonging|affiliated|close|linked|tied|loyal)\s+to\s+[^,;]{2,70}?)?"
                         + _MEDIUM_SAYS, re.IGNORECASE)
# before an outlet's name: "State news agency IRNA", "Iran's semi-official Tasnim"
_OUTLET_LEAD = re.compile(r"(?:(?:the|state|state-run|semi-official|official|news|agency|"
                          r"Iran's|Turkey's|Iraq's|[A-Z][a-z]+)\s+){0,4}")
# after it ("Anadolu news agency said" is `_MEDIA_SAID`'s, "Anadolu reported" `_MEDIA_RELAY`'s)
_OUTLET_SAYS = re.compile(_MEDIUM_SAYS)
_PARENTHETICAL_RELAY = re.compile(r",\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,3}?(?:papers?|newspapers?|media|"
                                  r"reports?|press|agency|television|broadcaster|daily|outlets?)"
                                  r"\s+(?:reported|said|wrote|suggested)\s*,\s+", re.IGNORECASE)
_REPORTED_BY = re.compile(r"\b(?:according\s+to|reported|reports|quoted|cited|carried)\b",
                          re.IGNORECASE)


def _organisation(actor: str, surface: str, cfg) -> bool:
    """Whether a holder is a group the dictionary lists as `other` (an outlet, the UN,
    Islamic State): "he said" after it refers to an earlier person."""
    if actor != "other" or surface in cfg.other_people:  # Putin is a person: "he" is him
        return False
    listed = cfg.actors.whole(surface)
    # a listed outlet ("Rudaw"), or a country's media ("Iraqi media", "Iran's state broadcaster")
    return listed is not None and (listed.kind == "other" or (
        listed.actor == "other" and _MEDIA_SURFACE.search(surface) is not None))


def _quote_end_before(masked, lo, hi):
    """End of the last quote before `hi` when only a short appositive (≤ 12 words) follows it."""
    q = masked.rfind("_", lo, hi)
    if q < 0:
        return None
    gap = masked[q + 1:hi]
    return q + 1 if 0 < len(_WORD.findall(gap)) <= 12 else None


def _units(masked, lo, hi, mentions) -> int:
    """Words in masked[lo:hi], a name counting as one ("Mansour al-Baiji of Nouri al-Maliki's
    State of Law Coalition" is five)."""
    n = len(_WORD.findall(masked[lo:hi]))
    for m in mentions:
        if lo <= m.start and m.end <= hi:
            n -= len(_WORD.findall(m.surface)) - 1
    return n


def _has_own_verb(masked, group, cfg) -> bool:
    """Whether the group right after a verb (`_adjacent_subject`) is followed by a verb of its
    own ("said Tehran and Ankara had to …"): it is the subject of what was said, so the verb
    before it reports, not attributes."""
    return bool(group) and (_cue_follows(masked, group[-1].end, cfg) or bool(
        _FINITE.match(masked, group[-1].end)) or bool(_PAST_VERB.match(masked, group[-1].end)))


def _attribution_segment(masked, seg_lo, seg_hi, mentions, cfg, state, context, *, last,
                         back_lo=None):
    seg = masked[seg_lo:seg_hi]
    named = _NAMED_SOURCE.fullmatch(seg.rstrip(" ,.;")) if "_" not in seg else None
    if named:  # "The referendum, in Kak Fazil's words, is not a KDP affair"
        return _named_holders(named, mentions, seg_lo) or None
    verb = cfg.trail_re.search(seg)
    if not verb or "_" in seg:
        return None
    before = seg[:verb.start()]
    after = _WORD.findall(seg[verb.end():])
    according = bool(_SOURCE_CUE.match(verb.group()))
    told = verb.group().lower() in ("told", "tells")  # its object is the audience
    if _units(masked, seg_lo, seg_lo + verb.start(), mentions) > 9 or (
            after and after[0].lower() in _CLAUSE_STARTERS
                                          and not according and not (told and "that" not in after)):
        return None
    if according and before.strip():
        return None  # "… some 40,000 people according to Rudaw, he said …": a detail's source
    if _NOT_ATTRIBUTION.search(before):
        return None  # "…, and Iran warned …", "…, a move that Tehran warned against": a clause
    if last and _units(masked, seg_lo, seg_hi, mentions) > 14:
        return None
    own = _IN_POSSESSIVE.match(verb.group())
    if own:  # "The vote, in his words, was …"
        if before.strip() or after:
            return None
        return [(a, verb.group()) for a, _ in _owners(own.group(1), state)] or None
    seg_mentions = _mentions_in(mentions, seg_lo, seg_hi)
    quoted = _quoted_as(masked, seg_lo, seg_hi, seg_mentions)
    if quoted:
        group = quoted
    elif according:
        group = _group_from(masked, [m for m in seg_mentions if m.start >= seg_lo + verb.end()]) \
            or _resolve_generic(masked, seg_lo + verb.end(), seg_hi, cfg, state, context,
                                speech=False)
    else:
        pre = [m for m in seg_mentions if m.start < seg_lo + verb.start()]
        group = _group_from(masked, pre) if pre else []
        adjacent = _adjacent_subject(masked, seg_lo + verb.end(), seg_mentions) \
            if not group and not before.strip() else []
        if _has_own_verb(masked, adjacent, cfg):
            return None  # "X, Turkey's deputy prime minister, said Ankara stood ready …": content
        if not group and not before.strip() and back_lo is not None:
            # '"…," Captain X, a Kurdish officer, told Anadolu': the subject is in the
            # appositive segments between the quote and the verb
            # … not a place the aside is governed by ("X, on a visit to Ankara, said …")
            group = _subject_group(masked, back_lo, seg_lo,
                                   [m for m in mentions if back_lo <= m.start < seg_lo
                                    and m.kind == "actor" and not _in_relative(masked, 0, m.start)])
        if not group and not before.strip() and cue_word(verb) in cfg.inverting:
            # ', said Turkish Prime Minister X' — not ', said troops that had fought Islamic State'
            group = adjacent
            name = _NAME_AFTER.match(masked, seg_lo + verb.end()) if not group else None
            if name and name.group(1).split()[0] not in _STOP_NAMES \
                    and cfg.actors.whole(name.group(1)) is None \
                    and not _cue_follows(masked, name.end(1), cfg):
                # '"…," said Salam Abdulrahman, a political scientist': a named speaker the
                # dictionary does not know holds the quote as `other`, unless his description
                # names his side ('said Taher al-Duski, a Kurdish officer')
                side = next((m for m in mentions if name.end(1) < m.start < name.end(1) + 40
                             and m.kind == "actor"
                             and _SIDE_DESCRIPTION.fullmatch(masked, name.end(1), m.start)), None)
                return [(side.actor if side else "other", name.group(1))]
        if not group:
            group = _resolve_generic(masked, seg_lo, seg_lo + verb.start(), cfg, state, context,
                                     speech=True)
    return _holders(group) or None


# news boilerplate that a holder said nothing: "could not be reached for comment", "did not
# respond to a request for comment", "declined to comment"; a subject with a modal is
# otherwise a statement ("Baghdad could not accept …")
_NO_COMMENT = re.compile(
    r"\b(?:(?:reached|available|contacted)\s+for\s+(?:a\s+)?comment"
    r"|(?:could|can)\s*(?:not|n['’]t)\s+(?:immediately\s+)?be\s+(?:immediately\s+)?(?:reached|contacted)"
    r"(?=\s*[.,;]|\s+(?:on|by\s+(?:tele)?phone)\b)"  # not "a deal could not be reached without"
    r"|(?:declin|refus)\w*\s+to\s+comment"
    r"|\b(?:had|gave|offered|made)\s+no\s+(?:immediate\s+)?(?:response|comment|reaction)\b"
    r"|\bneither\s+[^,;]{2,40}?\s+nor\s+[^,;]{2,40}?\s+(?:immediately\s+)?(?:commented|responded|replied)\b"
    r"|did\s*(?:not|n['’]t)\s+(?:immediately\s+)?(?:respond|reply|return)\s+(?:to\s+)?(?:\w+\s+){0,2}?"
    r"(?:requests?|calls|queries|e-?mails|messages)\b)", re.IGNORECASE)


# a subject that withholds: "Yildirim gave no details of …", "He declined to say whether …"
_NO_DETAILS = re.compile(
    r"\b(?:(?:gave|gives|offered|provided)\s+no\s+(?:further\s+|other\s+)?(?:details?|indication|timeline|"
    r"timetable|specifics)"
    r"|(?:did|does|would|could)\s*(?:not|n['’]t)\s+(?:immediately\s+)?(?:say|specify|elaborate|give\s+details)"
    r"(?=\s+(?:what|how|when|which|whether|if|who|where|why|on|further)\b|\s*[.,;])"
    r"|declined\s+to\s+(?:say|specify|elaborate))\b", re.IGNORECASE)


def _clause_holders(masked, lo, mentions, cfg, state, context, *, speech_only=False,
                    named_only=False):
    participle = _LEADING_PARTICIPLE.match(masked, lo)
    if participle:  # "Addressing the UN General Assembly, Erdogan said …": the UN is addressed
        lo = participle.end()
    label = _LABEL_COLON.match(masked, lo)
    if label and not cfg.cue_re.search(masked, lo, label.end()):
        # a digest's label before its news: "Abadi in Tehran: Khamenei tells the visiting
        # premier that …" (the label names no speaker when a named subject acts after it)
        cue = cfg.cue_re.search(masked, label.end())
        if cue and any(label.end() <= m.start < cue.start() and m.kind == "actor" for m in mentions):
            lo = label.end()
    bounds = [lo] + [m.end() for m in _CLAUSE_BREAK.finditer(masked, lo)] + [len(masked)]
    lead = _LEADING_SUBORDINATE.match(masked, lo)
    lead_end = _past_list(masked, lead.end(), mentions) if lead else None
    if lead_end and _NAME_ENDS.search(masked, lead.start(), lead_end):
        # "After talks with Jan Kubis, the UN envoy, Nikki Haley said …": the appositive
        # belongs to the name that ends the subordinate clause
        aside = _LEAD_APPOSITIVE.match(masked, lead_end)
        lead_end = aside.end() if aside else lead_end
    if lead_end and lead_end < bounds[-1]:
        # "A day after X pressed …, Turkey called …": two clauses ("On Oct. 29, while the
        # parliament was in session, men stormed …": the lead's end too)
        bounds = sorted(set(bounds) | {lead_end})
    bounds = sorted(set(bounds) | set(_coordinate_clauses(masked, lo, mentions, cfg)))
    holders, kind, carried = [], "reported", []
    for c_lo, c_hi in zip(bounds, bounds[1:]):
        if _NO_COMMENT.search(masked, c_lo, c_hi):
            continue
        clause_mentions = _mentions_in(mentions, c_lo, c_hi)
        cues = [c for c in cfg.cue_re.finditer(masked, c_lo, c_hi)
                if not _in_mention(c, clause_mentions)
                and not (speech_only and c.lastgroup != "speech")
                # from the sentence's start: "…with a vote that Baghdad rejected" opens its
                # clause at "vote", a noun whose article ended the clause before
                and not _NOUN_BEFORE.search(masked, max(lo, c.start() - 24), c.start())
                and not (c.group().lower() in ("claim", "claims")
                         and _CLAIMED_LAND.search(masked, max(c_lo, c.start() - 70), c.end()))
                and not _OBJECT_WHOM.search(masked, max(c_lo, c.start() - 30), c.start())
                and not (c.group().lower() in _BE_HAVE and (_EXPECTED.match(masked, c.end())
                                                            or _BE_FACT.match(masked, c.end())
                                                            or _SUFFERED.match(masked, c.end())))
                and not _EXPECTED_BEFORE.search(masked, max(c_lo, c.start() - 40), c.start())]
        held_back = _NO_DETAILS.search(masked, c_lo, c_hi)
        if held_back and not any(c.end() <= held_back.start() for c in cues):
            continue  # "He would not say what those measures were": nothing stated
        # "was told by", "is coordinating": the auxiliary is part of the next cue's verb (a
        # modal stays: "will not move" states an intention)
        cues = [c for i, c in enumerate(cues) if not (
            c.group().lower() in _BE_HAVE and i + 1 < len(cues)
            and _AUX_GAP.fullmatch(masked, c.end(), cues[i + 1].start()))]
        relative = _relative_subject(masked, c_lo, c_hi, clause_mentions, cfg.cue_re)
        if relative:
            holders.extend(h for h in _holders(relative) if h[0] not in {x[0] for x in holders})
        group, this_kind = [], "action"
        if not cues:
            group = _passive_by(masked, c_lo, c_hi, clause_mentions)
        if not group and not cues:
            subject = _subject_group(masked, c_lo, c_hi, clause_mentions)
            tail = _past_possessive_head(masked, subject[-1].end) if subject else 0
            aside = _LONG_ASIDE.match(masked, tail, c_hi) if subject else None
            if subject and (_PAST_VERB.match(masked, tail)
                            or (aside and _PAST_VERB.match(masked, aside.end()))
                            or (state.timeline and _PRESENT_DEED.match(masked, tail))):
                # "The Hashd, an umbrella of … factions, took part in the push"
                group, this_kind = subject, "action"
            elif not named_only:
                # "He arrived in Kirkuk at the head of Peshmerga fighters": a description or
                # pronoun opening the clause, before any named subject, acts
                gen = cfg.actors.find_generic(masked, c_lo, min(c_hi, c_lo + 40))
                if gen and subject and subject[0].start < gen[0].end:
                    gen = []
                verb = _PAST_VERB.match(masked, gen[0].end) if gen else None
                start = _opening_end(masked, c_lo)  # ("On March 13, the prime minister signed")
                if verb and gen[0].start >= start and not _WORD.findall(masked[start:gen[0].start]):
                    group = _resolve_generic(masked, c_lo, verb.start(), cfg, state, context,
                                             speech=False)
                    this_kind = "action"
        ordered = sorted(cues, key=lambda c: bool(_SOURCE_CUE.match(c.group())))  # "according to" last
        # "The statement came a day after Iraqi forces took Altun Kupri": a clause that only
        # dates its news leaves the deed to the temporal clause's subject
        dated = _CAME_AFTER.match(masked, c_lo)
        spoken = False  # a verb of speech whose speaker is no actor came first
        for cue in ([] if group else ordered):
            if spoken and cue.lastgroup != "action":
                continue  # "…; another said Baghdad and Erbil would have to agree": his words
            this_kind = "action" if cue.lastgroup == "action" else "reported"
            if _SOURCE_CUE.match(cue.group()):
                group = _source_group(masked, cue, clause_mentions)
                # "According to the Iraqi readout, Tillerson renewed …": a document reports the
                # person the main clause names
                doc = _SOURCE_DOCUMENT.match(masked, cue.end())
                if group and doc and not masked[c_lo:cue.start()].strip():
                    main = [m for m in clause_mentions if m.start >= doc.end()]
                    if main and main[0].start == doc.end() and (
                            _person_like(main[0].surface) or main[0].surface in cfg.surnames):
                        group = _group_from(masked, main)
                if not group and not named_only:
                    after = _UP_TO_COMMA.match(masked, cue.end())
                    group = _resolve_generic(masked, cue.end(), after.end(), cfg, state, context,
                                             speech=False)
                if group and not named_only and not masked[c_lo:cue.start()].strip():
                    group += _joint_after_source(masked, cue, c_hi, group, cfg, state, context)
            elif _passive_cue(masked, c_lo, cue):
                by = _BY.search(masked[cue.end():cue.end() + 60])
                if by and (_state_participle(masked, cue.start(), cue.end() + by.end())
                           or _AS_NOUN.search(masked, cue.end(), cue.end() + by.start())):
                    by = None  # "was held in areas controlled by the KRG": a place, no agent
                # the agent is the phrase after "by", not a mention past a comma ("opposed by
                # most regional actors, which warned it would distract from Iraq's fight")
                group = _by_agents(masked, cue.end() + by.end(), clause_mentions) if by else []
                if not group and by:  # "… was waved away by the spokesman"
                    at = cue.end() + by.end()
                    group = _resolve_generic(masked, at, _UP_TO_COMMA.match(masked, at).end(), cfg,
                                             state, context, speech=False)
                if not group and cue_word(cue) in _UNDERGONE:
                    # "the Peshmerga were pushed out …", "the KDP has been told that …": the
                    # subject underwent the deed or was addressed; no later verb makes it act
                    break
                if not group:  # "Turkish troops were deployed …"
                    group = _subject_group(masked, c_lo, cue.start(), clause_mentions)
                    if group and _ABSTRACT_OWNED.match(masked, group[-1].end):
                        group = []  # "Iraq's territorial integrity was stressed": no agent
            else:
                if named_only and cue.group().lower() in _AUX:
                    continue
                group = _subject_group(masked, dated.end() if dated and dated.end() <= cue.start()
                                       else c_lo, cue.start(), clause_mentions)
                if group and _addressee(masked, c_lo, group, cue):
                    group = []
                    break  # "A lawmaker urged Baghdad to halt …": Baghdad is addressed, not a holder
                if group and relative and group[0].end <= relative[0].start < cue.start():
                    # "Abadi received a call from Erdogan, who stressed …": the relative's verb
                    # is its antecedent's, not the main subject's
                    group = []
                    continue
                joint = _PRONOUN_AND.match(masked, _CLAUSE_OPENER.match(masked, c_lo).end()) \
                    if group else None
                if joint and joint.end() <= group[0].start and not named_only:
                    # "He and his Turkish counterpart agreed …": he holds with his partner
                    partners = {g.actor for g in group}
                    group = [m for m in _joint_pronoun(masked, c_lo, joint, partners, carried,
                                                       cfg, state, context)
                             if m.actor not in partners] + group
                # "Mahmoud Osman, a veteran politician, said the government …": not inverted
                aside = _NAMED_WITH_ASIDE.fullmatch(masked, c_lo, cue.start()) if not group else None
                # … nor "A Kurdish analyst in Sulaimani, who asked not to be named, said Barzani …"
                if not group and not aside \
                        and not _DESCRIBED_WITH_ASIDE.fullmatch(masked, c_lo, cue.start()):
                    group = _inverted_group(masked, cue, clause_mentions, cfg.inverting)
                if not group:
                    group = _resolve_generic(masked, c_lo, cue.start(), cfg, state, context,
                                             speech=cue.lastgroup == "speech",
                                             plural_only=named_only)
                    if group and all(m.surface.lower() == "it" and _BARE_BE.match(masked, m.end)
                                     and not any(c.lastgroup == "speech" and c.end() <= m.start
                                                 for c in cues) for m in group):
                        # "It was the first visit since …", "it is to cover Kirkuk": "it"
                        # before a bare "is" or "has" is the narration's, or no one's (not
                        # after a verb of speech: "… and said it was illegal")
                        group = []
                if not group and aside and cue.lastgroup == "speech" and not named_only \
                        and aside.group("name").split()[0] not in _STOP_NAMES:
                    group = _aside_owner(masked, c_lo, cue, aside, clause_mentions)
                if not group and not named_only and cue.group().split()[0].lower().endswith("ing") \
                        and masked.endswith(", ", 0, cue.start()):
                    # "The premier then turned to them, calling on the Kurds not to secede":
                    # the participle's subject is the description opening the clause
                    gens = cfg.actors.find_generic(masked, c_lo, min(cue.start(), c_lo + 40))
                    if gens and not _WORD.search(masked, c_lo, gens[0].start):
                        group = _resolve_generic(masked, c_lo, gens[0].end, cfg, state, context,
                                                 speech=False)
            if not group and carried and cue.start() - c_lo < 60 and not named_only \
                    and not relative:  # "… a call from Erdogan, who stressed …": Erdogan's
                group = carried
            if not group and (_SPEAKER_UNKNOWN.search(masked, c_lo, cue.start())
                              or _SPEAKER_DESCRIBED.search(masked, c_lo, cue.start())) \
                    and cue_word(cue) in cfg.content_cues:
                break  # "X, a lawmaker from …, told reporters that Erbil …": the rest is content
            if not group and cue_word(cue) in cfg.content_cues \
                    and _SOMEONE.search(masked, max(c_lo, cue.start() - 12), cue.start()):
                spoken = True
            if group:
                break
        opening = ordered[-1] if ordered else None  # "according to" sorts last
        if group and all(m.kind != "actor" for m in group) and opening is not None \
                and _SOURCE_CUE.match(opening.group()) and not masked[c_lo:opening.start()].strip():
            # "According to the State Department, the vote has hurt the campaign to drive
            # Islamic State out …": a later verb found no actor; the opening source holds
            source = _source_group(masked, opening, clause_mentions)
            if any(m.kind == "actor" for m in source):
                group, this_kind = source, "reported"
        if not group and cues:
            group, this_kind = _passive_by(masked, c_lo, c_hi, clause_mentions), "action"
        if not group:
            group, this_kind = _reaction_source(masked, c_lo, c_hi, clause_mentions), "reported"
        if not group:
            group, this_kind = _control_gainer(masked, c_lo, c_hi, clause_mentions), "action"
        if not group and not cues:
            # a subject with no verb of its own: the next clause's (not the subject of a
            # leading subordinate clause: "while the parliament was in session, men stormed …")
            if c_hi != lead_end or not _CLOSED_LEAD.search(masked, lead.start(), lead_end):
                carried = subject or carried
            continue
        quoted = _quoted_as(masked, c_lo, c_hi, clause_mentions) or _quoted_generic(
            masked, c_lo, c_hi, cfg, state, context)
        if quoted:
            group, this_kind = quoted, "reported"
        # "Kurdish leaders rejected every call from Baghdad and Ankara to …", "Turkey kept the
        # gate open, despite Baghdad's demands"
        sources = [m for m in _reaction_sources(masked, c_lo, c_hi, clause_mentions)
                   if m not in group] if group else []
        if cues:
            # agents of later passives ("a decision that was condemned by Baghdad"), partners
            # in joint drills, speakers in temporal clauses ("a day after the White House
            # urged …") and the sources of appeals another clause answers.  Not the deeds of
            # temporal clauses ("a week after Iraqi forces seized Kirkuk"): background, which
            # the codebook leaves out (taking them cost dev 0.004 holder F1 and 0.007 force
            # F_avg in session 7; re-tried in session 9: by-writer CV no better)
            extra = _later_passive_agents(masked, c_hi, cues, clause_mentions)
            extra += [m for m in _temporal_speakers(masked, c_lo, cues, clause_mentions)
                      if m not in extra]
            extra += [m for m in sources if m not in extra]
            if group or extra:
                extra += _joint_partners(masked, c_lo, c_hi, clause_mentions)
                extra += _ellipsis_partners(masked, c_lo, c_hi, clause_mentions)
                # "Washington has joined Ankara in pressing Barzani …": both press
                extra += [m for m in clause_mentions if m.kind == "actor" and m not in extra
                          and _JOINED.search(masked, max(c_lo, m.start - 12), m.start)
                          and _IN_DOING.match(masked, m.end)]
            group = list(group) + [m for m in extra if m not in group]
            if group:
                group += _joint_content(masked, group, cues, c_hi, clause_mentions, cfg.cue_re)
                said = next((c for c in cues if c.lastgroup == "speech"
                             and c.start() >= min(m.end for m in group)), None)
                if said is not None and not named_only:
                    # "The White House says the two leaders reaffirmed …": a joint readout
                    # ("Bagheri said after the meeting, according to IRNA, that both sides …")
                    group += _joint_plural_at(masked, _SAID_THAT.match(masked, said.end()).end(),
                                              group, cfg, state, context)
        else:  # a deed without a cue verb ("Iraqi soldiers took part in Turkish drills")
            group = list(group) + sources
            if group:
                group += [m for m in _joint_partners(masked, c_lo, c_hi, clause_mentions)
                          if m not in group]
        new = _holders(group)
        if new:
            if not holders:
                kind = this_kind
            holders.extend(h for h in new if h[0] not in {x[0] for x in holders})
            carried = group
    return holders, kind


# "is", "was", "has" not followed by a participle ("it has also called on …" acts)
_BARE_BE = re.compile(r"\s+(?:is|was|has|had|’s|'s)\b(?!\s+(?:\w+ly\s+|not\s+|also\s+|never\s+|already\s+|just\s+|since\s+|now\s+)*"
                      r"(?:[a-z]{3,}(?:ed|en)|been|made|held|sent|kept|shut|set|cut|led|won|met|"
                      r"drew|struck|fought|brought|sought|began|chose|broke|withdrew|froze|swore|"
                      r"upheld|withheld|threw|told|said)\b)", re.IGNORECASE)
# an auxiliary right after a group: the group is a subject ("said Tehran and Ankara had to …")
_FINITE = re.compile(r"\s+(?:had|has|have|would|will|must|should|could|can|is|are|was|were)\b",
                     re.IGNORECASE)
_AND = re.compile(r",?\s+and\s+(?:both\s+)?(?:the\s+)?")
_TITLE_WORDS = re.compile(r"(?:" + _CAPITAL_WORD + r"){0,3}")  # "and President Recep Tayyip Erdogan"
# "…, and neighbouring Turkey and Iran fear …": an epithet before a new clause's subject
_CLAUSE_SUBJECT_LEAD = re.compile(r"(?:(?:neighbou?ring|fellow|regional|powerful|key)\s+)?"
                                  + _TITLE_WORDS.pattern)
_SUBJECT_GAP = re.compile(r"\s+(?:(?:both|also|later|then|too|itself|has|have|had|since|now|already|again|"
                          r"still|meanwhile|so\s+far|\w+ly)\s+){0,3}")  # "…, and Ankara has since decided"


_OBJECT_RELATIVE = re.compile(
    r",\s+(?:(?:a|an|the|one)\s+(?:[\w-]+\s+){0,2}?(?:move|decision|step|vote|plan|position|stance|"
    r"demand|request|proposal|offer|idea|measure|deal|policy|ban|operation|action|ruling|call|"
    r"condition|ultimatum|initiative|warning|threat|charge|claim|accusation|verdict|referendum|"
    r"poll|ballot)s?\s+"
    # "…, a claim the office of Prime Minister X denied", "…, which Baghdad calls illegal",
    # "…, which the government of Prime Minister Haider al-Abadi rejects"
    r"(?:that\s+|which\s+)?(?:both\s+)?(?:the\s+(?=[A-Z])|the\s+(?:office|government)\s+of\s+"
    r"(?:(?:Prime\s+Minister|President)\s+)?(?=[A-Z]))?"
    r"|which\s+(?:the\s+|" + _GOVERNMENT_OF.pattern + r")?(?=[A-Z])"
    r"|which\s+(?=(?:both|the\s+two|the\s+three)\s))"  # "…, which both governments opposed"
    # "…, whose legitimacy Baghdad disputed and which the United States had also opposed"
    r"|,\s+whose\s+(?:legitimacy|legality|validity|results?|outcome|timing)\s+(?:the\s+(?=[A-Z]))?"
    r"|\band\s+which\s+(?:the\s+(?=[A-Z]))?"
    r"|\bwhat\s+(?:the\s+)?(?=[A-Z])"  # "… in what Erbil describes as a first step"
    # "… voted in a referendum that both Baghdad and Ankara reject"
    r"|(?<=\s)(?P<vote>referendum|vote|poll|ballot)\s+(?:that|which)\s+(?:both\s+)?(?:the\s+(?=[A-Z]))?")


def _past_list(masked, end, mentions):
    """Where a leading phrase ending at `end` (after ", ") really ends: past the rest of a list
    its comma is inside ("After talks with Iraq, Iran and Turkey, Tillerson said"), when a
    comma closes the list ("After Erdogan warned Erbil, Iran and Iraq closed …" ends at `end`)."""
    before = [m for m in mentions if m.end <= end - 1]
    group = _group_from(masked, [m for m in mentions if m.start >= before[-1].start]) if before else []
    last = None
    for a, b in zip(group, group[1:]):
        if b.start >= end and _AND_GAP_WORD.search(masked, a.end, b.start):
            last = b
    close = _LIST_CLOSE.match(masked, last.end) if last else None
    return close.end() if close else end


_LIST_CLOSE = re.compile(r"(?:\s+[a-z][\w-]*){0,2},\s")  # "… and Iranian envoys, "
_AND_GAP_WORD = re.compile(r"\b(?:and|or)\b")


def _past_possessive_head(masked, end) -> int:
    """Where the subject of a past verb ends after the mention ending at `end`: past a
    possessive head of lowercase words ("Iran's foreign minister used …", "Iran's foreign
    minister, X, used …") when the verb or an aside follows it, else `end`."""
    head = _POSSESSIVE_HEAD.match(masked, end)
    if not head:
        return end
    at = head.start(1)
    for word in _WORD.finditer(head.group(1)):
        at = head.start(1) + word.end()
        if _PAST_VERB.match(masked, at) or masked.startswith(",", at):
            return at
    return end


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to)\s+(?:the\s+)?$")  # "… in Ankara, and both leaders …"


_AND_ADVERBIAL = re.compile(
    r"(?:(?:within|by|on|in|after|over|at|early|late)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:hours?|days?|nightfall|dawn|morning|evening|night|afternoon|weekend|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)|(?:hours|days|minutes|weeks|months|soon|shortly)"
    r"\s+(?:later|after(?:wards)?)|later|then|soon|meanwhile|afterwards|now)\s*,?\s+(?:the\s+)?")


_WHERE = re.compile(r",\s+where\s+(?:the\s+)?")
_CAME_AFTER = re.compile(
    r"\s*(?:The|His|Her|Their|Its|This|That|These|Those)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:came|comes|followed|follows)\s+" + _TIME_LEAD + r"(?:after|as|when)\s+")
_SCHEDULES = re.compile(r"\s+(?:\w+ly\s+)?(?:plans?|planned|planning|intends?|intended|held|holds|"
                        r"holding|will\s+hold|is\s+to\s+hold|organi[sz]ed|scheduled)\b")


# "Iran's ambassador and Turkey's ambassador held talks": a possessor's office before "and",
# at the start of its clause (no lower-case word before it but "the"), and another possessor
# after it make one subject, not two clauses
_POSSESSIVE_OFFICE = re.compile(_POSSESSIVE_OFFICE_RE + r"\s*")
_LOWER_WORD = re.compile(r"\b(?!the\b)[a-z][\w-]*")
_POSSESSOR_NEXT = re.compile(r"\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s\s")


# a name and its appositive with no verb before ", and": the first of coordinated subjects
_SUBJECT_WITH_ASIDE = re.compile(_NAME_THEN_COMMA + r"\s+(?:the|a|an)\s[^,;]{2,70}")


_AND_ITS = re.compile(r"(?:\s+and\s+(?:its|their)\s+[a-z]+)?")  # "Baghdad and its neighbours"


def _relative_clause_subject(masked, rel, mentions, cfg, *, allies=False) -> list:
    """The subject of object relative `rel` (a match of `_OBJECT_RELATIVE` or `_TAIL_OBJECT`:
    its group "vote" is set when it opens on the vote's noun) when a cue verb
    follows it ("…, which Ankara rejected", "…, a move the ministry condemned"), else [].
    `allies`: the verb may come after "and its allies" ("a vote that Baghdad and its
    neighbours refused to accept"; so far only after a sentence-final attribution)."""
    after = [m for m in mentions if m.start >= rel.end()][:4]
    # "…, which Ankara, like Baghdad, rejected", "…, a vote the federal government has
    # set itself against"
    at = rel.end() + 4 if masked.startswith("the ", rel.end()) else rel.end()
    if after and after[0].start in (rel.end(), at) and after[0].kind == "actor":
        subject = _group_from(masked, after)
    elif rel.group("vote"):
        return []  # "said at the time of the vote that it would …": "that" opens what was said
    else:
        subject = cfg.actors.find_generic(masked, rel.end(), rel.end() + 40)[:1]
    if not subject or subject[0].start not in (rel.end(), at) \
            or _SCHEDULES.match(masked, subject[-1].end):
        return []  # "…, a referendum the Kurdistan Region plans to hold": no position taken
    end = _AND_ITS.match(masked, subject[-1].end).end() if allies else subject[-1].end
    if _cue_follows(masked, end, cfg) or (
            len(subject) > 1 and masked.startswith(",", end) and _cue_follows(masked, end + 1, cfg)):
        return subject
    return []


def _coordinate_clauses(masked, lo, mentions, cfg) -> list[int]:
    """Starts of coordinated clauses with an actor subject: "…, and Turkey later imposed a ban",
    "…, a decision the prime minister called a mistake".

    "Iraq and Iran warned" is one group, not two clauses: the word before "and" must not end
    a mention.
    """
    starts = [rel.start() for rel in _OBJECT_RELATIVE.finditer(masked, lo)
              if _relative_clause_subject(masked, rel, mentions, cfg)]
    for where in _WHERE.finditer(masked, lo):
        # "… flew on to Ankara, where President Erdogan said …": a clause of its own speaker
        after = [m for m in mentions if m.start >= where.end()][:4]
        if _joint_subject_at(masked, where.start(), mentions, cfg):
            starts.append(where.start() + 1)  # "…, where the two leaders agreed …"
        elif after and after[0].kind in ("actor", "other") \
                and _TITLE_WORDS.fullmatch(masked, where.end(), after[0].start):
            subject = _group_from(masked, after)
            cue = _cue_after(masked, subject[-1].end, cfg)
            if cue is not None and cue_word(cue) in cfg.content_cues:  # not "where X backs …"
                starts.append(where.end())
    for conj in _AND.finditer(masked, lo):
        if any(m.end <= conj.start() and not masked[m.end:conj.start()].strip(" ,")
               and not (masked.startswith(",", conj.start())
                        and _PLACE_BEFORE.search(masked, max(lo, m.start - 12), m.start))
               for m in mentions):
            continue
        if _PRONOUN_END.search(masked, max(lo, conj.start() - 4), conj.start()) \
                and not masked.startswith(",", conj.start()):
            continue  # "he and Rouhani agreed": one subject
        if not masked.startswith(",", conj.start()) and any(
                (r := _ROLE_AND.match(masked, m.end)) and r.end() >= conj.end() for m in mentions
                if m.end <= conj.start()):
            continue  # "Turkish soldiers and Iraqi troops held drills": one subject
        if _POSSESSOR_NEXT.match(masked, conj.end()) and any(
                _POSSESSIVE_OFFICE.fullmatch(masked, m.end, conj.start())
                and not _LOWER_WORD.search(masked[lo:m.start].rsplit(",", 1)[-1]) for m in mentions):
            continue  # "Iran's ambassador and Turkey's ambassador held talks": one group
        if masked.startswith(",", conj.start()) \
                and _SUBJECT_WITH_ASIDE.fullmatch(masked, lo, conj.start()) \
                and not cfg.cue_re.search(masked, lo, conj.start()):
            continue  # "Brett McGurk, the U.S. envoy, and Nechirvan Barzani called": one group
        at = conj.end()
        adverbial = _AND_ADVERBIAL.match(masked, at)  # "…, and within hours the Peshmerga had …"
        at = adverbial.end() if adverbial else at
        if masked.startswith(",", conj.start()) and _joint_subject_at(masked, conj.start(), mentions, cfg):
            starts.append(conj.start())  # "X met Y …, and the two leaders agreed …"
            continue
        group = _group_from(masked, [m for m in mentions if m.start >= at][:6])
        if not group or group[0].kind != "actor" \
                or _CLAUSE_SUBJECT_LEAD.match(masked, at).end() < group[0].start:
            continue
        end = _past_possessive_head(masked, group[-1].end)  # "… and Turkey's foreign ministry has …"
        head = _HEAD_NOUN.match(masked, end)
        # "…, and Ankara and Tehran, wary of …, have …", "…, and Turkey's EU minister, X, said"
        aside = _APPOSITIVE.match(masked, head.end() if head else end)
        if _cue_follows(masked, head.end() if head else end, cfg) or _PAST_VERB.match(masked, end) \
                or (aside and _cue_follows(masked, aside.end(), cfg)):
            starts.append(conj.start())
    return starts


# a joint subject one of whose members is a pronoun: "he and his Iranian counterpart", "she
# and Cavusoglu"
_PRONOUN_AND = re.compile(r"(?i)\b(?:he|she)\s+and\s+(?:(?:his|her|the)\s+)?")
# "the two leaders": a counted plural of the people named before ("both capitals" after ", and"
# is as often the pair of an earlier sentence: "…, and both capitals said they were ready to
# help" after "Trump and Erdogan warned …")
_COUNTED_PLURAL = re.compile(r"(?i)(?:the\s+)?(?:two|both|three)\s+(?:[a-z]+\s+){0,2}?"
                             r"(?:leaders|men|ministers|presidents|premiers|officials|delegations|"
                             r"envoys|generals|commanders)\b")
# what opens a clause before its subject: ", and ", ", where "
_CLAUSE_OPENER = re.compile(r"[\s,]*(?:(?:where|and|but|while)\s+)?")


def _joint_subject_at(masked, at, mentions, cfg) -> bool:
    """Whether the clause opening at `at` (", and …", ", where …") has a counted plural ("the
    two leaders") or a pronoun and another holder ("he and his Turkish counterpart") as its
    subject, before a cue."""
    at = _CLAUSE_OPENER.match(masked, at).end()
    plural = _COUNTED_PLURAL.match(masked, at)
    if plural:
        return _cue_follows(masked, plural.end(), cfg)
    joint = _PRONOUN_AND.match(masked, at)
    after = [m for m in mentions if m.start >= joint.end()][:4] if joint else []
    if not after or after[0].kind != "actor" \
            or not _TITLE_WORDS.fullmatch(masked, joint.end(), after[0].start):
        return False
    group = _group_from(masked, after)
    end = _past_possessive_head(masked, group[-1].end)
    head = _HEAD_NOUN.match(masked, end) or _COUNTERPART.match(masked, end)
    return _cue_follows(masked, head.end() if head else end, cfg)


def _joint_after_source(masked, cue, hi, group, cfg, state, context) -> list:
    """'According to the Turkish side, the two leaders reviewed …': the other sides of a counted
    plural that opens the clause after a source of one of them (a joint readout), or []."""
    comma = masked.find(",", cue.end(), hi)
    return _joint_plural_at(masked, _CLAUSE_OPENER.match(masked, comma).end(), group, cfg, state,
                            context) if comma > 0 else []


def _joint_plural_at(masked, at, group, cfg, state, context) -> list:
    """The other sides of a counted plural acting at `at` ("the two leaders reaffirmed …") when
    `group`'s side is one of them (a joint readout, codebook §3), or []."""
    plural = _COUNTED_PLURAL.match(masked, at)
    if plural is not None and (_MODAL_NEXT.match(masked, plural.end())
                               or plural.group().lower().endswith("men")):
        # "… said the two leaders would meet again": one side's word on both; "the two men"
        # may be a pair the dictionary does not hold (Erdogan and Putin)
        return []
    if plural is None or not (_cue_follows(masked, plural.end(), cfg)
                              or _PAST_VERB.match(masked, plural.end())):
        return []
    sides = _resolve_generic(masked, plural.start(), plural.end(), cfg, state, context,
                             speech=True, plural_only=True)
    own = {m.actor for m in group}
    return [m for m in sides if m.actor not in own] if own & {m.actor for m in sides} else []


_SAID_THAT = re.compile(r"(?:\s+(?:on|after|in|at|following|during)\b[^,;_]{0,40}?)?(?:,\s[^,;_]{3,80},)?"
                        r"\s*(?:that\s+)?")
_MODAL_NEXT = re.compile(r"\s+(?:would|will|shall|must|should|could|can|may|might|(?:had|have|has)\s+to)\b",
                         re.IGNORECASE)
_PRONOUN_END = re.compile(r"(?i)\b(?:he|she)$")


def _joint_pronoun(masked, c_lo, joint, partners, carried, cfg, state, context) -> list:
    """Who the pronoun of joint subject `joint` (a `_PRONOUN_AND` match) is, beside partners
    of actors `partners`: the earlier clause's subject (`carried`: "…, where he and Rouhani
    agreed …"), else the last person, who is not the partner ("Zarif met Cavusoglu. He and
    Cavusoglu agreed …")."""
    pron_end = joint.start() + len(joint.group().split()[0])
    if len({m.actor for m in carried}) == 1:
        return carried
    pron = _resolve_generic(masked, c_lo, pron_end, cfg, state, context, speech=False)
    if carried or not all(m.actor in partners for m in pron):
        return pron
    other = next((h for hs in reversed(state.people) for h in hs
                  if h[0] not in partners and h[0] != "other"), None)
    return [Mention(joint.start(), pron_end, other[0], other[1], "actor")] if other else []


def _cue_after(masked, at, cfg):
    """The cue starting after `at`, past adverbs and auxiliaries ("later imposed"), or None."""
    gap = _SUBJECT_GAP.match(masked, at)
    return cfg.cue_re.regex.match(masked, gap.end()) if gap else None


def _cue_follows(masked, at, cfg) -> bool:
    """Whether a cue starts after `at`, past adverbs and auxiliaries ("later imposed")."""
    return _cue_after(masked, at, cfg) is not None


def _appositive_to(masked, at, hi) -> bool:
    """Whether masked[at:hi] is an appositive and white space: "…, a lawmaker from X, said"."""
    m = _APPOSITIVE.match(masked, at, hi)
    return bool(m) and not masked[m.end():hi].strip()


def _resolve_generic(masked, lo, hi, cfg, state, context, *, speech, plural_only=False):
    """'he said', 'the ministry said', 'both sides agreed' → earlier holders."""
    window_lo = max(lo, hi - 50)
    gens = [g for g in cfg.actors.find_generic(masked, window_lo, hi)
            if not _in_relative(masked, lo, g.start)
            and not _FORMER_OF.search(masked, max(lo, g.start - 50), g.start)]
    if not gens:  # "His chief of staff, Ayatollah X, called …": a generic before an appositive
        gens = [g for g in cfg.actors.find_generic(masked, lo, min(hi, lo + 40))
                if _appositive_to(masked, g.end, hi)]
    if gens:
        g = gens[-1]
        gap = masked[g.end:hi]
        if len(_WORD.findall(gap)) > 3:
            # "the army's ground forces had staged …": the possessive head is the subject's (not
            # "From the prime minister's circle, the message was …")
            head_end = _past_possessive_head(masked, g.end)
            gap = gap if masked.startswith(",", head_end) else masked[head_end:hi]
        if len(_WORD.findall(gap)) > 3 and not _appositive_to(masked, g.end, hi) \
                and not _OF_BODY.fullmatch(masked, g.end, hi):
            return []
        if g.kind == "plural":
            # "the ministers" with no number are the current holder's (a cabinet) when there
            # is one; "the two sides" are the last sentence's actors
            plural = state.last_plural
            if state.last_holders and not _COUNTED.search(g.surface) and not (
                    _JOINT.search(g.surface) and len({a for a, _ in state.last_holders}) < 2):
                plural = sorted({a for a, _ in state.last_holders})
            elif (count := _counted(g.surface)) and len(
                    sides := _sides_before(masked, g.start, cfg)) == count:
                # "Ankara has drawn closer to Baghdad since the vote, which both governments
                # opposed", "Abadi met Erdogan in Ankara, where the two leaders agreed …": the
                # sides this sentence has named
                plural = sides
            elif _PAIR_OF_PEOPLE.search(g.surface):
                # "the two men": the last two people named, not the actors of the last sentence
                recent = list(dict.fromkeys(reversed(state.named_people)))
                if len(recent) >= 2:
                    plural = sorted(recent[:2])
            return [Mention(g.start, g.end, a, g.surface, "actor") for a in plural]
        if plural_only:
            return []
        low = g.surface.lower()
        if low == "the government" and _GOVERNMENT_PERSON.match(masked, g.end):
            # "the government spokesman told TGRT" in a story about Ankara is Ankara's, though
            # "the central government" last named Baghdad's
            sides = {a for a, _ in state.last_holders}
            if len(sides) == 1 and "other" not in sides:
                return [Mention(g.start, g.end, sides.pop(), g.surface, "actor")]
        if low == "it" and _IT_SUBJECT.match(masked, g.end) \
                and not _SAID_BEFORE.search(masked, max(0, g.start - 20), g.start) \
                and _thing_before(masked, g.start, cfg):
            return []
        # "In Baghdad, officials said": the place's; but "he" is a person already named, who
        # may speak abroad ("At a news conference in Baghdad, he called …")
        if context and not (low in ("he", "she") and state.last_people):
            return [Mention(g.start, g.end, a, g.surface, "actor") for a, _ in context]
        for other_name, head in cfg.head_synonyms:  # "the chamber": the parliament
            low = other_name.sub(head, low)
        for head in cfg.heads if not _POSSESSIVE.match(low) else ():  # "his spokesman": the last holder's
            if head in low and head in state.titles and low not in ("he", "she", "it", "they"):
                # "The government said …" after a holder that is a government (the KRG's
                # statement) is that holder, though Baghdad's government was named since
                current = [a for a, _ in state.last_holders
                           if a in state.title_owners.get(head, ()) and a != "other"]
                actor = current[0] if len(set(current)) == 1 else state.titles[head]
                return [Mention(g.start, g.end, actor, g.surface, "actor")]
        # before any holder: the last actor (person, for he/she) the document mentioned
        last = state.last_holders or (state.mentioned_person if low in ("he", "she")
                                      or any(h in low for h in cfg.heads) else state.mentioned)
        if low in ("he", "she") and not state.last_people and state.last_holders:
            last = _no_group(state, cfg)
        if low in ("he", "she") and state.asked_person:
            last = state.asked_person
        elif low == "they" and state.opening_party:
            last = state.opening_party
        elif low in ("he", "she") and state.opening_person:
            last = state.opening_person
        elif low in ("he", "she") and state.recent_person:
            last = state.recent_person
        elif low in ("he", "she") and state.last_people:
            # "Maliki, he said, …" and '"We did not expect Barzani to …," he said': he is not a
            # person his clause names (in "Barzani put it bluntly: Erbil, he said, …" he is)
            before = state.text[:g.start]
            before = before[max(before.rfind(":"), before.rfind(";")) + 1:]
            last = next((h for h in reversed(state.people) if not _named_in(before, h)),
                        state.last_people)
            # "X told reporters the two sides had agreed …. He said …": he is X, not the sides
            one = [h for h in last if not _group_like(*h, cfg) and not _COLLECTIVE.search(h[1])]
            # "Barzani, who has resisted calls from Washington …, insisted …. He said …": he is
            # the person, not the government also holding there
            people = [h for h in one if _a_person([h], state, surnames=cfg.surnames)]
            # "…, he told Tillerson": he is not a person his own sentence names after him
            rest = state.text[g.end:]
            later = {m.actor for m in state.mentions if m.start >= g.end
                     and (_person_like(m.surface) or m.surface in cfg.surnames)}

            def unnamed(hs):
                return [h for h in hs if h[0] not in later and not _named_in(rest, [h])]
            last = unnamed(people or one) or unnamed(one) or people or one or last
        elif len({a for a, _ in last}) == 1 and last[0][0] != "other":
            # the same description keeps its referent: "The cabinet … congratulated …" and,
            # after another government is mentioned, "The cabinet rejected …"
            for head in cfg.heads:
                if head in low and not _POSSESSIVE.match(low):
                    state.titles.setdefault(head, last[0][0])
        return [Mention(g.start, g.end, a, g.surface, "actor" if a != "other" else "other")
                for a, _ in last]
    if speech and not plural_only:
        name = _NAME_LAST.search(masked[window_lo:hi])
        # a name the dictionary knows was passed over as a subject on purpose ("after the
        # White House urged")
        if name and name.group(1).split()[0] not in _STOP_NAMES \
                and cfg.actors.whole(name.group(1)) is None:
            actor = context[0][0] if context else "other"
            lead = masked[max(lo, window_lo + name.start() - 40):window_lo + name.start()].lower()
            for head, inside, _ in cfg.head_res:  # "court spokesman Ayas al-Samouk": the court's actor
                if actor == "other" and inside.search(lead) and head in state.titles:
                    actor = state.titles[head]
                    break
            return [Mention(0, 0, actor, name.group(1), "actor" if actor != "other" else "other")]
    return []


# "the government spokesman": a person speaking for the government of the story
_GOVERNMENT_PERSON = re.compile(r"\s+(?:spokes(?:man|woman|person)|officials?)\b")
# a thing "it" may stand for: "Whatever the referendum decides, it will be held …", "the vote
# went ahead amid fears that it could spark new conflict"
_THING = re.compile(r"\b(?:the|this|that|a|its|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:referendum|vote|"
                    r"ballot|plebiscite|poll|document|plan|move|result|decision|deal|agreement|"
                    r"offer|proposal|initiative|letter|text|report)\b", re.IGNORECASE)
# the body a title belongs to: "the chief of staff of the armed forces argued"
_OF_BODY = re.compile(r"\s+(?:of|for)\s+(?:the\s+|its\s+|his\s+)?(?:[a-z][\w’'-]*\s+){0,3}?[a-z][\w’'-]*\s*")
_IT_SUBJECT = re.compile(r"\s+[a-z]")  # "it could spark …", not "called it off" or "created it,"
_SAID_BEFORE = re.compile(r"\b(?:said|says|say|added|adds)\s+$")  # "and said it was …": the speaker's
_RELATIVE_GAP = re.compile(r"\W*(?:(?:which|that)\W*)?$")


def _thing_before(masked, at, cfg) -> bool:
    """Whether the last referent before "it" at `at` in this sentence is a thing (no actor
    named after it), and not a relative clause's head ("a decision it hoped would …", "the
    vote, which it opposed")."""
    last = None
    for last in _THING.finditer(masked, 0, at):
        pass
    if last is None or _RELATIVE_GAP.match(masked[last.end():at]):
        return False
    return not any(m.kind in ("actor", "other") for m in cfg.actors.find(masked, last.end(), at))


_COUNTED_SIDES = re.compile(r"\b(both|two|three)\s+(?:governments|countries|capitals|neighbou?rs|sides)\b",
                            re.IGNORECASE)
_COUNT = {"both": 2, "two": 2, "three": 3}


def _counted(surface: str) -> int | None:
    """How many sides a counted description names: "both governments", "the three
    capitals", "the two leaders" (a pair of people: two); None for others."""
    counted = _COUNTED_SIDES.search(surface)
    if counted:
        return _COUNT[counted.group(1).lower()]
    return 2 if _PAIR_OF_PEOPLE.search(surface) else None


def _sides_before(masked, at, cfg) -> list:
    """The actors (not `other`) named in masked[:at], sorted."""
    return sorted({m.actor for m in cfg.actors.find(masked, 0, at) if m.kind == "actor"})


_JOINT = re.compile(r"\bjoint\b", re.IGNORECASE)
_COUNTED = re.compile(r"\b(?:two|three|four|both|all)\b", re.IGNORECASE)
_PAIR_OF_PEOPLE = re.compile(r"\b(?:two|both)\s+(?:men|leaders|presidents|premiers|prime\s+ministers|"
                             r"foreign\s+ministers|defen[cs]e\s+ministers|interior\s+ministers|ministers|generals|"
                             r"commanders|officials|envoys|ambassadors|diplomats|chiefs\s+of\s+staff|"
                             r"army\s+chiefs|spokesmen)\b",
                             re.IGNORECASE)


def _named_in(masked, holders) -> bool:
    """Whether the text names one of `holders` (by the last word of a capitalised surface)."""
    for _, surface in holders:
        last = re.split(r"[\s-]", surface)[-1]  # al-Maliki
        if len(last) > 2 and last[0].isupper() and re.search(r"\b%s\b" % re.escape(last), masked):
            return True
    return False


_IN_POSSESSIVE = re.compile(r"in\s+(his|her|their)\s", re.IGNORECASE)
# "In Hawrami's telling, …", "By Ankara's account …", "In the minister's view …"
_NAMED_SOURCE = re.compile(
    r"[\s,]*(?:[Ii]n|[Bb]y)\s+(?:the\s+)?((?:[\w.-]+\s+){0,3}?[\w.-]+)['’]s?\s+(?:own\s+)?"
    r"(?:telling|view|words|account|reading|assessment|estimation|opinion|version|judge?ment)\b")
# '"…" That was the verdict of the Turkish foreign ministry on Monday.': the words before
# (a pending quote too) and this sentence are the named source's
_VERDICT_OF = re.compile(
    r"\s*(?:That|This|Such|So|Those|These)(?:,\s*[^,;]{2,30},)?\s+(?:was|is|were|are|had\s+been|has\s+been)\s+"
    r"(?:\w+\s+){0,2}?(?:the\s+)?(?:verdict|message|words?|view|line|answer|response|position|"
    r"warning|reply|assessment|judge?ment)\s+(?:of|from)\s+((?:[\w.’'-]+\s+){0,5}?[\w.’'-]+)"
    r"(?=\s*(?:[,.;!?]|$)|\s+(?:on|in|at|last|this|after|before|earlier|late)\b)")
_SOURCE_OWNER = re.compile(r"\b(his|her|its|their)\b", re.IGNORECASE)


def _source_group(masked, cue, mentions) -> list:
    """The group named right after "according to" (within 40 characters of the cue)."""
    return _group_from(masked, [m for m in mentions if m.start >= cue.end()
                                and m.start - cue.end() < 40])


def _aside_owner(masked, lo, cue, aside, mentions) -> list:
    """A person no dictionary knows, described by an aside before a verb of speech: "X, a
    lawmaker from the KDP, said" is the KDP's; "X, a former member of the Iraqi parliament,"
    no one's.  A person whose aside names no actor ("Ali al-Mansuri, an army officer, said")
    holds as `other`, so that a later "he" is him; a "who" clause naming none, or a name
    that is no person's, gives [] (the clause is left to the other rules)."""
    inside = [m for m in mentions if m.kind == "actor"
              and aside.end("name") < m.start < cue.start() and not _in_relative(masked, lo, m.start)]
    if not inside:
        named = _person_like(aside.group("name")) and aside.group("lead") != "who"
        return [Mention(0, 0, "other", aside.group("name"), "other")] if named else []
    owners = {m.actor for m in inside
              if not _FORMER_OF.search(masked, max(lo, m.start - 50), m.start)}
    actor = owners.pop() if len(owners) == 1 else "other"
    return [Mention(0, 0, actor, aside.group("name"), "actor" if actor != "other" else "other")]


def _named_holders(source, mentions, offset=0) -> list:
    """Holders named in a `_NAMED_SOURCE` match's name (`offset`: where the matched text
    starts in the sentence)."""
    return _holders([m for m in mentions if offset + source.start(1) <= m.start
                     and m.end <= offset + source.end(1)])


def _owners(possessive: str, state) -> list:
    """Whom "his"/"her" (the last person) or "its"/"their" (the last holders) stands for in
    "in his words", "by their account"."""
    if possessive.lower() in ("his", "her"):
        return state.last_people or state.mentioned_person
    return state.last_holders


def _leading_source(masked, lo, cfg):
    """The possessive of a source phrase from the trailing cues opening the sentence ("In his
    telling, …", "By their account, …", "In his view the KRG had …"), or None."""
    lead = cfg.trail_re.regex.match(masked, lo)
    own = _SOURCE_OWNER.search(lead.group()) if lead else None
    return own.group(1) if own and re.match(r",|\s+[\w“\"]", masked[lead.end():lead.end() + 2]) \
        else None


_ADDRESSEE_VERB = re.compile(
    r"\b(?:urg|call(?:ed|s|ing)?\s+(?:on|upon)|ask|press|told|tell|warn|caution|advis|appeal(?:ed|s|ing)?"
    r"\s+to|encourag|invit|implor|pushe?|lobb(?:y|ied)|persuad|convinc)[\w’']*\s+(?:the\s+)?"
    r"(?:[A-Z][\w.’'-]*\s+){0,3}$", re.IGNORECASE)
_TO_VERB = re.compile(r"\s+(?:not\s+)?to\s+(?:\w+ly\s+)?(?:keep\s+|continue\s+)?$")  # "to keep urging"


def _addressee(masked, lo, group, cue) -> bool:
    """Whether `group` is the object of an appeal whose infinitive is `cue`: "urged Baghdad to halt"."""
    return bool(_TO_VERB.fullmatch(masked, group[-1].end, cue.start())
                and _ADDRESSEE_VERB.search(masked, max(lo, group[0].start - 60), group[0].start))


_TAIL_CLAUSE = re.compile(r"(?:where|which|who|whom|whose|when|as|after|before|while|since|because|"
                          r"adding|saying|calling|noting|stressing|warning|"
                          # "…, in one of the bluntest signals yet", "…, in his first remarks"
                          r"in\s+(?:a|an|the|one|what|his|her|its|their|remarks|comments)\s)\b",
                          re.IGNORECASE)
# "…, hours after Abadi warned against any attack": a temporal clause, not the attribution
_NOT_ATTRIBUTION = re.compile(r"^\s*(?:and|but|or|yet|which|who|whom|where|when|whereupon|"
                              + _TIME_LEAD + r"(?:after|before|since|until))\b|\bthat\b",
                              re.IGNORECASE)
# "quoted Abadi", "quoted Foreign Minister Mevlut Cavusoglu", "quoted Iran's Velayati"
# (not "quoted the envoy to Baghdad": the mention is no preposition's object)
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+(?:(?!(?:to|of|in|for|from|with|at|on|by)\s)"
                        r"[\w'’-]+\s+){0,4}$", re.IGNORECASE)
_SAYING = r"(?:saying|telling|stating|warning|adding)"  # "quoted X as saying …"
# after the one quoted, perhaps described: "…, the top adviser to Khamenei, as saying"
_AS_VERB = re.compile(r"(?:\s*,[^,;]{3,80},)?\s+(?:as\s+)?(?:" + _SAYING + r"|describing|calling)\b",
                      re.IGNORECASE)
_PASSIVE_QUOTED = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:also\s+|later\s+)?quoted\s+"
                             r"(?:by\s+[^,;.]{2,60}?\s+)?as\s+" + _SAYING + r"\b", re.IGNORECASE)


def _quoted_as(masked, lo, hi, mentions):
    """'IRNA quoted Abadi as telling …', 'Abadi was quoted by IRNA as saying …': the one
    quoted holds, not the agency."""
    passive = _PASSIVE_QUOTED.search(masked, lo, hi)
    if passive:
        group = _subject_group(masked, lo, passive.start(), mentions)
        if group:
            return group
    for i, m in enumerate(mentions):
        if lo <= m.start < hi and _QUOTED_AS.search(masked, max(lo, m.start - 60), m.start):
            group = _group_from(masked, mentions[i:])
            if group and _AS_VERB.match(masked, group[-1].end):
                return group
    return []


_QUOTED_GENERIC = re.compile(r"\bquot(?:ed|es|ing)\s+((?:the\s+|a\s+)?[a-z][\w\s-]{1,40}?)"
                             r"\s+(?:as\s+)?" + _SAYING + r"\b", re.IGNORECASE)


def _quoted_generic(masked, lo, hi, cfg, state, context):
    """'Turkish media quoted the president telling …', 'Anadolu quoted him as saying …': the
    quoted description's or pronoun's referent."""
    m = _QUOTED_GENERIC.search(masked, lo, hi)
    if not m:
        return []
    if m.group(1).lower() in ("him", "her"):  # "Anadolu quoted him as saying …"
        return [Mention(m.start(1), m.end(1), a, m.group(1), "actor" if a != "other" else "other")
                for a, _ in state.recent_person or state.last_people or _no_group(state, cfg)]
    return _resolve_generic(masked, m.start(1), m.end(1), cfg, state, context, speech=True)


def _joint_content(masked, group, cues, hi, mentions, cue_re):
    """'He (Iran) added that Tehran and Ankara agreed …': a joint subject in the reported
    content that includes the holder's own side holds for every side (codebook §3)."""
    own = {m.actor for m in group}
    out = []
    for cue in cues:
        # (after the speaker; a partner found in the content may come later)
        if cue.lastgroup != "speech" or cue.start() < min(m.end for m in group):
            continue
        content = [m for m in mentions if cue.end() <= m.start < hi]
        for i, m in enumerate(content):
            if _PREPOSITION_BEFORE.search(masked, cue.end(), m.start) and _governed(masked, cue.end(), m):
                continue  # "…, in his talks with Erdogan, Khamenei had said …"
            sub = _group_from(masked, content[i:])
            # "The General Staff said Iraqi soldiers joined the Turkish army's exercise": a
            # joint deed that has happened, told by one side (codebook clarification 2)
            joined = _JOINED_OWN.match(masked, sub[-1].end) if sub else None
            partner = next((x for x in content if joined and x.start == joined.end()), None)
            if partner is not None and partner.actor in own:
                out += [x for x in sub if x.actor not in own and x not in out]
            if len(sub) < 2 or not own & {x.actor for x in sub}:
                continue
            nxt = cue_re.regex.match(masked, _VERB_LEAD.match(masked, sub[-1].end).end())
            # not "Tehran and Ankara had to respond" or "… would coordinate": what one side
            # says both must or will do is that side's (codebook §3)
            if nxt and nxt.group().lower() not in _AUX:
                out += [x for x in sub if x.actor not in own and x not in out]
        break
    return out


_PREPOSITION_BEFORE = re.compile(r"\b(?:with|to|from|of|by|against|at|on|for|in|into|towards?)\s+"
                                 r"(?:(?:the|his|her|its|their|a|an|Mr\.?|Ms\.?)\s+)?$", re.IGNORECASE)
_JOINED_OWN = re.compile(r"\s+(?:(?:soldiers|troops|forces|units|fighters|officers)\s+)?"
                         r"(?:had\s+|have\s+|has\s+|were\s+|are\s+)?(?:also\s+)?join(?:ed|ing)\s+"
                         r"(?:in\s+)?(?:the\s+)?", re.IGNORECASE)


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
