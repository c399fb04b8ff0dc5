"""Inter-annotator agreement between data/gold/*.csv and a second, independent annotation.

Usage: python data/agreement/agreement.py [SECOND.csv ...]   (from the project folder;
default: every data/agreement/second_annotation*.csv)

Units: every (sentence, actor) pair for the five actors over all sentences of the
doubly annotated documents (a pair absent from an annotation is `none` on both
targets).  Reports Cohen's kappa per target over those units, kappa on holder
presence (pair has any non-none label), and holder F1 between the two pair sets.
"""
import sys
from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score

import stance
from stance.evaluate import locate_gold

ROOT = Path(__file__).resolve().parents[2]
ACTORS = ("US", "Iraq", "Turkey", "Iran", "KRG")


def main(*second_paths):
    paths = second_paths or sorted((ROOT / "data/agreement").glob("second_annotation*.csv"))
    second = pd.concat([pd.read_csv(p, keep_default_na=False) for p in paths], ignore_index=True)
    docs, _ = stance.load_documents([ROOT / "data/train", ROOT / "data/dev"])
    docs = docs[docs.doc_id.isin(set(second.doc_id))]
    first = pd.concat([pd.read_csv(ROOT / f"data/gold/{s}.csv", keep_default_na=False)
                       for s in ("train", "dev")])
    first = first[first.doc_id.isin(set(second.doc_id))]
    a, b = locate_gold(first, docs), locate_gold(second, docs)
    sents = stance.split_sentences(docs)

    def label_of(frame, target):
        # map each annotated sentence to the splitter's sentence that covers it
        out = {}
        for r in frame.itertuples(index=False):
            s = sents[(sents.doc_id == r.doc_id) & (sents.start <= r.start) & (sents.end > r.start)]
            key = (r.doc_id, int(s.iloc[0].start) if len(s) else r.start, r.actor)
            out[key] = getattr(r, target)
        return out

    units = [(s.doc_id, s.start, actor) for s in sents.itertuples() for actor in ACTORS]
    labels = {(name, target): label_of(frame, target)
              for name, frame in (("a", a), ("b", b)) for target in ("force", "referendum")}
    rows = []
    for target in ("force", "referendum"):
        la, lb = labels["a", target], labels["b", target]
        ya = [la.get(u, "none") for u in units]
        yb = [lb.get(u, "none") for u in units]
        rows.append((target, cohen_kappa_score(ya, yb), sum(x != "none" for x in ya),
                     sum(x != "none" for x in yb)))

    def holders(name):
        return {u for u in units
                if any(labels[name, t].get(u, "none") != "none" for t in ("force", "referendum"))}

    pa, pb = holders("a"), holders("b")
    holder_kappa = cohen_kappa_score([u in pa for u in units], [u in pb for u in units])
    f1 = 2 * len(pa & pb) / (len(pa) + len(pb))
    print(f"documents {docs.doc_id.nunique()}, sentences {len(sents)}, units (sentence x actor) {len(units)}")
    print(f"first annotation pairs {len(pa)}, second {len(pb)}, both {len(pa & pb)}")
    print(f"holder agreement: kappa {holder_kappa:.3f}, F1 {f1:.3f}")
    for target, k, na, nb in rows:
        print(f"{target:<11} kappa {k:.3f}  (non-none: first {na}, second {nb})")


if __name__ == "__main__":
    main(*sys.argv[1:])
