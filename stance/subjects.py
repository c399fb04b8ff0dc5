"""Who is the subject: mention groups, prepositions, passives, relative clauses.

The grammar statements.py relies on, on text whose quotes are masked:
- `subject_group`: the first group of mentions ("Iraqi and Turkish troops") that no
  preposition governs ("by Iraq", "to Erbil"; "the ministers of Iraq" is allowed);
- `group_from`: a mention and those coordinated with it ("Iraq, Turkey and Iran");
- `passive_by`: the agent of "was filed by X" or "a ban ordered by X";
  `later_passive_agents`: those of every passive cue in a clause; `more_agents`: the groups
  of each further "by" ("by Baghdad and by Ankara");
- `temporal_speakers`: "…, as Ankara warned that …", "a day after the White House urged …";
- `reaction_sources`: "rejected every call from Baghdad and Ankara to …";
- `reaction_source`: "drew a sharp rebuke from Erbil", "warnings came from Tehran";
- `control_gainer`: "Kirkuk fell to Iraqi forces", "the airport was in federal hands";
- `relative_subject`: "…from Baghdad, which demanded…";
- `ellipsis_partners`: "Ankara rejected the plan, as did Tehran": the same statement;
- `inverted_group`: '"…," said X';
- `joint_partners`: "Iraqi troops joined Turkish forces in drills", "exercises with the
  Iraqi army": the other side of a joint military exercise acts too (codebook §3).
"""
from __future__ import annotations

import re

from .cues import cue_word
from .mentions import Mention
from .names import person_like

_BLOCKING = frozenset("""in into to from with against by near over toward towards between across at
on for including about despite after before through within without among via under like than
inside outside along around beyond upon onto unlike amid targeting versus if whether during
since until alongside beside besides because although though following regarding
concerning
asked told informed assured reminded urged pressed let allow allowed thanked praised
congratulated accused blamed criticised criticized left leaving""".split())  # and verbs whose
# object is addressed, judged, let act or left ("asked Nauert whether …", "thanked the Turkish
# officers and said …", "would not let the Iraqi army enter", "left Washington caught between")
_ADDRESSED_TO = re.compile(r"\baddressed\s+to\s+[^;:_]*$")
_RELATIVE_AFTER = re.compile(r",\s+(?:who|whose|which)\b")  # "… with X, whose government …": X's
_NAME_TITLES = frozenset("""minister president prime premier foreign defence defense interior deputy
vice secretary spokesman spokeswoman ambassador envoy commander chief general gen lt lieutenant
brigadier colonel col major maj admiral senator ayatollah sheikh counterpart""".split())
_PEOPLES = frozenset("kurds arabs turkmen turkmens shiites sunnis yazidis christians people".split())
_OF_HEADS = frozenset("""minister ministers leader leaders president presidents government governments
spokesman spokeswoman spokesperson army armies forces officials official troops ministry ministries
parliament parliaments chief chiefs head heads commander commanders representatives delegation
delegations envoy envoys ambassador ambassadors presidency council court office secretary
premier authorities military militaries leadership staff adviser advisers advisor advisors
aide aides member members speaker chairman chairwoman director deputy deputies general generals
officers judges negotiators diplomats embassy cabinet committee secretary-general units unit
fighters soldiers tanks elements battalions brigades divisions contingents columns convoys
mp mps lawmaker lawmakers legislator legislators representative senator senators""".split())
_TO_HEADS = frozenset("""loyal close closest aide aides adviser advisers advisor advisors
assistant counsellor counselor""".split())
# "fears that Turkey might seal …", "reports that the Hashd had opened …": the subject of a
# noun's content clause is talked about, not the sentence's subject
_CONTENT_NOUNS = frozenset("""fears fear reports report claims claim concerns concern speculation
suggestions suggestion rumours rumors rumour rumor talk signs indications news allegations
allegation worries doubts expectations hopes assumption notion idea impression belief
perception sense risk danger possibility prospect prospects likelihood threat""".split())
# a document from X opens its clause: "A directive from Iran's ministry ordered …" (not
# "according to a statement from Erdogan's office, the two presidents …")
_FROM_DOCUMENTS = frozenset("""statement statements directive directives letter message communique
decree order readout note""".split())
_FROM_HEADS = frozenset("""delegation delegations envoy envoys officials official team teams
representatives representative diplomats visitors commanders""".split()) | _FROM_DOCUMENTS
_FROM_LEAD = frozenset("a an the senior top military high-level security another".split())
_IN_HEADS = frozenset("""officials leaders authorities diplomats commanders lawmakers government
ministry ministries cabinet presidency
sources source officers politicians official leader diplomat commander lawmaker officer
politician spokesman spokeswoman authority court parliament""".split())
_PARTICLE = r"(?:(?:down|up|out|off|back|away|aside|over)\s+)?"  # "was turned down by"
_PARTICIPLE_BY = re.compile(r"\b[a-z]{3,}(?:ed|en|wn)\s+" + _PARTICLE + r"by\s+")
_PASSIVE_BY = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn)\s+"
                         + _PARTICLE + r"by\s+")
_GROUP_SEP = re.compile(r"^(?:\s*(?:,|and|or|nor|&|as well as|along with|together with|,\s*and|,\s*as well as|"
                        r",\s*(?:just\s+)?like)\s*(?:the\s+|his\s+|her\s+|their\s+)?(?:neighbou?ring\s+|fellow\s+)?"
                        r"(?:(?:federal\s+|central\s+)?(?:government|authorities|leadership|leaders|officials)"
                        r"\s+(?:in|of)\s+(?:the\s+)?)?|['’]s\s+|\s+)$")  # "…, Germany and the government in Baghdad"
