"""Drawing the Lloyd stepper: pure functions of its state."""

import numpy as np


def state_bounds(state, margin=0.08):
    """Fixed plot limits for a state: the data and its initial centres, plus a margin."""
    from ...plotting._style import padded_bounds

    return padded_bounds(np.vstack([state.X[:, :2], state.init_centroids[:, :2]]), margin)


PHASE_TITLES = {
    "start": "initial centres",
    "assign": "assign: each point → nearest centre",
    "update": "update: each centre → mean of its points",
}


def draw_lloyd_state(state, fig=None, *, figsize=(8.4, 3.5), resolution=200):
    """Draw the current frame of a :class:`LloydState`: a pure function of the state.

    Left: the samples coloured by their current label, the Voronoi cells of the
    current centres and, after an update, arrows from the old centres. Right:
    J after every half-step so far.

    Parameters
    ----------
    state : LloydState
        With 2-D data.
    fig : matplotlib Figure, optional
        Cleared and reused; a new figure by default.
    figsize : (float, float), default=(8.4, 3.5)
        Size of a new figure, in inches.
    resolution : int, default=200
        Grid points per side for the Voronoi cells.

    Returns
    -------
    fig : matplotlib Figure
    """
    from ...plotting._style import MIN_FONT_SIZE, two_panel_figure
    from ...plotting.history import draw_lloyd_panel

    if state.X.shape[1] != 2:
        raise ValueError(f"the stepper draws 2-D data only, got X with {state.X.shape[1]} features.")
    fig, ax_data, ax_j = two_panel_figure(fig, figsize)
    frame = state.frame
    draw_lloyd_panel(
        state.X, frame.centroids, frame.labels, ax=ax_data, previous_centroids=frame.previous_centroids,
        bounds=state_bounds(state), highlight=frame.relocated, resolution=resolution,
    )  # fmt: skip
    ax_data.set_title(f"iteration {frame.iteration} · {PHASE_TITLES[frame.phase]}", fontsize=MIN_FONT_SIZE)
    ax_data.set_xlabel("$x_1$")
    ax_data.set_ylabel("$x_2$")
    draw_inertia_trace(state.frames, ax_j)
    fig.set_layout_engine("constrained")
    return fig


def draw_inertia_trace(frames, ax):
    """J after each half-step: assignments at t, updates at t + ½."""
    from ...plotting import cluster_color
    from ...plotting._style import MIN_FONT_SIZE, empty_panel

    points = [(f.iteration + (0.5 if f.phase == "update" else 0.0), f.inertia, f.phase) for f in frames[1:]]
    ax.set_title("J (WCSS) after each half-step", fontsize=MIN_FONT_SIZE)
    ax.set_xlabel("iteration")
    ax.set_ylabel("J")
    if not points:
        return empty_panel(ax, "J is undefined until\nthe first assignment")
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    ax.plot(x, y, color="#999999", lw=1, zorder=1)
    for phase, marker, color in (("assign", "o", cluster_color(0)), ("update", "s", cluster_color(1))):
        mask = np.array([p[2] == phase for p in points])
        if mask.any():
            ax.scatter(x[mask], y[mask], marker=marker, s=22, color=color, label=phase, zorder=2)
    ax.scatter(x[-1:], y[-1:], s=90, facecolors="none", edgecolors="black", lw=1.2, zorder=3)
    ax.set_xlim(0.6, max(3.0, x.max() + 0.4))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper right")
    return ax
