"""Build the course website (``make site``): the lessons and the package's API as a Jupyter Book.

The book is staged in ``_build/site-src`` from what the repository holds at build time:

* every ``notebooks/NN_*.ipynb``, in order, with its committed outputs (nothing is executed); an
  output that is a live widget, which a static page cannot show, becomes a one-line note;
* the landing page (``book/intro.md``) with the lesson list filled in;
* the API reference: ``kmeans_lab.__all__`` and the public sub-modules, from their numpydoc docstrings;
* ``_config.yml`` (``book/_config.yml``) with the repository of ``[tool.kmeans-lab]`` in pyproject.toml;
* MathJax from the npm package that ``make site`` installs, so that math renders with no network.

``jupyter-book config sphinx`` then writes the Sphinx configuration and Sphinx builds the HTML.

``python book/build.py --readme`` instead rewrites the README's Binder links to the repository of
pyproject.toml (what a fork runs after changing it).
"""

import argparse
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"

#: The one-line text that replaces a widget's output on the site.
WIDGET_NOTE = "Interactive widget — run this lesson to use it (Binder or make lab)."
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: How ipywidgets prints a container when no view can be shown: ``VBox(children=(...))``.
RAW_CONTAINER_REPR = re.compile(
    r"^\s*(VBox|HBox|Box|GridBox|Tab|Accordion|Stack|AppLayout|TwoByTwoLayout|GridspecLayout"
    r"|interactive)\(children="
)
#: A widget's default repr: ``ClassName(attribute=..., ...)``.
CONSTRUCTOR_REPR = re.compile(r"^\s*[A-Za-z_]\w*\(\w+=")
LESSON_GLOB = "[0-9][0-9]_*.ipynb"
BINDER = "https://mybinder.org/v2/gh/{repository}/HEAD?urlpath=lab/tree/notebooks/{name}"
#: A Binder link to this or to any other repository, as the README writes them.
BINDER_LINK = re.compile(r"https://mybinder\.org/v2/gh/(?P<repository>[^/\s)]+/[^/\s)]+)/")


@dataclass(frozen=True)
class Lesson:
    path: Path
    title: str

    @property
    def name(self):
        return self.path.name

    @property
    def docname(self):
        return f"notebooks/{self.path.stem}"


def repository(root=ROOT):
    """The GitHub ``owner/name`` of the course, from ``[tool.kmeans-lab]`` in pyproject.toml."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ImportError:  # Python 3.10: the table is one plain line
        table = re.search(r"^\[tool\.kmeans-lab\]\s*$(.*?)(?=^\[|\Z)", text, re.MULTILINE | re.DOTALL)
        found = table and re.search(r'^repository\s*=\s*"([^"]+)"', table.group(1), re.MULTILINE)
        slug = found.group(1) if found else None
    else:
        slug = tomllib.loads(text).get("tool", {}).get("kmeans-lab", {}).get("repository")
    if not slug or not re.fullmatch(r"[\w.-]+/[\w.-]+", slug):
        raise SystemExit(f'pyproject.toml needs [tool.kmeans-lab] repository = "owner/name", not {slug!r}')
    return slug


def notebook_title(notebook):
    """The first ``# `` heading of the notebook's markdown cells."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in "".join(cell.get("source", "")).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return None


def find_lessons(notebooks=ROOT / "notebooks"):
    """Every ``NN_*.ipynb`` in ``notebooks``, in order, with its title."""
    lessons = []
    for path in sorted(notebooks.glob(LESSON_GLOB)):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        title = notebook_title(notebook)
        if title is None:
            raise SystemExit(f"{path.name} has no '# ' title in a markdown cell")
        lessons.append(Lesson(path, title))
    return lessons


def static_output(output):
    """An output as a static page shows it: a live widget becomes a note, a raw widget repr too."""
    data = output.get("data")
    if not data:
        return output
    data = dict(data)
    text = "".join(data.get("text/plain", ""))
    is_widget = data.pop(WIDGET_VIEW, None) is not None
    if RAW_CONTAINER_REPR.match(text) or (is_widget and (not text or CONSTRUCTOR_REPR.match(text))):
        data["text/plain"] = WIDGET_NOTE
    return {**output, "data": data}


#: A markdown link (not an image): ``[text](target)``.
MARKDOWN_LINK = re.compile(r"(?<!!)(\[[^\]\n]*\])\(([^)\s]+)\)")


