"""Charts of the trend table, as matplotlib Figures (no pyplot state, no ``show``).

- `plot_trends`: mean stance per actor over time, 95% interval bands, key events marked;
  one panel per target.
- `plot_heatmap`: actor × period mean stance for one target; blank cells are gaps.
- `plot_stance_map`: each actor's path with referendum stance on x and force stance on y.
- `plot_volume`: stance-bearing statements per actor and period, one panel per target.
`save_figure` writes a PNG atomically; the CLI is the only caller that saves.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from .io import atomic_write
from .schemas import TRENDS, check

class ChartFigure(Figure):
    """A matplotlib Figure that shows itself in Jupyter without pyplot (``_repr_png_``)."""

    def _repr_png_(self):
        import io
        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=100)
        return buf.getvalue()


ACTOR_COLORS = {"US": "#1f77b4", "Iraq": "#2ca02c", "Turkey": "#d62728", "Iran": "#9467bd",
                "KRG": "#ff7f0e", "other": "#7f7f7f"}
_EXTRA = ["#8c564b", "#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939"]
_Y_LABEL = "mean stance score\n(−1 against … +1 favor)"


def actor_color(actor: str, actors=()) -> str:
    """The fixed color of `actor` (configured actors get stable extra colors)."""
    if actor in ACTOR_COLORS:
        return ACTOR_COLORS[actor]
    extras = sorted(a for a in actors if a not in ACTOR_COLORS)
    return _EXTRA[extras.index(actor) % len(_EXTRA)] if actor in extras else "#444444"


def _prepare(trends):
    trends = check(trends, TRENDS, name="trends")
    return trends[trends["actor"] != "other"]


def _step(periods) -> pd.Timedelta:
    """The period length of a trend table (median gap between period starts)."""
    uniq = pd.Series(sorted(pd.unique(periods)))
    if len(uniq) < 2:
        return pd.Timedelta(days=1)
    return pd.Timedelta(uniq.diff().dropna().median())


def _subtitle(trends) -> str:
    if trends.empty:
        return "no statements"
    lo, hi = trends["period"].min(), trends["period"].max()
    step = _step(trends["period"])
    n = int(trends["n"].sum())
    if step >= pd.Timedelta(days=28):
        span = f"{lo:%b %Y} – {hi:%b %Y}, monthly"
    elif step >= pd.Timedelta(days=7):
        span = f"weeks of {lo:%d %b %Y} – {hi:%d %b %Y}"
    else:
        span = f"{lo:%d %b %Y} – {hi:%d %b %Y}, daily"
    return f"{span}; n = {n} stance-bearing statements"


# periods with fewer statements than this are drawn as hollow points on the trend chart
THIN_N = 3


def plot_trends(trends: pd.DataFrame, *, targets=None, events: pd.DataFrame | None = None,
                figsize=(11, 7.5)) -> Figure:
    """Line chart of ``mean`` per actor with ``ci_low``–``ci_high`` bands, a panel per target."""
    trends = _prepare(trends)
    targets = list(targets or sorted(trends["target"].unique()) or ["force"])
    fig = ChartFigure(figsize=figsize, layout="constrained")
    axes = fig.subplots(len(targets), 1, sharex=True, squeeze=False)[:, 0]
    actors = sorted(trends["actor"].unique())
    half = _step(trends["period"]) / 2  # a period's mean is drawn at its middle
    for ax, target in zip(axes, targets):
        sub = trends[trends["target"] == target]
        for actor in actors:
            a = sub[sub["actor"] == actor].sort_values("period")
            if a["mean"].notna().sum() == 0:
                continue
            color = actor_color(actor, actors)
            x = a["period"] + half
            ax.plot(x, a["mean"], marker="o", ms=4, lw=1.8, color=color,
                    label=f"{actor} (n={int(a['n'].sum())})")
            thin = (a["n"] < THIN_N).to_numpy() & a["mean"].notna().to_numpy()
            if thin.any():  # a period's mean from one or two statements: drawn hollow
                ax.plot(x[thin], a["mean"][thin], ls="none", marker="o", ms=5, mfc="white",
                        mec=color, mew=1.2, zorder=3, label=f"_thin {actor}")
            ax.fill_between(x, a["ci_low"], a["ci_high"], color=color, alpha=0.12, lw=0)
        ax.axhline(0, color="black", lw=0.8, alpha=0.6)
        ax.set_ylim(-1.1, 1.1)
        ax.set_ylabel(_Y_LABEL)
        ax.set_title(f"Stance toward {target}", loc="left", fontsize=11,
                     pad=18 if ax is axes[0] and events is not None else 6)
        ax.grid(alpha=0.25)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    shown = _mark_events(axes, events, trends, half)
    axes[-1].set_xlabel("date (each point is the mean of its period, drawn at the period's "
                        f"middle; hollow: fewer than {THIN_N} statements)")
    axes[-1].xaxis.set_major_formatter(_date_formatter(half))
    if shown:
        entries = [f"{i} {label} ({d:%d %b %Y})" for i, (d, label) in enumerate(shown, 1)]
        lines = ["   ".join(entries[k:k + 5]) for k in range(0, len(entries), 5)]
        fig.text(0.01, 0.005, "Key events:  " + "\n".join(lines), fontsize=7, va="bottom",
                 ha="left", linespacing=1.5)
        fig.get_layout_engine().set(rect=(0, 0.025 * (len(lines) + 1), 1, 1 - 0.025 * (len(lines) + 1)))
    fig.suptitle(f"Stance by actor — {_subtitle(trends)}", fontsize=12)
    return fig


def _date_formatter(half):
    from matplotlib.dates import DateFormatter
    return DateFormatter("%b %Y" if half >= pd.Timedelta(days=14) else "%d %b %y")


def _mark_events(axes, events, trends, half):
    """Dotted lines at key events, numbered on the top panel; returns [(date, label)]."""
    if events is None or events.empty or trends.empty:
        return []
    lo, hi = trends["period"].min(), trends["period"].max() + 2 * half
    dates = pd.to_datetime(events["date"])
    ev = events[(dates >= lo) & (dates <= hi)].assign(date=dates).sort_values("date")
    shown = []
    for i, e in enumerate(ev.itertuples(index=False), 1):
        for ax in axes:
            ax.axvline(e.date, color="#555555", lw=0.7, ls=":", alpha=0.8, zorder=0)
        axes[0].annotate(str(i), xy=(e.date, 1.0), xycoords=("data", "axes fraction"),
                         xytext=(0, 2 + 8 * (i % 2)), textcoords="offset points", ha="center",
                         va="bottom", fontsize=7, color="#333333")
        shown.append((e.date, str(e.label)))
    return shown


def plot_heatmap(trends: pd.DataFrame, *, target: str, figsize=(11, 3.8)) -> Figure:
    """Heatmap of mean stance, actors × periods, for one target; cell text is n."""
    trends = _prepare(trends)
    sub = trends[trends["target"] == target]
    grid = sub.pivot_table(index="actor", columns="period", values="mean", aggfunc="first",
                           dropna=False)
    counts = sub.pivot_table(index="actor", columns="period", values="n", aggfunc="first",
                             dropna=False)
    fig = ChartFigure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    data = np.ma.masked_invalid(grid.to_numpy(dtype=float))
    cmap = _diverging()
    im = ax.imshow(data, aspect="auto", cmap=cmap, norm=TwoSlopeNorm(0, -1, 1))
    for (i, j), n in np.ndenumerate(counts.fillna(0).to_numpy()):
        if n:
            ax.text(j, i, int(n), ha="center", va="center", fontsize=7,
                    color="white" if abs(data[i, j]) > 0.6 else "black")
    ax.set_yticks(range(len(grid.index)), grid.index)
    ax.set_xticks(range(len(grid.columns)), [f"{p:%b %Y}" if len(grid.columns) < 40 else
                                             f"{p:%d %b %y}" for p in grid.columns],
                  rotation=45, ha="right", fontsize=8)
    ax.set_xlabel("period (grey: no stance-bearing statement)")
    ax.set_ylabel("actor")
    ax.set_facecolor("#dddddd")
    fig.colorbar(im, ax=ax, label="mean score (−1 against … +1 favor)", shrink=0.9)
    ax.set_title(f"Stance toward {target} by actor and period — {_subtitle(sub)}",
                 loc="left", fontsize=10)
    return fig


def _diverging():
    from matplotlib import colormaps
    return colormaps["RdBu"].with_extremes(bad="#dddddd")


def plot_stance_map(trends: pd.DataFrame, *, figsize=(8, 7)) -> Figure:
    """Each actor's path: referendum stance (x) against force stance (y), period by period."""
    trends = _prepare(trends)
    wide = trends.pivot_table(index=["actor", "period"], columns="target", values="mean",
                              aggfunc="first").reset_index()
    counts = trends.pivot_table(index=["actor", "period"], columns="target", values="n",
                                aggfunc="first").reset_index()
    fig = ChartFigure(figsize=figsize, layout="constrained")
    ax = fig.subplots()
    actors = sorted(wide["actor"].unique()) if not wide.empty else []
    starts = []  # (x, y, text, color) of each path's first period
    for actor in actors:
        a = wide[wide["actor"] == actor].sort_values("period")
        if "force" not in a or "referendum" not in a:
            continue
        a = a.dropna(subset=["force", "referendum"])
        if a.empty:
            continue
        n = counts.set_index(["actor", "period"]).loc[list(zip(a["actor"], a["period"]))]
        size = 12 + 6 * n[["force", "referendum"]].min(axis=1).clip(upper=20).to_numpy()
        c = actor_color(actor, actors)
        ax.plot(a["referendum"], a["force"], "-", color=c, alpha=0.5, lw=1.2)
        ax.scatter(a["referendum"], a["force"], color=c, s=size, zorder=3, alpha=0.85)
        ax.scatter(a["referendum"].iloc[-1:], a["force"].iloc[-1:], color=c, s=90, zorder=4,
                   marker="D", edgecolor="black", label=f"{actor} (last: {a['period'].iloc[-1]:%b %Y})")
        starts.append((a["referendum"].iloc[0], a["force"].iloc[0], f"{a['period'].iloc[0]:%b %y}", c))
    _label_starts(ax, starts, figsize)
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlim(-1.1, 1.1)
    ax.set_ylim(-1.1, 1.1)
    ax.set_xlabel("referendum stance (−1 against … +1 favor)")
    ax.set_ylabel("force stance (−1 against … +1 favor)")
    # quadrant names by the axes' crossing, where actors' paths rarely run (in the middle of
    # a quadrant they sat under the points)
    for sx, sy, text in ((-1, 1, "against the vote\nfavors force"),
                         (1, 1, "backs the vote\nfavors force"),
                         (-1, -1, "against the vote\nrejects force"),
                         (1, -1, "backs the vote\nrejects force")):
        ax.text(0.04 * sx, 0.04 * sy, text, fontsize=9, color="#000000", alpha=0.4,
                ha="left" if sx > 0 else "right", va="bottom" if sy > 0 else "top", zorder=0)
    ax.grid(alpha=0.25)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_title("Stance map: each actor's path by period (dot size = statements, diamond = "
                 f"last period)\n{_subtitle(trends)}",
                 loc="left", fontsize=10)
    return fig


