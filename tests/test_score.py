import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.resources import load_lexicon
from stance.rules import LexiconScorer
from stance.score import lexicon_scopes, score_stances


@pytest.fixture(scope="module")
def lex():
    return LexiconScorer(load_lexicon())


# codebook §4 invented examples and traps: (text, target, label, |score|)
@pytest.mark.parametrize("text, target, label, magnitude", [
    ('"Our tanks are at the border for a reason," the Turkish president said.', "force", "favor", 1.0),
    ("Tehran said the vote was a threat to the region and closed its airspace to flights from Erbil.",
     "referendum", "against", None),
    ("Tehran said the vote was a threat to the region and closed its airspace to flights from Erbil.",
     "force", "none", 0),
    ("Erbil said it would hold the vote on schedule despite the pressure.", "referendum", "favor", 1.0),
    # fighting back, threats of crushing and severe responses, an aside inside "all options"
    ("The Peshmerga fired back and destroyed two Humvees.", "force", "favor", 1.0),
    ("Barzani warned that anyone who threatened Kurdistan would face a severe response.", "force",
     "favor", 0.5),
    ("All options, the military one included, were on the table, he said.", "force", "favor",
     0.5),
    # breaking a country up, in verb or noun (a feared outcome: no negation reverses it); a denied intention to start a fight; a vote
    # called legal with an adverb and a quotation mark between
    ("Tehran will never allow anyone to dismember its neighbour, the general said.",
     "referendum", "against", 0.5),
    ("He praised Moscow for standing against the region's break-up.", "referendum", "against",
     None),
    # … a feared outcome stays against under a negation; a good one is reversed
    ("Ankara will never accept the fragmentation of its neighbour.", "referendum", "against", 0.5),
    ("Erbil said the vote did not threaten the unity of Iraq.", "referendum", "favor", 0.5),
    ("Tehran will never accept a change in the borders of the region, Rouhani said.",
     "referendum", "against", 0.5),
    ('"We have no intention of waging a war on anyone," the minister said.', "force", "against",
     0.5),
    ('The governor said the ballot was perfectly "legal and binding."', "referendum", "favor", 0.5),
    # easing tension, denying a military course, settling through talks, halting operations,
    # neutrality
    ("The council stressed the need to end the tension between Baghdad and Erbil.", "force",
     "against", 0.5),
    ("The premier said he was not seeking a military showdown with the Kurds.", "force",
     "against", 1.0),
    ("The problems will be resolved through dialogue, the spokesman said.", "force", "against",
     0.5),
    ("The prime minister ordered military movements halted for 24 hours.", "force", "against",
     0.5),
    ("Washington would stay neutral, the official said.", "force", "against", 0.5),
    # defying demands to drop the vote, no way back, natural rights; a cue inside a longer
    # one of the other side is part of it ("cancel" in "rejected the demand to cancel")
    ("Erbil rejected Baghdad's demand to cancel the referendum.", "referendum", "favor", 1.0),
    ("The regional parliament rejected the court's ruling.", "referendum", "favor", 1.0),
    ("Postponing the vote is not an option, the president said.", "referendum", "favor", 1.0),
    ("Barzani vowed never to return to the failed partnership with Baghdad.", "referendum",
     "favor", 1.0),
    # a Kurdish state and "the plan" name the dispute as the vote does
    ("Ankara has long opposed any step toward an independent Kurdish state.", "referendum",
     "against", 1.0),
    ("Tehran rejected the Kurdish plan outright.", "referendum", "against", 1.0),
    ("The State Department asked Erbil to postpone the referendum and called on all sides to avoid "
     "escalation.", "force", "against", 0.5),
    ("The State Department asked Erbil to postpone the referendum and called on all sides to avoid "
     "escalation.", "referendum", "against", 0.5),
    ("Iraqi forces moved toward the oil fields at dawn, the Joint Operations Command said.", "force",
     "favor", 1.0),
    ("Baghdad denied it was planning any military operation against the region.", "force", "against", 0.5),
    # warning against force named outright is explicit: the topic's magnitude sets the floor
    ("Washington cautioned Baghdad against the use of force.", "force", "against", 1.0),
    ("Washington warned Baghdad against any escalation.", "force", "against", 0.5),
    ("We do not recognize the vote, and we call on Baghdad to reject any use of force.", "referendum",
     "against", 1.0),
    ("We do not recognize the vote, and we call on Baghdad to reject any use of force.", "force",
     "against", 1.0),
    # forces massing or digging in, a buildup, continued firing, troops entering a place,
    # vowing to free territory
    ("Iraqi forces have been massing south of Kirkuk for days.", "force", "favor", 0.5),
    ("Iran has steadily built up its forces along its northwestern frontier.", "force", "favor",
     0.5),
    ("The militia kept firing on Peshmerga positions, he said.", "force", "favor", 0.5),
    ("Federal troops had entered the town on Monday, the command said.", "force", "favor", 0.5),
    ("The group urged the government to free Kirkuk from the separatists.", "force", "favor", 0.5),
    # staying focused on ISIS instead of fighting each other (a cue that names ISIS is not
    # blocked by it), holding fire, no military way out
    ("All parties must remain focused on the defeat of our common enemy, ISIS, the general said.",
     "force", "against", 0.5),
    ("They had held their fire, the command said.", "force", "against", 0.5),
    ("We do not think the issues could be resolved militarily, Barzani said.", "force", "against",
     1.0),
    ("Yawar said the region was not in favour of war in any form.", "force", "against", 1.0),
    ("Iraqi forces fought ISIS in Mosul.", "force", "none", 0),
    # not recognizing the vote, also as "neither X nor Y" and in the past tense
    ("Neither Washington nor Ankara has recognized the referendum.", "referendum", "against", 1.0),
    ("No country has recognized the vote.", "referendum", "against", 1.0),
    # denying reports of an offensive is denying a plan to use force
    ("The ministry dismissed reports of an imminent attack on Kirkuk.", "force", "against", 0.5),
    # negation and its scope
    ("Erbil said it will not postpone the referendum.", "referendum", "favor", None),
    ("Ankara did not rule out military action.", "force", "favor", None),
    # a negated verb reaches an adverbial cue at the end of its clause, not across "but"
    ("Abadi said Baghdad would not impose facts on the ground by force.", "force", "against", None),
    ("Abadi said Baghdad would not hesitate, but would take Kirkuk by force.", "force", "favor",
     None),
    # talks on the result: favor; refusing them: against
    ("Barzani called for talks with Baghdad on the results of the vote.", "referendum", "favor",
     None),
    ('"We are not ready to discuss the results of the referendum," Abadi said.', "referendum",
     "against", None),
    # vague threats and non-force measures are not force
    ("Ankara warned of serious consequences and said it would take all necessary measures.", "force",
     "none", 0),
    ("Baghdad imposed a ban on international flights to Erbil.", "force", "none", 0),
    # force against the PKK or ISIS is outside the dispute
    ("Turkey said it would launch an operation against the PKK.", "force", "none", 0),
    # a prediction of conflict is a warning about the vote, not force
    ("Erdogan said the vote could lead to an ethnic war.", "force", "none", 0),
    # hinting at an operation leans toward force; "war means destruction" warns against it
    ("Erdogan has begun to hint at a military operation toward Erbil.", "force", "favor", 0.5),
    ("Barzani cautioned that war means destruction of everything.", "force", "against", 0.5),
    # cues read across quotation marks, and a cue that holds its own negation is not negated
    # again by it
    ('The Pentagon said the two forces should not be "going at each other."', "force",
     "against", 0.5),
    ('Ankara called the vote "null and void."', "referendum", "against", None),
    # offering or calling for a ceasefire is an explicit "against" (codebook §4)
    ("Erbil offered to freeze the result and to declare an immediate ceasefire.", "force",
     "against", 1.0),
    ("Without doubt the Peshmerga are in a state of combat readiness.", "force", "favor", None),
    # a retreat "back to the lines" backs nothing; ordering no first shot; licence to use
    # every means; asserting control over territory; moving to isolate the region
    ("The Peshmerga said they had gone back to the lines they held before the 2014 offensive.",
     "force", "none", 0),
    ("Ankara backed the offensive.", "force", "favor", 0.5),
    ("Barzani instructed his forces not to start a fight.", "force", "against", 0.5),
    # orders not to fire are restraint; not firing back or "did not fire a shot" are not
    ("Commanders told the troops not to shoot at the protesters.", "force", "against", 0.5),
    ("The army did not fire a single shot as it entered the city.", "force", "none", 0),
    ("He would keep his word not to enter a civil war, he said.", "force", "against", 0.5),
    ("If attacked, they had a green light to use every means at their disposal.", "force",
     "favor", 0.5),
    ("It was the federal authorities asserting control over Iraqi territory.", "force", "favor",
     0.5),
    ("Turkey, Iran and Baghdad all moved to isolate the region.", "referendum", "against", 0.5),
    # a vote count is narration; driving ISIS out is outside the dispute, staying focused on
    # it still an "against"
    ("According to the KRG, 93 percent of those who voted backed independence.", "referendum",
     "none", 0),
    ("Troops opened a campaign to drive Islamic State out of its last pocket.", "force", "none",
     0),
    ("The KRG said it would stay focused on defeating Islamic State.", "force", "against", 0.5),
    # holding the vote is a deed for it, opposing its holding one against; "its plans" are
    # the vote; borders stated closed, and air or land borders, are a measure against it
    ("In defiance of Baghdad, the KRG held the non-binding referendum.", "referendum", "favor",
     0.5),
    ("Ankara warned Erbil against holding the vote.", "referendum", "against", None),
    ("The KRG refused to cancel its plans.", "referendum", "favor", None),
    ("The crossings will remain closed until further notice.", "referendum", "against", 0.5),
    ("Iran closed its land borders with the region.", "referendum", "against", 0.5),
    # taking a disputed place, places passing into federal hands, ordering troops in,
    # securing bases; denying any intent to turn the army on the Kurds, wanting no clash
    ("Iraqi forces took Kirkuk and the nearby oil fields with little resistance.", "force",
     "favor", 1.0),
    ("By Monday afternoon the base and the airport were in federal hands.", "force", "favor",
     0.5),
    ("Baghdad answered by ordering troops into the disputed areas.", "force", "favor", 1.0),
    ("Abadi ordered his forces to secure the military bases.", "force", "favor", None),
    ("Baghdad had no intention of turning its troops on the Kurds.", "force", "against", 1.0),
    ("Abadi said he wanted no armed confrontation with the region.", "force", "against", 1.0),
    ("The Peshmerga fell back towards the lines they held in 2003.", "force", "against", 0.25),
    # withheld backing is against ("did not back", "would never accept it", "nobody would
    # tolerate"); "separatist" is a charge a negation does not turn into support
    ("Washington did not back the vote.", "referendum", "against", 1.0),
    ("Nobody would tolerate an independent Kurdistan, the general said.", "referendum",
     "against", 1.0),
    ("The two countries did not accept separatist moves.", "referendum", "against", 1.0),
    ("Turkey and Iran oppose an independent Kurdistan.", "referendum", "against", 1.0),
    ("We will not allow the creation of a second Israel in the north.", "referendum",
     "against", 1.0),
    ("The council's decision lacks all legitimacy, the speaker said.", "referendum", "against",
     1.0),
    ("What was needed was for the vote not to be held at all.", "referendum", "against", 1.0),
    ("Our agenda will be finding the mechanisms to implement the people's vote.",
     "referendum", "favor", 0.5),
    # numbers and Peshmerga in deployments, forces "already stationed", a pause in "their
    # movements", "no plans for an operation"
    ("Rasul sent at least 6,000 Peshmerga to Kirkuk.", "force", "favor", 1.0),
    ("Thousands of security forces are already stationed around Kirkuk.", "force", "favor",
     0.5),
    ("Abadi ordered his forces to stop their movements for 24 hours.", "force", "against",
     0.5),
    ("The military said it had no plans for an operation in Kirkuk.", "force", "against", 0.5),
    # a rejected demand negates the demanded step; the vote opposed in the passive; too late
    # for a delay; should not be carried out; borders that must not change
    ("The KDP and the PUK reject any demands to nullify the referendum results.",
     "referendum", "favor", None),
    ("The Kurdish leadership rejected every call to postpone or cancel it.", "referendum",
     "favor", None),
    ("Turkey rejected calls to hold the referendum.", "referendum", "against", None),
    ("The vote was opposed by the Iraqi government and by Turkey.", "referendum", "against",
     1.0),
    ("Barzani told a rally that it was now too late for a delay.", "referendum", "favor", 1.0),
    ("This referendum should not be carried out, Yildirim said.", "referendum", "against", 1.0),
    ("Rouhani said the region's borders must not be changed.", "referendum", "against", 0.5),
    # dismissing talk of war, no cause for war; a contraction negates ("don't think … militarily")
    ("Yildirim brushed aside talk of war over the vote.", "force", "against", 0.5),
    ("The vote could not become a reason for war, the premier said.", "force", "against", 0.5),
    ("Bahceli said the vote should be a cause for war.", "force", "none", 0),
    ("We don't think the issues could be resolved militarily, Barzani said.", "force", "against",
     1.0),
    # the vote as the antecedent of the holder's relative clause; an adverb before "to"
    ("Ties cooled after the Sept. 25 vote, which Ankara strongly opposed.", "referendum",
     "against", 0.5),
    ("Ankara objected loudly to the ballot.", "referendum", "against", 1.0),
    ("The vote, which Barzani called historic, went ahead.", "referendum", "favor", None),
    # readiness to fight alone is a cue (not readiness to defend the vote); resuming an
    # offensive; not resorting to violence; problems weapons cannot solve; not provoking
    ('The Peshmerga were "ready to defend," he said.', "force", "favor", 0.5),
    ("Barzani said the Kurds were ready to defend the vote.", "force", "none", 0),
    ("The command warned that it could resume its offensive.", "force", "favor", None),
    ("He urged the Kurds not to resort to violence.", "force", "against", 0.5),
    ("Iraq's problems cannot be solved by weapons and military measures.", "force",
     "against", 1.0),
    ("Abadi told the troops to protect civilians and not to provoke conflict.", "force",
     "against", 0.5),
    ("At least 6,000 more Peshmerga were ordered into Kirkuk province.", "force", "favor", 0.5),
    # not retreating from the vote is backing it, not a military stand; a retreat from a
    # town is still a withdrawal
    ("She said the Kurds would not retreat from the September 25 referendum.", "referendum",
     "favor", 1.0),
    ("She said the Kurds would not retreat from the September 25 referendum.", "force", "none",
     0),
    ("The Peshmerga retreated from Kirkuk.", "force", "against", 0.25),
    # dropping or shelving the plan; thwarting or blocking it; doomed to fail
    ("They urged the Kurdish leadership to drop the plan.", "referendum", "against", 1.0),
    ("He dropped by the office.", "referendum", "none", 0),
    ("Abadi pointed to his part in thwarting last year's independence project.", "referendum",
     "against", 0.5),
    ("Abadi cautioned that the referendum was doomed to fail.", "referendum", "against", 0.5),
    # vowing to regain lost ground; resisting an occupation; returning fire
    ("The commander said his men would regain their lost positions.", "force", "favor", 1.0),
    ("They vowed to recover the money.", "force", "none", 0),
    ("He told the fighters to resist what he called the occupation.", "force", "favor", 1.0),
    ("Kurdish units returned fire.", "force", "favor", 0.5),
    # a rejection of the vote or of force; the date not moving
    ("He renewed the rejection of the planned Kurdish vote.", "referendum", "against", 1.0),
    ("Ankara repeated its rejection of any use of force.", "force", "against", None),
    ("The rejection of the offer angered Erbil.", "referendum", "none", 0),
    ("The door is open, he said, but the date is not moving.", "referendum", "favor", 0.5),
    ("Its timing will not suit everyone.", "referendum", "none", 0),
    # denying or playing down a reported deed of force
    ("Qassemi dismissed reports that Iranian artillery had shelled the region.", "force",
     "against", 0.5),
    ("The command played down reports of a military build-up near Erbil.", "force", "against",
     0.5),
    ("Iranian artillery shelled the region.", "force", "favor", None),
    ("The ministry denied reports of a troop deployment to the border.", "force", "against", 0.5),
    # "not hesitate" is no negation; a contraction negates ("won't" has no word boundary)
    ("Ankara would not hesitate to use all the means at its disposal.", "force", "favor", None),
    ("He won't send troops to Kirkuk.", "force", "against", None),
    ("All tools and methods are on the table.", "force", "favor", 0.5),
    ("Ankara would respond with security, political and economic steps.", "force", "favor", 0.25),
    # "push back" the vote is to postpone it, not to back it
    ('Erbil, he said, would not push back the vote "even by a minute."', "referendum", "favor", 0.5),
    ("Washington urged Erbil to push back the vote.", "referendum", "against", 0.5),
    # rejecting a step back from the vote is for it; rejecting the vote or a feared outcome is not
    ("Kurdish leaders have ruled out any postponement of the ballot.", "referendum", "favor", 1.0),
    ("Barzani rejected calls to freeze the result of the referendum.", "referendum", "favor", 1.0),
    ("Ankara ruled out the referendum.", "referendum", "against", 1.0),
    # an agreement on military cooperation uses no force; a military buildup is a show of it
    ("Iran and Iraq signed a military cooperation agreement on Sunday.", "force", "none", None),
    ("Turkey announced a military buildup on the border.", "force", "favor", 0.5),
    # the vote's timing: "not the right time" is against it; "when is the right time?" answers
    # that charge, for it
    ("Allawi said it was not the right time for the referendum.", "referendum", "against", 0.5),
    ("Several governments have questioned the timing of the vote.", "referendum", "against", 0.5),
    ("It is not the right time to hold the referendum, he said.", "referendum", "against", 0.5),
    ('"You tell us, when is the right time?" Barzani asked.', "referendum", "favor", 0.5),
    ('He asked critics who said the timing was wrong to tell him "when is the right time" '
     "for the vote.", "referendum", "favor", 0.5),
    ("For those governments there will never be a suitable time, he said.", "referendum",
     "favor", 0.5),
    # session 26, from independent writers' stance probes: veiled threats (troops "not there for
    # nothing", coming "one night"), every alternative on the table, not going to war, a vote
    # that ignites a war, vowing that no one will invade
    ('"Our armed forces are not in Silopi for nothing," the president said.', "force", "favor", 1.0),
    ('He said the army "may come there overnight all of a sudden."', "force", "favor", 1.0),
    ('Every alternative had been "put on the table", the premier said.', "force", "favor", 0.5),
    ("He said all the options are on the table.", "force", "favor", 0.5),
    ('"Everything including a joint operation is on the table," the minister said.', "force",
     "favor", 0.5),
    ("The premier assured viewers that the army was not going to war.", "force", "against", 0.5),
    ("The minister said the vote amounted to igniting a new war.", "referendum", "against", 0.5),
    ("The minister said the vote amounted to igniting a new war.", "force", "none", 0),
    ("The Peshmerga would not let anyone invade the region, Barzani said.", "force", "favor", 0.5),
    ("The army would not attack the Kurds, the spokesman said.", "force", "against", 0.5),
    ("The talks were not held for nothing, the mediator said.", "force", "none", 0),
    # frames: a cue right after a denied one is denied too; a rejection does not reach across
    # a new predicate; "warned X that …" is no warning against what follows
    ("The ministry denied that it had sent troops to seize the border gates.", "force",
     "against", 0.5),
    ("Baghdad rejected the vote and sent troops to take Kirkuk.", "force", "favor", 1.0),
    ("Barzani warned the rally that the Peshmerga would never allow Kurdistan's land to be "
     "occupied again.", "force", "favor", 0.5),
    ("Washington warned Baghdad against any escalation.", "force", "against", 0.5),
    # session 27: threats of targeting (not their denial), not shying away from similar steps,
    # naming the next objective, force called counterproductive, dialogue over threats
    ("The command warned that armed groups linked to Erbil could become targets.", "force",
     "favor", 0.5),
    ("Units confronting federal troops would be treated as legitimate targets, it said.",
     "force", "favor", 0.5),
    ("Abadi said the Hashd would not be a target of the coalition.", "force", "none", 0),
    ("Ankara would not shy away from similar steps in Iraq, Erdogan said.", "force", "favor", 0.5),
    ('"Our next objective is Kirkuk," the commander said.', "force", "favor", 0.5),
    ("The council said the use of force against the Region would only be counterproductive.",
     "force", "against", 0.5),
    ("Barzani urged Baghdad to choose serious dialogue over threats.", "force", "against", 0.5),
])
def test_score_codebook_examples(lex, text, target, label, magnitude):
    v = lex.score(text, target)
    assert v.label == label, v.evidence
    if magnitude is not None:
        assert abs(v.score) == magnitude, v.evidence


