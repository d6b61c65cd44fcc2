"""Every page of the built course website, opened in headless Chromium with no network.

Run with `make test-site`, which builds the site first. For each page: its title; no console or script
error and no request outside the site; math typeset by the site's own MathJax with no raw TeX left;
every image loaded; every internal link (and its #fragment) found. For each lesson also: as many figures
as the notebook has, the Binder, source and download links of that lesson, and no raw widget text.
Screenshots go to site-screenshots/ (git-ignored).
"""

import json
import re
import urllib.error
import urllib.request
from functools import cache
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from conftest import ROOT, SCREENSHOTS, SITE

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: What the site shows for a widget whose saved text is ipywidgets' raw repr.
WIDGET_NOTE = "Interactive widget — run this lesson to use it"
#: Text that ipywidgets prints for a widget it cannot show.
RAW_WIDGET_TEXT = ("VBox(children=", "HBox(children=", "Box(children=", "interactive(children=")
#: TeX that MathJax should have replaced, looked for outside code.
RAW_TEX = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\$[^$\s][^$\n]*\$")
#: Sub-modules the API reference must document, besides kmeans_lab itself.
API_MODULES = ("plotting", "widgets", "datasets", "metrics", "exercises", "symbolic")


def repository():
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["kmeans-lab"]["repository"]


def notebook(path):
    return json.loads(path.read_text(encoding="utf-8"))


def heading(markdown_lines):
    return next(line[2:].strip() for line in markdown_lines if line.startswith("# "))


def lesson_title(path):
    cells = [c for c in notebook(path)["cells"] if c["cell_type"] == "markdown"]
    return heading([line for cell in cells for line in "".join(cell["source"]).splitlines()])


def widget_texts(path):
    """The text/plain of each widget output of the notebook."""
    return [
        "".join(output["data"].get("text/plain", "")).strip()
        for cell in notebook(path)["cells"]
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
    ]


def figure_outputs(path):
    return sum(
        any(mime in output.get("data", {}) for mime in ("image/png", "image/jpeg"))
        for cell in notebook(path)["cells"]
        for output in cell.get("outputs", [])
    )


def site_pages():
    skip = ("_static", "_sources", "_images")
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.glob("**/*.html")
        if p.relative_to(SITE).parts[0] not in skip
    )


def expected_title(path):
    """What a page's <h1> and <title> say, worked out from the sources, not from the site."""
    fixed = {
        "index.html": heading((ROOT / "book" / "intro.md").read_text().splitlines()),
        "intro.html": heading((ROOT / "book" / "intro.md").read_text().splitlines()),
        "api/index.html": "API reference",
        "genindex.html": "Index",
        "py-modindex.html": "Python Module Index",
        "search.html": "Search",
    }
    if path in fixed:
        return fixed[path]
    if path.startswith("notebooks/"):
        return lesson_title(ROOT / "notebooks" / (Path(path).stem + ".ipynb"))
    if path.startswith("api/kmeans_lab"):
        return Path(path).stem
    raise AssertionError(f"{path}: a page this test does not know; say what its title should be")


@cache
def fetch(url):
    """Status and text of a URL of the local site (cached across pages)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def broken_links(page, site):
    """Links of the page into the site whose file is missing, or whose #fragment is no id there."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    broken = []
    for href in sorted(set(hrefs)):
        if not href.startswith(site.url + "/"):
            continue
        target, fragment = urldefrag(href)
        target = target.split("?")[0]
        status, text = fetch(target)
        if status != 200:
            broken.append(f"{href} (HTTP {status})")
        elif fragment and not re.search(rf'id="{re.escape(fragment)}"', text):
            broken.append(f"{href} (no id {fragment!r} there)")
    return broken


MATH_STATE = """async () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
    const math = [...document.querySelectorAll('.math')];
    return {
        math: math.length,
        mathjax: Boolean(window.MathJax && MathJax.version),
        unrendered: math.filter(e => !e.querySelector('mjx-container')).map(e => e.textContent.slice(0, 80)),
        errors: [...document.querySelectorAll('mjx-merror')].map(e => e.textContent.slice(0, 80)),
    };
}"""

#: The main text without code, signatures, scripts and typeset math.
PROSE = """() => {
    const main = (document.querySelector('main') || document.body).cloneNode(true);
    const skip = 'pre, code, script, style, mjx-container, .highlight, .sig';
    main.querySelectorAll(skip).forEach(e => e.remove());
    return main.innerText;
}"""

IMAGES = """async () => {
    const images = [...document.images];
    images.forEach(img => { img.loading = 'eager'; });
    await Promise.all(images.map(img => img.complete ? null :
        new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); })));
    return images.map(img => ({src: img.getAttribute('src'), width: img.naturalWidth,
                               output: Boolean(img.closest('.cell_output'))}));
}"""


