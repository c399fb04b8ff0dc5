"""`stance score` gives the same bytes in-process, in a process pool and on Dask.

Also: rows and rejects come in input order whatever the chunk size, repeated ids are
rejected the same way within and across chunks, the plan is lazy, at most ``2 × jobs``
chunks are in flight, rows are written chunk by chunk, and the progress bar counts
documents.
"""
import datetime as dt
import os

import pandas as pd

import stance
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from stance import parallel, stream
from stance.cli import cli
from stance.pipeline import Resources, plan_chunks
from stance.score import DEFAULT_SCORER

from conftest import ROOT

CORPUS = [str(ROOT / "data" / "dev"), str(ROOT / "seeds")]


def _score(tmp_path, name, *options, paths=CORPUS):
    out = tmp_path / name / "stances.csv"
    res = CliRunner().invoke(cli, ["score", *paths, "-o", str(out), "-q", *options])
    assert res.exit_code == 0, res.output + str(res.exception)
    return out.read_bytes(), (out.parent / "rejects.csv").read_bytes()


@pytest.fixture(scope="module")
def lexicon_jobs1(tmp_path_factory):
    return _score(tmp_path_factory.mktemp("lex"), "j1", "--scorer", "lexicon", "--jobs", "1")


def test_parallel_jobs2_matches_jobs1_byte_for_byte(tmp_path, lexicon_jobs1):
    got = _score(tmp_path, "j2", "--scorer", "lexicon", "--jobs", "2", "--chunk-size", "3")
    assert got == lexicon_jobs1
    assert lexicon_jobs1[0].count(b"\n") > 100  # a real table, not two empty files


def test_parallel_dask_local_cluster_matches_jobs1(tmp_path, lexicon_jobs1):
    pytest.importorskip("dask.distributed")
    got = _score(tmp_path, "dask", "--scorer", "lexicon", "--engine", "dask", "--jobs", "2",
                 "--chunk-size", "4")
    assert got == lexicon_jobs1


def test_parallel_default_scorer_same_on_every_engine(tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster
    one = _score(tmp_path, "j1", "--jobs", "1")
    assert _score(tmp_path, "j2", "--jobs", "2", "--chunk-size", "5") == one
    # a running scheduler (--scheduler) rather than a cluster of the command's own
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        got = _score(tmp_path, "dask", "--engine", "dask", "--scheduler",
                     cluster.scheduler_address, "--chunk-size", "7")
    assert got == one
    assert f",{DEFAULT_SCORER},".encode() in one[0]


def _write_doc(folder, name, doc_id, text="Turkey said the referendum was illegitimate."):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\nid: {doc_id}\ndate: 2017-09-20\nsource: Test\n---\n{text}\n",
                               encoding="utf-8")


def test_parallel_rows_follow_input_order_whatever_the_chunk_size(tmp_path):
    docs = tmp_path / "docs"
    for i in range(5):  # ids sort the other way round from the file names
        _write_doc(docs / f"part{i % 2}", f"{i}.md", f"z{9 - i}",
                   f"Iran warned the Kurds on day {i}. Turkey said the vote was illegitimate.")
    one = _score(tmp_path, "c1", "--scorer", "lexicon", "--jobs", "1", "--chunk-size", "1",
                 paths=[str(docs)])
    for options in (["--jobs", "1", "--chunk-size", "100"], ["--jobs", "2", "--chunk-size", "2"]):
        assert _score(tmp_path, "-".join(options), "--scorer", "lexicon", *options,
                      paths=[str(docs)]) == one
    ids = pd.read_csv(tmp_path / "c1" / "stances.csv")["doc_id"].drop_duplicates().tolist()
    assert ids == ["z9", "z7", "z5", "z8", "z6"]  # part0/0, 2, 4, then part1/1, 3


def test_parallel_rejects_alike_within_and_across_chunks(tmp_path):
    docs = tmp_path / "docs"
    _write_doc(docs, "a.md", "same")
    (docs / "b.md").write_bytes(b"\xff\xfe not utf-8")
    _write_doc(docs, "c.md", "same")
    _write_doc(docs, "d.md", "other")
    pd.DataFrame([{"id": "other", "date": "2017-09-21", "text": "Iran warned."},
                  {"id": "new", "date": "2017-09-21", "text": "Iran warned."}]).to_csv(
        docs / "t.csv", index=False)
    (docs / "notes.docx").write_text("x")
    runs = [_score(tmp_path, f"c{size}", "--scorer", "lexicon", "--jobs", "1", "--chunk-size",
                   size, paths=[str(docs)]) for size in ("1", "2", "9")]
    assert runs[0] == runs[1] == runs[2]
    rejects = pd.read_csv(tmp_path / "c1" / "rejects.csv")
    assert rejects["path"].tolist() == [str(docs / "notes.docx"), str(docs / "b.md"),
                                        str(docs / "c.md"), str(docs / "t.csv")]
    assert rejects["reason"].iloc[2] == f"duplicate id 'same': already used by {docs / 'a.md'}"
    assert rejects["reason"].iloc[3] == f"duplicate id 'other': already used by {docs / 'd.md'}"
    stances = pd.read_csv(tmp_path / "c1" / "stances.csv")
    assert stances["doc_id"].drop_duplicates().tolist() == ["same", "other", "new"]


