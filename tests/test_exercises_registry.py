"""Every registered exercise: its solution passes, its stub waits, and help comes only when asked for.

The exercises are read from the registry (``kmeans_lab.exercises.lessonNN.EXERCISES``), so a new lesson's
exercises are tested as soon as they are registered.
"""

import importlib
import pkgutil
import re
from pathlib import Path

import numpy as np
import pytest

import kmeans_lab as kl
import kmeans_lab.exercises as exercises_package

ROOT = Path(__file__).resolve().parents[1]

LESSON_MODULES = sorted(
    name
    for _, name, _ in pkgutil.iter_modules(exercises_package.__path__)
    if re.fullmatch(r"lesson\d\d", name)
)
ALL = [
    pytest.param(module[-2:], exercise, id=f"{module[-2:]}-{exercise.number}-{exercise.name}")
    for module in LESSON_MODULES
    for exercise in importlib.import_module(f"kmeans_lab.exercises.{module}").EXERCISES
]
NOT_ANSWERED = "Exercise {}: not answered yet — replace the ... above\n"


def run_solution(exercise):
    namespace = exercise.namespace()
    exec(compile(exercise.solution, f"<solution {exercise.name}>", "exec"), namespace)  # noqa: S102  our own code
    assert exercise.name in namespace, f"the solution does not define {exercise.name}"
    return namespace[exercise.name]


def test_every_lesson_registers_its_exercises_in_order():
    # One module per lesson notebook (lessons may be added out of order, so numbers can be missing).
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert LESSON_MODULES == [f"lesson{path.name[:2]}" for path in notebooks]
    for module in LESSON_MODULES:
        registered = importlib.import_module(f"kmeans_lab.exercises.{module}").EXERCISES
        assert [e.number for e in registered] == list(range(1, len(registered) + 1)), module
        assert len({e.name for e in registered}) == len(registered), f"{module}: two exercises share a name"
        for exercise in registered:
            assert exercise.check.exercise_number == exercise.number, (module, exercise.name)
            assert getattr(kl.exercises, exercise.check.__name__) is exercise.check


@pytest.mark.parametrize("lesson, exercise", ALL)
def test_the_solution_passes_its_check(lesson, exercise, capsys):
    answer = run_solution(exercise)
    capsys.readouterr()
    exercise.check(answer)
    assert capsys.readouterr().out.startswith("✓ Correct — ")


@pytest.mark.parametrize("lesson, exercise", ALL)
def test_the_stub_prints_not_answered_and_does_not_raise(lesson, exercise, capsys):
    exercise.check(...)
    assert capsys.readouterr().out == NOT_ANSWERED.format(exercise.number)

    def stub(*args, **kwargs):
        """Write your function here."""

    exercise.check(stub)
    assert capsys.readouterr().out == NOT_ANSWERED.format(exercise.number)


@pytest.mark.parametrize("lesson, exercise", ALL)
def test_a_wrong_answer_raises_with_a_hint(lesson, exercise):
    answer = run_solution(exercise)
    if callable(answer):
        def wrong(*args, **kwargs):
            return 2  # a constant function, the laziest shortcut
    else:
        wrong = "not an answer"
    with pytest.raises(AssertionError) as info:
        exercise.check(wrong)
    assert len(str(info.value)) > 10


@pytest.mark.parametrize("lesson, exercise", ALL)
def test_hint_and_solution_print_on_request(lesson, exercise, capsys):
    kl.exercises.hint(lesson, exercise.number)
    hint = capsys.readouterr().out
    assert exercise.name in hint and len(hint) > 40
    kl.exercises.hint(int(lesson), exercise.number)
    assert capsys.readouterr().out == hint
    kl.exercises.solution(lesson, exercise.number)
    shown = capsys.readouterr().out
    assert exercise.solution in shown
    # The hint points the way without the solution's last line (the one that makes the answer).
    last_line = exercise.solution.strip().splitlines()[-1].strip()
    assert last_line not in exercise.hint


def answer_texts(value):
    """Ways a numeric answer could be written out in a docstring or a hint."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return []
    if array.size == 0 or array.size > 8 or not np.isfinite(array).all():
        return []
    numbers = [f"{x:g}" for x in array.ravel()]
    if array.size == 1:
        x = float(array.ravel()[0])
        # Small whole numbers (0, 1, 2, ...) appear in any text; larger or fractional ones give answers away.
        return [] if x.is_integer() and abs(x) < 10 else [numbers[0]]
    return ["(" + ", ".join(numbers) + ")", "[" + ", ".join(numbers) + "]"]


@pytest.mark.parametrize("lesson, exercise", ALL)
def test_docstring_and_hint_do_not_give_the_answer_away(lesson, exercise):
    answer = run_solution(exercise)
    texts = (exercise.check.__doc__ or "", exercise.hint)
    for written in answer_texts(answer):
        pattern = rf"(?<![\d.]){re.escape(written)}(?![\d])"
        for text in texts:
            assert not re.search(pattern, text), f"{written!r} appears in {text!r}"
    assert exercise.check.__doc__.startswith(f"Exercise {exercise.number}: ")


@pytest.mark.parametrize("lesson", ["99", "x"])
def test_unknown_lessons_and_exercises_are_named(lesson):
    with pytest.raises(ValueError, match="lesson"):
        kl.exercises.hint(lesson, 1)
    with pytest.raises(ValueError, match="there is no exercise 9"):
        kl.exercises.solution("02", 9)


@pytest.mark.parametrize(
    "answer, stub",
    [
        (..., True),
        ((..., ...), True),
        ([...], True),
        (0, False),
        (None, False),
        ((1, ...), False),
        (lambda: None, False),
        (np.zeros(2), False),
    ],
)
def test_is_stub(answer, stub):
    assert kl.exercises.is_stub(answer) is stub


def test_a_stub_function_may_have_a_docstring_arguments_and_a_cache():
    import functools

    def plain(X, init): ...

    def documented(X, init):
        """Lloyd's algorithm."""

    def passing(n, k):
        pass

    @functools.cache
    def cached(n, k): ...

    def answered(n, k):
        return n

    assert all(kl.exercises.is_stub(f) for f in (plain, documented, passing, cached))
    assert not kl.exercises.is_stub(answered)
