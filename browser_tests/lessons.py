"""What a lesson's saved file says it shows: exercise checks, widget cells, figures and their panels.

Read from the notebook's JSON, so that a new lesson is picked up without listing it anywhere.
"""

import json
import math
import re

CHECK_CALL = re.compile(r"^\s*kl\.exercises\.check_\w+\(\w+\)\s*$")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
FIGURE_REPR = re.compile(r"<Figure size (\d+)x(\d+) with (\d+) Axes>")
NOT_ANSWERED = "Exercise {}: not answered yet — replace the ... above"
#: The raw reprs of ipywidgets containers that a learner must never see.
RAW_WIDGET_REPRS = ("VBox(children=", "HBox(children=", "Box(children=")

#: Displayed widths in CSS px at 100 % zoom (see COURSE_GUIDE.md, "Figures a learner can read").
SINGLE_MIN_WIDTH = 450
#: A row of panels should use the column, about 800 px; 760 leaves room for the tight bounding box.
MULTI_PANEL_MIN_WIDTH = 760
PANEL_MIN_WIDTH = 200
#: A figure of two or three axes at least this wide for its height is a row of panels.
MULTI_PANEL_ASPECT = 1.75


def cells(path):
    return json.loads(path.read_text())["cells"]


def source(cell):
    return "".join(cell["source"])


def n_saved_outputs(path):
    """How many outputs JupyterLab shows for the saved file (it joins consecutive prints to one stream)."""
    count = 0
    for cell in cells(path):
        previous = None
        for output in cell.get("outputs", []):
            stream = output.get("name") if output["output_type"] == "stream" else None
            count += stream is None or stream != previous
            previous = stream
    return count


def not_answered_lines(path):
    """The line each exercise check of the lesson prints while its answer is the stub, in order."""
    checks = [c for c in cells(path) if c["cell_type"] == "code" and CHECK_CALL.match(source(c))]
    return [NOT_ANSWERED.format(number) for number in range(1, len(checks) + 1)]


def widget_fallbacks(path):
    """The text/plain a saved widget output carries in place of the widget, one per widget cell."""
    texts = []
    for cell in cells(path):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                texts.append("".join(data.get("text/plain", "")))
    return texts


def figure_axes(path):
    """The number of Axes of every figure in the code cells' saved outputs, in order (None if unknown)."""
    found = []
    for cell in cells(path):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                match = FIGURE_REPR.search("".join(data.get("text/plain", "")))
                found.append(int(match.group(3)) if match else None)
    return found


def panel_columns(width, height, n_axes):
    """How many panels a row holds, for panels about as wide as tall: about sqrt(n_axes · aspect)."""
    return max(1, round(math.sqrt(max(n_axes, 1) * width / height)))


def figure_kind(width, height, n_axes):
    """``'small multiples'`` (4 axes or more), ``'multi-panel'`` (2 or 3 axes in a row) or ``'single'``."""
    if n_axes is not None and n_axes >= 4:
        return "small multiples"
    if n_axes is not None and n_axes >= 2 and width / height >= MULTI_PANEL_ASPECT:
        return "multi-panel"
    return "single"


def figure_problem(width, height, n_axes):
    """Why a figure shown ``width`` × ``height`` CSS px with ``n_axes`` Axes is too small, or None."""
    kind = figure_kind(width, height, n_axes)
    if kind == "small multiples":
        columns = panel_columns(width, height, n_axes)
        if width / columns < PANEL_MIN_WIDTH:
            return f"small multiples of {n_axes} axes, {width:.0f} px wide: {width / columns:.0f} px a panel"
        return None
    minimum = MULTI_PANEL_MIN_WIDTH if kind == "multi-panel" else SINGLE_MIN_WIDTH
    if width < minimum:
        return f"{kind} figure ({n_axes} axes) {width:.0f} × {height:.0f} px, narrower than {minimum} px"
    return None