def test_score_evidence_names_the_cue(lex):
    v = lex.score("The ministry called the referendum illegal.", "referendum")
    assert v.label == "against" and "illegal" in v.evidence


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["Turkey", "will", "not", "never", "reject", "the", "use of force",
                                 "referendum", "illegal", "drills", "calm", "support", "postpone",
                                 "could", "hold the vote", "on time", "ISIS", "by force"]),
                min_size=1, max_size=14))
def test_score_sign_matches_label(words):
    lex = LexiconScorer(load_lexicon())
    text = " ".join(words) + "."
    for target in ("force", "referendum"):
        v = lex.score(text, target)
        assert -1 <= v.score <= 1 and 0 <= v.confidence <= 1
        assert (v.label == "favor") == (v.score > 0)
        assert (v.label == "against") == (v.score < 0)
        assert v.label != "none" or v.score == 0


def test_score_stances_one_row_per_statement_and_target(two_docs):
    from stance.sentences import split_sentences
    from stance.statements import extract_statements
    st_ = extract_statements(split_sentences(two_docs))
    stances = score_stances(st_, scorer="lexicon")
    assert len(stances) == 2 * len(st_)
    assert set(stances["target"]) == {"force", "referendum"}
    assert (stances["method"] == "lexicon").all()
    erdogan = stances[(stances.actor == "Turkey") & stances.text.str.contains("hesitate")]
    assert erdogan.set_index("target").loc["force", "label"] == "favor"


