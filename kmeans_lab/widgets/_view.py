"""The view plumbing the interactive widgets share.

Every widget pairs a browser-free state object with an ipywidgets view: a
row of controls, a bold status line, an optional line of details and an
``Output`` that holds the figure, drawn with the inline backend. A view
subclasses :class:`StateView`, builds its controls, calls :meth:`_build_view`
and says how to draw its state in :meth:`_draw`.
"""

from .._validation import check_data

__all__ = ["StateView", "TextFallback", "check_plane_data"]

ERROR_HTML = "<span style='color:#D55E00'>Error: {}</span>"
DETAILS_HTML = "<span style='color:#555555'>{}</span>"
#: What a saved notebook shows for a widget cell where no live kernel draws the widget.
FALLBACK_TEXT = "Interactive {} — run this cell to use it."
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def widget_bundle(widget, text, **kwargs):
    """The MIME bundle of an ipywidgets ``widget`` whose ``text/plain`` part is ``text``.

    JupyterLab draws the widget view from the bundle; everything that cannot
    (a saved notebook before the cell runs, nbval, GitHub) reads ``text``
    instead of the raw ``VBox(children=(...))`` repr.
    """
    bundle = widget._repr_mimebundle_(**kwargs)
    if bundle is None:
        bundle = {}
    elif isinstance(bundle, tuple):
        bundle = bundle[0]
    bundle = dict(bundle)
    bundle["text/plain"] = text
    return bundle


class TextFallback:
    """Display an ipywidgets widget with a one-line text in place of its raw repr.

    Parameters
    ----------
    widget : ipywidgets.Widget
        What JupyterLab draws.
    text : str
        What a saved or static notebook shows, e.g. ``"A button — run this cell to use it."``.

    Examples
    --------
    >>> TextFallback(widgets.Button(description="Go"), "A button — run this cell.")  # doctest: +SKIP
    """

    def __init__(self, widget, text):
        self.widget, self.text = widget, text

    def _repr_mimebundle_(self, **kwargs):
        return widget_bundle(self.widget, self.text, **kwargs)

    def __repr__(self):
        return self.text


def nowrap(formula):
    """``formula`` with non-breaking spaces, so that a line never breaks inside it."""
    return formula.replace(" ", "\u00a0")


def check_plane_data(X, view_name):
    """X as :func:`kmeans_lab._validation.check_data` returns it; a ValueError unless it has 2 features."""
    X = check_data(X)
    if X.shape[1] != 2:
        raise ValueError(f"{view_name} draws 2-D data: X must have shape (n_samples, 2), got {X.shape}.")
    return X


def css_slug(label):
    """``'New init'`` -> ``'new-init'``: the CSS class suffix of a button."""
    return label.lower().replace(" ", "-")


class StateView:
    """Base of the widget views: status, details, figure and their layout.

    Subclasses set the class attributes, create ``self.state`` and their
    controls, then call :meth:`_build_view`; they implement :meth:`_draw`.

    Attributes
    ----------
    status : ipywidgets.Label
        ``state.status``; CSS class ``<CSS_PREFIX>-status``.
    details : ipywidgets.HTML
        ``state.details``; CSS class ``<CSS_PREFIX>-details``. Absent when
        ``HAS_DETAILS`` is False.
    output : ipywidgets.Output
        The figure; CSS class ``<CSS_PREFIX>-figure``.
    widget : ipywidgets.VBox
        Controls, status, details and figure; CSS class ``WIDGET_CSS``.
    """

    #: Start of every CSS class of the view, e.g. ``"kl-lloyd"``.
    CSS_PREFIX = None
    #: CSS class of the whole widget, e.g. ``"kl-lloyd-stepper"``.
    WIDGET_CSS = None
    #: Minimum height of the figure's Output.
    FIGURE_MIN_HEIGHT = "260px"
    #: Whether the view has a details line.
    HAS_DETAILS = True
    #: What the widget is, for the one-line text a saved notebook shows, e.g. ``"Lloyd stepper"``.
    TITLE = "widget"

    # -- building -------------------------------------------------------------
    def _make_buttons(self, actions, *, width, tooltips=None, primary=None, css_suffix=css_slug):
        """One Button per ``actions`` entry (label -> callable), in order; returns ``{label: Button}``.

        Each button gets the CSS class ``<CSS_PREFIX>-<css_suffix(label)>`` and
        calls :meth:`_handler` of its action on click.
        """
        import ipywidgets as widgets

        buttons = {}
        for label, action in actions.items():
            options = {"tooltip": tooltips[label]} if tooltips is not None else {}
            if primary is not None:
                options["button_style"] = "primary" if label == primary else ""
            button = widgets.Button(
                description=label, **options, layout=widgets.Layout(width=width, margin="0 6px 0 0")
            )
            button.add_class(f"{self.CSS_PREFIX}-{css_suffix(label)}")
            button.on_click(self._handler(action))
            buttons[label] = button
        return buttons

    def _build_view(self, controls):
        """Create the status, details and output, and ``widget``: a VBox of them under ``controls``."""
        import ipywidgets as widgets

        self.status = widgets.Label(value=self.state.status)
        self.status.add_class(f"{self.CSS_PREFIX}-status")
        self.status.style.font_weight = "bold"
        self.status.style.font_family = "monospace"
        children = [widgets.HBox(controls), self.status]
        if self.HAS_DETAILS:
            self.details = widgets.HTML()
            self.details.add_class(f"{self.CSS_PREFIX}-details")
            children.append(self.details)
        self.output = widgets.Output(layout=widgets.Layout(min_height=self.FIGURE_MIN_HEIGHT))
        self.output.add_class(f"{self.CSS_PREFIX}-figure")
        children.append(self.output)
        self.widget = widgets.VBox(
            children, layout=widgets.Layout(border="1px solid #dddddd", padding="6px", width="fit-content")
        )
        self.widget.add_class(self.WIDGET_CSS)

    # -- reacting ---------------------------------------------------------------
    def _run(self, action):
        """Call ``action`` then refresh; on an exception, show it in the details and keep the widget alive."""
        try:
            action()
        except Exception as exc:  # noqa: BLE001  keep the widget alive and say what went wrong
            self.details.value = ERROR_HTML.format(exc)
            return
        self.refresh()

    def _handler(self, action):
        """A Button click callback that runs ``action``."""

        def on_click(_button):
            self._run(action)

        return on_click

    def _draw(self):
        """Draw the state; returns the matplotlib Figure."""
        raise NotImplementedError

    def _show_figure(self):
        import matplotlib.pyplot as plt
        from IPython.display import clear_output

        with self.output:
            clear_output(wait=True)
            fig = self._draw()
            plt.show()
        plt.close(fig)

    def _show_status(self):
        self.status.value = self.state.status

    def _show_details(self):
        if self.HAS_DETAILS:
            self.details.value = DETAILS_HTML.format(self.state.details)

    def refresh(self):
        """Redraw the figure, the details and the status line from the state.

        The status comes last, so a changed status means the new figure has
        already been sent.
        """
        self._show_figure()
        self._show_details()
        self._show_status()

    @property
    def fallback_text(self):
        """The one line a saved notebook shows instead of the widget: its title and "run this cell"."""
        return FALLBACK_TEXT.format(self.TITLE)

    def _repr_mimebundle_(self, **kwargs):
        """The widget view for JupyterLab, with :attr:`fallback_text` as its ``text/plain``."""
        return widget_bundle(self.widget, self.fallback_text, **kwargs)