# ", like Baghdad," joins a holder who shares the position: "Ankara, like Baghdad, rejected …"
AUX = frozenset("""would will won't cannot can't could must should has have had is are was were
does did do""".split()) | {"will not", "would not"}
_WORD = re.compile(r"[\w’'-]+")
# "the government of (Prime Minister) X": the head of a relative clause's subject named by X
GOVERNMENT_OF = re.compile(r"the\s+(?:federal\s+|central\s+)?(?:government|authorities|leadership)\s+"
                           r"(?:of|in)\s+(?:(?:Prime\s+Minister|President)\s+)?")
PAST_COMMA = re.compile(r"[,;:(—–]")  # the agent after "by" ends at a clause break
_IN_RELATIVE = re.compile(r",\s+(?P<pronoun>who|whom|whose|which|where)\s(?P<rest>[^,;—–]*)$")
_BREAK_BEFORE = re.compile(r"[,;:—–(]\s*(?:the\s+|its\s+|their\s+)?$")
# verbs that put their subject after them ('"…," said X'); "told X", "warned X", "urged X"
# name the addressee instead
_THE = re.compile(r"(?:the\s+)?")
_MEDIUM_VERB = re.compile(r"\b(?:reported|quoted|carried|cited|published|broadcast|aired|relayed)\s")
CAPITAL_WORD = r"[A-Z][\w.’'-]*\s+"  # a capitalised word of a title or name, and its space
_AGENT_LEAD = re.compile(r"(?:the\s+)?(?:" + CAPITAL_WORD + r"){0,3}")
_RELATIVE = re.compile(r",\s+(?:which|who)\s+((?:[\w’'-]+\s+){0,3}?)")
_BE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_OWN_SUBJECT = re.compile(r"\b(?:he|she|they|we|I|you|it)\b", re.IGNORECASE)
_AFTER_QUOTE = re.compile(r"[_”\"’,]\s*$")


# participles of a lasting state, not a deed: "areas held by the Peshmerga", "a province
# claimed by both Erbil and Baghdad", "the gate run by the KRG" describe a place, not a
# position taken ("the referendum held by the KRG" is a deed: an event noun before "held")
_STATE_BY = re.compile(r"\b(?:controlled|administered|run|dominated|populated|inhabited|governed|"
                       r"occupied|owned|manned|claimed|disputed|surrounded|bordered|home)\s+by\s")
_HELD_BY = re.compile(r"\bheld\s+by\s")
_EVENT_BEFORE = re.compile(r"\b(?:referendum|vote|ballot|poll|election|talks|meeting|summit|"
                           r"drills?|exercises?|conference|rally|session)\s+(?:was\s+|were\s+)?$")


def state_participle(masked, lo, hi) -> bool:
    """Whether the passive `masked[lo:hi]` (up to its "by") describes a state."""
    if _STATE_BY.search(masked, lo, hi):
        return True
    held = _HELD_BY.search(masked, lo, hi)
    return bool(held) and not _EVENT_BEFORE.search(masked, max(0, held.start() - 30), held.start())


def passive_by(masked, lo, hi, mentions):
    """'… was filed by Abadi's office', 'a ban ordered by Baghdad': the agent holds."""
    for rx in (_PASSIVE_BY, _PARTICIPLE_BY):
        m = rx.search(masked, lo, hi)
        if m and (_MEDIUM_VERB.search(m.group()) or state_participle(masked, m.start(), m.end())):
            continue  # "a speech reported by the Tasnim news agency": the outlet only reports
        if m:
            group = group_from(masked, [x for x in mentions if m.end() <= x.start < m.end() + 40])
            # "filed by Prime Minister Haider al-Abadi": title words may stand before the name
            if group and _AGENT_LEAD.fullmatch(masked, m.end(), group[0].start):
                return more_agents(masked, group, mentions)
    return []


# "rejected by the government in Baghdad and by Turkey and Iran": a further "by" group, also
# after an appositive "Iraq's neighbours,"
_MORE_BY = re.compile(r"(?:\s+in\s+[A-Z][\w’'-]*)?,?\s+(?:and\s+|or\s+|as\s+well\s+as\s+)?by\s+(?:the\s+)?")
# a possessive whose head is other people than the actor's own: "Iraq's neighbours" (no
# mention of Iraq: statements.py drops it)
OTHERS_OF = re.compile(r"['’]s\s+(?:[\w-]+\s+)?(?:neighbou?rs?|allies|ally|enemies|enemy|opponents|"
                       r"rivals|critics|partners|friends|interviewers?|questioners?|"
                       r"minorit(?:y|ies)|Sunnis|Shiites|Shias|Arabs|"
                       r"Turkmen|Christians|Yazidis|citizens|people|population|Kurds)\b")
_THEIR_NEIGHBOURS = re.compile(r"(?:[A-Z][\w.’'-]*" + OTHERS_OF.pattern + r",\s+)?")


def more_agents(masked, group, mentions):
    """`group` and the agents of each further "by" after it ("by Baghdad and by Ankara")."""
    out = list(group)
    while out:
        by = _MORE_BY.match(masked, out[-1].end)
        at = by and _THEIR_NEIGHBOURS.match(masked, by.end()).end()  # "by Iraq's neighbours, X"
        nxt = group_from(masked, [x for x in mentions if x.start >= at]) if by else []
        if not nxt or nxt[0].start != at:
            break
        out += nxt
    return out


# participles of a position taken (not "the referendum planned by the KRG", "a complaint
# filed by")
_POSITION_PARTICIPLES = frozenset("""imposed ordered rejected opposed condemned denounced
demanded declared decreed""".split())
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?[a-z][\w-]*\s+$")


def position_participle(masked, lo, cue) -> bool:
    """Whether `cue` is the participle of a position taken right after its noun: "a ban
    ordered by Baghdad", "a vote opposed by the central government"."""
    return cue_word(cue) in _POSITION_PARTICIPLES \
        and bool(_NOUN_BEFORE.search(masked, max(lo, cue.start() - 30), cue.start()))