def check_page(watched, site, path):
    """The checks that every page passes; returns the page's images."""
    page = watched.page
    response = page.goto(site.page_url(path), wait_until="load")
    assert response.status == 200, f"HTTP {response.status}"
    if path == "index.html":  # Jupyter Book's index redirects to the landing page
        page.wait_for_url(f"{site.url}/intro.html")
        page.wait_for_load_state("load")
    title = expected_title(path)
    assert page.title().startswith(title), f"<title> {page.title()!r} does not start with {title!r}"
    h1 = (
        page.locator("main h1")
        .filter(has_text=re.compile(r"\S"))
        .first.inner_text()
        .strip()
        .rstrip("#¶")
        .strip()
    )
    assert h1 == title, f"<h1> {h1!r}, expected {title!r}"

    math = page.evaluate(MATH_STATE)
    if math["math"]:
        assert math["mathjax"], "the page has math but MathJax did not load"
    assert not math["unrendered"], f"math left untypeset: {math['unrendered'][:5]}"
    assert not math["errors"], f"MathJax errors: {math['errors'][:5]}"
    prose = page.evaluate(PROSE)
    raw = sorted(set(RAW_TEX.findall(prose)))
    assert not raw, f"raw TeX in the text: {raw[:10]}"
    for text in RAW_WIDGET_TEXT:
        assert text not in page.inner_text("body"), f"the page shows a widget's raw text {text!r}"

    images = page.evaluate(IMAGES)
    assert all(image["width"] > 0 for image in images), (
        f"images not loaded: {[i for i in images if not i['width']]}"
    )
    broken = broken_links(page, site)
    assert not broken, f"broken internal links: {broken}"

    if path == "search.html":  # it reports a missing query; the search itself is tested below
        watched.console_errors = [e for e in watched.console_errors if "query" not in e.lower()]
    assert not watched.blocked, f"requests outside the site: {watched.blocked}"
    assert not watched.failed, f"failed requests: {watched.failed}"
    assert not watched.page_errors, f"script errors: {watched.page_errors}"
    assert not watched.console_errors, f"console errors: {watched.console_errors}"
    return images, math


def screenshot(page, path):
    page.screenshot(
        path=str(SCREENSHOTS / (path.replace("/", "__").removesuffix(".html") + ".png")), full_page=True
    )


def test_the_site_has_every_lesson_the_api_and_search():
    pages = site_pages()
    lessons = [f"notebooks/{p.stem}.html" for p in NOTEBOOKS]
    api = ["api/index.html", "api/kmeans_lab.html"] + [f"api/kmeans_lab.{name}.html" for name in API_MODULES]
    missing = [
        p
        for p in ["index.html", "intro.html", "search.html", "genindex.html", *lessons, *api]
        if p not in pages
    ]
    assert not missing, f"pages missing from {SITE}: {missing}"
    assert len(NOTEBOOKS) >= 9


@pytest.mark.parametrize(
    "path", [p for p in site_pages() if not p.startswith("notebooks/")] or ["index.html"]
)
def test_page(watched, site, path):
    """The landing page, the API reference, the index and the search page (lessons are tested below)."""
    try:
        check_page(watched, site, path)
    finally:
        screenshot(watched.page, path)


