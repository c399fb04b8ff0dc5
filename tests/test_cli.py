import pandas as pd
import pytest
from click.testing import CliRunner

import stance
from stance.cli import cli
from stance.pipeline import Resources, score_documents

from conftest import ROOT, SEED


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_score_writes_the_library_result(runner, tmp_path):
    out = tmp_path / "stances.csv"
    res = runner.invoke(cli, ["score", str(SEED.parent), "-o", str(out), "--jobs", "1", "-q"])
    assert res.exit_code == 0, res.output
    got = pd.read_csv(out, keep_default_na=False)
    docs, _ = stance.load_documents(SEED.parent)
    expected = score_documents(docs, Resources.load())
    assert list(got.columns[:14]) == ["statement_id", "doc_id", "date", "start", "end", "text",
                                      "actor", "speaker", "kind", "target", "label", "score",
                                      "confidence", "evidence"]
    assert len(got) == len(expected)
    assert list(got["statement_id"]) == list(expected["statement_id"])
    assert list(got["label"]) == list(expected["label"])
    assert got["score"].round(6).tolist() == expected["score"].round(6).tolist()


def test_cli_trends_and_chart(runner, tmp_path):
    stances_csv = tmp_path / "s.csv"
    runner.invoke(cli, ["score", str(SEED.parent), "-o", str(stances_csv), "-q"])
    trends_csv = tmp_path / "t.csv"
    res = runner.invoke(cli, ["trends", str(stances_csv), "-o", str(trends_csv), "--freq", "W"])
    assert res.exit_code == 0, res.output
    trends = pd.read_csv(trends_csv)
    lib = stance.aggregate_stances(stance.io.read_frame(stances_csv, stance.schemas.STANCES), freq="W")
    assert trends["n"].tolist() == lib["n"].tolist()
    res = runner.invoke(cli, ["chart", str(trends_csv), "--out", str(tmp_path / "charts"),
                              "--size", "8x6", "--dpi", "80"])
    assert res.exit_code == 0, res.output
    pngs = sorted(p.name for p in (tmp_path / "charts").glob("*.png"))
    assert pngs == ["heatmap-force.png", "heatmap-referendum.png", "stance-map.png", "trends.png",
                    "volume.png"]


def test_cli_run_on_given_path(runner, tmp_path):
    res = runner.invoke(cli, ["run", str(SEED.parent), "--out", str(tmp_path / "out"), "--dpi", "60"])
    assert res.exit_code == 0, res.output
    assert "US" in res.output and "wrote:" in res.output
    assert (tmp_path / "out" / "stances.csv").exists() and (tmp_path / "out" / "trends.png").exists()


@pytest.mark.parametrize("args, message", [
    (["score", "/no/such/dir", "-o", "x.csv"], "does not exist"),
    (["trends", "{notes}", "-o", "t.csv"], "unsupported table type"),
    (["chart", "{notes}", "--out", "x"], "unsupported table type"),
    (["trends", "{bad_csv}", "-o", "t.csv"], "missing column"),
    (["run", "--freq", "Q"], "Invalid value"),
    (["evaluate", "--gold", "{bad_csv}", str(SEED.parent)], "missing column"),
    (["score", str(SEED.parent), "-o", "{out}", "--model", "{notes}"], "not a readable skops model"),
    (["run", str(SEED.parent), "--out", "{outdir}", "--model", "{notes}"], "not a readable skops model"),
])
def test_cli_user_errors_exit_2_with_one_line(runner, tmp_path, args, message):
    (tmp_path / "notes.txt").write_text("not a table")
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    args = [a.format(notes=tmp_path / "notes.txt", bad_csv=tmp_path / "bad.csv",
                     out=tmp_path / "s.csv", outdir=tmp_path / "out") for a in args]
    res = runner.invoke(cli, args)
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output


def test_cli_explain(runner):
    res = runner.invoke(cli, ["explain", "Erdogan said Turkey would never recognize the referendum."])
    assert res.exit_code == 0, res.output
    assert "Turkey" in res.output and "against" in res.output


def test_cli_evaluate_predictions_table(runner, tmp_path):
    out = tmp_path / "s.csv"
    runner.invoke(cli, ["score", str(SEED.parent), "-o", str(out), "-q"])
    res = runner.invoke(cli, ["evaluate", "--gold", str(ROOT / "tests/golden/seed_gold.csv"),
                              "--predictions", str(out), str(SEED.parent), "--json",
                              str(tmp_path / "e.json")])
    assert res.exit_code == 0, res.output
    assert "holder attribution" in res.output and "F_avg" in res.output
    import json
    assert json.loads((tmp_path / "e.json").read_text())["holder"]["f1"] > 0.5


