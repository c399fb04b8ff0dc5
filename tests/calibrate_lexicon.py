"""Fit the lexicon scorer's confidence maps on the training documents and package them.

Not a test (pytest collects only ``test_*.py``). Scores ``data/train`` with the lexicon
scorer, marks which rows carry gold's label (`evaluate.row_correct`), fits the isotonic
maps of `calibrate.fit_maps` and writes ``stance/data/lexicon-calibration.json`` with the
packaged lexicon's fingerprint. Rerun it after editing ``stance/data/lexicon.csv`` (a test
fails until then). The lexicon was written from these documents, so the maps are a little
optimistic on new text (README, *Quality*).

Usage::

    python tests/calibrate_lexicon.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import stance  # noqa: E402
from stance.calibrate import LEXICON_FILE, fit_maps, lexicon_fingerprint  # noqa: E402
from stance.evaluate import row_correct  # noqa: E402
from stance.io import atomic_write  # noqa: E402
from stance.pipeline import Resources, score_documents  # noqa: E402


def main() -> int:
    docs, _ = stance.load_documents(ROOT / "data" / "train")
    gold = pd.read_csv(ROOT / "data" / "gold" / "train.csv", keep_default_na=False)
    lexicon = stance.load_lexicon()
    rules = Resources.load(scorer="lexicon")
    rules.rules.calibration = {}  # fit on the rule-of-thumb confidences
    st = score_documents(docs, rules).reset_index(drop=True)
    correct = row_correct(st, gold, docs)
    rows = st.loc[correct.index, ["target", "label", "confidence"]].assign(
        scorer="lexicon", correct=correct.to_numpy())
    out = {"lexicon_sha256": lexicon_fingerprint(lexicon), "documents": int(len(docs)),
           "rows": int(len(rows)), "maps": fit_maps(rows).get("lexicon", {})}
    path = ROOT / "stance" / "data" / LEXICON_FILE
    # one line per list of knots
    text = re.sub(r"\[\s+([^\[\]]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]",
                  json.dumps(out, indent=1))
    atomic_write(path, lambda tmp: Path(tmp).write_text(text + "\n"))
    print(f"{len(rows)} rows of {len(docs)} documents → {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