_LATER_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# "condemned in a statement by Baghdad", "rejected as illegal by Ankara"; not "described as a
# retreat by Barzani", where the "by" is the noun's
_DETERMINER = r"(?:a|an|the|his|her|its|their)\s"
AS_NOUN = re.compile(r"\bas\s+" + _DETERMINER, re.IGNORECASE)
_BY_AGENT = re.compile(r"(?:\s+(?:(?:with|within|in|on|at|for)\s+[\w-]+(?:\s+[\w-]+)?"
                       r"|as\s+(?!" + _DETERMINER + r")[\w-]+(?:\s+[\w-]+)?))?\s+by\s+(?:the\s+)?")
_AND_BEFORE = re.compile(r"\band\s+(?:\w+ly\s+)?$")


def later_passive_agents(masked, hi, cues, mentions):
    """Agents of every passive cue of a clause ("a decision that was condemned within hours
    by Baghdad and Ankara"), where `passive_by` gives only the clause's first passive."""
    out, passive, spoken = [], False, False
    for cue in cues:
        finite = _LATER_PASSIVE.search(masked, max(0, cue.start() - 20), cue.start())
        if spoken and finite and cue.lastgroup == "action":
            # "The Peshmerga said they were attacked by Iraqi forces": a deed in their claim
            # (but "rejected the ban imposed by Baghdad": the ban is Baghdad's)
            continue
        spoken = spoken or cue.lastgroup == "speech"
        # "was rejected by Baghdad and opposed by Turkey": a participle coordinated with a
        # passive is one too
        if not (finite or position_participle(masked, 0, cue)
                or passive and _AND_BEFORE.search(masked, max(0, cue.start() - 20), cue.start())) \
                or _MEDIUM_VERB.match(cue.group() + " "):
            continue  # "was quoted as saying by Rudaw": the outlet only reports
        passive = True
        by = _BY_AGENT.match(masked, cue.end(), hi)
        if by and not state_participle(masked, cue.start(), by.end()):
            out += by_agents(masked, by.end(), mentions)
    return out


def by_agents(masked, at, mentions):
    """The agents after a passive's "by" at `at`, with further "by" groups: the phrase starts
    before any clause break ("opposed by most regional actors, which warned …" has none), and
    a list runs past a bare comma only when a conjunction ends it ("by Turkey, Iran and the
    United States")."""
    group = group_from(masked, [m for m in mentions if m.start >= at])
    if not group or PAST_COMMA.search(masked, at, group[0].start):
        return []
    gaps = [masked[a.end:b.start] for a, b in zip(group, group[1:])]
    bare = [i for i, g in enumerate(gaps) if g.strip() == ","]
    if bare and not any(_AND_GAP.search(g) for g in gaps[bare[0]:]):
        group = group[:bare[0] + 1]
    return more_agents(masked, group, mentions)


# a temporal clause's subject and speech verb: "…, as Turkey warned that …", "a day after the
# White House urged …" (fresh statements the lede reports beside its main one), also after a
# description or a possessive head ("after the foreign ministers of Iraq, Turkey and Iran,
# meeting in New York, urged …", "shortly after Turkey's foreign ministry called …")
# "after officials in Baghdad warned" (Baghdad's officials speak), not "after voters in the
# Kurdistan Region backed secession" (a population votes: no holder)
_TEMPORAL_BEFORE = re.compile(r"\b(?:after|(?<!such )as|before|when|while)\s+(?:the\s+)?(?:(?!(?:voters|residents|"
                              r"people|citizens|crowds|protesters|demonstrators|civilians|families|"
                              r"villagers|inhabitants)\b)(?:[a-z][\w-]*\s+){1,3}"
                              r"(?:of|in|from)\s+(?:the\s+)?|(?-i:(?:" + CAPITAL_WORD + r"){1,4}))?$",
                              re.IGNORECASE)  # "after Prime Minister Haider al-Abadi warned"
_TEMPORAL_GAP = re.compile(r"(?:['’]s)?(?:\s+[a-z][\w-]*){0,2}(?:,\s[^,;]{2,40},)?"
                           r"\s+(?:(?:also|again|already|publicly|had|has|have|\w+ly)\s+){0,3}")


_VOTING_BODY = re.compile(r"\b(?:parliament|parliaments|lawmakers|MPs|deputies|legislators|council|"
                          r"cabinet|assembly|legislature|congress|senate|house)\b", re.IGNORECASE)
_CONTENTLESS = frozenset("spoke speaks spoken talked talks met meets".split())  # "after X spoke with Y"
# acts that take a position as speech does ("hours after the court ordered it suspended", "a
# day after Baghdad imposed a flight ban"); not military deeds, which in a temporal clause are
# background, nor "voted" ("a week after Iraqi Kurds voted for independence": narration)
_POSITION_ACTS = frozenset("ruled ordered imposed banned decided".split())


def temporal_speakers(masked, lo, cues, mentions):
    """The subjects of speech cues in temporal clauses ("as Ankara warned that …")."""
    out = []
    for cue in cues:
        voted = cue_word(cue) == "voted"
        if (cue.lastgroup != "speech" and cue_word(cue) not in _POSITION_ACTS and not voted) \
                or cue_word(cue) in AUX or cue_word(cue) in _CONTENTLESS:
            continue
        before = [m for m in mentions if lo <= m.start and m.end <= cue.start()]
        group = group_ending(masked, before, len(before) - 1) if before else []
        if not group or group[-1] is not before[-1]:
            continue
        if voted and not _VOTING_BODY.search(masked, group[0].start, cue.start()):
            continue  # a parliament's vote takes a position; a population's is narration
        if _TEMPORAL_GAP.fullmatch(masked, group[-1].end, cue.start()) \
                and _TEMPORAL_BEFORE.search(masked, max(lo, group[0].start - 60), group[0].start):
            out += group
    return out


# comparative ellipsis: "…, as did Tehran", "…, as have the United States and others"
_AS_DID = re.compile(r",?\s+as\s+(?:did|do|does|have|has|had|were|was|are|is|would|will)\s+"
                     r"(?:also\s+|too\s+)?(?:the\s+)?$", re.IGNORECASE)


