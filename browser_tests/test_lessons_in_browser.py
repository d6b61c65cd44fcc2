"""Every lesson run in JupyterLab through the UI, and every widget driven by clicks.

For each lesson, on the server's fresh copy: the saved notebook shows no raw
widget repr before anything runs; after Run All every exercise check says
"not answered yet", every figure is wide enough to read at 100 % zoom, and
every widget responds to clicks. Run with `make test-browser`. Screenshots of
each lesson and of each of its figures go to browser-screenshots/
(git-ignored); a failure names the one that shows it.
"""

import itertools
import re
import time
from pathlib import Path

import lessons
import pytest

import lab
from conftest import ROOT, SCREENSHOTS

LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def status(page, css_class):
    return page.locator(f".{css_class}").first.inner_text().strip()


def figure(page, css_class):
    """The src of the PNG that a widget drew into its Output (changes when the figure does)."""
    image = page.locator(f".{css_class} img").first
    image.wait_for(state="visible", timeout=30_000)
    return image.get_attribute("src")


def scroll_to(page, css_class):
    page.locator(f".{css_class}").first.scroll_into_view_if_needed()


def press_slider(page, css_class, key, times=1):
    """Move an ipywidgets slider with the keyboard, as a learner can."""
    handle = page.locator(f".{css_class} .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
        time.sleep(0.2)
    time.sleep(0.5)
    lab.wait_for_kernel_idle(page, timeout=60)
    time.sleep(1.5)


LLOYD_STATUS = re.compile(r"iteration (\d+) · phase: (\w+)(?: · J = ([\d.,e+-]+))?")


def parse_lloyd(text):
    match = LLOYD_STATUS.search(text)
    assert match, f"status line {text!r} is not 'iteration N · phase: P · J = X'"
    iteration, phase, value = match.groups()
    return int(iteration), phase, None if value is None else float(value.replace(",", ""))


def drive_lloyd_stepper(page):
    """Step advances iteration and phase, J never increases, the figure changes; Back and Reset undo."""
    scroll_to(page, "kl-lloyd-status")
    start = status(page, "kl-lloyd-status")
    start_figure = figure(page, "kl-lloyd-figure")
    seen = [parse_lloyd(start)]
    figures = [start_figure]
    for _ in range(6):
        lab.click(page, "Step")
        seen.append(parse_lloyd(status(page, "kl-lloyd-status")))
        figures.append(figure(page, "kl-lloyd-figure"))
    phases = [phase for _, phase, _ in seen[1:]]
    assert all(a != b for a, b in itertools.pairwise(phases)), f"Step does not alternate the phases: {phases}"
    assert set(phases) == {"assign", "update"}, phases
    iterations = [iteration for iteration, _, _ in seen]
    assert iterations == sorted(iterations) and iterations[-1] > iterations[0], f"iterations {iterations}"
    values = [value for _, _, value in seen if value is not None]
    assert len(values) >= 5, f"J is missing from the status line: {seen}"
    assert all(b <= a + 1e-9 for a, b in itertools.pairwise(values)), f"J increased: {values}"
    assert figures[1] != figures[0] and len(set(figures)) >= 3, "the figure did not change on Step"
    before_back = status(page, "kl-lloyd-status")
    lab.click(page, "Back")
    assert parse_lloyd(status(page, "kl-lloyd-status")) == seen[-2], "Back did not undo the last Step"
    assert status(page, "kl-lloyd-status") != before_back
    lab.click(page, "Reset")
    assert status(page, "kl-lloyd-status") == start, "Reset did not return to the start"
    assert figure(page, "kl-lloyd-figure") == start_figure
    lab.click(page, "New init")
    assert figure(page, "kl-lloyd-figure") != start_figure, "New init did not draw new centres"
    return f"Step x6: phases {phases}, iterations {iterations}, J {values}; Back, Reset, New init checked"


PLUSPLUS_STATUS = re.compile(r"centre (\d+) of (\d+)")


def drive_plusplus_picker(page):
    """Each "Pick next" adds a centre and lowers the potential; Reset starts again."""
    scroll_to(page, "kl-plusplus-status")
    start = status(page, "kl-plusplus-status")
    picked = []
    potentials = []
    figures = [figure(page, "kl-plusplus-figure")]
    for _ in range(4):
        lab.click(page, "Pick next")
        text = status(page, "kl-plusplus-status")
        picked.append(int(PLUSPLUS_STATUS.search(text).group(1)))
        value = re.search(r"potential = ([\d.,e+-]+)", text)
        if value:
            potentials.append(float(value.group(1).replace(",", "")))
        figures.append(figure(page, "kl-plusplus-figure"))
    assert picked == sorted(picked) and picked[-1] - picked[0] == 3, f"centres picked: {picked}"
    assert len(potentials) >= 3 and all(b <= a for a, b in itertools.pairwise(potentials)), potentials
    assert len(set(figures)) == len(figures), "the figure did not change on every pick"
    lab.click(page, "Reset")
    assert status(page, "kl-plusplus-status") == start, "Reset did not return to the start"
    lab.click(page, "New seed")
    return f"Pick next x4: centres {picked}, potentials {potentials}; Reset checked"


def drive_choose_k(page):
    """The K buttons and slider change K, the status and the figure."""
    scroll_to(page, "kl-choosek-status")
    start = status(page, "kl-choosek-status")
    k0 = int(re.search(r"K = (\d+)", start).group(1))
    first = figure(page, "kl-choosek-figure")
    lab.click(page, "Next K")
    after_next = status(page, "kl-choosek-status")
    assert f"K = {k0 + 1}" in after_next, f"Next K: {start!r} -> {after_next!r}"
    assert figure(page, "kl-choosek-figure") != first
    lab.click(page, "Previous K")
    assert status(page, "kl-choosek-status") == start
    press_slider(page, "kl-choosek-slider", "ArrowRight", 2)
    moved = status(page, "kl-choosek-status")
    assert f"K = {k0 + 2}" in moved, f"slider: {start!r} -> {moved!r}"
    return f"Next K ({start} -> {after_next}), Previous K back, slider +2 -> {moved}"


def drive_fuzzy_explorer(page):
    """Moving m changes the memberships (partition coefficient) and the figure; Reset restores."""
    scroll_to(page, "kl-fuzzy-status")
    start = status(page, "kl-fuzzy-status")
    first = figure(page, "kl-fuzzy-figure")
    press_slider(page, "kl-fuzzy-m", "ArrowRight", 5)
    moved = status(page, "kl-fuzzy-status")
    m_start = float(re.search(r"m = ([\d.]+)", start).group(1))
    m_moved = float(re.search(r"m = ([\d.]+)", moved).group(1))
    pc_start = float(re.search(r"PC = ([\d.]+)", start).group(1))
    pc_moved = float(re.search(r"PC = ([\d.]+)", moved).group(1))
    assert m_moved > m_start, f"m did not increase: {start!r} -> {moved!r}"
    assert pc_moved < pc_start, f"a larger m should give softer memberships: {start!r} -> {moved!r}"
    assert figure(page, "kl-fuzzy-figure") != first
    press_slider(page, "kl-fuzzy-k", "ArrowRight", 1)
    assert status(page, "kl-fuzzy-status") != moved
    lab.click(page, "Reset")
    assert status(page, "kl-fuzzy-status") == start
    return f"m slider +5 ({start} -> {moved}), K slider +1, Reset checked"


def drive_medoids_stepper(page):
    """Each Step of SWAP never increases the loss; Reset returns to BUILD's medoids."""
    scroll_to(page, "kl-medoids-status")
    start = status(page, "kl-medoids-status")
    first = figure(page, "kl-medoids-figure")
    losses = []
    for _ in range(4):
        lab.click(page, "Step")
        assert figure(page, "kl-medoids-figure") != first, "the figure did not change on Step"
        value = re.search(r"(?:loss|TD|cost) = ([\d.,e+-]+)", status(page, "kl-medoids-status"))
        assert value, status(page, "kl-medoids-status")
        losses.append(float(value.group(1).replace(",", "")))
    assert all(b <= a + 1e-9 for a, b in itertools.pairwise(losses)), f"loss increased: {losses}"
    lab.click(page, "Reset")
    assert status(page, "kl-medoids-status") == start
    return f"Step x4: losses {losses}; Reset checked"


def drive_failures_explorer(page):
    """Next case and Next method change the pair shown, its status line and its figure."""
    scroll_to(page, "kl-failures-status")
    start = status(page, "kl-failures-status")
    first = figure(page, "kl-failures-figure")
    lab.click(page, "Next case")
    after_case = status(page, "kl-failures-status")
    assert after_case.split(" · ")[0] != start.split(" · ")[0], f"Next case: {start!r} -> {after_case!r}"
    assert figure(page, "kl-failures-figure") != first, "the figure did not change on Next case"
    lab.click(page, "Next method")
    after_method = status(page, "kl-failures-status")
    assert after_method.split(" · ")[1] != after_case.split(" · ")[1], f"Next method: {after_method!r}"
    assert re.search(r"ARI = -?\d\.\d\d$", after_method), after_method
    return f"Next case ({start} -> {after_case}), Next method -> {after_method}"


def drive_start_button(page):
    """Lesson 00's check that widgets work: the button prints into its Output."""
    printed = lab.active_notebook(page).locator(".jp-OutputArea-output", has_text="Widgets work.")
    assert printed.count() == 0
    lab.click(page, "Click me", settle=1.0)
    printed.first.wait_for(state="visible", timeout=30_000)
    return "Click me printed 'Widgets work.'"


def drive_quantiser(page):
    """Moving the K slider changes K, the bits per pixel, the distortion and the image."""
    scroll_to(page, "kl-quantise-status")
    start = status(page, "kl-quantise-status")
    first = figure(page, "kl-quantise-figure")
    press_slider(page, "kl-quantise-slider", "ArrowRight", 1)
    moved = status(page, "kl-quantise-status")
    k0, k1 = (int(re.search(r"K = (\d+)", text).group(1)) for text in (start, moved))
    j0, j1 = (float(re.search(r"J/N = ([\d.]+)", text).group(1)) for text in (start, moved))
    assert k1 == 2 * k0 and j1 < j0, f"slider right: {start!r} -> {moved!r}"
    assert figure(page, "kl-quantise-figure") != first, "the image did not change with K"
    press_slider(page, "kl-quantise-slider", "ArrowLeft", 1)
    assert status(page, "kl-quantise-status") == start
    return f"K slider +1 ({start} -> {moved}), back"


#: Widgets found by the CSS class of their status line, and how to drive them.
WIDGETS = {
    "kl-lloyd-status": drive_lloyd_stepper,
    "kl-plusplus-status": drive_plusplus_picker,
    "kl-choosek-status": drive_choose_k,
    "kl-fuzzy-status": drive_fuzzy_explorer,
    "kl-medoids-status": drive_medoids_stepper,
    "kl-failures-status": drive_failures_explorer,
    "kl-quantise-status": drive_quantiser,
}

#: Lessons whose widgets must be there (others are driven when found).
EXPECTED_WIDGETS = {
    "03_lloyds_algorithm.ipynb": "kl-lloyd-status",
    "04_kmeans_plusplus.ipynb": "kl-plusplus-status",
    "06_elbow_method.ipynb": "kl-choosek-status",
    "07_kmedoids.ipynb": "kl-medoids-status",
    "08_fuzzy_cmeans.ipynb": "kl-fuzzy-status",
    "09_when_kmeans_fails.ipynb": "kl-failures-status",
    "10_what_kmeans_is_for.ipynb": "kl-quantise-status",
}


def saved_widgets_show_no_raw_repr(page, lesson):
    """Before anything runs: each widget cell shows its one-line text (or a restored view), never its repr."""
    lab.wait_for_saved_outputs(page, lessons.n_saved_outputs(ROOT / "notebooks" / lesson))
    fallbacks = lessons.widget_fallbacks(ROOT / "notebooks" / lesson)
    for fallback in fallbacks:
        assert "run this cell" in fallback and "\n" not in fallback.strip(), f"widget text/plain {fallback!r}"
    deadline = time.monotonic() + 30
    while True:  # the widget renderer gives way to the text once it finds no live widget
        text = lab.notebook_text(page)
        shown = sum(text.count(f) for f in set(fallbacks))
        views = lab.active_notebook(page).locator(".jp-OutputArea-output .jupyter-widgets").count()
        if shown + views >= len(fallbacks) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    raw = [r for r in lessons.RAW_WIDGET_REPRS if r in text]
    assert not raw, f"the saved notebook shows a raw widget repr: {raw}"
    assert shown + views >= len(fallbacks), (
        f"{len(fallbacks)} widget cells, but {shown} fallback lines and {views} widget views are shown"
    )
    return f"{len(fallbacks)} saved widget cells: {shown} show their one-line text, no raw repr"


def exercises_wait_for_answers(page, lesson):
    """After Run All, each check prints "not answered yet"; no check passes on its own."""
    text = "\n".join(lab.active_notebook(page).locator(".jp-OutputArea-output").all_inner_texts())
    expected = lessons.not_answered_lines(ROOT / "notebooks" / lesson)
    missing = [line for line in expected if line not in text]
    assert not missing, f"checks that do not say 'not answered yet': {missing}"
    assert "✓ Correct" not in text, "a check passed although no answer was given"
    return f"{len(expected)} exercises: each check says 'not answered yet'"


def figures_are_readable(page, lesson):
    """Every figure's displayed width (CSS px at 100 % zoom) meets the limits of its kind; each is saved."""
    sizes = lab.figure_sizes(page)
    lab.save_notebook(page)
    axes = lessons.figure_axes(page.lab_root / "notebooks" / lesson)
    assert len(axes) == len(sizes), f"{len(sizes)} figures shown, {len(axes)} saved"
    folder = SCREENSHOTS / Path(lesson).stem
    folder.mkdir(exist_ok=True)
    images = lab.active_notebook(page).locator(".jp-CodeCell .jp-OutputArea-output img")
    problems, kinds = [], []
    for number, (size, n_axes) in enumerate(zip(sizes, axes), start=1):
        kinds.append(lessons.figure_kind(size["width"], size["height"], n_axes))
        problem = lessons.figure_problem(size["width"], size["height"], n_axes)
        if problem:
            problems.append(f"figure {number}: {problem}")
    outside_widgets = [i for i in images.all() if not i.evaluate("e => !!e.closest('.jupyter-widgets')")]
    for number, image in enumerate(outside_widgets, start=1):
        image.scroll_into_view_if_needed()
        image.screenshot(path=str(folder / f"figure-{number:02d}.png"))
    assert not problems, "; ".join(problems)
    widths = ", ".join(f"{s['width']:.0f}" for s in sizes)
    counts = ", ".join(f"{kind}: {kinds.count(kind)}" for kind in sorted(set(kinds)))
    return f"{len(sizes)} figures ({counts}), widths in px: {widths}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_and_its_widgets_respond(page, lab_server, lesson, record_property):
    shot = SCREENSHOTS / f"{Path(lesson).stem}.png"
    page.lab_root = lab_server.root
    try:
        lab.open_notebook(page, lab_server, f"notebooks/{lesson}")
        driven = [saved_widgets_show_no_raw_repr(page, lesson)]
        lab.run_all_cells(page)
        problems = lab.output_problems(page)
        assert not problems, "; ".join(problems)
        notebook = lab.active_notebook(page)
        driven.append(exercises_wait_for_answers(page, lesson))
        driven.append(figures_are_readable(page, lesson))
        if lesson in EXPECTED_WIDGETS:
            widget_class = EXPECTED_WIDGETS[lesson]
            assert notebook.locator(f".{widget_class}").count(), f"no {widget_class} widget"
        for css_class, drive in WIDGETS.items():
            if notebook.locator(f".{css_class}").count():
                driven.append(drive(page))
        if lesson == "00_start_here.ipynb":
            driven.append(drive_start_button(page))
        if lessons.widget_fallbacks(ROOT / "notebooks" / lesson):
            rendered = notebook.locator(".jupyter-widgets").count()
            assert rendered, "the lesson displays widgets but none rendered"
        for text in driven:
            print(f"{lesson}: {text}")
        record_property("interactions", " | ".join(driven))
        assert not lab.output_problems(page), "; ".join(lab.output_problems(page))
        page.screenshot(path=str(shot))
    except BaseException:
        try:
            page.screenshot(path=str(shot))
        finally:
            print(f"\nScreenshot of the failure: {shot}")
        raise


def test_make_lab_serves_jupyterlab_with_widgets(tmp_path):
    """`make lab` itself: JupyterLab answers on the chosen port with the ipywidgets extension enabled."""
    import os
    import signal
    import subprocess

    from conftest import free_port

    port = free_port()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"PORT={port}"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    lines = []
    try:
        deadline = time.monotonic() + 180
        url = None
        while time.monotonic() < deadline and url is None:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            lines.append(line)
            found = re.search(rf"(http://127\.0\.0\.1:{port}/lab\S*\?token=\w+)", line)
            url = found.group(1) if found else None
        assert url, "make lab did not print its URL:\n" + "".join(lines[-30:])
        token = url.rsplit("token=", 1)[1]
        from conftest import wait_for_server

        listing = wait_for_server(
            f"http://127.0.0.1:{port}/lab/api/extensions?token={token}", process, timeout=60
        )
        extensions = {e["name"]: e for e in listing}
        widgets = [e for name, e in extensions.items() if "jupyter-widgets" in name and "manager" in name]
        assert widgets, f"the ipywidgets extension is missing: {sorted(extensions)}"
        assert widgets[0]["enabled"] and widgets[0].get("status", "ok") == "ok", widgets[0]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stdout.close()