# where a path's first-period label may go, in points from its dot: up-right first
_LABEL_OFFSETS = ((4, 4), (4, -12), (-34, 4), (-34, -12), (4, 14), (4, -22))


def _label_starts(ax, starts, figsize, fontsize=7):
    """Label each path's first dot with its month, moving a label to another side of its
    dot when it would cover one already placed (two paths starting close together)."""
    # a label's box in data units: the axes span 2.2 units over about 65% / 85% of the figure
    per_pt_x, per_pt_y = 2.2 / (0.65 * figsize[0] * 72), 2.2 / (0.85 * figsize[1] * 72)
    placed = []
    for x, y, text, color in starts:
        w, h = 0.6 * fontsize * len(text) * per_pt_x, 1.3 * fontsize * per_pt_y
        for ox, oy in _LABEL_OFFSETS:
            box = (x + ox * per_pt_x, y + oy * per_pt_y)
            if not any(abs(box[0] - bx) < max(w, bw) and abs(box[1] - by) < max(h, bh)
                       for bx, by, bw, bh in placed):
                break
        placed.append((*box, w, h))
        ax.annotate(text, (x, y), fontsize=fontsize, color=color, xytext=(ox, oy),
                    textcoords="offset points")


def plot_volume(trends: pd.DataFrame, *, figsize=(11, 6)) -> Figure:
    """Stance-bearing statements per actor and period (bars), one panel per target."""
    trends = _prepare(trends)
    targets = sorted(trends["target"].unique()) or ["force"]
    fig = ChartFigure(figsize=figsize, layout="constrained")
    axes = fig.subplots(len(targets), 1, sharex=True, squeeze=False)[:, 0]
    actors = sorted(trends["actor"].unique())
    periods = sorted(trends["period"].unique())
    x = np.arange(len(periods))
    width = 0.8 / max(1, len(actors))
    for ax, target in zip(axes, targets):
        sub = trends[trends["target"] == target]
        for k, actor in enumerate(actors):
            a = sub[sub["actor"] == actor].set_index("period").reindex(periods)
            ax.bar(x + (k - (len(actors) - 1) / 2) * width, a["n"].fillna(0), width,
                   color=actor_color(actor, actors), label=actor)
        ax.set_ylabel("statements")
        ax.set_title(f"Statements with a stance toward {target}", loc="left", fontsize=10)
        ax.grid(axis="y", alpha=0.25)
        if actors:
            top = float(sub["n"].max()) if len(sub) else 0.0
            ax.set_ylim(0, max(1.0, top) * 1.18)  # headroom: the legend sits above the bars
            ax.legend(fontsize=8, ncols=len(actors), loc="upper left", frameon=False)
    axes[-1].set_xticks(x, [pd.Timestamp(p).strftime("%b %Y" if len(periods) < 40 else "%d %b %y")
                            for p in periods], rotation=45, ha="right", fontsize=8)
    axes[-1].set_xlabel("period")
    fig.suptitle(f"Statement volume — {_subtitle(trends)}", fontsize=12)
    return fig


def save_figure(fig: Figure, path, *, dpi: int = 150):
    """Write `fig` as a PNG to `path` atomically; return the path."""
    return atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=dpi, format="png"))