def ellipsis_partners(masked, lo, hi, mentions):
    """'Turkey condemned the vote, as did Iran': the group after "as did" holds the clause's
    statement too (an elided repetition of its verb)."""
    return _first_group(masked, lo, hi, mentions,
                        lambda m: _AS_DID.search(masked, max(lo, m.start - 30), m.start))


def _first_group(masked, lo, hi, mentions, opens):
    """The group from the first mention in masked[lo:hi] for which `opens(mention)` holds."""
    for i, m in enumerate(mentions):
        if lo <= m.start < hi and opens(m):
            return group_from(masked, mentions[i:])
    return []


def relative_subject(masked, lo, hi, mentions, cue_re):
    """'… from Baghdad, which has repeatedly demanded …': the antecedent holds too, with
    the mentions coordinated before it ("… from the United States, Iran and Turkey, which
    have urged …")."""
    for i, m in enumerate(mentions):
        rel = _RELATIVE.match(masked[m.end:hi])
        if not rel or m.kind not in ("actor", "other"):
            continue
        for cue in cue_re.finditer(masked, m.end + rel.end(), min(hi, m.end + rel.end() + 30)):
            if _OWN_SUBJECT.search(masked, m.end + rel.end(), cue.start()):
                break  # "… the United States and Israel, which he accused of …": an object
            if _BE_BEFORE.search(masked, m.end + rel.end(), cue.start()):
                break  # "talks with Baghdad, which would be conducted by …": a passive
            if cue.group().lower() not in AUX:
                return group_ending(masked, mentions, i, lo)
    return []


def holders(group):
    seen, out = set(), []
    for m in group:
        if m.kind in ("actor", "other") and m.actor not in seen:
            seen.add(m.actor)
            out.append((m.actor, m.surface))
    return out


def group_ending(masked, mentions, i, lo=0):
    """The group of coordinated mentions that ends with ``mentions[i]`` and starts at or
    after `lo` ("the United States, Iran and Turkey" before ", which have urged …")."""
    first = i
    while first > 0 and mentions[first - 1].start >= lo \
            and _coordinated(masked, mentions[first - 1], mentions[first]):
        first -= 1
    return group_from(masked, mentions[first:i + 1])


def group_from(masked, cands):
    """The first mention and the mentions coordinated with it."""
    if not cands:
        return []
    group, described, i = [cands[0]], False, 1
    while i < len(cands):
        nxt = cands[i]
        past = _past_description(masked, group[-1], cands, i)
        if past is not None:
            if past < 0:
                break
            group.append(cands[past])
            i = past + 1
            continue
        if described:  # "… of the Iranian Armed Forces, and his Turkish counterpart"
            rest = _NAME_REST.match(masked, group[-1].end, nxt.start).end()
            gap = masked[rest:nxt.start]
            if not (_AND_GAP.search(gap) and _GROUP_SEP.match(gap)):
                break
            described = False
        elif _own_apposition(masked, group[-1], nxt):
            described = True
        elif not _coordinated(masked, group[-1], nxt):
            break
        group.append(nxt)
        i += 1
    if all(g.kind == "none" for g in group):
        return []
    return [g for g in group if g.kind != "none"]


# after a person: an appositive, then the next of a list ("McGurk, the U.S. envoy, and …")
_ASIDE_THEN_AND = re.compile(r",\s+(?:the|a|an)\s(?=[^,;()]*?\b[a-z]{3,}\b)[^,;()]{2,70},\s+and\s+(?:the\s+)?")
# between a side and the country of its envoy: "The U.S. ambassador to Iraq"
_OFFICE_TO = re.compile(r"\s+(?:(?:deputy|special|top|new)\s+)?(?:ambassador|envoy|consul(?:\s+general)?|"
                        r"representative|emissary)\s+to\s+(?:the\s+)?")
# after "and": another office-holder, "the Kurdistan Region's prime minister" or "Kurdistan
# Region Prime Minister Nechirvan Barzani" (not "… to Turkey and Iraq said")
_OFFICE_AFTER = re.compile(r"['’]s\s+[a-z]|\s+[A-Z]")


def _past_description(masked, last: Mention, cands, i) -> int | None:
    """Where a group whose last member is `last` goes on when `cands[i]` only describes that
    member: the index of the next member, -1 if the group ends there, None if `cands[i]` is
    no such description."""
    nxt = cands[i]
    if _OFFICE_TO.fullmatch(masked, last.end, nxt.start) and i + 1 < len(cands) \
            and _office_holder_joined(masked, nxt, cands[i + 1]):
        # "The U.S. ambassador to Iraq and the Kurdistan Region's prime minister called":
        # the office's country is no partner, the next office-holder is
        return i + 1
    aside = _ASIDE_THEN_AND.match(masked, last.end) if person_like(last.surface) else None
    if aside and nxt.start < aside.end():
        # "Brett McGurk, the U.S. envoy, and Nechirvan Barzani called": the mentions of the
        # appositive describe the person; the one after "and" is the next of the group
        return next((j for j in range(i, len(cands)) if cands[j].start == aside.end()), -1)
    return None


def _office_holder_joined(masked, country: Mention, nxt: Mention) -> bool:
    """Whether `nxt` follows the envoy's `country` as a second holder ("… to Iraq and the
    Region's prime minister"), not as a second country of the same office."""
    gap = masked[country.end:nxt.start]
    return bool(_AND_GAP.search(gap) and _GROUP_SEP.match(gap)) and nxt.kind == "actor" \
        and nxt.actor != country.actor and (person_like(nxt.surface)
                                            or bool(_OFFICE_AFTER.match(masked, nxt.end)))


