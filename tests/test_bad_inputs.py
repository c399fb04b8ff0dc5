"""Bad inputs: every candidate is either loaded or rejected with a reason, and nothing runs.

tests/bad_inputs/ holds one tiny file per case.  A candidate is a .md/.txt file, a
table row, a table that is unusable as a whole (a required column missing), or a
file of an unsupported type.  Large and odd inputs are generated into tmp_path.
"""
import csv
import datetime as dt
import io
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance.cli import cli
from stance.load import load_documents, read_text_document, split_front_matter
from stance.sentences import split_sentences

from conftest import ROOT

BAD = ROOT / "tests" / "bad_inputs"
PWNED = "stance-pwned"  # the file yaml_tag.md's payload would create in the working folder

# doc_id -> where it comes from
LOADED = {
    "good-a": "good_a.md", "good-b": "good_b.txt", "good-bom": "good_bom.md",
    "good-crlf": "good_crlf.md", "dup-1": "dup_a.md",
    "tbl-1": "table_bad_row.csv:row 1", "tbl-3": "table_bad_row.csv:row 3",
    "rg-1": "table_ragged_row.csv:row 1",
    "jsonl-1": "rows_bad.jsonl:row 1", "jsonl-3": "rows_bad.jsonl:row 3",
}
# rejected path (relative to the folder) -> key parts of the reason
REJECTED = {
    "no_front_matter.txt": ("no front matter, so no date", "'date: YYYY-MM-DD'", "--date"),
    "unclosed_front_matter.md": ("front matter is never closed", "add a line '---'"),
    "missing_date.md": ("no date", "add 'date: YYYY-MM-DD' to the front matter"),
    "impossible_date.md": ("date '2017-02-30' is not a real ISO date",),
    "latin1.txt": ("not UTF-8", "byte 0xe9 at byte offset 43 (line 5)", "re-save the file as UTF-8"),
    "empty_body.md": ("empty body",),
    "whitespace_body.md": ("empty body",),
    "binary.txt": ("binary file, not text", "NUL byte at byte offset 8"),
    "dup_b.md": ("duplicate id 'dup-1'", "already used by", "dup_a.md"),
    "yaml_tag.md": ("YAML tag !!python/object/apply:os.system", "refused", "nothing in it is run"),
    "table_no_text.csv": ("table lacks column(s) text", "has id, date, body"),
    "table_no_date.csv": ("table lacks column(s) date", "has id, text"),
    "table_bad_row.csv:row 2": ("date '26/09/2017' is not a real ISO date",),
    "table_ragged_row.csv:row 2": ("row has 4 fields but the header has 3",),
    "rows_bad.jsonl:row 2": ("not valid JSON", "column 49"),
    "report.docx": ("unsupported file type '.docx'",),
}


def _count_candidates(folder: Path) -> int:
    """Candidates counted from the files themselves, independently of the loader."""
    n = 0
    for f in sorted(p for p in folder.iterdir() if p.is_file()):
        if f.suffix == ".csv":
            lines = [ln for ln in f.read_text("utf-8").splitlines() if ln]
            has_columns = {"id", "date", "text"} <= set(lines[0].split(","))
            n += len(lines) - 1 if has_columns else 1
        elif f.suffix == ".jsonl":
            n += sum(1 for ln in f.read_text("utf-8").splitlines() if ln.strip())
        else:
            n += 1
    return n


@pytest.fixture(scope="module")
def loaded():
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # were the YAML payload ever run, its file would appear here
        try:
            docs, rejects = load_documents(BAD)
            pwned = Path(tmp, PWNED).exists()
        finally:
            os.chdir(cwd)
    rejects = rejects.assign(name=rejects["path"].map(lambda p: str(Path(p).relative_to(BAD))))
    return docs, rejects, pwned


