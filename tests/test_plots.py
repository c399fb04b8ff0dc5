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


def test_plots_stance_map_month_labels_do_not_cover_each_other():
    # two paths starting at nearly the same point: their first-month labels must not overlap
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    rows = []
    for i, (actor, m, f, r) in enumerate([("US", 6, -0.5, -0.7), ("Iran", 8, -0.5, -0.66),
                                          ("US", 9, -0.6, -0.8), ("Iran", 9, 0.5, -0.6)]):
        for target, score in (("force", f), ("referendum", r)):
            label = "favor" if score > 0 else "against"
            rows.append((f"2017-{m:02d}-1{i}", actor, target, label, score,
                         f"s {i} {actor} {target}"))
    fig = plot_stance_map(aggregate_stances(make(rows)))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    texts = [t for t in fig.axes[0].texts if t.get_text().endswith("17")]
    assert len(texts) == 2
    boxes = [t.get_window_extent(canvas.get_renderer()) for t in texts]
    assert not boxes[0].overlaps(boxes[1])


def test_plots_trends_draws_thin_periods_hollow():
    # three statements in September, one in October: only October's point is hollow
    rows = [(f"2017-09-1{i}", "Iran", "force", "favor", 1.0, f"s {i}") for i in range(3)]
    rows.append(("2017-10-12", "Iran", "force", "favor", 0.5, "s 9"))
    fig = plot_trends(aggregate_stances(make(rows)))
    hollow = [l for l in fig.axes[0].get_lines() if l.get_label().startswith("_thin")]
    assert len(hollow) == 1 and hollow[0].get_markerfacecolor() == "white"
    assert len(hollow[0].get_xdata()) == 1 and hollow[0].get_ydata()[0] == 0.5
    assert "hollow" in fig.axes[-1].get_xlabel()