def _statements(text):
    from stance.sentences import split_sentences
    from stance.statements import extract_statements
    docs = pd.DataFrame([{"doc_id": "d", "date": "2017-09-26", "source": "", "url": "",
                          "title": "", "text": text}])
    return extract_statements(split_sentences(docs))


def _scored(text, scorer="lexicon"):
    out = score_stances(_statements(text), scorer=scorer)
    return {(r.actor, r.target): r.label for r in out.itertuples()}


def test_score_lexicon_reads_each_holders_own_clause():
    got = _scored("Turkey condemned the referendum, while Washington urged Baghdad to avoid "
                  "any use of force.")
    assert got[("Turkey", "referendum")] == "against" and got[("Turkey", "force")] == "none"
    assert got[("US", "force")] == "against" and got[("US", "referendum")] == "none"
    got = _scored("Iran condemned the referendum, while the US urged Baghdad to avoid any use "
                  "of force.")  # a two-letter name, and "Iran" not found inside "Iranian"
    assert got[("US", "referendum")] == "none" and got[("Iran", "force")] == "none"
    # "…, and X say …" opens X's own clause
    got = _scored("Federal troops have taken control of Kirkuk, and Kurdish officials say "
                  "more than 150,000 people have been displaced.")
    assert got[("Iraq", "force")] == "favor" and got[("KRG", "force")] == "none"
    # holders in one clause (or one named only by a pronoun) share the whole sentence
    got = _scored("Turkey and Iran condemned the referendum and warned against any use of force.")
    assert got[("Iran", "referendum")] == got[("Turkey", "referendum")] == "against"
    assert got[("Iran", "force")] == got[("Turkey", "force")] == "against"
    # the last of a list of the sentence's holders opens no clause of its own
    st_ = _statements("The foreign ministers of Iraq, Turkey, and Iran stated before the vote "
                      "that they will take coordinated measures against the referendum.")
    scoped = lexicon_scopes(st_)
    assert sorted(st_["actor"]) == ["Iran", "Iraq", "Turkey"]
    assert all(text == st_["text"].iloc[0] for text in scoped)


