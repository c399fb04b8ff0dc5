"""Benchmark `stance score` on a large synthetic corpus (not a test: pytest skips it).

Builds corpora of N documents by replicating and perturbing the bundled articles
(data/train, data/dev): new ids, shifted dates, shuffled paragraphs, swapped words and
numbers.  For each size it runs ``python -m stance score DIR -o out.csv -q --jobs J`` as
a separate process and measures wall time and peak memory; then it times VADER's
``polarity_scores`` over the same sentences (split with ``stance.split_sentences``) in
this process, and checks the goals:

  * throughput: tracker sentences/s (--jobs 1) >= 1.0 x VADER's (one core each);
  * memory: peak memory flat when the corpus grows 10x (at most +10%);
  * scaling: --jobs 2 speed-up t1/t2 >= 1.8.

Usage::

    python tests/benchmark.py --sizes 10000 100000          # the full run (~1 h on 2 cores)
    python tests/benchmark.py --quick                       # 200 and 2000 docs, chunks of 20
    python tests/benchmark.py --sizes 1000 --scorers model lexicon --jobs 1 2

Peak memory is reported two ways, polling /proc every 0.2 s: the largest single
process (its VmHWM, the kernel's high-water mark of its RSS) and the whole process tree
(parent + workers), summed from ``smaps_rollup`` Pss (shared pages split between the
processes that share them, so other programs mapping the same libraries lower it a
little).  CPU seconds and the load average are printed too: on a shared
machine, other processes slow the runs down and lower the speed-up.  By default the
runs use a copy of the package taken at start (``--live`` to use the working tree).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "data" / "train", ROOT / "data" / "dev")
GOAL_VADER_RATIO = 1.0
GOAL_MEMORY_GROWTH = 1.10  # peak at 10x the documents, relative to the smaller corpus
GOAL_SPEEDUP = 1.8
# the tracker's default scorer, read from the source (importing stance here would load pandas)
DEFAULT_SCORER = re.search(r'^DEFAULT_SCORER = "(\w+)"', (ROOT / "stance" / "score.py").read_text(),
                           re.M).group(1)
SWAPS = {  # word -> replacement, applied to about half of the occurrences
    "said": "stated", "warned": "cautioned", "officials": "authorities",
    "Monday": "Tuesday", "Tuesday": "Wednesday", "Wednesday": "Thursday",
    "Thursday": "Friday", "Friday": "Saturday", "government": "administration",
    "added": "noted", "told": "informed", "region": "area", "country": "nation",
}
_FRONT = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)
_NUMBER = re.compile(r"\b\d+\b")
_WORD = re.compile(r"\b(%s)\b" % "|".join(SWAPS))


# ----------------------------------------------------------------------------- corpus

def read_articles():
    """(front matter dict, body) of every bundled article."""
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.md")):
            m = _FRONT.match(path.read_text("utf-8"))
            if not m:
                continue
            meta = {}
            for line in m.group(1).splitlines():
                key, _, value = line.partition(":")
                meta[key.strip()] = value.strip()
            out.append((meta, m.group(2)))
    return out


def perturb(meta, body, n, rng):
    """A new article: id, date, paragraph order, numbers and some words changed."""
    day = dt.date.fromisoformat(meta["date"]) + dt.timedelta(days=rng.randint(-45, 45))
    paras = body.strip("\n").split("\n\n")
    head, rest = paras[:1], paras[1:]
    rng.shuffle(rest)
    text = "\n\n".join(head + rest) + "\n"
    text = _NUMBER.sub(lambda m: str(rng.randint(10 ** (len(m.group()) - 1) if len(m.group()) > 1
                                                 else 0, 10 ** len(m.group()) - 1)), text)
    text = _WORD.sub(lambda m: SWAPS[m.group()] if rng.random() < 0.5 else m.group(), text)
    doc_id = f"{meta['id']}-x{n:06d}"
    head_lines = [f"id: {doc_id}", f"date: {day.isoformat()}"]
    head_lines += [f"{k}: {meta[k]}" for k in ("source", "url", "title") if k in meta]
    return doc_id, day, "---\n" + "\n".join(head_lines) + "\n---\n" + text


def build_corpus(folder: Path, size: int, seed: int = 0) -> Path:
    """Write `size` perturbed articles into `folder` (1000 per subfolder); reuse if done."""
    done = folder / ".complete"
    if done.is_file() and done.read_text().strip() == f"{size} {seed}":
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    articles = read_articles()
    rng = random.Random(seed)
    for n in range(size):
        meta, body = articles[n % len(articles)]
        doc_id, day, text = perturb(meta, body, n, rng)
        sub = folder / f"part-{n // 1000:04d}"
        if n % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{doc_id}.md").write_text(text, "utf-8")
    done.write_text(f"{size} {seed}\n")
    return folder


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md"))


# ----------------------------------------------------------------------------- memory

def _children_of(pid: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(parents.get(p, ()))
    return tree


def _memory_kb(pid: int) -> tuple[int, int]:
    """(Pss, or Rss when smaps_rollup is missing; peak RSS so far, VmHWM) of a process, in kB."""
    now = peak = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1])
                elif line.startswith("VmRSS:"):
                    now = int(line.split()[1])
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    now = int(line.split()[1])
                    break
    except OSError:
        pass
    return now, peak


class TreeMemory(threading.Thread):
    """Poll a process and its descendants: peak summed Pss, and each process's VmHWM.

    VmHWM is the kernel's own high-water mark of a process's RSS, so no peak is missed
    between polls (``ru_maxrss`` would not do: a child forked from this benchmark
    process inherits its high-water mark).
    """

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.hwm_kb: dict = {}
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            total = 0
            for p in _children_of(self.pid):
                now, peak = _memory_kb(p)
                total += now
                self.hwm_kb[p] = max(self.hwm_kb.get(p, 0), peak)
            self.peak_kb = max(self.peak_kb, total)
            self._stop_event.wait(self.interval)

    def stop(self):
        self._stop_event.set()
        self.join()


# ----------------------------------------------------------------------------- runs

def run_tracker(corpus: Path, out: Path, *, jobs: int, scorer: str, chunk_size: int,
                snapshot: Path | None = None, embed: bool = False) -> dict:
    """Run ``stance score`` in a child process; wall time, peak memory, output digest."""
    cmd = [sys.executable, "-m", "stance", "score", str(corpus), "-o", str(out), "-q",
           "--jobs", str(jobs), "--scorer", scorer, "--chunk-size", str(chunk_size),
           *(["--embed"] if embed else [])]
    env = dict(os.environ)
    if snapshot is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(snapshot), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryFile() as log_out, tempfile.TemporaryFile() as log_err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log_out, stderr=log_err, cwd=out.parent, env=env)
        poll = TreeMemory(proc.pid)
        poll.start()
        # wait4's rusage is the child's own, with its reaped descendants (the workers)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        poll.stop()
        log_out.seek(0)
        log_err.seek(0)
        summary, errors = log_out.read().decode().strip(), log_err.read().decode()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{errors[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "load": (load_before + os.getloadavg()[0]) / 2,
            "tree_mb": poll.peak_kb / 1024, "largest_mb": max(poll.hwm_kb.values(), default=0) / 1024,
            "summary": summary, "digest": hashlib.md5(out.read_bytes()).hexdigest(),
            "cmd": " ".join(cmd)}


def vader_pass(files: list[Path], batch: int = 1000) -> dict:
    """Sentences of the corpus (stance.split_sentences) and VADER's time over them."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    from stance import load_documents, split_sentences
    analyzer = SentimentIntensityAnalyzer()
    n_sent, vader_s, split_s = 0, 0.0, 0.0
    for i in range(0, len(files), batch):
        t0 = time.perf_counter()
        docs, _ = load_documents(files[i:i + batch])
        sentences = split_sentences(docs)["text"].tolist()
        t1 = time.perf_counter()
        for s in sentences:
            analyzer.polarity_scores(s)
        t2 = time.perf_counter()
        n_sent += len(sentences)
        split_s += t1 - t0
        vader_s += t2 - t1
    return {"sentences": n_sent, "vader_s": vader_s, "load_split_s": split_s}