@pytest.mark.parametrize("lesson", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_page(watched, site, lesson):
    path = f"notebooks/{lesson.stem}.html"
    page = watched.page
    try:
        images, math = check_page(watched, site, path)
        figures = [image for image in images if image["output"]]
        assert len(figures) == figure_outputs(lesson), (
            f"{len(figures)} figures on the page, {figure_outputs(lesson)} image outputs in {lesson.name}"
        )
        source = "".join(
            "".join(c["source"]) for c in notebook(lesson)["cells"] if c["cell_type"] == "markdown"
        )
        if "$" in source:
            assert math["math"] > 0, "the lesson has math but the page has none"

        slug = repository()
        binder = f"https://mybinder.org/v2/gh/{slug}/HEAD?urlpath=lab/tree/notebooks/{lesson.name}"
        launch = page.eval_on_selector_all(
            'a[href^="https://mybinder.org/"]', "links => links.map(a => a.href)"
        )
        assert launch == [binder], f"Binder links {launch}, expected [{binder}]"
        github = page.eval_on_selector_all(
            f'a[href*="github.com/{slug}/blob/"]', "links => links.map(a => a.href)"
        )
        assert f"https://github.com/{slug}/blob/HEAD/notebooks/{lesson.name}?plain=1" in github, github
        downloads = page.eval_on_selector_all('a[href$=".ipynb"]', "links => links.map(a => a.href)")
        download = [href for href in downloads if href.endswith(f"_sources/notebooks/{lesson.name}")]
        assert download, f"no download link for {lesson.name}: {downloads}"
        served = page.request.get(download[0])
        assert served.ok and served.json() == notebook(lesson), "the download is not the committed notebook"

        shown = page.locator(".cell_output").all_inner_texts()
        for text in widget_texts(lesson):
            # ipywidgets' own repr, Name(attribute=...), is no text for a reader: the note replaces it.
            expected = WIDGET_NOTE if re.match(r"\w+\(\w+=", text) or not text else text
            assert any(expected in output for output in shown), f"a widget output is not {expected!r}"
    finally:
        screenshot(page, path)


def test_landing_page_lists_every_lesson_in_order(watched, site):
    page = watched.page
    page.goto(site.page_url("intro.html"))
    section = page.locator("section#the-lessons")
    links = section.locator("li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links == [f"notebooks/{p.stem}.html" for p in NOTEBOOKS], links
    texts = [t.strip() for t in section.locator("li a").all_inner_texts()]
    assert texts == [lesson_title(p) for p in NOTEBOOKS]
    body = page.inner_text("main")
    for words in ("Binder", "make lab", "conda env create -f environment.yml", "Who it is for"):
        assert words in body, f"the landing page does not say {words!r}"
    first = page.locator('main a[href^="https://mybinder.org/"]').first.get_attribute("href")
    assert (
        first
        == f"https://mybinder.org/v2/gh/{repository()}/HEAD?urlpath=lab/tree/notebooks/{NOTEBOOKS[0].name}"
    )
    nav = page.locator("nav.bd-links a.reference.internal").evaluate_all(
        "a => a.map(x => x.getAttribute('href'))"
    )
    in_nav = [href for href in nav if href.startswith("notebooks/")]
    assert in_nav == [f"notebooks/{p.stem}.html" for p in NOTEBOOKS], f"sidebar: {in_nav}"


def test_api_reference_documents_every_public_name(watched, site):
    import importlib
    import inspect

    import kmeans_lab

    page = watched.page
    page.goto(site.page_url("api/kmeans_lab.html"))
    for name in ("KMeans", "KMedoids", "FuzzyCMeans"):
        entry = page.locator(f'dt[id="kmeans_lab.{name}"]')
        assert entry.count() == 1, f"kmeans_lab.{name} is not documented"
        assert page.locator(f'dt[id="kmeans_lab.{name}.fit"]').count() == 1, f"{name}.fit is not documented"
    examples = 0
    for module_name in ["kmeans_lab"] + [f"kmeans_lab.{m}" for m in API_MODULES]:
        module = importlib.import_module(module_name)
        _, html = fetch(site.page_url(f"api/{module_name}.html"))
        missing = [name for name in module.__all__ if f'id="{module_name}.{name}"' not in html]
        assert not missing, f"api/{module_name}.html does not document {missing}"
        examples += html.count('<p class="rubric">Examples</p>')
    docstrings = [inspect.getdoc(getattr(kmeans_lab, name)) or "" for name in kmeans_lab.__all__]
    with_examples = sum("\nExamples\n--------\n" in doc for doc in docstrings)
    assert with_examples and examples >= with_examples, (
        f"{examples} Examples sections, {with_examples} expected"
    )


def test_search_finds_medoid(watched, site):
    page = watched.page
    page.goto(site.page_url("search.html?q=medoid"))
    summary = page.locator("#search-results .search-summary")
    summary.wait_for()
    page.wait_for_function(
        "() => !/preparing|searching/i.test(document.querySelector('#search-results .search-summary')"
        ".innerText)"
    )
    results = page.locator("#search-results ul.search li a").evaluate_all(
        "a => a.map(x => x.getAttribute('href'))"
    )
    pages = {href.split("?")[0].split("#")[0] for href in results}
    assert "notebooks/07_kmedoids.html" in pages and "api/kmeans_lab.html" in pages, (
        summary.inner_text(),
        results,
    )
    assert not watched.blocked and not watched.page_errors and not watched.console_errors
    screenshot(page, "search-medoid")


def test_the_checks_can_fail(watched, site):
    """A made-up page and a made-up #fragment are reported; raw TeX and widget text are recognised."""
    watched.page.set_content(
        f'<a href="{site.url}/intro.html">fine</a> <a href="{site.url}/notebooks/99_missing.html">gone</a> '
        f'<a href="{site.url}/intro.html#no-such-section">no such id</a>'
    )
    broken = broken_links(watched.page, site)
    assert len(broken) == 2, broken
    assert any("99_missing.html (HTTP 404)" in b for b in broken) and any(
        "no-such-section" in b for b in broken
    )
    for raw in ("$$J$$", r"\(x\)", "$J$ is", r"\begin{align}"):
        assert RAW_TEX.search(raw), raw
    assert not RAW_TEX.search("costs $5 or 6 dollars")
