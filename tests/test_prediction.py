"""The "predict before you run" questions: one rule for every lesson, and help on request."""

import importlib
import pkgutil
import re

import pytest

import kmeans_lab as kl
import kmeans_lab.exercises as exercises_package
from kmeans_lab.exercises._prediction import NOT_ANSWERED, Prediction, normalise_choice

QUESTION = Prediction("99", ("a", "b", "c"), "b", hint="Think about squares.", verdict="because.")

MODULES = [name for _, name, _ in pkgutil.iter_modules(exercises_package.__path__)]
LESSONS = sorted(name[-2:] for name in MODULES if re.fullmatch(r"lesson\d\d", name))
#: Lessons whose prediction is a multiple-choice question; the others ask it as an exercise of their own
#: (lesson 09: which cases K-Means gets wrong, a set of names), named by ``PREDICTION_EXERCISE``.
CHOICE_LESSONS = [
    n for n in LESSONS if hasattr(importlib.import_module(f"kmeans_lab.exercises.lesson{n}"), "PREDICTION")
]


def test_the_stub_waits(capsys):
    QUESTION.check(...)
    assert capsys.readouterr().out == NOT_ANSWERED + "\n"
    assert NOT_ANSWERED == "Prediction: not answered yet — replace the ... above"


@pytest.mark.parametrize("answer", ["b", "B", " b ", "(b)", "(B)", "b)", '"b"', "b."])
def test_every_way_of_writing_the_letter_is_accepted(answer, capsys):
    assert normalise_choice(answer) == "b"
    QUESTION.check(answer)
    assert capsys.readouterr().out == "✓ Correct — because.\n"


@pytest.mark.parametrize("wrong", ["a", "(c)", " C "])
def test_a_wrong_letter_gets_the_hint(wrong):
    with pytest.raises(AssertionError, match="Not what the lesson will show. Think about squares."):
        QUESTION.check(wrong)


@pytest.mark.parametrize("not_a_choice", ["d", "ab", "", 1, None, ["b"], "b c"])
def test_anything_else_lists_the_choices(not_a_choice):
    with pytest.raises(AssertionError, match=r'one letter, one of "a", "b", "c" \(a string\)'):
        QUESTION.check(not_a_choice)


def test_the_answer_must_be_a_choice():
    with pytest.raises(ValueError, match="answer should be one of the choices"):
        Prediction("99", ("a", "b"), "c", hint="", verdict="")


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_asks_for_a_prediction(lesson):
    module = importlib.import_module(f"kmeans_lab.exercises.lesson{lesson}")
    if not hasattr(module, "PREDICTION"):
        assert module.PREDICTION_EXERCISE in [e.number for e in module.EXERCISES]


@pytest.mark.parametrize("lesson", CHOICE_LESSONS)
def test_every_lesson_declares_one_prediction_with_hint_and_answer_on_request(lesson, capsys):
    module = importlib.import_module(f"kmeans_lab.exercises.lesson{lesson}")
    question = module.PREDICTION
    assert isinstance(question, Prediction) and question.lesson == lesson
    assert kl.exercises.prediction_question(int(lesson)) is question
    kl.exercises.hint(lesson, "prediction")
    hint = capsys.readouterr().out
    assert hint.startswith(f"Hint for the prediction of lesson {lesson}") and len(hint) > 60
    for letter in question.choices:  # the hint points the way without naming a letter
        assert f'"{letter}"' not in question.hint and f"({letter})" not in question.hint
    kl.exercises.solution(lesson, "prediction")
    assert f'prediction = "{question.answer}"' in capsys.readouterr().out


@pytest.mark.parametrize("lesson", [n for n in CHOICE_LESSONS if n != "05"])
def test_the_lessons_check_follows_the_rule(lesson, capsys):
    check = importlib.import_module(f"kmeans_lab.exercises.lesson{lesson}").check_prediction
    question = importlib.import_module(f"kmeans_lab.exercises.lesson{lesson}").PREDICTION
    check(...)
    assert capsys.readouterr().out == NOT_ANSWERED + "\n"
    check(f" ({question.answer.upper()}) ")
    assert capsys.readouterr().out == f"✓ Correct — {question.verdict}\n"
    for wrong in set(question.choices) - {question.answer}:
        with pytest.raises(AssertionError, match="Not what the lesson will show"):
            check(wrong)


def test_lesson_05_counts_its_prediction_as_exercise_1(capsys):
    kl.exercises.check_prediction_05(...)
    assert capsys.readouterr().out == "Exercise 1: not answered yet — replace the ... above\n"
    kl.exercises.check_prediction_05("(A)")
    assert capsys.readouterr().out.startswith("✓ Correct — ")


def test_a_lesson_without_a_prediction_says_so(monkeypatch):
    monkeypatch.delattr(kl.exercises.lesson00, "PREDICTION")
    with pytest.raises(ValueError, match="lesson 00 has no prediction question"):
        kl.exercises.hint("00", "prediction")