def _coordinated(masked, a: Mention, b: Mention) -> bool:
    """Whether mention `b` continues the group of `a` ("Iraq and Turkey", "U.S. President X")."""
    gap = masked[a.end:b.start]
    if (_THE_GAP.fullmatch(gap) or (gap.strip() == "," and a.actor != b.actor)) \
            and _DESCRIBING_POSSESSIVE.match(masked, b.end):
        # "Gorran, the Kurdistan Region's main opposition party, said", "Ali al-Sistani, Iraq's
        # top Shia cleric, called": a description, not a partner
        return False
    if a.actor != b.actor and gap.split() and all(w.lower() in ("of", "the") for w in gap.split()):
        return False  # "a Kurdish member of the Iraqi parliament": the institution, not a partner
    return bool(_GROUP_SEP.match(gap)) or _title_gap(gap) or bool(ROLE_AND.fullmatch(gap)) or (
        bool(_POSSESSIVE_OFFICE_GAP.fullmatch(gap)) and masked[b.end:b.end + 2] in ("'s", "’s")) or (
        bool(_OFFICE_AND_COUNTERPART.fullmatch(gap)) and bool(COUNTERPART.match(masked, b.end)))


# a side's people named by what they are, then the next side's: "Turkish soldiers and Iraqi
# troops", "An Iraqi army officer and a Peshmerga commander", "A Turkish delegation and Iraqi
# officials"
ROLE_AND = re.compile(r"\s+(?:[a-z]+\s+)?(?:officers?|officials?|commanders?|soldiers|troops|forces|"
                       r"fighters|units|delegations?|delegates|diplomats?|envoys?|negotiators|"
                       r"ministers?|leaders?|lawmakers|spokes(?:man|woman|person)|generals?|"
                       r"representatives?|authorities|security\s+forces|army|military)"
                       r",?\s+(?:and(?:\s+of)?|as well as|along with|together with)\s+(?:(?:a|an|the|his|her|their)\s+)?"
                       # "Iranian forces and units of the Iraqi army"
                       r"(?:(?:units|elements|members|troops|soldiers|forces|fighters|officers|officials|"
                       r"representatives|delegations?)\s+of\s+(?:the\s+)?)?")
_THE_GAP = re.compile(r",\s+the\s+")
_DESCRIBING_POSSESSIVE = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+(?:[\w-]+\s+){0,3})?[a-z][\w-]*\s*,")
# a possessor's office of up to n words: "'s ambassador", "'s foreign minister"
_OFFICE_OF_UP_TO = r"['’]s(?:\s+[a-z][\w-]*){1,%d}"
POSSESSIVE_OFFICE = _OFFICE_OF_UP_TO % 3  # (statements.py uses it too)
# "Iran's ambassador and Turkey's ambassador", "Turkey's foreign minister, Iran's …": each
# side's own office, listed
_POSSESSIVE_OFFICE_GAP = re.compile(POSSESSIVE_OFFICE + r"(?:,\s*|,?\s+and\s+)")
# "Iraq's army chief of staff and his Iranian counterpart"
_OFFICE_AND_COUNTERPART = re.compile(_OFFICE_OF_UP_TO % 4 + r",?\s+and\s+(?:his|her|its|their)\s+")
COUNTERPART = re.compile(r"\s+counterparts?\b")


# ", chief of staff of the Iranian Armed Forces," after a person: a description of the person
_DESCRIPTION_OF = re.compile(r",\s+(?:[a-z][\w'’-]*\s+){1,6}(?:of|at|in|for)\s+(?:the\s+)?")
_NAME_REST = re.compile(r"(?:\s+[A-Z][\w'’-]*){0,4}")


def _own_apposition(masked, a: Mention, b: Mention) -> bool:
    """Whether `b` names the body of person `a` in an appositive description, so that a list
    goes on after it: "Bagheri, chief of staff of the Iranian Armed Forces, and his Turkish
    counterpart, …"."""
    return a.actor == b.actor and person_like(a.surface) \
        and bool(_DESCRIPTION_OF.fullmatch(masked, a.end, b.start))


def _title_gap(gap: str) -> bool:
    """A gap of title words between mentions: "U.S. President Donald Trump"."""
    words = gap.split()
    # a comma after a name ends the group: "given to the American broadcaster NPR, Barzani
    # said"; after title words it opens the name's apposition: "the Iraqi Prime Minister,
    # Haider al-Abadi,"
    return 0 < len(words) <= 4 and all(w[:1].isupper() or w.lower() in ("of", "the") for w in words) \
        and ";" not in gap and ("," not in gap or all(w.strip(",").lower() in _NAME_TITLES
                                                       for w in words))


def _apposition(masked, a: Mention, b: Mention, gap: str) -> bool:
    """Whether name `b` is in apposition to description `a`: "for the Region's leader, Masoud
    Barzani, whom …" (not "against Erbil, Barzani said" or "In Erbil, Masrour Barzani, who …")."""
    return gap.strip() == "," and a.actor == b.actor and person_like(b.surface) \
        and any(w[:1].islower() for w in a.surface.split()) and masked[b.end:b.end + 1] == ","


# "after meeting U.S. envoys", "aimed at persuading Barzani", "efforts at pressing Baghdad": the
# object of a gerund after these is governed ("By evening" is no gerund)
_GERUND_HEADS = frozenset("after before while when since without by upon despite at for of on in "
                          "about".split())
_ING_NOUNS = frozenset("""evening morning thing nothing something anything everything spring
king ring wing string building ceiling during""".split())
# people in a capital who are not its government's: "a Western diplomat in Baghdad"
_OUTSIDERS = frozenset("western european arab international un gulf".split())
_AND_GAP = re.compile(r"\b(?:and|or|as well as|together with|along with)\b")


# a clause-opening place: "In Ankara, Abadi and Erdogan agreed" (the comma closes it; the names
# after it are the subject), not "In Iraq, Turkey and Iran, Kurds …" (a list up to a comma)
_OPENER_PLACE = re.compile(r"(?i)(?:[^,;]{0,40}\s)?(?:in|at|from)\s+")