def test_rules_prefilter_skips_only_rules_that_cannot_match(lex):
    # every rule the literal prefilter skips must find nothing, in any case or spelling
    from stance.rules import _folded
    from stance.sentences import split_sentences
    from stance.load import load_documents
    from conftest import ROOT
    docs, _ = load_documents([ROOT / "seeds", ROOT / "data" / "dev"])
    texts = list(split_sentences(docs)["text"])
    texts += [t.upper() for t in texts[:200]] + ["MILITARY ſTRIKE by FORCE", "İF THE ıSIS"]
    literals = {s for needs in lex._needs.values() for n in needs if n for s in n}
    for text in texts:
        low = _folded(text)
        # the trie finds every literal that occurs, overlapping ones included
        assert lex._present(text) == {s for s in literals if s in low}, text
        for target in lex.targets:
            for (rx, *_), needs in zip(lex._rules[target], lex._needs[target]):
                if needs is not None and not any(s in low for s in needs):
                    assert rx.search(text) is None, (rx.pattern, text)


def test_score_context_must_match_the_statements(two_docs):
    from stance.errors import StanceError
    from stance.sentences import split_sentences
    from stance.statements import extract_statements
    st_ = extract_statements(split_sentences(two_docs))
    with pytest.raises(StanceError, match="context has 1 rows"):
        score_stances(st_, scorer="lexicon", context=["x"])