def test_parallel_plan_is_lazy(tmp_path):
    docs = tmp_path / "docs"
    for i in range(5):
        _write_doc(docs / "sub", f"{i}.md", f"d{i}")
    pd.DataFrame([{"id": "t", "date": "2017-09-21", "text": "x"}]).to_csv(docs / "t.csv", index=False)
    chunks, rejects, n_files = plan_chunks([str(docs)], chunk_size=2)
    assert n_files == 5
    first = next(chunks)
    assert first == ("files", (str(docs / "sub" / "0.md"), str(docs / "sub" / "1.md")), 0)
    assert rejects == []  # the table is read only when the iteration reaches it
    assert [c[0] for c in chunks] == ["files", "files", "frame"]
    assert len(rejects) == 1 and rejects[0].empty


def test_parallel_window_bounds_chunks_in_flight():
    pulled = []

    class Chunks(list):
        def __iter__(self):
            for i, c in enumerate(list.__iter__(self)):
                pulled.append(i)
                yield c

    doc = {"date": "2017-09-20", "source": "", "url": "", "title": "", "text": "Iran warned."}
    frame = pd.DataFrame([{"doc_id": f"d{i}", **doc} for i in range(12)])
    chunks = Chunks(("frame", frame.iloc[i:i + 1], "t.csv") for i in range(12))
    results = parallel.map_chunks(chunks, Resources.load(scorer="lexicon"), jobs=2)
    chunk, (docs, _, _) = next(results)
    assert chunk is chunks[0] and docs["doc_id"].tolist() == ["d0"]
    assert len(pulled) == parallel.WINDOW_PER_WORKER * 2  # not all 12
    rest = list(results)
    assert [r[0]["doc_id"].iloc[0] for _, r in rest] == [f"d{i}" for i in range(1, 12)]


def test_parallel_stream_appends_chunk_by_chunk(tmp_path, monkeypatch):
    calls = []  # rows rendered per chunk (rendered where the chunk is scored, then written)
    real = stream._jsonl_rows
    monkeypatch.setattr(stream, "_jsonl_rows", lambda df: calls.append(len(df)) or real(df))
    stats = stream.score_to_file(CORPUS, tmp_path / "s.jsonl", tmp_path / "r.csv",
                                 scorer="lexicon", jobs=1, chunk_size=4)
    n_docs = len(stance.load_documents(CORPUS)[0])
    assert len(calls) == len(list(plan_chunks(CORPUS, chunk_size=4)[0])) == -(-n_docs // 4)
    assert sum(calls) == len(pd.read_json(tmp_path / "s.jsonl", lines=True))
    assert stats["documents"] == n_docs


def test_parallel_progress_bar_counts_documents(tmp_path, capsys):
    stream.score_to_file(CORPUS, tmp_path / "s.csv", tmp_path / "r.csv", scorer="lexicon",
                         jobs=1, chunk_size=10, progress=True)
    err = capsys.readouterr().err
    n_docs = len(stance.load_documents(CORPUS)[0])
    assert "scoring" in err and f"{n_docs}/{n_docs}" in err and "doc/s" in err


def test_parallel_output_file_mode_follows_umask(tmp_path):
    out = tmp_path / "s.csv"
    stream.score_to_file([str(ROOT / "seeds")], out, tmp_path / "r.csv", scorer="lexicon", jobs=1)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_parallel_no_documents_writes_a_header(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.docx").write_text("x")
    out, rejects = _score(tmp_path, "o", "--scorer", "lexicon", paths=[str(tmp_path / "in")])
    assert out.decode().splitlines()[0].endswith(",source")
    assert b"unsupported file type" in rejects


@pytest.mark.parametrize("option", [["--jobs", "0"], ["--chunk-size", "0"], ["--engine", "spark"]])
def test_parallel_bad_options_exit_2(tmp_path, option):
    res = CliRunner().invoke(cli, ["score", CORPUS[1], "-o", str(tmp_path / "s.csv"), *option])
    assert res.exit_code == 2
    assert not (tmp_path / "s.csv").exists()


_cells = st.one_of(st.none(), st.text(alphabet=st.sampled_from('ab ,"\n\r—é'), max_size=6))


@settings(max_examples=60, deadline=None)
@example(texts=[None, None, None], scores=[float("nan"), 0.0, -0.0] + [float("nan")] * 3,
         dates=[None] * 6)  # pandas writes -0.0 as "-0" (found by hypothesis)
@example(texts=[None] * 5, scores=[float("nan")] * 3 + [-0.0, 0.0, float("nan")],
         dates=[None] * 6)  # … and 0.0 after a -0.0 as "0" (found by hypothesis)
@given(texts=st.lists(_cells, min_size=1, max_size=6),
       scores=st.lists(st.one_of(st.just(float("nan")), st.floats(-2, 2, allow_nan=False)),
                       min_size=6, max_size=6),
       dates=st.lists(st.one_of(st.none(), st.dates(dt.date(2017, 1, 1), dt.date(2018, 12, 31))),
                      min_size=6, max_size=6))
def test_parallel_csv_writer_matches_pandas(texts, scores, dates):
    # the stream writes its csv with the csv module; the bytes must be pandas' to_csv
    n = len(texts)
    frame = pd.DataFrame({"text": texts, "score": scores[:n], "n": range(n),
                          "date": pd.to_datetime(dates[:n])})
    ours = "".join(stream._csv_rows(frame, header=True))
    theirs = frame.to_csv(index=False, lineterminator="\n", float_format="%.6g",
                          date_format="%Y-%m-%d")
    assert ours == theirs