def _place_then_subject(masked, lo, place, group) -> bool:
    """Whether `group` is a clause-opening place and the names after its comma, not a list
    the preposition governs ("In Ankara, Abadi and Erdogan agreed")."""
    return bool(_OPENER_PLACE.fullmatch(masked, lo, place.start)) \
        and masked[place.end:place.end + 1] == "," and masked[group[-1].end:].lstrip()[:1] != ","


def subject_group(masked, lo, hi, mentions):
    """The first mention group in masked[lo:hi] not governed by a preposition."""
    cands = [m for m in mentions if lo <= m.start and m.end <= hi]
    prev_governed = False
    listed = set()  # the members of a governed list: "after meeting U.S., British and UN envoys"
    for i, m in enumerate(cands):
        if i in listed:
            prev_governed = True
            continue
        is_governed = governed(masked, lo, m)
        if is_governed:
            group = group_from(masked, cands[i:])
            if len(group) > 2 and _AND_GAP.search(masked, group[-2].end, group[-1].start) \
                    and not _place_then_subject(masked, lo, m, group):
                listed.update(range(i, i + len(group)))
        if not is_governed and prev_governed:
            # "turned to Kurdistan Region President Masoud Barzani", "after Iraqi troops and
            # the Hashd pushed …": the rest of a governed group (joined by a title, or by
            # "and"/"or", not by a bare comma) is governed too
            gap = masked[cands[i - 1].end:m.start]
            if _title_gap(gap) or (_AND_GAP.search(gap) and _GROUP_SEP.match(gap)) \
                    or _apposition(masked, cands[i - 1], m, gap):
                prev_governed = False
                continue
        prev_governed = is_governed
        if is_governed:
            continue
        return group_from(masked, cands[i:]) or ([] if m.kind != "none" else [])
    return []


def in_relative(masked, lo, pos) -> bool:
    """Whether `pos` is inside a relative clause (", who sits for … in the Iraqi parliament,"),
    not its subject (", which Ankara opposed")."""
    rel = _IN_RELATIVE.search(masked, max(lo, pos - 60), pos)
    if not rel or GOVERNMENT_OF.fullmatch(rel.group("rest")):
        return False  # ", which the government of Prime Minister X rejects": its subject
    words = _WORD.findall(rel.group("rest"))
    while words and words[-1].lower() in ("the", "its", "their", "his", "her"):
        words.pop()
    if len(words) == 1 and rel.group("pronoun") == "whose":
        return False  # ", whose legitimacy Baghdad disputed": its subject
    return bool(words)


_COMPANION_WORD = re.compile(r"(?i)\b(?:with|alongside|beside)\b")


def _after_companion_title(before: str) -> bool:
    """Whether `before` (up to a name) ends with "with", "alongside" or "beside", capitalised
    words and at least one title: "… with (Iraqi) Foreign Minister" makes the name a companion."""
    tokens = _WORD.findall(re.split(r"[,;:(]", before)[-1])
    i = len(tokens)
    while i and tokens[i - 1].lower() in _NAME_TITLES:
        i -= 1
    if i == len(tokens):
        return False
    while i and tokens[i - 1][:1].isupper():
        i -= 1
    return i > 0 and tokens[i - 1].lower() in ("with", "alongside", "beside")


def governed(masked, lo, m: Mention) -> bool:
    """Whether mention `m` (in a clause from `lo`) is a preposition's or addressing verb's
    object rather than a possible subject."""
    if in_relative(masked, lo, m.start):
        return True  # "X, who sits for Barzani's party in the Iraqi parliament, told …"
    before = masked[max(lo, m.start - 60):m.start]
    if _ADDRESSED_TO.search(masked, max(lo, m.start - 90), m.start):
        return True  # "The text, addressed to the Iraqi government, the Iraqi public and …,"
    if _BREAK_BEFORE.search(before):
        return False  # "The day before, Erdogan warned": the comma ends the adverbial
    words = _WORD.findall(before)
    while words and words[-1].lower() in ("the", "its", "their", "a", "an", "his", "her", "both",
                                          "either", "neither", "mr", "mrs", "ms", "dr"):
        words.pop()  # "claimed by both Baghdad and Erbil": "both" does not end the preposition's reach
    if not words:
        return False
    if words[-1].lower().endswith(("'s", "’s")):
        # "In an interview with Iran's Tasnim news agency, X called …": the owner's preposition
        # governs the owned too
        rest = words[:-1]
        while rest and rest[-1][:1].isupper() and len(words) - len(rest) < 4:
            rest.pop()
        while rest and rest[-1].lower() in ("the", "a", "an"):
            rest.pop()
        if rest and rest[-1].lower() in _BLOCKING \
                and rest[-1].lower() not in ("in", "of", "for", "from", "to", "by"):
            return True  # (those have their own exceptions below: "a statement from Iraq's …")
    if _COMPANION_WORD.search(before) and _after_companion_title(before) \
            and not _RELATIVE_AFTER.match(masked, m.end):
        return True  # "with (Iraqi) Foreign Minister X": the preposition reaches past the title
    prev = words[-1].lower()
    if prev in ("former", "ex") and len(words) >= 2 and words[-2].lower() in ("a", "an"):
        return True  # "Zalmay Khalilzad, a former U.S. ambassador, wrote …": no longer speaks for it
    if len(words) >= 2 and prev.endswith("ing") and prev not in _ING_NOUNS \
            and words[-2].lower() in _GERUND_HEADS:
        return True  # "after meeting U.S. envoys, Barzani said": the object of a gerund
    if prev in ("that", "whether") and len(words) >= 2 and words[-2].lower() in _CONTENT_NOUNS:
        return True
    if prev == "that" and len(words) >= 2 and words[-2].lower() == "so":
        return True  # "ordered a halt so that a team of federal and Kurdish forces could …"
    if prev == "to" and len(words) >= 2 and words[-2].lower() in _TO_HEADS:
        return False  # "troops loyal to Baghdad took …", "an aide to Abadi said …"
    if prev == "from" and len(words) >= 2 and words[-2].lower() in _FROM_HEADS and (
            len(words) == 2 or words[-3].lower() in _FROM_LEAD) and (
            len(words) <= 3 or words[-2].lower() not in _FROM_DOCUMENTS):
        return False  # "A delegation from Iraq's armed forces travelled …" opens its clause
    if prev == "of" and len(words) >= 3 and words[-3].lower() in ("former", "ex"):
        return True  # "a former member of the Iraqi parliament": no longer speaks for it
    if prev == "of" and len(words) >= 3 and words[-2].lower() not in _PEOPLES \
            and person_like(" ".join(words[-3:-1])):
        return False  # "Jafar Sheikh Mustafa of the Peshmerga ministry said": his institution
    if prev == "of" and len(words) >= 3 and words[-3].lower() in _BLOCKING:
        return True  # "a joint exercise with units of the Iraqi army": the preposition's
    if prev == "in" and len(words) >= 3 and words[-3].lower() in _OUTSIDERS:
        return True  # "a Western diplomat in Baghdad" is not Baghdad's
    if prev in ("of", "in", "for"):  # "the ministers of Iraq", "officials in Baghdad",
        # "the spokesman for the coalition" are subjects
        return len(words) < 2 or words[-2].lower() not in (_IN_HEADS if prev == "in" else _OF_HEADS)
    return prev in _BLOCKING