def test_cli_run_ignores_its_own_output_inside_the_input_and_reruns_identically(runner, tmp_path):
    import shutil
    shutil.copy(SEED, tmp_path / SEED.name)
    args = ["run", str(tmp_path), "--out", str(tmp_path / "out"), "--dpi", "50"]
    assert runner.invoke(cli, args).exit_code == 0
    first = (tmp_path / "out" / "stances.csv").read_bytes()
    res = runner.invoke(cli, args)
    assert res.exit_code == 0 and res.output.startswith("1 documents (0 rejected)")
    assert (tmp_path / "out" / "stances.csv").read_bytes() == first
    assert (tmp_path / "out" / "trends.csv").stat().st_size > 0


def test_cli_score_with_a_model_file_uses_that_model(runner, tmp_path):
    # a model trained on a few training articles scores the seed otherwise than the packaged
    # one, and `stance score --model` gives what the library gives with that model
    from stance.model import load_model
    from stance.train import train_model
    docs, _ = stance.load_documents(ROOT / "data/train")
    docs = docs.sort_values("doc_id").head(12)
    gold = pd.read_csv(ROOT / "data/gold/train.csv", keep_default_na=False)
    path = tmp_path / "small.skops"
    train_model(docs, gold[gold["doc_id"].isin(docs["doc_id"])]).save(path)
    out = {}
    for name, extra in (("packaged", []), ("small", ["--model", str(path)])):
        out[name] = tmp_path / f"{name}.csv"
        res = runner.invoke(cli, ["score", str(SEED.parent), "-o", str(out[name]), "--jobs", "1",
                                  "-q", *extra])
        assert res.exit_code == 0, res.output
    packaged, small = pd.read_csv(out["packaged"]), pd.read_csv(out["small"])
    assert not packaged["confidence"].equals(small["confidence"])
    seed, _ = stance.load_documents(SEED.parent)
    lib = score_documents(seed, Resources.load(model=load_model(path)))
    assert small["confidence"].round(3).tolist() == lib["confidence"].round(3).tolist()


def test_cli_evaluate_prints_intervals_and_a_paired_comparison(runner, tmp_path):
    out = tmp_path / "s.csv"
    runner.invoke(cli, ["score", str(SEED.parent), "-o", str(out), "-q"])
    gold = str(ROOT / "tests/golden/seed_gold.csv")
    res = runner.invoke(cli, ["evaluate", "--gold", gold, "--predictions", str(out),
                              str(SEED.parent), "--boot", "200", "--against", str(out),
                              "--json", str(tmp_path / "e.json")])
    assert res.exit_code == 0, res.output
    assert "95% [" in res.output and "200 bootstrap resamples" in res.output
    assert "difference from the compared predictions" in res.output
    import json
    saved = json.loads((tmp_path / "e.json").read_text())
    lo, hi = saved["intervals"]["holder_f1"]
    assert lo <= saved["holder"]["f1"] <= hi
    assert saved["comparison"]["holder_f1"]["diff"] == 0  # the same table
    res = runner.invoke(cli, ["evaluate", "--gold", gold, "--predictions", str(out),
                              str(SEED.parent), "--boot", "0"])
    assert res.exit_code == 0 and "95% [" not in res.output


def test_cli_evaluate_by_actor(runner, tmp_path):
    out = tmp_path / "s.csv"
    runner.invoke(cli, ["score", str(SEED.parent), "-o", str(out), "-q"])
    res = runner.invoke(cli, ["evaluate", "--gold", str(ROOT / "tests/golden/seed_gold.csv"),
                              "--predictions", str(out), str(SEED.parent), "--by-actor",
                              "--boot", "100", "--json", str(tmp_path / "e.json")])
    assert res.exit_code == 0, res.output
    table = res.output.split("per actor:")[1].splitlines()
    assert [line.split()[0] for line in table[2:7]] == ["US", "Iraq", "Turkey", "Iran", "KRG"]
    import json
    rows = json.loads((tmp_path / "e.json").read_text())["by_actor"]
    # the per-actor gold pairs add up to the whole
    assert sum(r["gold_pairs"] for r in rows) == json.loads(
        (tmp_path / "e.json").read_text())["counts"]["gold_pairs"]