def repository_links(markdown, slug, root=ROOT):
    """Links from a lesson to files of the repository that are no page of the site, such as
    ``../kmeans_lab/lloyd.py``, point at the file on GitHub; links to lessons, anchors and URLs stay."""

    def fix(match):
        text, target = match.groups()
        path, _, fragment = target.partition("#")
        if not path or re.match(r"[A-Za-z][\w+.-]*:|/", target):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join("notebooks", path))
        if resolved.startswith("../") or (resolved.startswith("notebooks/") and resolved.endswith(".ipynb")):
            return match.group(0)
        kind = "tree" if (root / resolved).is_dir() else "blob"
        return f"{text}(https://github.com/{slug}/{kind}/HEAD/{resolved}{'#' + fragment if fragment else ''})"

    return MARKDOWN_LINK.sub(fix, markdown)


def static_notebook(notebook, slug=None):
    """The notebook as the site shows it: widget outputs replaced, no saved widget state (no script to
    load it), and links to the repository's files pointing at GitHub (when ``slug`` is given)."""
    notebook = dict(
        notebook, metadata={k: v for k, v in notebook.get("metadata", {}).items() if k != "widgets"}
    )
    cells = []
    for cell in notebook.get("cells", []):
        if "outputs" in cell:
            cell = dict(cell, outputs=[static_output(output) for output in cell["outputs"]])
        if cell.get("cell_type") == "markdown" and slug:
            cell = dict(cell, source=repository_links("".join(cell.get("source", "")), slug))
        cells.append(cell)
    notebook["cells"] = cells
    return notebook


def toc(lessons, modules):
    """``_toc.yml``: the landing page, the lessons in order, then the API reference."""
    lines = ["format: jb-book", "root: intro", "parts:", "  - caption: Lessons", "    chapters:"]
    lines += [f"      - file: {lesson.docname}" for lesson in lessons]
    lines += ["  - caption: Reference", "    chapters:", "      - file: api/index", "        sections:"]
    lines += [f"          - file: api/{module}" for module in modules]
    return "\n".join(lines) + "\n"


def lesson_list(lessons):
    """The landing page's list of lessons (markdown)."""
    return "\n".join(f"- [{lesson.title}]({lesson.docname}.ipynb)" for lesson in lessons)


def fill(template, **values):
    for key, value in values.items():
        template = template.replace(f"@{key.upper()}@", value)
    leftover = re.search(r"@[A-Z_]+@", template)
    if leftover:
        raise SystemExit(f"no value for {leftover.group()} in a book template")
    return template


def public_modules():
    """``kmeans_lab`` and the sub-modules it loads on first use, with what each exports."""
    import kmeans_lab

    names = ["kmeans_lab"] + [f"kmeans_lab.{name}" for name in sorted(kmeans_lab._LAZY_SUBMODULES)]
    modules = {}
    for name in names:
        module = __import__(name, fromlist=["__all__"])
        modules[name] = (module, list(module.__all__))
    return modules


def member_directive(module, name):
    obj = getattr(module, name)
    if isinstance(obj, type):
        if issubclass(obj, BaseException):
            return f".. autoexception:: {name}\n"
        return f".. autoclass:: {name}\n   :members:\n   :inherited-members:\n"
    if callable(obj):
        return f".. autofunction:: {name}\n"
    # Data: autodoc would show the docstring of the value's type (numpy's ndarray, say).
    shape = getattr(obj, "shape", None)
    what = f"``{type(obj).__name__}`` of shape {shape}" if shape is not None else f"``{type(obj).__name__}``"
    return f".. data:: {name}\n\n   A constant of the module: {what}.\n"


def module_page(name, module, exported):
    """One API page: the module's docstring, a summary table, then every exported name."""
    title = f"``{name}``"
    code = [member for member in exported if callable(getattr(module, member))]
    data = [member for member in exported if member not in code]
    lines = [title, "=" * len(title), "", f".. automodule:: {name}", "   :no-members:", "",
             f".. currentmodule:: {name}", "", ".. autosummary::", "   :nosignatures:", ""]  # fmt: skip
    lines += [f"   {member}" for member in code]
    lines += ["", "----", ""]
    lines += [member_directive(module, member) for member in code]
    if data:
        lines += ["Constants", "---------", ""] + [member_directive(module, member) for member in data]
    return "\n".join(lines)