def inverted_group(masked, cue, mentions, inverting):
    """'"…," said X' — a speech cue right after a quote or comma takes the group after it
    (`inverting`: the verbs that can come before their subject, as `cue_word` gives them)."""
    if cue.lastgroup != "speech" or cue_word(cue) not in inverting:
        return []
    before = masked[max(0, cue.start() - 4):cue.start()]
    if not _AFTER_QUOTE.search(before):
        return []
    # "…, said the ruling would strengthen Abadi's hand": content, not a speaker
    return adjacent_subject(masked, cue.end(), mentions)


def adjacent_subject(masked, at, mentions):
    """The group that an inverted verb ending at `at` takes as its subject: the first mention
    within 70 characters with only title words before it ("said Turkish Prime Minister X")."""
    after = [m for m in mentions if at <= m.start < at + 70]
    if not after or not all(_INVERTED_GAP_WORD.fullmatch(w) for w in _WORD.findall(
            masked[at:after[0].start])):
        return []
    return group_from(masked, after)


# words between an inverted verb and its subject: "said Turkish Prime Minister X", "said the
# country's foreign minister, X"
_INVERTED_GAP_WORD = re.compile(
    r"[A-Z][\w.’'-]*|[\w-]+['’]s|the|of|and|a|an|its|former|deputy|foreign|prime|defen[cs]e|"
    r"interior|minister|spokes(?:man|woman|person)|president|vice|chief|adviser|advisor|senior|"
    r"top|officials?|general|secretary|state|envoy|ambassador|commander|head|leaders?|speaker|"
    r"ministry|government|military|army|army's|acting|new|then")


_EXERCISE_WORDS = r"drills?|exercises?|manoeuvres?|maneuvers?"
_EXERCISE = re.compile(r"\b(?:%s|war\s+games|exercis(?:ed|ing)|drilling)\b" % _EXERCISE_WORDS,
                       re.IGNORECASE)  # "… has been exercising with the Turkish army"
_PARTNER = re.compile(r"\b(?:join(?:ed|ing|s)?(?:\s+by)?|alongside|together\s+with|(?P<with>with)|"
                      r"(?P<part>(?:part|participat\w*)\s+in(?:\s+(?:a|an|the))?))\s+"
                      r"(?:units\s+of\s+)?(?:the\s+|their\s+)?$", re.IGNORECASE)
_FORCE_NOUN = re.compile(r"\s*(?:\w+\s+)?(?:troops|forces|army|armies|soldiers|units|military|"
                         r"counterparts|navy|air\s+force|guards)\b", re.IGNORECASE)


_EXERCISE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:%s)\b" % _EXERCISE_WORDS,
                             re.IGNORECASE)  # "took part in a Turkish exercise"


def _partner_before(masked, lo, m) -> bool:
    """'joined Turkish troops', 'alongside …', or 'drills with …' (not 'clashed with …')."""
    p = _PARTNER.search(masked, max(lo, m.start - 30), m.start)
    return bool(p) and (not p.group("with") or bool(
        _EXERCISE.search(masked, max(lo, p.start() - 25), p.start())))


def joint_partners(masked, lo, hi, mentions):
    """Partners in a joint military exercise named in masked[lo:hi] ('joined Turkish troops')."""
    exercise = _EXERCISE.search(masked, lo, hi)
    if not exercise or _PLANNED.search(masked, lo, exercise.start()) \
            or _PLANNED_AFTER.match(masked, exercise.end(), hi):
        return []  # a planned joint exercise is the announcing side's (codebook §3)
    out = []
    for m in mentions:
        if lo <= m.start < hi and m.kind == "actor" \
                and _partner_before(masked, lo, m) \
                and (_FORCE_NOUN.match(masked, m.end) or _EXERCISE_AFTER.match(masked, m.end)
                     or masked[m.start:m.end].lower().endswith(
                    ("troops", "forces", "army", "soldiers", "units", "military"))):
            out.append(m)
    return out


_PLANNED = re.compile(r"\b(?:would|will|shall|plans?\s+to|planned\s+to|intends?\s+to|intended\s+to|"
                      r"(?:is|are|were|was)\s+(?:due\s+)?to|going\s+to)\b", re.IGNORECASE)


# "a joint exercise with units of the Iraqi army would be held …"
_PLANNED_AFTER = re.compile(r"[^,;.]{0,60}?\b(?:would|will|shall)\s+(?:soon\s+)?be\s+(?:held|staged|"
                            r"conducted|carried\s+out)\b", re.IGNORECASE)


