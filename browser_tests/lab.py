"""Driving JupyterLab like a learner: open a lesson, Run All Cells, inspect the outputs."""

import re
import time

#: Outputs that mean a cell failed or wrote to stderr.
ERROR_OUTPUTS = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
#: ipywidgets shows these texts when a widget view cannot be rendered.
WIDGET_FAILURES = ("Error displaying widget", "Loading widget...")


def open_notebook(page, server, path):
    page.goto(server.lab_url(path))
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.wait_for(state="visible")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and kernel_status(page) != "idle":
        # A slow start can still ask which kernel to use: take the notebook's own.
        select = page.locator(".jp-Dialog button", has_text="Select")
        if select.count():
            select.first.click()
        time.sleep(0.25)
    wait_for_kernel_idle(page, timeout=120)


def active_notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first


def kernel_status(page):
    indicator = page.locator(".jp-Notebook-ExecutionIndicator").first
    if indicator.count() == 0:
        return None
    return indicator.get_attribute("data-status")


def wait_for_kernel_idle(page, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if kernel_status(page) == "idle":
            return
        time.sleep(0.25)
    raise AssertionError(f"kernel not idle after {timeout} s (status {kernel_status(page)!r})")


def menu(page, top, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def executed_prompts(notebook):
    prompts = notebook.locator(".jp-CodeCell .jp-InputArea-prompt").all_text_contents()
    return sum(bool(re.search(r"\d", p)) for p in prompts)


def code_cells_with_source(notebook):
    """Code cells that are not empty (JupyterLab gives an empty cell no execution count)."""
    sources = notebook.locator(".jp-CodeCell .jp-InputArea-editor").all_text_contents()
    return sum(bool(text.strip()) for text in sources)


def has_started(page, notebook):
    """Cells are queued or ran, or the kernel is busy."""
    queued = notebook.locator(".jp-InputArea-prompt", has_text="[*]").count()
    return bool(queued or executed_prompts(notebook) or kernel_status(page) != "idle")


def run_all_cells(page, timeout=240):
    """Clear the saved outputs, then Run → Run All Cells, and wait until every cell has run."""
    notebook = active_notebook(page)
    menu(page, "Edit", "Clear Outputs of All Cells")
    notebook.locator(".jp-OutputArea-output").first.wait_for(state="detached", timeout=10_000)
    deadline = time.monotonic() + timeout
    for _attempt in range(3):
        notebook.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
        menu(page, "Run", "Run All Cells")
        started = time.monotonic()
        while time.monotonic() - started < 30 and not has_started(page, notebook):
            time.sleep(0.25)
        if has_started(page, notebook):
            break
    n_cells = code_cells_with_source(notebook)
    while time.monotonic() < deadline:
        running = notebook.locator(".jp-InputArea-prompt", has_text="[*]").count()
        if running == 0 and kernel_status(page) == "idle" and executed_prompts(notebook) == n_cells:
            time.sleep(1.0)  # let the last outputs and widget views render
            return
        if running == 0 and kernel_status(page) == "idle" and notebook.locator(ERROR_OUTPUTS).count():
            return  # stopped at an error: the caller reports it
        time.sleep(0.5)
    raise AssertionError(
        f"Run All Cells did not finish within {timeout} s "
        f"({executed_prompts(notebook)} of {n_cells} cells ran)"
    )


def output_problems(page):
    """Error outputs, stderr and widgets that failed to render, as readable strings."""
    notebook = active_notebook(page)
    problems = []
    for element in notebook.locator(ERROR_OUTPUTS).all():
        problems.append("error/stderr output: " + element.inner_text()[:500])
    text = notebook.inner_text()
    for failure in WIDGET_FAILURES:
        if failure in text:
            problems.append(f"a widget shows {failure!r}")
    n_cells, n_run = code_cells_with_source(notebook), executed_prompts(notebook)
    if n_cells == 0 or n_run < n_cells:
        problems.append(f"{n_cells - n_run} of {n_cells} code cells did not run")
    return problems


def widget_button(page, label):
    return active_notebook(page).locator("button.jupyter-button", has_text=label).first


def click(page, label, settle=1.5):
    """Click a widget button and wait for the kernel to handle it and the view to redraw."""
    widget_button(page, label).click()
    time.sleep(0.3)
    wait_for_kernel_idle(page, timeout=60)
    time.sleep(settle)


# -- what a learner sees: saved outputs, exercise checks, figure sizes ---------------------------------

#: JavaScript: the displayed size (CSS px) of every figure in a code cell's outputs, widgets left out.
FIGURE_SIZES_JS = """
() => Array.from(document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-OutputArea-output img'))
    .filter(img => !img.closest('.jupyter-widgets'))
    .map(img => {
        const box = img.getBoundingClientRect();
        return {width: box.width, height: box.height, natural: img.naturalWidth, loaded: img.complete};
    })
"""


def notebook_text(page):
    """Everything the active notebook shows, as text."""
    return active_notebook(page).inner_text()


def wait_for_saved_outputs(page, n_outputs, timeout=60):
    """Wait until the opened notebook shows at least ``n_outputs`` saved outputs and their count settles."""
    deadline = time.monotonic() + timeout
    outputs = active_notebook(page).locator(".jp-Cell .jp-OutputArea-output")
    previous = -1
    while time.monotonic() < deadline:
        count = outputs.count()
        if count >= n_outputs and count == previous:
            return count
        previous = count
        time.sleep(0.5)
    raise AssertionError(f"{outputs.count()} saved outputs shown after {timeout} s, expected {n_outputs}")


def figure_sizes(page, timeout=30):
    """[{width, height, natural, loaded}] of the figures in code-cell outputs (not in widgets), in order."""
    deadline = time.monotonic() + timeout
    while True:
        sizes = page.evaluate(FIGURE_SIZES_JS)
        if all(size["loaded"] and size["width"] > 0 for size in sizes) or time.monotonic() > deadline:
            return sizes
        time.sleep(0.5)


def save_notebook(page):
    """File → Save Notebook, then wait until JupyterLab no longer marks it dirty."""
    menu(page, "File", "Save Notebook")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count():
            return
        time.sleep(0.25)
    raise AssertionError("the notebook was not saved within 30 s")
