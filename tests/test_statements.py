import pytest

from stance.statements import attribute_text


def holders(text):
    return {a for a, _, _ in attribute_text(text) if a != "other"}


@pytest.mark.parametrize("text, expected", [
    # codebook §3: the addressee never holds
    ("Washington urged Baghdad to refrain from force.", {"US"}),
    ("The US cautioned against use of force by Iraq or its neighbours.", {"US"}),
    ("The State Department asked Erbil to postpone the referendum.", {"US"}),
    # joint holders
    ("Iraqi and Turkish troops held drills near the border.", {"Iraq", "Turkey"}),
    ("The foreign ministers of Iraq, Turkey and Iran said they would take coordinated measures.",
     {"Iraq", "Turkey", "Iran"}),
    # traps: Iraqi Kurdish -> KRG; capitals; other actors
    ("Iraqi Kurdish officials said the vote would go ahead.", {"KRG"}),
    ("Erbil said it would hold the vote on schedule despite the pressure.", {"KRG"}),
    ("Tehran said the vote was a threat and closed its airspace to flights from Erbil.", {"Iran"}),
    ("The PKK said it would defend the Kurds of Iraq.", set()),
    ("The United Nations urged Baghdad and Erbil to open talks.", set()),
    # quotes, inverted attributions, mid-sentence attributions
    ('"We will never recognize it," Erdogan said.', {"Turkey"}),
    ('"We will never recognize it," said Turkish Prime Minister Binali Yildirim.', {"Turkey"}),
    ('Abadi said: "The referendum is unconstitutional and its results are void."', {"Iraq"}),
    ("The vote, Ankara's foreign ministry said on Monday, was null and void.", {"Turkey"}),
    ("A united Iraq is the best guarantee of stability, Iran's president said.", {"Iran"}),
    ("According to a statement from the Iranian foreign ministry, the vote was illegal.", {"Iran"}),
    # actions and passives
    ("Iraqi federal forces seized the K1 base on Monday.", {"Iraq"}),
    ("The K1 base was seized by Iraqi federal forces on Monday.", {"Iraq"}),
    ("US Secretary of State Rex Tillerson, while saying that the US does not recognize the vote, "
     "cautioned the Iraqi government against the use of force.", {"US"}),
    # narration: no holder
    ("The vote has been widely condemned.", set()),
    ("Results are expected tomorrow.", set()),
])
def test_statements_holder_of_sentence(text, expected):
    assert holders(text) == expected


@pytest.mark.parametrize("text, sentence, expected", [
    # pronoun back to the last named holder
    ("Turkish President Recep Tayyip Erdogan spoke in Ankara on Monday. "
     "“We will close the border,” he said.", 1, {"Turkey"}),
    # a two-sentence quote whose speaker comes at its end
    ("“We will not accept this. The vote must be cancelled,” Abadi said.", 0, {"Iraq"}),
    # split quote
    ('Erdogan spoke on Monday. "The vote is illegal," he said, "and we will not recognize it."',
     1, {"Turkey"}),
    # the ministry / the prime minister back to their actor
    ("Iran's foreign ministry spoke on Monday. The ministry said the vote was illegal.", 1, {"Iran"}),
    ("Iraqi Prime Minister Haider al-Abadi met his cabinet. Turkey sent a note. "
     "The prime minister said the vote was over.", 2, {"Iraq"}),
    # a name introduced with its title holds for the rest of the document
    ("Peshmerga commander Kemal Kirkuki spoke on Friday. "
     "“We will respond with full force,” Kirkuki told reporters.", 1, {"KRG"}),
    ("Bekir Bozdag, Turkey's deputy prime minister, spoke in Ankara. "
     "Bozdag said the vote was illegitimate.", 1, {"Turkey"}),
    # a leading place stands for the generic subject
    ("Turkey spoke first. In Baghdad, the prime minister told reporters the vote was over.", 1,
     {"Iraq"}),
    # joint readout
    ("Erdogan met Rouhani in Tehran. Both sides said the vote was illegitimate.", 1,
     {"Turkey", "Iran"}),
])
def test_statements_context(text, sentence, expected):
    from stance.sentences import sentence_spans
    spans = list(sentence_spans(text))
    got = attribute_text(text)
    # map each attributed row back to its sentence index through the extractor's offsets
    import pandas as pd
    from stance.sentences import split_sentences
    from stance.statements import extract_statements
    docs = pd.DataFrame([{"doc_id": "d", "date": "2017-10-01", "source": "", "url": "",
                          "title": "", "text": text}])
    st = extract_statements(split_sentences(docs))
    start = spans[sentence][1]
    assert {a for a in st[st.start == start].actor if a != "other"} == expected
    assert {a for a, _, _ in got} >= expected


def test_statements_unknown_named_speaker_is_other_with_surface():
    rows = attribute_text("Analyst John Smith said the vote was a mistake.")
    assert [(a, s) for a, s, _ in rows] == [("other", "Analyst John Smith")] or \
        rows[0][0] == "other"


def test_statements_kinds():
    kinds = {a: k for a, _, k in attribute_text('"We are ready," Erdogan said.')}
    assert kinds == {"Turkey": "quote"}
    kinds = {a: k for a, _, k in attribute_text("Iraqi forces seized the base.")}
    assert kinds == {"Iraq": "action"}


def test_cues_matcher_finds_what_the_regex_finds():
    # the lead-word gate must not change a match: same spans, words and groups
    from stance.cues import CueMatcher
    from stance.resources import load_cues
    cm = CueMatcher.from_cues(load_cues())
    texts = ["Turkey said on Monday it would respond, officials told reporters.",
             "“We will act,” Erdogan warned, calling on Erbil to cancel the vote.",
             "THE MINISTRY SAID IT WON’T ACCEPT IT", "He ſaid it was unſaid; Baghdad also called on",
             "Officials, who later added that the U.S.-backed forces had pre-warned them, declined."]
    for text in texts:
        for lo, hi in ((0, len(text)), (3, len(text) - 5), (10, 30)):
            got = [(m.span(), m.lastgroup) for m in cm.finditer(text, lo, hi)]
            assert got == [(m.span(), m.lastgroup) for m in cm.regex.finditer(text, lo, hi)]


def test_statements_documents_in_groupby_then_sent_id_order(two_docs):
    from stance.schemas import SENTENCES, check
    from stance.sentences import split_sentences
    from stance.statements import _documents
    sents = check(split_sentences(two_docs), SENTENCES)
    interleaved = sents.iloc[[0, 3, 1, 4, 2]].reset_index(drop=True)  # ids still rise per doc
    shuffled = sents.sample(frac=1, random_state=1).reset_index(drop=True)
    for frame in (sents, interleaved, shuffled):
        expected = [[tuple(r) for r in doc.sort_values("sent_id").itertuples(index=False)]
                    for _, doc in frame.groupby("doc_id", sort=False)]
        assert [[tuple(r) for r in doc] for doc in _documents(frame)] == expected