def test_bad_inputs_every_candidate_is_accounted_for(loaded):
    docs, rejects, _ = loaded
    assert len(docs) + len(rejects) == _count_candidates(BAD) == len(LOADED) + len(REJECTED)
    assert sorted(docs["doc_id"]) == sorted(LOADED)
    assert sorted(rejects["name"]) == sorted(REJECTED)
    files = {p.name for p in BAD.iterdir()}
    named = {w.split(":")[0] for w in [*LOADED.values(), *REJECTED]}
    assert named == files  # the tables above cover every file in the folder


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_bad_inputs_rejected_with_reason(loaded, name):
    _, rejects, _ = loaded
    (reason,) = rejects.loc[rejects["name"] == name, "reason"]
    for part in REJECTED[name]:
        assert part in reason
    assert "\n" not in reason and "Traceback" not in reason


def test_bad_inputs_non_utf8_offset_points_at_the_bad_byte():
    data = (BAD / "latin1.txt").read_bytes()
    assert data[43] == 0xE9 and data[:43].count(b"\n") == 4


def test_bad_inputs_yaml_tags_run_nothing(loaded):
    _, rejects, pwned = loaded
    assert not pwned
    assert "yaml_tag.md" in set(rejects["name"])


@pytest.mark.skipif(os.name != "posix", reason="the payload uses touch")
def test_bad_inputs_yaml_payload_is_live_under_an_unsafe_loader(tmp_path, monkeypatch):
    # the canary: the same front matter under yaml.unsafe_load does create the file, so
    # the absence of the file in the other tests means something
    monkeypatch.chdir(tmp_path)
    head = (BAD / "yaml_tag.md").read_text("utf-8").split("---\n")[1]
    yaml.unsafe_load(head)
    assert (tmp_path / PWNED).exists()