# ----------------------------------------------------------------------------- report

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--quick", action="store_true", help="sizes 200 and 2000 (minutes, not hours)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--scorers", nargs="+", default=[DEFAULT_SCORER],
                    choices=["ensemble", "model", "lexicon"])
    ap.add_argument("--chunk-size", type=int, default=200)
    ap.add_argument("--embed", action="store_true",
                    help="score with --embed (the sentence-embedding model; needs .[embed])")
    ap.add_argument("--workdir", type=Path, help="keep corpora here and reuse them (default: a temp folder)")
    ap.add_argument("--live", action="store_true",
                    help="run the working tree's stance, not a copy taken at start (edits made "
                         "during a long run would then change what is measured)")
    args = ap.parse_args(argv)
    sizes = [200, 2000] if args.quick else args.sizes
    if args.quick and args.chunk_size == 200:
        args.chunk_size = 20  # several chunks per worker even on the small corpus
    work = args.workdir or Path(tempfile.mkdtemp(prefix="stance-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"stance benchmark  python {platform.python_version()}  cores {os.cpu_count()}  "
          f"workdir {work}", flush=True)
    print(f"goals: tracker >= {GOAL_VADER_RATIO:.1f}x VADER sentences/s (one core each); "
          f"peak memory flat (<= +{(GOAL_MEMORY_GROWTH - 1) * 100:.0f}%) for 10x documents; "
          f"2-core speed-up >= {GOAL_SPEEDUP}", flush=True)
    if args.embed:
        print("scoring with --embed: the classifier also reads sentence embeddings", flush=True)
    # this run's own folder for the package copy and the outputs: runs sharing a
    # --workdir (and its corpora) must not delete each other's files
    run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    snapshot = None
    if not args.live:
        snapshot = run_dir / "snapshot"
        shutil.copytree(ROOT / "stance", snapshot / "stance",
                        ignore=shutil.ignore_patterns("__pycache__"))
        sys.path.insert(0, str(snapshot))  # the VADER pass splits with the same copy
        print(f"measuring a copy of stance taken now: {snapshot}", flush=True)
    rows, vader = [], {}
    try:
        for size in sizes:
            t0 = time.perf_counter()
            corpus = build_corpus(work / f"corpus-{size}", size)
            files = corpus_files(corpus)
            mb = sum(f.stat().st_size for f in files) / 1e6
            print(f"\n== {size} documents, {mb:.1f} MB  (built in {time.perf_counter() - t0:.0f} s)",
                  flush=True)
            v = vader_pass(files)
            vader[size] = v
            v_rate = v["sentences"] / v["vader_s"]
            print(f"  VADER      {v['sentences']} sentences in {v['vader_s']:.1f} s: "
                  f"{v_rate:,.0f} sentences/s  (load+split not timed: {v['load_split_s']:.1f} s)",
                  flush=True)
            for scorer in args.scorers:
                for jobs in args.jobs:
                    out = run_dir / f"out-{size}-{scorer}-{jobs}.csv"
                    r = run_tracker(corpus, out, jobs=jobs, scorer=scorer,
                                    chunk_size=args.chunk_size, snapshot=snapshot,
                                    embed=args.embed)
                    r.update(size=size, mb=mb, jobs=jobs, scorer=scorer,
                             sentences=v["sentences"], vader_rate=v_rate)
                    rows.append(r)
                    s_rate = v["sentences"] / r["wall"]
                    print(f"  {scorer:<8} --jobs {jobs}: {r['wall']:8.1f} s  "
                          f"{size / r['wall']:7.1f} docs/s  {mb / r['wall']:6.3f} MB/s  "
                          f"{s_rate:8.1f} sentences/s  peak {r['tree_mb']:6.0f} MB (tree Pss), "
                          f"{r['largest_mb']:6.0f} MB (largest process)  "
                          f"cpu {r['cpu']:.0f} s ({r['cpu'] / r['wall']:.2f} cores busy), "
                          f"load avg {r['load']:.1f}  [{r['summary']}]", flush=True)
                    out.unlink(missing_ok=True)  # keep the digest only
        report(rows, sizes, args)
    finally:
        shutil.rmtree(run_dir if args.workdir else work, ignore_errors=True)


def report(rows, sizes, args):
    print("\n== goals")
    verdicts = []
    for scorer in args.scorers:
        for size in sizes:
            by = {r["jobs"]: r for r in rows if r["scorer"] == scorer and r["size"] == size}
            if 1 in by:
                r = by[1]
                ratio = (r["sentences"] / r["wall"]) / r["vader_rate"]
                ok = ratio >= GOAL_VADER_RATIO
                verdicts.append(ok)
                print(f"  {scorer} {size:>7} docs: tracker/VADER throughput (--jobs 1) = "
                      f"{ratio:.4f}x  (goal >= {GOAL_VADER_RATIO}x): {'MET' if ok else 'NOT MET'}")
                for j, rj in sorted(by.items()):
                    if j != 1:
                        speed = r["wall"] / rj["wall"]
                        ok = speed >= GOAL_SPEEDUP
                        if j == 2:
                            verdicts.append(ok)
                        same = "identical" if rj["digest"] == r["digest"] else "DIFFERENT"
                        goal = (f"  (goal >= {GOAL_SPEEDUP}): {'MET' if ok else 'NOT MET'}"
                                if j == 2 else "")
                        print(f"  {scorer} {size:>7} docs: speed-up --jobs {j} = {speed:.2f}{goal}; "
                              f"output {same} to --jobs 1; tracker/VADER with --jobs {j} = "
                              f"{(rj['sentences'] / rj['wall']) / rj['vader_rate']:.4f}x")
                        # a shared host may run its cores slower when both are busy: the same
                        # work then costs more CPU seconds, which no program can win back
                        print(f"  {scorer} {size:>7} docs: CPU seconds --jobs 1 -> {j}: "
                              f"{r['cpu']:.0f} -> {rj['cpu']:.0f} s; speed-up at equal CPU cost "
                              f"{speed * rj['cpu'] / r['cpu']:.2f} (a diagnostic, not the goal)")
        for small, big in zip(sizes, sizes[1:]):
            for jobs in args.jobs:
                a = next((r for r in rows if (r["scorer"], r["size"], r["jobs"]) == (scorer, small, jobs)), None)
                b = next((r for r in rows if (r["scorer"], r["size"], r["jobs"]) == (scorer, big, jobs)), None)
                if a and b:
                    g_tree, g_big = b["tree_mb"] / a["tree_mb"], b["largest_mb"] / a["largest_mb"]
                    ok = g_tree <= GOAL_MEMORY_GROWTH and g_big <= GOAL_MEMORY_GROWTH
                    verdicts.append(ok)
                    print(f"  {scorer} --jobs {jobs}: peak memory {small} -> {big} docs "
                          f"({big / small:.0f}x): tree {a['tree_mb']:.0f} -> {b['tree_mb']:.0f} MB "
                          f"({g_tree:.2f}x), largest process {a['largest_mb']:.0f} -> "
                          f"{b['largest_mb']:.0f} MB ({g_big:.2f}x)  (goal <= {GOAL_MEMORY_GROWTH}x): "
                          f"{'MET' if ok else 'NOT MET'}")
    if not verdicts:
        print("\nno goal could be checked (need --jobs 1, and two sizes for memory)")
    else:
        print(f"\ngoals checked: {len(verdicts)}, met: {sum(verdicts)}; "
              f"all met: {'yes' if all(verdicts) else 'no'}")


if __name__ == "__main__":
    main()