def test_score_documents_gives_the_classifier_the_previous_sentence(two_docs, monkeypatch):
    import stance.pipeline as P
    seen = {}
    real = P.score_stances

    def spy(statements, *a, **k):
        seen.update(zip(statements["text"], k["context"]))
        return real(statements, *a, **k)
    monkeypatch.setattr(P, "score_stances", spy)
    P.score_documents(two_docs, P.Resources.load(scorer="lexicon"))
    assert seen['"We will not hesitate to use force if needed," Erdogan said.'] == \
        "ANKARA — Turkey said the referendum was illegitimate."
    assert seen["Iraqi forces seized the K1 base on Monday."] == \
        "Washington urged Baghdad to avoid clashes with the Peshmerga."


def test_score_stage_by_stage_gives_score_documents_stances(two_docs):
    # the README's two Python examples must agree
    import stance
    whole = stance.score_documents(two_docs)
    sentences = stance.split_sentences(two_docs)
    statements = stance.extract_statements(sentences, stance.load_actors())
    staged = stance.score_stances(statements, stance.load_lexicon(), context=stance.previous_texts(
        sentences, statements["doc_id"], statements["start"]))
    assert whole[list(staged.columns)].reset_index(drop=True).equals(staged.reset_index(drop=True))


def test_score_strong_cue_outweighs_the_actor_prior():
    # the US almost never backs the vote in training, so the classifier leans against; an
    # explicit strong cue from a senator still decides (ensemble's STRONG_LEXICON_MIN)
    from stance.score import LEXICON_MIN, STRONG_LEXICON_MIN
    assert STRONG_LEXICON_MIN < LEXICON_MIN
    got = _scored("Senate Minority Leader Chuck Schumer called on the Trump administration to "
                  "support an independent Kurdish state.")
    assert got[("US", "referendum")] == "favor"


def test_score_force_needs_a_surer_classifier_than_the_referendum():
    # the same probabilities take a side on the referendum but not on force
    # (TARGET_STANCE_MIN), unless a lexicon cue the classifier allows decides
    from stance.score import STANCE_MIN, TARGET_STANCE_MIN, _combine
    p = 0.5 * (STANCE_MIN + TARGET_STANCE_MIN["force"])
    proba = pd.DataFrame({"favor": [p * 0.8], "against": [p * 0.2], "none": [1 - p]})
    for target, label in (("force", "none"), ("referendum", "favor")):
        got = _combine("ensemble", proba, ["none"], [0.0], [""], target)[0]
        assert got == [label], target
    got = _combine("ensemble", proba, ["favor"], [0.5], ["favor 0.5: cue"], "force")[0]
    assert got == ["favor"]
