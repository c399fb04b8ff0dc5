import pandas as pd

from stance.aggregate import aggregate_stances
from stance.plots import ACTOR_COLORS, plot_heatmap, plot_stance_map, plot_trends, plot_volume, save_figure
from test_aggregate import make


def trends():
    rows = []
    for i, (actor, target, label, score) in enumerate([
            ("US", "force", "against", -0.5), ("Turkey", "force", "favor", 1.0),
            ("Turkey", "referendum", "against", -1.0), ("US", "referendum", "against", -0.5)]):
        for m in (9, 10):
            rows.append((f"2017-{m:02d}-1{i}", actor, target, label, score, f"s {i} {m} {actor}"))
    return aggregate_stances(make(rows))


def test_plots_trends_has_a_panel_per_target_and_actor_lines(tmp_path):
    fig = plot_trends(trends(), events=pd.DataFrame({"date": [pd.Timestamp("2017-09-25")],
                                                     "label": ["Referendum"]}))
    axes = fig.axes
    assert [a.get_title(loc="left") for a in axes] == ["Stance toward force", "Stance toward referendum"]
    labels = [l.get_label() for l in axes[0].get_lines() if not l.get_label().startswith("_")]
    assert sorted(l.split(" ")[0] for l in labels) == ["Turkey", "US"]
    turkey = [l for l in axes[0].get_lines() if l.get_label().startswith("Turkey")][0]
    assert turkey.get_color() == ACTOR_COLORS["Turkey"]
    assert [t.get_text() for t in axes[0].texts] == ["1"]  # events are numbered on the top panel
    assert any("1 Referendum (25 Sep 2017)" in t.get_text() for t in fig.texts)
    assert "n = " in fig._suptitle.get_text()
    out = save_figure(fig, tmp_path / "t.png")
    assert out.stat().st_size > 10_000 and out.read_bytes()[:4] == b"\x89PNG"


def test_plots_other_charts_render(tmp_path):
    t = trends()
    for fig in (plot_heatmap(t, target="force"), plot_stance_map(t), plot_volume(t)):
        assert any(a.get_xlabel() for a in fig.axes)
        assert save_figure(fig, tmp_path / "x.png").stat().st_size > 5_000
    sm = plot_stance_map(t).axes[0]
    assert sm.get_xlabel().startswith("referendum") and sm.get_ylabel().startswith("force")
