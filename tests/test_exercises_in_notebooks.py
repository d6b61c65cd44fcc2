"""The saved lessons: exercises not solved in advance, prompts that name the answer, machinery out of sight.

Every lesson is read as JSON (nothing runs), so a new lesson is checked as soon as it exists.
"""

import importlib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"^kl\.exercises\.(check_\w+)\((\w+)\)$")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
RAW_WIDGET_REPR = re.compile(r"^(VBox|HBox|Box|Button|Output|\w+Slider|Dropdown|Label|HTML)\(")


def cells(path):
    return json.loads(path.read_text())["cells"]


def source(cell):
    return "".join(cell["source"])


def plain_texts(cell):
    """The text/plain parts and streams of a code cell's saved outputs."""
    for output in cell.get("outputs", []):
        if "text" in output:
            yield "".join(output["text"])
        if "text/plain" in output.get("data", {}):
            yield "".join(output["data"]["text/plain"])


def registered(path):
    module = importlib.import_module(f"kmeans_lab.exercises.lesson{path.name[:2]}")
    return module.EXERCISES


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_no_solution_is_saved_and_every_exercise_waits_for_an_answer(path):
    notebook = cells(path)
    assert not [c for c in notebook if "solution" in c.get("metadata", {}).get("tags", [])]
    exercises = registered(path)
    calls = []
    for index, cell in enumerate(notebook):
        match = CHECK_CALL.match(source(cell).strip()) if cell["cell_type"] == "code" else None
        if match:
            calls.append((index, *match.groups()))
    assert [(check, name) for _, check, name in calls] == [(e.check.__name__, e.name) for e in exercises]
    previous = 0
    for (index, _, name), exercise in zip(calls, exercises):
        answer = source(notebook[index - 1])
        stub = re.escape(name) + r" = \.\.\.  # your answer"
        function_stub = rf"def {re.escape(name)}\(.*\):\n(\s+\"\"\".*\"\"\"\n)?\s+\.\.\.  # your answer"
        assert re.fullmatch(stub, answer) or re.search(function_stub, answer), (
            f"exercise {exercise.number}: the cell above the check should hold the stub, got {answer!r}"
        )
        saved = list(plain_texts(notebook[index]))
        assert saved == [f"Exercise {exercise.number}: not answered yet — replace the ... above\n"], saved
        prompts = " ".join(
            " ".join(source(c).split()) for c in notebook[previous:index] if c["cell_type"] == "markdown"
        )
        assert f"**Exercise {exercise.number}" in prompts
        assert f"`{name}`" in prompts, f"the prompt of exercise {exercise.number} does not name `{name}`"
        assert " ".join(exercise.expects.split()) in prompts, (
            f"the prompt of exercise {exercise.number} does not say {exercise.expects!r}"
        )
        previous = index + 1


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_the_exercises_intro_points_to_hints_and_solutions(path):
    text = "\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")
    intro = text[text.index("## Exercises") :]
    lesson = path.name[:2]
    assert f'kl.exercises.hint("{lesson}", 1)' in intro
    assert f'kl.exercises.solution("{lesson}", 1)' in intro


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_test_machinery_stays_out_of_sight(path):
    for cell in cells(path):
        if cell["cell_type"] != "code":
            continue
        assert "NBVAL" not in source(cell).upper(), "use the cell tag nbval-ignore-output, not a comment"
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                text = "".join(data.get("text/plain", ""))
                assert "\n" not in text.strip() and "run this cell" in text, f"widget fallback: {text!r}"
                assert "nbval-ignore-output" in cell["metadata"].get("tags", [])
        for text in plain_texts(cell):
            assert not RAW_WIDGET_REPR.match(text.strip()), f"a raw widget repr is saved: {text[:80]!r}"
