"""Shared fixtures: tiny documents built inline, and paths of the bundled data."""
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "rudaw-2017-09-29-borders.md"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/* from the current output (review the diff!).")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture
def two_docs():
    """Two short documents with a quote, reported speech, an action and narration."""
    return pd.DataFrame([
        {"doc_id": "a", "date": "2017-09-20", "source": "Test", "url": "", "title": "A",
         "text": "ANKARA — Turkey said the referendum was illegitimate. "
                 "\"We will not hesitate to use force if needed,\" Erdogan said. "
                 "The vote is due on Monday."},
        {"doc_id": "b", "date": "2017-10-17", "source": "Test", "url": "", "title": "B",
         "text": "Washington urged Baghdad to avoid clashes with the Peshmerga.\n\n"
                 "Iraqi forces seized the K1 base on Monday."},
    ])
