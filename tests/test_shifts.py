import pandas as pd

from stance.shifts import detect_shifts
from test_aggregate import make


def test_shifts_step_change_is_found_at_the_step():
    rows = [(pd.Timestamp("2017-07-01") + pd.Timedelta(days=3 * i), "Iraq", "force",
             "against", -0.5, f"Iraq calls for calm, statement {i}") for i in range(10)]
    rows += [(pd.Timestamp("2017-10-16") + pd.Timedelta(days=2 * i), "Iraq", "force",
              "favor", 1.0, f"Iraqi forces advance, report {i}") for i in range(10)]
    shifts = detect_shifts(make(rows))
    assert len(shifts) == 1
    s = shifts.iloc[0]
    assert s.date == pd.Timestamp("2017-10-16")
    assert s.mean_before == -0.5 and s.mean_after == 1.0
    assert "Iraqi forces advance" in s.texts


def test_shifts_flat_series_has_none():
    rows = [(pd.Timestamp("2017-07-01") + pd.Timedelta(days=i), "US", "force", "against", -0.5,
             f"calm please {i}") for i in range(20)]
    assert detect_shifts(make(rows)).empty