def api_index(modules):
    lines = ["API reference", "=============", "",
             "Every public name of the package, from its docstrings (numpydoc, with their examples).",
             "``import kmeans_lab as kl`` gives the names of ``kmeans_lab``; the sub-modules load on first",
             "use, as ``kl.plotting``, ``kl.widgets`` and so on.", ""]  # fmt: skip
    for name, (module, _) in modules.items():
        summary = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""
        lines.append(f"* :doc:`{name}` — {summary}")
    return "\n".join(lines) + "\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def stage(src, slug):
    """Write the book's sources into ``src``; return the lessons and the API pages."""
    if src.exists():
        shutil.rmtree(src)
    lessons = find_lessons()
    if not lessons:
        raise SystemExit("no notebooks/NN_*.ipynb to build")
    for lesson in lessons:
        notebook = json.loads(lesson.path.read_text(encoding="utf-8"))
        write(
            src / "notebooks" / lesson.name,
            json.dumps(static_notebook(notebook, slug), ensure_ascii=False, indent=1),
        )
    sys.path.insert(0, str(ROOT))
    modules = public_modules()
    for name, (module, exported) in modules.items():
        write(src / "api" / f"{name}.rst", module_page(name, module, exported))
    write(src / "api" / "index.rst", api_index(modules))
    write(src / "_toc.yml", toc(lessons, list(modules)))
    first = BINDER.format(repository=slug, name=lessons[0].name)
    owner, name = slug.split("/")
    values = {
        "repository": slug,
        "owner": owner,
        "name": name,
        "binder": first,
        "lessons": lesson_list(lessons),
    }
    write(src / "intro.md", fill((BOOK / "intro.md").read_text(encoding="utf-8"), **values))
    write(src / "_config.yml", fill((BOOK / "_config.yml").read_text(encoding="utf-8"), **values))
    return lessons, modules


MATHJAX_ENTRY = "tex-mml-chtml.js"


def copy_mathjax(mathjax, static):
    """MathJax's ``tex-mml-chtml.js`` and what it loads on demand (extensions, fonts, menu), not its
    other combined builds. Copied after the build: Jupyter Book adds every script in ``_static`` to the
    pages."""

    def others(folder, names):
        return [
            name
            for name in names
            if Path(folder) == mathjax and name.endswith(".js") and name != MATHJAX_ENTRY
        ]

    shutil.copytree(mathjax, static / "mathjax", ignore=others)


def build(src, out, mathjax):
    started = time.monotonic()
    if not (mathjax / MATHJAX_ENTRY).exists():
        raise SystemExit(f"MathJax not found in {mathjax}: run `make site`, which installs it with npm")
    slug = repository()
    lessons, _ = stage(src, slug)
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    bindir = Path(sys.executable).parent
    subprocess.run([str(bindir / "jupyter-book"), "config", "sphinx", str(src)], check=True, env=env,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    # No live code on the site: thebe would load from a CDN (and declares its settings twice per page).
    with open(src / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('\nextensions.remove("sphinx_thebe")\n')
    if out.exists():
        shutil.rmtree(out)
    doctrees = out.parent / (out.name + "-doctrees")
    shutil.rmtree(doctrees, ignore_errors=True)
    sphinx = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
                             "-d", str(doctrees), str(src), str(out)], check=False, env=env)  # fmt: skip
    if sphinx.returncode:
        raise SystemExit("No site: Sphinx reported the warnings or errors above (warnings count as errors).")
    copy_mathjax(mathjax, out / "_static")
    # The download button offers the lesson as committed, widget state and all.
    for lesson in lessons:
        shutil.copyfile(lesson.path, out / "_sources" / "notebooks" / lesson.name)
    (out / ".nojekyll").touch()
    pages = len(list(out.glob("**/*.html"))) - len(list(out.glob("_*/**/*.html")))
    where = os.path.relpath(out)
    print(
        f"Built {pages} pages ({len(lessons)} lessons) into {where}/ in {time.monotonic() - started:.0f} s: "
        f"open {where}/index.html"
    )


def rewrite_readme(root=ROOT):
    """Point the README's Binder links at the repository of pyproject.toml."""
    slug = repository(root)
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = BINDER_LINK.sub(f"https://mybinder.org/v2/gh/{slug}/", text)
    readme.write_text(new, encoding="utf-8")
    print(f"README.md: Binder links point at {slug}" + ("" if new != text else " (unchanged)"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "site", help="where the HTML goes")
    parser.add_argument(
        "--src", type=Path, default=ROOT / "_build" / "site-src", help="where the book is staged"
    )
    parser.add_argument(
        "--mathjax", type=Path, default=BOOK / "node_modules" / "mathjax" / "es5", help="MathJax 3 (npm)"
    )
    parser.add_argument("--readme", action="store_true", help="rewrite the README's Binder links and stop")
    args = parser.parse_args(argv)
    if args.readme:
        rewrite_readme()
    else:
        build(args.src.resolve(), args.out.resolve(), args.mathjax.resolve())


if __name__ == "__main__":
    main()