_REACTION_FROM = re.compile(
    r"\b(?:rebukes?|criticism|condemnations?|protests?|warnings?|objections?|support|praise|backing|"
    r"threats?|denunciations?|rejections?|opposition|welcome|applause|statements?|remarks|comments|"
    r"messages?|letters?|communiqu[eé]s?|announcements?|responses?|reactions?|appeals?|calls?|"
    r"line|note|tone|verdict|echo|signals?|pledges?|assurances?|demands?|denials?)"
    r"\s+(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?$"
    r"|\b(?:over|despite)\s+(?:the\s+)?(?:strong\s+|fierce\s+|repeated\s+)?(?:objections?|opposition|protests?|warnings?)\s+of\s+(?:the\s+)?$"
    r"|\bin\s+defiance\s+of\s+(?:the\s+)?$",  # "over the objections of Baghdad"
    re.IGNORECASE)


_NOMINAL_BY = re.compile(
    r"\b(?:promises?|pledges?|threats?|warnings?|vows?|demands?|decisions?|orders?|proposals?|"
    r"offers?|announcements?|statements?|rejection|refusal|ultimatum|decree|call)\s+by\s+(?:the\s+)?"
    r"(?:[A-Z][\w.'’-]*\s+){0,3}$",  # "a promise by President Tayyip Erdogan"
    re.IGNORECASE)


# control passing to an actor: "Kirkuk fell to Iraqi forces", "came under the control of
# the army", "were in federal hands", "came under Iraqi control"
_CONTROL_BEFORE = re.compile(
    r"\b(?:fell|falls|fall|passed|passes|reverted)\s+(?:back\s+)?(?:in)?to\s+(?:the\s+)?$"
    r"|\b(?:came|come|comes|brought|placed|fell|returned|were|was|is|are|now)\s+"
    r"(?:back\s+|now\s+|firmly\s+)?(?:under|into|in)\s+(?:the\s+)?(?:full\s+|complete\s+)?"
    r"(?:(?:control|hands)\s+of\s+(?:the\s+)?)?$", re.IGNORECASE)
_CONTROL_AFTER = re.compile(r"\s+(?:control|hands)\b")


def control_gainer(masked, lo, hi, mentions):
    """'Kirkuk fell to Iraqi forces', 'the airport was in federal hands': the actor that
    took control acts."""
    def gains(m):
        before = m.kind == "actor" and _CONTROL_BEFORE.search(masked, max(lo, m.start - 50),
                                                               m.start)
        return before and (before.group().lower().rstrip().endswith(("of", "to", "the"))
                           or _CONTROL_AFTER.match(masked, m.end))
    return _first_group(masked, lo, hi, mentions, gains)


# appeals and demands that another clause answers (writers give them to their source; not
# "despite opposition from …", "threats from …", "an offer by Erbil", which they leave out)
_APPEAL_FROM = re.compile(r"\b(?:calls?|appeals?|demands?|requests?|pleas?)\s+(?:[\w-]+\s+){0,2}?"
                          r"from\s+(?:the\s+)?$", re.IGNORECASE)
_MADE_BY = re.compile(r"\b(?:announcements?|statements?|declarations?|decisions?)\s+(?:made|issued)"
                      r"\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}$", re.IGNORECASE)


# what another clause defies: "despite Baghdad's demands", "despite Monday's order by Iraq's
# Supreme Court"
_DEFY = r"(?:despite|defying|defied|ignoring|ignored|brushing\s+aside|brushed\s+aside)"
_DEFIED_BY = re.compile(r"\b" + _DEFY + r"\s+(?:[\w’'-]+\s+){0,3}?(?:orders?|rulings?|decisions?|"
                        r"demands?|calls?|requests?|appeals?|ultimatum)\s+(?:by|from)\s+(?:the\s+)?$",
                        re.IGNORECASE)
_DEFYING = re.compile(r"\b" + _DEFY + r"\s+(?:the\s+)?$", re.IGNORECASE)
_OWN_DEMAND = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:demands?|calls?|appeals?|requests?|pleas?|"
                         r"orders?|ultimatum|objections|warnings)\b", re.IGNORECASE)


_MORE_FROM = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)from\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}")


def reaction_sources(masked, lo, hi, mentions):
    """Every group an appeal comes from or an announcement was made by: "despite appeals from
    Washington, Ankara and Tehran", "an announcement made on Wednesday by Barzani"."""
    out = []
    for i, m in enumerate(mentions):
        if lo <= m.start < hi and m not in out and (
                _APPEAL_FROM.search(masked, max(lo, m.start - 60), m.start)
                or _MADE_BY.search(masked, max(lo, m.start - 60), m.start)
                or _DEFIED_BY.search(masked, max(lo, m.start - 60), m.start)
                or (_DEFYING.search(masked, max(lo, m.start - 30), m.start)
                    and _OWN_DEMAND.match(masked, m.end))):
            group = group_from(masked, mentions[i:])
            for j in range(i + 1, len(mentions)):  # "… from Baghdad, from Turkey and Iran and from …"
                nxt = mentions[j]
                if group and group[-1].end < nxt.start < hi \
                        and _MORE_FROM.fullmatch(masked, group[-1].end, nxt.start):
                    group += [g for g in group_from(masked, mentions[j:]) if g not in group]
            out += [g for g in group if g not in out]
    return out


# "… was included in the vote over Baghdad's objections" (as "over the objections of …")
_OWN_OBJECTION = re.compile(r"['’]s\s+(?:strong\s+|fierce\s+|repeated\s+|vocal\s+)?"
                            r"(?:objections?|opposition|protests?)\b")


def reaction_source(masked, lo, hi, mentions):
    """'The measures drew a sharp rebuke from Erbil', 'a promise by Erdogan to …': the
    source of a reaction or the maker of a promise holds."""
    return _first_group(masked, lo, hi, mentions, lambda m: (
        _REACTION_FROM.search(masked, max(lo, m.start - 60), m.start)
        or _NOMINAL_BY.search(masked, max(lo, m.start - 50), m.start)
        or (masked.endswith("over ", lo, m.start) and _OWN_OBJECTION.match(masked, m.end))))

