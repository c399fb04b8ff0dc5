import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.errors import StanceError
from stance.load import load_documents, split_front_matter

from conftest import ROOT, SEED


def test_load_seed_body_is_rest_of_file_byte_for_byte():
    docs, rejects = load_documents(SEED)
    assert rejects.empty
    raw = (ROOT.parent / "shared" / "seeds" / "000_4e6023cee7d95e69.txt")
    doc = docs.iloc[0]
    assert doc.doc_id == "rudaw-2017-09-29-borders"
    assert doc.date == pd.Timestamp("2017-09-29")
    assert doc.source == "Rudaw" and doc.url == "https://rudaw.net/english/kurdistan/290920178"
    if raw.exists():
        title, rest = raw.read_text(encoding="utf-8").split("\n", 1)
        assert doc.title == title
        assert doc.text == rest
    assert "\u00a0" in doc.text  # the non-breaking-space lines survive


def test_load_folder_tables_and_rejects(tmp_path):
    (tmp_path / "ok.md").write_text("---\nid: x1\ndate: 2017-10-01\n---\nBody one.\n", "utf-8")
    (tmp_path / "nofm.txt").write_text("Just text.\n", "utf-8")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\x00\x00")
    pd.DataFrame({"id": ["t1", "t2"], "date": ["2017-10-02", "not a date"],
                  "text": ["Row one.", "Row two."]}).to_csv(tmp_path / "tab.csv", index=False)
    docs, rejects = load_documents(tmp_path)
    assert sorted(docs["doc_id"]) == ["t1", "x1"]
    reasons = dict(zip(rejects["path"].map(lambda p: p.rsplit("/", 1)[-1]), rejects["reason"]))
    assert "no front matter" in reasons["nofm.txt"]
    assert "unsupported file type" in reasons["pic.png"]
    assert "not a real ISO date" in reasons["tab.csv:row 2"]


def test_load_default_date_applies_to_files_without_front_matter(tmp_path):
    (tmp_path / "plain.txt").write_text("Ankara said no.\n", "utf-8")
    docs, rejects = load_documents(tmp_path, default_date="2017-09-25")
    assert rejects.empty and docs.iloc[0].date == pd.Timestamp("2017-09-25")
    assert docs.iloc[0].doc_id == "plain"


def test_load_missing_path_is_a_user_error(tmp_path):
    with pytest.raises(StanceError, match="no such file"):
        load_documents(tmp_path / "nope")


_keys = st.sampled_from(["id", "source", "title", "url"])
_values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                  max_size=30).filter(lambda s: s.strip() == s and s[:1] not in "-'\"&*!|>%@`{[#?:,")


@settings(max_examples=60, deadline=None)
@given(meta=st.dictionaries(_keys, _values, max_size=4),
       date=st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
       body=st.text(min_size=1, max_size=200).filter(lambda b: b.strip()))
def test_load_front_matter_round_trips(meta, date, body):
    import yaml
    head = yaml.safe_dump({**meta, "date": date}, allow_unicode=True, sort_keys=True)
    body = body.replace("\r", "")
    raw = f"---\n{head}---\n{body}"
    parsed, got_body, problem = split_front_matter(raw)
    assert problem is None
    assert got_body == body
    assert parsed["date"] == date
    for k, v in meta.items():
        assert str(parsed[k]) == v


@pytest.mark.parametrize("head", [
    "id: a\ndate: 2017-09-25\ntitle: Kurds vote: yes\n", "date: 2017-02-30\nid: 0012\n",
    "title: a\tb\n", "title: Yes\nurl: 'it''s'\n", "a: [1, 2\n", "a: !!python/object:x {}\n",
    "date: 2017-09-25 10:00:00\nsource: Rudaw # comment\n", "a: b\n  c\n", "k: \"\\x41\"\n",
])
def test_load_fast_front_matter_parser_agrees_with_pyyaml(head):
    # libyaml reads simple front matter; values and error messages must stay PyYAML's
    import yaml
    from stance.load import _FrontMatterLoader, _load_yaml

    def outcome(load):
        try:
            value = load(head)
            return value, [type(v) for v in value.values()]
        except Exception as exc:  # noqa: BLE001
            return type(exc), str(exc)
    assert outcome(_load_yaml) == outcome(lambda h: yaml.load(h, Loader=_FrontMatterLoader))


@pytest.mark.parametrize("shared", ["{Council: [Nowhere]}", "{Council: []}", "[Council]"])
def test_load_actors_shared_aliases_must_name_listed_actors(tmp_path, shared):
    from stance import StanceError
    from stance.resources import load_actors
    path = tmp_path / "actors.yaml"
    path.write_text(f"actors:\n  A: [Aland]\nshared: {shared}\n", encoding="utf-8")
    with pytest.raises(StanceError, match="shared"):
        load_actors(path)