@pytest.mark.parametrize("tag", [
    '!!python/object/apply:os.system ["touch stance-pwned"]',
    '!!python/object/new:os.system ["touch stance-pwned"]',
    "!!python/name:os.system",
    "!!python/module:os",
    '!!python/object/apply:subprocess.check_call [["touch", "stance-pwned"]]',
    "!local value",
])
def test_bad_inputs_front_matter_tags_are_refused(tag, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    meta, _, problem = split_front_matter(f"---\ndate: 2017-09-25\ntitle: {tag}\n---\nBody.\n")
    assert meta is None and "YAML tag" in problem and "refused" in problem
    assert not (tmp_path / PWNED).exists()


def test_bad_inputs_bom_and_crlf_load_with_exact_offsets(loaded):
    docs, _, _ = loaded
    by_id = docs.set_index("doc_id")
    assert by_id.loc["good-bom", "text"] == "Iran said it would close the border.\n"
    assert by_id.loc["good-crlf", "text"] == ("Baghdad said the vote was unconstitutional.\n\n"
                                             "The US urged calm.\n")
    assert by_id.loc["good-crlf", "date"] == pd.Timestamp("2017-09-23")
    assert not docs["text"].str.contains("\r|\ufeff").any()
    sents = split_sentences(docs)
    for s in sents.itertuples(index=False):
        assert by_id.loc[s.doc_id, "text"][s.start:s.end] == s.text
    crlf = sents[sents["doc_id"] == "good-crlf"]
    assert crlf["text"].tolist() == ["Baghdad said the vote was unconstitutional.",
                                     "The US urged calm."]
    assert crlf["start"].tolist() == [0, 45]


@pytest.mark.parametrize("words", [
    "word " * 1_000_000,                           # 5 MB, no sentence end at all
    "Ankara said no to the vote today " * 150_000,  # 5 MB, one line, still no end
])
def test_bad_inputs_very_long_line_does_not_hang_the_splitter(tmp_path, words):
    path = tmp_path / "long.md"
    path.write_text(f"---\nid: long\ndate: 2017-09-25\n---\n{words}", "utf-8")
    t0 = time.monotonic()
    docs, rejects = load_documents(tmp_path)
    sents = split_sentences(docs)
    assert time.monotonic() - t0 < 30  # linear: well under a second here
    assert rejects.empty and len(sents) == 1
    (s,) = sents.itertuples(index=False)
    assert (s.start, s.end) == (0, len(words.rstrip()))
    assert docs.iloc[0]["text"][s.start:s.end] == s.text


def test_bad_inputs_long_text_with_many_sentences_keeps_exact_offsets(tmp_path):
    body = "Ankara said no. Tehran agreed, e.g. on the border. " * 20_000
    (tmp_path / "many.md").write_text(f"---\ndate: 2017-09-25\n---\n{body}", "utf-8")
    docs, _ = load_documents(tmp_path)
    sents = split_sentences(docs)
    text = docs.iloc[0]["text"]
    assert len(sents) == 40_000
    assert all(text[s:e] == t for s, e, t in zip(sents["start"], sents["end"], sents["text"]))


# more odd inputs, generated: (file name, bytes, rejected path suffix, key part of reason)
_TMP_CASES = [
    ("empty.md", b"", "empty.md", "empty file"),
    ("spaces.txt", b"  \r\n\t\n", "spaces.txt", "empty file"),
    ("utf16.txt", "---\ndate: 2017-09-25\n---\nHi.\n".encode("utf-16"), "utf16.txt", "UTF-16"),
    ("bom_latin1.txt", b"\xef\xbb\xbf---\ndate: 2017-09-25\n---\ncaf\xe9\n", "bom_latin1.txt",
     "byte 0xe9 at byte offset 31 (line 4)"),
    ("late_nul.md", b"---\ndate: 2017-09-25\n---\n" + b"x" * 9000 + b"\x00", "late_nul.md",
     "NUL byte at byte offset 9025"),
    ("year1.md", b"---\ndate: 0001-01-01\n---\nBody.\n", "year1.md", "out of range"),
    ("feb30_text.md", b"---\ndate: '2017-02-30'\n---\nBody.\n", "feb30_text.md",
     "not a real ISO date"),
    ("list_date.md", b"---\ndate: [2017, 9, 25]\n---\nBody.\n", "list_date.md",
     "'date' must be a single value"),
    ("laughs.md", b"---\ndate: 2017-09-25\na: &a [x, x, x, x, x, x, x, x, x]\n"
     b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
     b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntitle: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
     b"---\nBody.\n", "laughs.md", "'title' must be a single value"),
    ("nested.md", b"---\n" + b"[" * 5000 + b"\n---\nBody.\n", "nested.md", "not valid YAML"),
    ("scalar.md", b"---\njust a line\n---\nBody.\n", "scalar.md", "not a YAML mapping"),
    ("ts_tag.md", b"---\ndate: !!timestamp soon\n---\nBody.\n", "ts_tag.md",  # crashed PyYAML
     "date 'soon' is not a real ISO date"),
    ("badyaml.md", b"---\ndate: 2017-09-25\ntitle: a: b\n---\nBody.\n", "badyaml.md",
     "not valid YAML (line 3"),
    ("ctrl_id.md", b"---\nid: \"a\\tb\"\ndate: 2017-09-25\n---\nBody.\n", "ctrl_id.md",
     "control characters"),
    ("header_only.csv", b"id,date,text\n", "header_only.csv", "table has no rows"),
    ("latin1.csv", b"id,date,text\nx,2017-09-25,caf\xe9\n", "latin1.csv", "byte offset 29"),
    ("array.jsonl", b'[1, 2]\n', "array.jsonl:row 1", "not a JSON object"),
    ("num_text.jsonl", b'{"id": "n", "date": "2017-09-25", "text": 5}\n', "num_text.jsonl:row 1",
     "text must be a string, not int"),
    ("no_date.jsonl", b'{"id": "n", "date": null, "text": "Hi."}\n', "no_date.jsonl:row 1",
     "the 'date' column is empty"),
    ("notes", b"plain file with no suffix", "notes", "unsupported file type 'notes'"),
]


@pytest.mark.parametrize("name, data, where, part", _TMP_CASES, ids=[c[0] for c in _TMP_CASES])
def test_bad_inputs_generated_case_is_rejected(tmp_path, name, data, where, part):
    (tmp_path / "ok.md").write_text("---\ndate: 2017-09-25\n---\nBody.\n", "utf-8")
    (tmp_path / name).write_bytes(data)
    docs, rejects = load_documents(tmp_path)
    assert docs["doc_id"].tolist() == ["ok"]
    assert rejects["path"].tolist() == [str(tmp_path / where)]
    assert part in rejects.iloc[0]["reason"]
    assert "\n" not in rejects.iloc[0]["reason"]


def test_bad_inputs_csv_field_longer_than_csv_module_default(tmp_path):
    text = "Ankara said no. " * 20_000  # 320 kB in one field (csv's default limit is 128 kB)
    pd.DataFrame({"id": ["big"], "date": ["2017-09-25"], "text": [text]}).to_csv(
        tmp_path / "big.csv", index=False)
    docs, rejects = load_documents(tmp_path)
    assert rejects.empty and docs.iloc[0]["text"] == text
    assert csv.field_size_limit() == 131072  # restored afterwards


def test_bad_inputs_parquet_rows(tmp_path):
    pytest.importorskip("pyarrow")
    pd.DataFrame({"id": ["p1", "p2", None],
                  "date": pd.to_datetime(["2017-09-25", None, "2017-09-26"]),
                  "text": ["Turkey said no.", "Iran said no.", None]}).to_parquet(tmp_path / "t.parquet")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not parquet")
    docs, rejects = load_documents(tmp_path)
    assert docs["doc_id"].tolist() == ["p1"]
    reasons = dict(zip(rejects["path"].map(lambda p: Path(p).name), rejects["reason"]))
    assert reasons["t.parquet:row 2"] == "no date: the 'date' column is empty"
    assert reasons["t.parquet:row 3"] == "empty text"
    assert reasons["broken.parquet"].startswith("cannot read parquet table")


# --- property tests ---------------------------------------------------------------------

_body = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                min_size=1, max_size=60).filter(lambda s: s.strip())
_date = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
_id = st.sampled_from([None, "a", "b", "c"])  # a small pool, so duplicates happen

