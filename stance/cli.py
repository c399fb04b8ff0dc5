"""Command line: a thin click layer over the library (parse, call, write, report).

User errors (missing files, bad options, unreadable input) print one line and exit 2;
``--strict`` makes any rejected input exit 1 before outputs are written.
"""
from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

import click
import pandas as pd

from .errors import StanceError

log = logging.getLogger("stance")


class UserError(click.ClickException):
    exit_code = 2


def _fail(exc) -> UserError:
    return UserError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StanceError as exc:
            raise _fail(exc) from None
        except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
            raise UserError(f"{exc.filename}: {exc.strerror}") from None


@click.group(cls=_Group)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="stance")
def cli(verbose):
    """stance: who holds which stance on force and on the 2017 Kurdistan referendum.

    Reads dated articles, finds statements and their holders, scores stance toward
    `force` and `referendum`, and aggregates trends and charts.  Start with
    `stance run` (the bundled corpus) or `stance score PATH -o stances.csv`.
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


def main():
    cli(prog_name="stance")


_scorer_opt = click.option("--scorer", type=click.Choice(["lexicon", "model", "ensemble"]),
                           default=None, help="Stance scorer (default: the best on dev, see README).")
_actors_opt = click.option("--actors", type=click.Path(dir_okay=False, path_type=Path),
                           help="Actor dictionary YAML (default: the packaged 2017 actors).")
_lexicon_opt = click.option("--lexicon", type=click.Path(dir_okay=False, path_type=Path),
                            help="Cue lexicon CSV (default: the packaged lexicon).")
_model_opt = click.option("--model", "model_path",
                          type=click.Path(exists=True, dir_okay=False, path_type=Path),
                          help="A model file from `stance train` (default: the packaged model).")
_embed_opt = click.option("--embed", is_flag=True,
                          help="Use the packaged model that also reads sentence embeddings "
                               "(better on dev, slower; pip install 'stance[embed]').")
_date_opt = click.option("--date", "default_date", metavar="YYYY-MM-DD",
                         help="Date for text files without front matter.")
_freq_opt = click.option("--freq", type=click.Choice(["D", "W", "M"]), default="M",
                         show_default=True, help="Period: day, week or month.")


def _scorer(value):
    from .score import DEFAULT_SCORER
    return value or DEFAULT_SCORER


def _embed(embed: bool, model_path, scorer) -> bool:
    if embed and model_path:
        raise click.UsageError("--embed picks the packaged embedding model; give it or --model, not both")
    if embed and scorer == "lexicon":
        raise click.UsageError("--embed needs a learned scorer (model or ensemble), not lexicon")
    return embed


def _report_rejects(rejects: pd.DataFrame, strict: bool):
    for r in rejects.itertuples(index=False):
        click.echo(f"rejected {r.path}: {r.reason}", err=True)
    if strict and len(rejects):
        click.echo(f"--strict: {len(rejects)} input(s) rejected; nothing written", err=True)
        sys.exit(1)


def _write(df, path):
    from .io import write_frame
    return write_frame(df, path)


@cli.command("run")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "out_dir", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@_scorer_opt
@_actors_opt
@_lexicon_opt
@_model_opt
@_embed_opt
@_freq_opt
@_date_opt
@click.option("--events", type=click.Path(dir_okay=False, path_type=Path),
              help="Key events CSV for chart marks (default: data/events.csv if present).")
@click.option("--strict", is_flag=True, help="Exit 1 without writing if any input is rejected.")
@click.option("--dpi", default=150, show_default=True, help="PNG resolution.")
def run_cmd(paths, out_dir, scorer, actors, lexicon, model_path, embed, freq, default_date,
            events, strict, dpi):
    """Run the whole job on the bundled corpus (or PATHS) and write tables and charts.

    Reads data/train, data/dev and seeds/ when no PATHS are given.  Writes to OUT:
    stances.csv, trends.csv, shifts.csv, rejects.csv and the PNG charts
    trends.png, heatmap-force.png, heatmap-referendum.png, stance-map.png, volume.png.

    Example: stance run --out out/
    """
    from .pipeline import find_corpus, run
    frames = run(list(paths) or None, actors=actors, lexicon=lexicon, scorer=_scorer(scorer),
                 model=model_path, embed=_embed(embed, model_path, scorer), freq=freq,
                 default_date=default_date, exclude=[out_dir])
    _report_rejects(frames["rejects"], strict)
    written = [_write(frames[name], out_dir / f"{name}.csv")
               for name in ("stances", "trends", "shifts", "rejects")]
    events_path = events or next((d.parent / "events.csv" for d in find_corpus()
                                  if (d.parent / "events.csv").is_file()), None)
    written += _write_charts(frames["trends"], out_dir, events_path, dpi=dpi)
    docs, stances = frames["documents"], frames["stances"]
    click.echo(f"{len(docs)} documents ({len(frames['rejects'])} rejected), "
               f"{stances['statement_id'].nunique()} statements, scorer {_scorer(scorer)}"
               + (" with sentence embeddings" if embed else ""))
    click.echo(_summary(stances))
    click.echo("wrote:")
    for p in written:
        click.echo(f"  {p}")


def _summary(stances: pd.DataFrame) -> str:
    s = stances[stances["actor"] != "other"]
    if s.empty:
        return "no statements by the tracked actors"
    lines = [f"{'actor':<8}{'statements':>11}  {'force mean (n)':>16}  {'referendum mean (n)':>21}"]
    for actor, g in s.groupby("actor"):
        cells = []
        for target in ("force", "referendum"):
            t = g[(g["target"] == target) & (g["label"] != "none")]
            cells.append(f"{t['score'].mean():+.2f} ({len(t)})" if len(t) else "— (0)")
        lines.append(f"{actor:<8}{g['statement_id'].nunique():>11}  {cells[0]:>16}  {cells[1]:>21}")
    return "\n".join(lines)


def _write_charts(trends, out_dir: Path, events_path, *, dpi=150, size=None):
    from .plots import plot_heatmap, plot_stance_map, plot_trends, plot_volume, save_figure
    from .resources import load_events
    events = load_events(events_path) if events_path else None
    kw = {"figsize": size} if size else {}
    figs = {"trends.png": plot_trends(trends, events=events, **kw)}
    for target in sorted(trends["target"].unique()):
        figs[f"heatmap-{_safe(target)}.png"] = plot_heatmap(trends, target=target, **kw)
    figs["stance-map.png"] = plot_stance_map(trends, **kw)
    figs["volume.png"] = plot_volume(trends, **kw)
    return [save_figure(fig, out_dir / name, dpi=dpi) for name, fig in figs.items()]


def _safe(name: str) -> str:
    # codebook targets are plain words; anything else must not escape the output folder
    return re.sub(r"[^A-Za-z0-9_-]+", "_", str(name)) or "target"


@cli.command("score")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Stances table to write (.csv, .jsonl or .parquet).")
@_scorer_opt
@_actors_opt
@_lexicon_opt
@_model_opt
@_embed_opt
@_date_opt
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Local process pool, or Dask (pip install 'stance[dask]').")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Documents per work unit.")
@click.option("--rejects", "rejects_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to list rejected inputs (default: rejects.csv beside --out).")
@click.option("--strict", is_flag=True, help="Exit 1 without writing if any input is rejected.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def score_cmd(paths, out, scorer, actors, lexicon, model_path, embed, default_date, jobs,
              engine, scheduler, chunk_size, rejects_path, strict, quiet):
    """Score documents: one row per (statement, holder, target), none rows included.

    PATHS are folders or files of .md/.txt articles with front matter, or .csv/.jsonl/
    .parquet tables with id, date, text.  Writes the stances table to OUT (columns
    doc_id, statement_id, date, start, end, actor, speaker, kind, target, label, score,
    confidence, evidence, text, …) and rejected inputs to rejects.csv beside it.
    Documents are streamed in chunks, so memory stays flat on large corpora.

    Example: stance score data/dev -o dev-stances.csv --jobs 2
    """
    from .stream import score_to_file
    rejects_path = rejects_path or out.with_name("rejects.csv")
    stats = score_to_file(list(paths), out, rejects_path, actors=actors, lexicon=lexicon,
                          scorer=_scorer(scorer), model=model_path,
                          embed=_embed(embed, model_path, scorer), default_date=default_date, jobs=jobs,
                          engine=engine, scheduler=scheduler, chunk_size=chunk_size,
                          progress=not quiet and sys.stderr.isatty(), strict=strict,
                          on_reject=lambda p, r: click.echo(f"rejected {p}: {r}", err=True))
    if stats["aborted"]:
        click.echo(f"--strict: {stats['rejected']} input(s) rejected; nothing written", err=True)
        sys.exit(1)
    click.echo(f"{stats['documents']} documents, {stats['statements']} statements, "
               f"{stats['rejected']} rejected → {out}" +
               (f" (rejects: {rejects_path})" if stats["rejected"] else ""))


@cli.command("trends")
@click.argument("stances_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@_freq_opt
@click.option("--actors", "actor_ids", help="Comma-separated actor ids to keep, e.g. US,Iraq.")
@click.option("--since", metavar="YYYY-MM-DD", help="Keep statements on or after this date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Keep statements on or before this date.")
@click.option("--boot", default=1000, show_default=True, help="Bootstrap resamples for the 95% interval.")
def trends_cmd(stances_path, out, freq, actor_ids, since, until, boot):
    """Aggregate a stances table into trends by actor × target × period.

    Reads a stances table (from `stance score`); writes one row per actor, target and
    period: n unique statements, reach, confidence-weighted mean, bootstrap 95% interval,
    shares of favor/against, smoothed mean.  Empty periods are gaps (n = 0, no mean).

    Example: stance trends stances.csv -o trends.csv --freq W --actors US,Turkey
    """
    from .aggregate import aggregate_stances
    from .io import read_frame
    from .schemas import STANCES
    stances = read_frame(stances_path, STANCES)
    actors = [a.strip() for a in actor_ids.split(",")] if actor_ids else None
    trends = aggregate_stances(stances, freq=freq, actors=actors, since=since, until=until,
                               n_boot=boot)
    click.echo(f"{len(trends)} rows → {_write(trends, out)}")


@cli.command("chart")
@click.argument("trends_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the PNG files.")
@click.option("--events", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Key events CSV (date,label,description,url) to mark on the trend chart.")
@click.option("--dpi", default=150, show_default=True)
@click.option("--size", metavar="WxH", help="Figure size in inches, e.g. 12x8.")
def chart_cmd(trends_path, out_dir, events, dpi, size):
    """Draw the trend, heatmap, stance-map and volume charts from a trends table.

    Writes trends.png, heatmap-<target>.png, stance-map.png and volume.png to OUT.

    Example: stance chart trends.csv --out charts/ --events data/events.csv
    """
    from .io import read_frame
    from .schemas import TRENDS
    figsize = None
    if size:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[xX]\s*(\d+(?:\.\d+)?)\s*", size)
        if not m:
            raise UserError(f"--size {size!r} is not WxH in inches, e.g. 12x8")
        figsize = (float(m.group(1)), float(m.group(2)))
    trends = read_frame(trends_path, TRENDS)
    for p in _write_charts(trends, out_dir, events, dpi=dpi, size=figsize):
        click.echo(p)


@cli.command("shifts")
@click.argument("stances_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--min-delta", default=0.3, show_default=True, help="Smallest change in mean to report.")
def shifts_cmd(stances_path, out, min_delta):
    """Find change points in each actor × target series, with the statements behind them.

    Reads a stances table; writes actor, target, date, mean before/after, delta and the
    statement ids, texts and sources that drove each shift.

    Example: stance shifts stances.csv -o shifts.csv
    """
    from .io import read_frame
    from .schemas import STANCES
    from .shifts import detect_shifts
    shifts = detect_shifts(read_frame(stances_path, STANCES), min_delta=min_delta)
    for s in shifts.itertuples(index=False):
        click.echo(f"{s.date:%Y-%m-%d} {s.actor:<7} {s.target:<11} {s.mean_before:+.2f} → {s.mean_after:+.2f}")
    click.echo(f"{len(shifts)} shifts → {_write(shifts, out)}")


@cli.command("evaluate")
@click.argument("docs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--gold", required=True, multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold CSV (codebook §5); repeat for several.")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score this predictions/stances table instead of running the tracker.")
@_scorer_opt
@_actors_opt
@_lexicon_opt
@_model_opt
@_embed_opt
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the numbers as JSON.")
@click.option("--baseline", type=click.Choice(["keyword", "tfidf", "vader"]),
              help="Score a baseline instead of the tracker (tfidf trains on data/train).")
@click.option("--boot", default=1000, show_default=True, type=click.IntRange(min=0),
              help="Bootstrap resamples of the documents for 95% intervals (0: none).")
@click.option("--against", "against", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also compare with this predictions table: the difference and its paired "
                   "95% interval.")
@click.option("--by-actor", is_flag=True,
              help="Also print holder P/R/F1 (with its interval) and label F1s per actor.")
def evaluate_cmd(docs, gold, predictions, scorer, actors, lexicon, model_path, embed, json_path,
                 baseline, boot, against, by_actor):
    """Score the tracker (or a predictions table) against gold, as CODEBOOK.md §6 says.

    DOCS are the documents the gold annotates (default: the bundled data/dev).  Prints
    holder P/R/F1, per-target favor/against P/R/F1 and F_avg with 95% intervals from
    resampling the documents, and trend fidelity.

    Example: stance evaluate --gold data/gold/dev.csv data/dev
    """
    from .evaluate import (compare_stances, evaluate_stances, format_by_actor, format_report,
                           scores_by_actor)
    from .io import read_frame
    from .load import load_documents
    from .pipeline import Resources, find_corpus, score_documents
    from .schemas import GOLD, PREDICTIONS
    if not docs:
        docs = [d for d in find_corpus() if d.name == "dev"]
    documents, rejects = load_documents(list(docs))
    gold_frame = pd.concat([read_frame(g, GOLD) for g in gold], ignore_index=True)
    if predictions:
        preds = read_frame(predictions, PREDICTIONS)
    elif baseline:
        from .baselines import baseline_predictions
        train_docs = train_gold = None
        if baseline == "tfidf":
            train_dir = next(d for d in find_corpus() if d.name == "train")
            train_docs, _ = load_documents(train_dir)
            train_gold = read_frame(train_dir.parent / "gold" / "train.csv", GOLD)
        preds = baseline_predictions(baseline, documents, train_documents=train_docs,
                                     train_gold=train_gold)
    else:
        res = Resources.load(actors=actors, lexicon=lexicon, scorer=_scorer(scorer), model=model_path,
                             embed=_embed(embed, model_path, scorer))
        preds = score_documents(documents, res)
    scores = evaluate_stances(preds, gold_frame, documents, n_boot=boot)
    comparison = None
    if against:
        comparison = compare_stances(preds, read_frame(against, PREDICTIONS), gold_frame,
                                     documents, n_boot=boot or 1000)
        scores["comparison"] = {"against": str(against), **comparison}
    click.echo(format_report(scores, comparison))
    if by_actor:
        table = scores_by_actor(preds, gold_frame, documents, n_boot=boot)
        scores["by_actor"] = table.to_dict(orient="records")
        click.echo("\nper actor: holder attribution, and F1 (gold pairs) of each side per target")
        click.echo(format_by_actor(table))
    if json_path:
        from .io import atomic_write
        atomic_write(json_path, lambda tmp: Path(tmp).write_text(json.dumps(scores, indent=2)))
        click.echo(f"wrote {json_path}")


@cli.command("train")
@click.argument("docs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--gold", required=True, multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Model file to write (default: the packaged stance/data/model.skops, "
                   "or model-embed.skops with --embed).")
@_actors_opt
@_lexicon_opt
@click.option("--seed", default=0, show_default=True)
@click.option("--embed", is_flag=True,
              help="Also read sentence embeddings (pip install 'stance[embed]').")
@click.option("--calibration-folds", default=5, show_default=True,
              type=click.IntRange(min=0),
              help="Score DOCS out of fold this many times to calibrate the confidences "
                   "(0 or 1: keep the classifier's raw probabilities).")
def train_cmd(docs, gold, out, actors, lexicon, seed, embed, calibration_folds):
    """Train the scikit-learn stance model on annotated TRAINING documents only.

    Reads DOCS and their gold CSV; writes a skops model that records the training
    data's SHA-256 and the package version, and maps that make `confidence` the chance,
    measured out of fold, that a label is right.  Never pass the dev documents here.

    Example: stance train data/train --gold data/gold/train.csv [--embed]
    """
    from .io import read_frame
    from .load import load_documents
    from .model import EMBED_MODEL_FILE, MODEL_FILE
    from .resources import load_actors, load_lexicon
    from .schemas import GOLD
    from .train import train_model
    documents, _ = load_documents(list(docs))
    gold_frame = pd.concat([read_frame(g, GOLD) for g in gold], ignore_index=True)
    model = train_model(documents, gold_frame, actors=load_actors(actors),
                        lexicon=load_lexicon(lexicon), seed=seed, embed=embed,
                        calibration_folds=calibration_folds)
    out = out or Path(__file__).parent / "data" / (EMBED_MODEL_FILE if embed else MODEL_FILE)
    model.save(out)
    calibrated = (f"; confidences calibrated on {model.meta['calibration_rows']} out-of-fold rows"
                  if "calibration_rows" in model.meta else "")
    click.echo(f"trained on {len(documents)} documents, {len(gold_frame)} gold rows; "
               f"data sha256 {model.meta['data_sha256'][:12]}{calibrated} → {out}")


@cli.command("explain")
@click.argument("text")
@_scorer_opt
@_actors_opt
@_lexicon_opt
@_embed_opt
def explain_cmd(text, scorer, actors, lexicon, embed):
    """Show holder(s), labels, scores and evidence for one piece of text.

    Example: stance explain 'Erdogan said Turkey would close the border over the vote.'
    """
    from .explain import explain
    frame = explain(text, actors=actors, lexicon=lexicon, scorer=_scorer(scorer),
                    embed=_embed(embed, None, scorer))
    if frame.empty:
        click.echo("no statement: no holder found (narration, or a speaker outside the dictionary)")
        return
    for r in frame.itertuples(index=False):
        click.echo(f"{r.actor:<7} ({r.kind}, speaker: {r.speaker or '—'})  {r.target:<11} "
                   f"{r.label:<8} {r.score:+.2f}  conf {r.confidence:.2f}  {r.evidence}")


if __name__ == "__main__":  # pragma: no cover
    main()
