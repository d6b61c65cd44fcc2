"""The built website served on a loopback port, and a headless Chromium that can reach nothing else.

`make test-site` builds the site into _build/site (SITE_DIR) and runs these tests. The server is
`python -m http.server` on a free 127.0.0.1 port; every request of a page to any other address is
aborted and recorded, so that a page that needs the network fails its test.
"""

import atexit
import importlib.util
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "site")).resolve()
SCREENSHOTS = ROOT / "site-screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _browser_settings():
    """browser_tests/conftest.py, for the Chromium flags that `make test-browser` uses."""
    spec = importlib.util.spec_from_file_location(
        "browser_tests_settings", ROOT / "browser_tests" / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_BROWSER = _browser_settings()
# Name resolution fails for every host but the loopback one (the requests are aborted before that).
CHROMIUM_ARGS = _BROWSER.CHROMIUM_ARGS + ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


class Site:
    def __init__(self, url, root):
        self.url, self.root = url, root

    def page_url(self, path):
        return f"{self.url}/{path}"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    if not (SITE / "index.html").exists():
        pytest.fail(f"no site in {SITE}: run `make test-site`, which builds it first")
    port = _BROWSER.free_port()
    url = f"http://127.0.0.1:{port}"
    with open(tmp_path_factory.mktemp("logs") / "http.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(SITE)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        atexit.register(_BROWSER.stop, process)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/index.html", timeout=2):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"the site's server did not answer at {url}") from None
                    time.sleep(0.2)
            yield Site(url, SITE)
        finally:
            _BROWSER.stop(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make test-site`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A page with what went wrong on it: console errors, script errors and requests that left the site."""

    def __init__(self, page):
        self.page = page
        self.console_errors, self.page_errors, self.blocked, self.failed = [], [], [], []


@pytest.fixture
def watched(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def only_the_site(route):
        if route.request.url.startswith(site.url + "/"):
            route.continue_()
        else:
            seen.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    page = context.new_page()
    page.set_default_timeout(30_000)
    seen = Watched(page)
    page.on("console", lambda message: message.type == "error" and seen.console_errors.append(message.text))
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    page.on("requestfailed", lambda request: seen.failed.append(f"{request.url} ({request.failure})"))
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and seen.failed.append(f"{response.url} (HTTP {response.status})")
        ),
    )
    try:
        yield seen
    finally:
        context.close()


def pytest_configure(config):
    SCREENSHOTS.mkdir(exist_ok=True)
