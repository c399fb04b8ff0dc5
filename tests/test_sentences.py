import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.sentences import previous_texts, sentence_spans, split_sentences


def _texts(text):
    return [text[s:e] for _, s, e in sentence_spans(text, frozenset({"U.S", "Gen", "Sept"}))]


def test_sentences_split_on_terminators_and_keep_abbreviations():
    text = "The U.S. State Department said so. Gen. Smith agreed on Sept. 25! Why? “Never,” he said."
    assert _texts(text) == ["The U.S. State Department said so.", "Gen. Smith agreed on Sept. 25!",
                            "Why?", "“Never,” he said."]


def test_sentences_split_before_capitals_outside_ascii():
    # Turkish outlets keep diacritics: "Çavuşoğlu", "İbrahim Kalın", "Öztürk"
    text = "Erdoğan spoke first. Çavuşoğlu warned Erbil. İbrahim Kalın agreed. Öztürk did not. ölçü."
    assert _texts(text) == ["Erdoğan spoke first.", "Çavuşoğlu warned Erbil.",
                            "İbrahim Kalın agreed.", "Öztürk did not. ölçü."]


def test_sentences_split_around_guillemets_and_low_quotes():
    text = "«We will never accept it.» Abadi said nothing. „Our forces are ready.“ He left."
    assert _texts(text) == ["«We will never accept it.»", "Abadi said nothing.",
                            "„Our forces are ready.“", "He left."]


def test_sentences_paragraph_breaks_include_nbsp_lines():
    text = "First paragraph ends here \n\u00a0\nsecond starts lower-case"
    spans = list(sentence_spans(text))
    assert [p for p, _, _ in spans] == [0, 1]
    assert text[spans[1][1]:spans[1][2]] == "second starts lower-case"


def test_sentences_markdown_blocks_are_paragraphs_without_their_markers():
    text = ("# Iraqi forces move on Kirkuk\n\n- Abadi ordered the army in.\n- The KRG said it was "
            "war.\n> \"We will defend our land,\" he said.\n1. Talks are off.\nA line wrapped - by a "
            "writer -\nin mid-sentence goes on.")
    assert _texts(text) == ["Iraqi forces move on Kirkuk", "Abadi ordered the army in.",
                            "The KRG said it was war.", '"We will defend our land," he said.',
                            "Talks are off.",
                            "A line wrapped - by a writer -\nin mid-sentence goes on."]
    assert [p for p, _, _ in sentence_spans(text)] == [0, 1, 2, 3, 4, 4]


def test_sentences_quote_closing_after_period_stays_with_sentence():
    assert _texts('He said "we are ready." Then he left.') == ['He said "we are ready."', "Then he left."]


def test_sentences_long_line_is_linear():
    text = ("word " * 400_000) + "end."
    spans = list(sentence_spans(text))
    assert len(spans) == 1 and spans[0][2] == len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\u00a0“”\"'A")), max_size=300))
def test_sentences_spans_are_ordered_disjoint_and_exact(text):
    docs = pd.DataFrame([{"doc_id": "d", "date": "2017-01-01", "source": "", "url": "",
                          "title": "", "text": text}])
    sents = split_sentences(docs)
    prev_end = 0
    for r in sents.itertuples():
        assert prev_end <= r.start < r.end <= len(text)
        assert text[r.start:r.end] == r.text
        assert r.text == r.text.strip()
        prev_end = r.end


def test_sentences_previous_texts_is_the_sentence_before_in_the_same_document():
    docs = pd.DataFrame([{"doc_id": d, "date": "2017-01-01", "source": "", "url": "",
                          "title": "", "text": t} for d, t in
                         [("a", "One. Two.\n\nThree."), ("b", "Four. Five.")]])
    sents = split_sentences(docs)
    got = previous_texts(sents, ["a", "a", "a", "b", "b", "c", "a"], [0, 5, 11, 0, 6, 0, 7])
    assert got == ["", "One.", "Two.", "", "Four.", "", "One."]