_TEXT_KINDS = ("good", "no_front_matter", "unclosed", "no_date", "bad_date", "empty_body",
               "yaml_tag", "latin1", "binary", "unsupported")  # only "good" loads


@st.composite
def _text_file(draw):
    kind = draw(st.sampled_from(_TEXT_KINDS))
    doc_id, date, body = draw(_id), draw(_date), draw(_body)
    id_line = f"id: {doc_id}\n" if doc_id else ""
    raw = {
        "good": f"---\n{id_line}date: {date}\n---\n{body}",
        "no_front_matter": body,
        "unclosed": f"---\n{id_line}date: {date}\n",
        "no_date": f"---\n{id_line}title: x\n---\n{body}",
        "bad_date": f"---\ndate: {date.year}-02-30\n---\n{body}",
        "empty_body": f"---\ndate: {date}\n---\n \n",
        "yaml_tag": f"---\ndate: {date}\ntitle: !!python/object/apply:os.system ['touch {PWNED}']\n---\n{body}",
        "latin1": None, "binary": None, "unsupported": None,
    }[kind]
    if kind == "latin1":
        data = f"---\ndate: {date}\n---\ncaf".encode() + b"\xe9"
    elif kind == "binary":
        data = b"\x00\x01" + body.encode("utf-8")
    elif kind == "unsupported":
        data = body.encode("utf-8")
    else:
        data = raw.encode("utf-8")
    suffix = ".docx" if kind == "unsupported" else draw(st.sampled_from([".md", ".txt"]))
    good_id = (doc_id or "{stem}") if kind == "good" else None
    return suffix, data, 1, [good_id] if good_id else []


