"""Print the corpus counts that data/README.md reports (run from the project folder).

Usage: python data/stats.py
"""
from pathlib import Path

import pandas as pd

import stance

ROOT = Path(__file__).resolve().parent.parent


def main():
    for split in ("train", "dev"):
        docs, rejects = stance.load_documents(ROOT / "data" / split)
        gold = pd.read_csv(ROOT / "data" / "gold" / f"{split}.csv", keep_default_na=False)
        months = docs["date"].dt.to_period("M").value_counts().sort_index()
        print(f"## {split}: {len(docs)} documents ({len(rejects)} rejected), {len(gold)} gold rows, "
              f"{docs.text.str.split().str.len().sum()} words")
        print("documents per month: " + ", ".join(f"{p.strftime('%b %Y')} {n}" for p, n in months.items()))
        print("sources: " + ", ".join(f"{s} {n}" for s, n in docs.source.value_counts().items()))
        print()
        print("| actor | rows | force favor | force against | referendum favor | referendum against |")
        print("|---|---|---|---|---|---|")
        for actor in ("US", "Iraq", "Turkey", "Iran", "KRG"):
            g = gold[gold.actor == actor]
            print(f"| {actor} | {len(g)} | {(g.force == 'favor').sum()} | {(g.force == 'against').sum()} | "
                  f"{(g.referendum == 'favor').sum()} | {(g.referendum == 'against').sum()} |")
        print(f"| all | {len(gold)} | {(gold.force == 'favor').sum()} | {(gold.force == 'against').sum()} | "
              f"{(gold.referendum == 'favor').sum()} | {(gold.referendum == 'against').sum()} |")
        print()


if __name__ == "__main__":
    main()
