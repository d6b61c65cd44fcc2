"""What book/build.py makes of the repository before Jupyter Book runs, and the files that name it.

The built pages themselves are tested in a browser by `make test-site` (site_tests/).
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_build():
    spec = importlib.util.spec_from_file_location("book_build", ROOT / "book" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = load_build()


def widget_output(text, **extra):
    data = {"text/plain": text, build.WIDGET_VIEW: {"model_id": "abc", "version_major": 2}}
    return {"output_type": "display_data", "data": data, "metadata": {}, **extra}


def write_notebook(path, title, outputs=()):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": [f"# {title}\n", "\n", "Text."]}]
    cells.append({"cell_type": "code", "metadata": {}, "source": "x", "outputs": list(outputs)})
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


def test_the_repository_is_set_once_and_the_readme_uses_it():
    slug = build.repository()
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", slug)
    readme = (ROOT / "README.md").read_text()
    links = build.BINDER_LINK.findall(readme)
    assert len(links) >= 2, "the README has no Binder links"
    others = sorted(set(links) - {slug})
    assert not others, f"README Binder links use {others}, not {slug}: run python3 book/build.py --readme"
    assert "python3 book/build.py --readme" in readme


def test_a_fork_rewrites_the_readme_from_pyproject(tmp_path):
    pyproject = '[tool.other]\nx = 1\n\n[tool.kmeans-lab]\nrepository = "fork/course"\n\n[tool.z]\ny = 2\n'
    (tmp_path / "pyproject.toml").write_text(pyproject)
    readme = tmp_path / "README.md"
    binder = "https://mybinder.org/v2/gh"
    readme.write_text(
        f"[badge]({binder}/kmeans-lab/kmeans-lab/HEAD?urlpath=lab/tree/notebooks/00_a.ipynb)\n"
        f"| 01 | [launch]({binder}/someone/else/HEAD?urlpath=lab/tree/notebooks/01_b.ipynb) |\n"
    )
    assert build.repository(tmp_path) == "fork/course"
    build.rewrite_readme(tmp_path)
    assert set(build.BINDER_LINK.findall(readme.read_text())) == {"fork/course"}
    assert "urlpath=lab/tree/notebooks/01_b.ipynb" in readme.read_text()


@pytest.mark.parametrize("text", ["", 'repository = "no-slash"', 'repository = "a/b/c"'])
def test_a_missing_or_malformed_repository_is_refused(tmp_path, text):
    (tmp_path / "pyproject.toml").write_text(f"[tool.kmeans-lab]\n{text}\n")
    with pytest.raises(SystemExit, match="owner/name"):
        build.repository(tmp_path)


def test_raw_widget_reprs_become_a_note_and_other_outputs_stay():
    raw = widget_output("VBox(children=(Button(description='Step'),))")
    out = build.static_output(raw)
    assert out["data"] == {"text/plain": build.WIDGET_NOTE}
    slider = build.static_output(widget_output("IntSlider(value=2, max=9)"))
    assert slider["data"]["text/plain"] == build.WIDGET_NOTE
    # Saved without the widget view (a notebook stripped of widget state): still replaced.
    bare = {"output_type": "display_data", "data": {"text/plain": "HBox(children=(Output(),))"}}
    assert build.static_output(bare)["data"]["text/plain"] == build.WIDGET_NOTE
    assert build.static_output({"data": {"text/plain": "interactive(children=(IntSlider(),))"}})["data"] == {
        "text/plain": build.WIDGET_NOTE
    }
    # A widget's own one-line fallback is kept, without the view it needs a kernel for.
    fallback = build.static_output(widget_output("Lloyd stepper: run the lesson to step through it"))
    assert fallback["data"] == {"text/plain": "Lloyd stepper: run the lesson to step through it"}
    # Ordinary outputs are untouched, including matplotlib's Text(...) repr.
    text = {"output_type": "execute_result", "data": {"text/plain": "Text(0.5, 1.0, 'J against K')"}}
    assert build.static_output(text) == text
    figure = {"image/png": "iVBOR", "text/plain": "<Figure size 640x480 with 1 Axes>"}
    png = {"output_type": "display_data", "data": figure}
    assert build.static_output(png) == png
    stream = {"output_type": "stream", "name": "stdout", "text": "VBox(children= is just text here\n"}
    assert build.static_output(stream) == stream


def test_the_static_notebook_drops_widget_state_and_keeps_everything_else():
    notebook = {
        "metadata": {"kernelspec": {"name": "python3"}, "widgets": {"state": {}}},
        "cells": [
            {"cell_type": "markdown", "source": "# T"},
            {"cell_type": "code", "source": "w", "outputs": [widget_output("VBox(children=())")]},
        ],
    }
    static = build.static_notebook(notebook)
    assert static["metadata"] == {"kernelspec": {"name": "python3"}}
    assert static["cells"][0] == notebook["cells"][0]
    assert static["cells"][1]["outputs"][0]["data"] == {"text/plain": build.WIDGET_NOTE}
    assert "widgets" in notebook["metadata"], "the input notebook was changed"


def test_links_to_the_repository_files_point_at_github_and_lesson_links_stay():
    markdown = (
        "[lloyd.py](../kmeans_lab/lloyd.py), [tests](../tests), "
        "[lesson 02](02_mean_is_optimal_sympy.ipynb#one), [start](../README.md#start), "
        "[web](https://example.org/a.py), [here](#two), ![figure](../x.png)"
    )
    linked = build.repository_links(markdown, "o/n")
    assert "[lloyd.py](https://github.com/o/n/blob/HEAD/kmeans_lab/lloyd.py)" in linked
    assert "[tests](https://github.com/o/n/tree/HEAD/tests)" in linked
    assert "[start](https://github.com/o/n/blob/HEAD/README.md#start)" in linked
    for kept in (
        "(02_mean_is_optimal_sympy.ipynb#one)",
        "(https://example.org/a.py)",
        "(#two)",
        "![figure](../x.png)",
    ):
        assert kept in linked
    notebook = {"cells": [{"cell_type": "markdown", "source": ["See [the code](../kmeans_lab/init.py)."]}]}
    assert (
        "github.com/o/n/blob/HEAD/kmeans_lab/init.py"
        in build.static_notebook(notebook, "o/n")["cells"][0]["source"]
    )


def test_every_lesson_present_is_in_the_toc_in_order(tmp_path):
    for name, title in [("10_later.ipynb", "Lesson 10 — Later"), ("00_start.ipynb", "Lesson 00 — Start"),
                        ("09_new.ipynb", "Lesson 09 — New")]:  # fmt: skip
        write_notebook(tmp_path / name, title)
    write_notebook(tmp_path / "scratch.ipynb", "Not a lesson")
    lessons = build.find_lessons(tmp_path)
    assert [lesson.name for lesson in lessons] == ["00_start.ipynb", "09_new.ipynb", "10_later.ipynb"]
    titles = ["Lesson 00 — Start", "Lesson 09 — New", "Lesson 10 — Later"]
    assert [lesson.title for lesson in lessons] == titles
    toc = build.toc(lessons, ["kmeans_lab", "kmeans_lab.plotting"])
    files = re.findall(r"- file: (\S+)", toc)
    assert files == ["notebooks/00_start", "notebooks/09_new", "notebooks/10_later", "api/index",
                     "api/kmeans_lab", "api/kmeans_lab.plotting"]  # fmt: skip
    listing = build.lesson_list(lessons).splitlines()
    assert listing == [
        "- [Lesson 00 — Start](notebooks/00_start.ipynb)",
        "- [Lesson 09 — New](notebooks/09_new.ipynb)",
        "- [Lesson 10 — Later](notebooks/10_later.ipynb)",
    ]


def test_a_lesson_without_a_title_stops_the_build(tmp_path):
    (tmp_path / "03_x.ipynb").write_text(json.dumps({"cells": [{"cell_type": "code", "source": "1"}]}))
    with pytest.raises(SystemExit, match="03_x.ipynb"):
        build.find_lessons(tmp_path)


def test_the_repository_lessons_all_have_titles():
    lessons = build.find_lessons()
    present = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert [lesson.name for lesson in lessons] == present
    assert all(lesson.title.startswith(f"Lesson {lesson.name[:2]}") for lesson in lessons)


def test_the_book_templates_have_a_value_for_every_placeholder():
    values = {"repository": "o/n", "owner": "o", "name": "n", "binder": "b", "lessons": "- x"}
    for template in ("intro.md", "_config.yml"):
        assert "o/n" in build.fill((ROOT / "book" / template).read_text(), **values)  # no @KEY@ left over
    with pytest.raises(SystemExit, match="@MISSING@"):
        build.fill("text @MISSING@", **values)
    config = build.fill((ROOT / "book" / "_config.yml").read_text(), **values)
    assert 'execute_notebooks: "off"' in config
    assert "binderhub_url: https://mybinder.org" in config and "url: https://github.com/o/n" in config


def test_the_workflow_builds_the_site_on_every_push_and_deploys_from_main():
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads "on" as True
    assert "push" in triggers and not (triggers["push"] or {}).get("branches")
    build_steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make site" for step in build_steps)
    (upload,) = [s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "_build/site"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^SITE := _build/site$", makefile, re.MULTILINE)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'" and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_ci_runs_the_site_tests_after_the_others():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ci.index("make test") < ci.index("make test-browser") < ci.index("make test-site")