@st.composite
def _table_file(draw):
    rows = draw(st.lists(st.tuples(st.booleans(), _id, _date, _body), min_size=1, max_size=5))
    suffix = draw(st.sampled_from([".csv", ".jsonl"]))
    lacks_text = draw(st.booleans()) and draw(st.booleans())  # a quarter of tables
    records, good = [], []
    for i, (ok, doc_id, date, body) in enumerate(rows, start=1):
        rec = {"id": doc_id or "", "date": str(date) if ok else "not a date",
               "text" if not lacks_text else "body": body}
        records.append(rec)
        if ok:
            good.append(doc_id or f"{{stem}}-{i}")
    if suffix == ".csv":
        buf = io.StringIO(newline="")
        writer = csv.DictWriter(buf, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
        data = buf.getvalue().encode("utf-8")
        bad_lines = 0
    else:
        bad_lines = draw(st.integers(0, 2))
        lines = [json.dumps(r) for r in records] + ['{"id": "broken", "date"'] * bad_lines
        data = ("\n".join(lines) + "\n").encode("utf-8")
    if lacks_text:
        return suffix, data, 1, []
    return suffix, data, len(records) + bad_lines, good


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.one_of(_text_file(), _table_file()), min_size=1, max_size=8))
def test_bad_inputs_property_every_candidate_accounted_for(files):
    with tempfile.TemporaryDirectory() as tmp:
        expected, good_ids = 0, []
        for i, (suffix, data, candidates, good) in enumerate(files):
            stem = f"f{i:02d}"
            Path(tmp, stem + suffix).write_bytes(data)
            expected += candidates
            good_ids += [g.replace("{stem}", stem) for g in good]
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            docs, rejects = load_documents(Path(tmp))
        finally:
            os.chdir(cwd)
        assert not Path(tmp, PWNED).exists()
    assert len(docs) + len(rejects) == expected
    assert sorted(docs["doc_id"]) == sorted(set(good_ids))  # first of each id wins
    assert rejects["reason"].str.len().gt(0).all()


@settings(max_examples=60, deadline=None)
@given(files=st.lists(st.tuples(st.sampled_from([".md", ".txt"]), st.binary(max_size=120)),
                      min_size=1, max_size=6))
def test_bad_inputs_property_arbitrary_bytes_never_raise(files):
    with tempfile.TemporaryDirectory() as tmp:
        for i, (suffix, data) in enumerate(files):
            Path(tmp, f"f{i}{suffix}").write_bytes(data)
        docs, rejects = load_documents(Path(tmp))
    assert len(docs) + len(rejects) == len(files)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".csv", ".jsonl"]))
def test_bad_inputs_property_arbitrary_tables_never_raise(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "t" + suffix).write_bytes(data)
        docs, rejects = load_documents(Path(tmp))
    assert len(docs) + len(rejects) >= 1


_yamlish = st.one_of(
    st.text(st.sampled_from(list("-:!&*[]{}#|>'\"\n ?,.%@`\\ab0129TZ")), max_size=80),
    st.lists(st.sampled_from([
        "date: ", "id: ", "title: ", "2017-02-30", "2017-09-25", "2017-09-25T10:00:00+99:00",
        "0001-01-01", "!!binary ", "!!timestamp ", "!!set ", "!!python/tuple ", "<<: ", "&a ",
        "*a ", "[", "]", "{", "}", ", ", "\n", "  ", "- ", "? ", ": ", "'", '"', "|", ">", "#",
        "~", "1e999", ".nan", "aGVsbG8=", "%YAML 1.1\n", "--- ", "...", "\t", "!x "]),
        max_size=25).map("".join))


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(st.text(max_size=200),
                     st.builds(lambda h: f"---\n{h}\n---\nBody.\n", _yamlish),
                     st.builds(lambda h: f"---\n{h}", _yamlish)))
def test_bad_inputs_property_front_matter_reader_never_raises(raw):
    meta, body, problem = split_front_matter(raw)
    assert meta is None or isinstance(meta, dict)
    assert isinstance(body, str)
    assert problem is None or (isinstance(problem, str) and "\n" not in problem)
    assert not (meta is not None and problem is not None)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200))
def test_bad_inputs_property_read_text_document_never_raises(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "doc.md")
        path.write_bytes(data)
        doc, reason = read_text_document(path)
    assert (doc is None) != (reason is None)


# --- the command line -------------------------------------------------------------------

def _no_traceback(result):
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A copy of bad_inputs in an empty working folder, given by a relative path."""
    shutil.copytree(BAD, tmp_path / "bad_inputs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _expected_reject_paths():
    return sorted(f"bad_inputs/{name}" for name in REJECTED)


def test_bad_inputs_cli_score_writes_good_and_lists_bad(workdir):
    res = CliRunner().invoke(cli, ["score", "bad_inputs", "-o", "out/stances.csv", "-q"])
    _no_traceback(res)
    assert res.exit_code == 0, res.output
    stances = pd.read_csv(workdir / "out" / "stances.csv", keep_default_na=False)
    assert set(stances["doc_id"]) == set(LOADED)
    rejects = pd.read_csv(workdir / "out" / "rejects.csv", keep_default_na=False)
    assert sorted(rejects["path"]) == _expected_reject_paths()
    for r in rejects.itertuples(index=False):
        assert f"rejected {r.path}: {r.reason}" in res.stderr
    assert f"{len(LOADED)} documents" in res.stdout and f"{len(REJECTED)} rejected" in res.stdout
    assert not (workdir / PWNED).exists()


def test_bad_inputs_cli_score_strict_writes_nothing(workdir):
    res = CliRunner().invoke(cli, ["score", "bad_inputs", "-o", "out/stances.csv", "-q", "--strict"])
    _no_traceback(res)
    assert res.exit_code == 1
    assert f"--strict: {len(REJECTED)} input(s) rejected; nothing written" in res.stderr
    assert "rejected bad_inputs/yaml_tag.md:" in res.stderr
    assert list((workdir / "out").iterdir()) == []  # no stances, no rejects, no temp file


def test_bad_inputs_cli_run_writes_rejects(workdir):
    res = CliRunner().invoke(cli, ["run", "bad_inputs", "--out", "out", "--dpi", "40"])
    _no_traceback(res)
    assert res.exit_code == 0, res.output
    rejects = pd.read_csv(workdir / "out" / "rejects.csv", keep_default_na=False)
    assert sorted(rejects["path"]) == _expected_reject_paths()
    stances = pd.read_csv(workdir / "out" / "stances.csv", keep_default_na=False)
    assert set(stances["doc_id"]) == set(LOADED)
    assert f"{len(LOADED)} documents ({len(REJECTED)} rejected)" in res.stdout
    assert not (workdir / PWNED).exists()


def test_bad_inputs_cli_run_strict_exits_before_writing(workdir):
    res = CliRunner().invoke(cli, ["run", "bad_inputs", "--out", "out", "--strict"])
    _no_traceback(res)
    assert res.exit_code == 1
    assert not (workdir / "out").exists()


def test_bad_inputs_cli_score_rerun_is_byte_identical(workdir):
    runner = CliRunner()
    for out in ("run1", "run2"):
        res = runner.invoke(cli, ["score", "bad_inputs", "-o", f"{out}/stances.csv", "-q"])
        assert res.exit_code == 0, res.output
    for name in ("stances.csv", "rejects.csv"):
        assert (workdir / "run1" / name).read_bytes() == (workdir / "run2" / name).read_bytes()
    assert (workdir / "run1" / "stances.csv").stat().st_size > 100


def test_bad_inputs_a_fault_on_one_document_rejects_only_that_document(tmp_path, monkeypatch):
    # a bug met on one document (here a forced error) must not lose the chunk's others: that
    # document goes to the rejects with the error, the rest are scored as usual
    import stance.pipeline as pipeline
    real = pipeline.extract_statements

    def faulty(sentences, *args, **kwargs):
        if sentences["text"].str.contains("BOOM").any():
            raise IndexError("list index out of range")
        return real(sentences, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_statements", faulty)
    for name, text in (("a.md", "Erdogan said the vote was null and void."),
                       ("b.md", "BOOM. Abadi said the vote was unconstitutional."),
                       ("c.md", "Barzani said the vote would go ahead on time.")):
        (tmp_path / name).write_text(f"---\ndate: 2017-09-25\n---\n{text}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["score", ".", "-o", "out.csv", "-q", "--jobs", "1"])
    _no_traceback(res)
    assert res.exit_code == 0, res.output
    stances = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert set(stances["doc_id"]) == {"a", "c"}
    assert set(stances["actor"]) == {"Turkey", "KRG"}
    rejects = pd.read_csv(tmp_path / "rejects.csv", keep_default_na=False)
    assert len(rejects) == 1 and Path(rejects["path"].iloc[0]).name == "b.md"
    assert "internal error while scoring (IndexError" in rejects["reason"].iloc[0]
    assert "2 documents" in res.stdout and "1 rejected" in res.stdout
