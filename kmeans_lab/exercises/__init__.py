"""Self-checking exercises: ``check_*`` functions, hints and solutions on request.

Each lesson's exercises live in a module of their own, ``lessonNN``, which
lists them in order in ``EXERCISES``. A check cell calls a ``check_*``
function with the learner's answer: while the answer is still the stub
``...`` it prints "not answered yet"; a wrong answer raises
``AssertionError`` with a hint; a right one prints a one-line verdict.

Help comes only when asked for::

    kl.exercises.hint("02", 1)       # a pointer for exercise 1 of lesson 02
    kl.exercises.solution("02", 1)   # the code of a solution
    kl.exercises.hint("02", "prediction")   # a pointer for the lesson's "predict before you run" question

Each lesson's "predict before you run" question is a
:class:`~kmeans_lab.exercises._prediction.Prediction`, declared in its module as
``PREDICTION`` (see that class for the one rule every prediction follows).
"""

import importlib
import textwrap

from . import (
    lesson00,
    lesson01,
    lesson02,
    lesson03,
    lesson04,
    lesson05,
    lesson06,
    lesson07,
    lesson08,
    lesson09,
    lesson10,
    lesson11,
)
from ._checks import Exercise, is_stub
from ._prediction import Prediction
from .lesson00 import *
from .lesson01 import *
from .lesson02 import *
from .lesson03 import *
from .lesson04 import *
from .lesson05 import *
from .lesson06 import *
from .lesson07 import *
from .lesson08 import *
from .lesson09 import *
from .lesson10 import *
from .lesson11 import *

__all__ = ["Exercise", "Prediction", "exercises", "hint", "is_stub", "prediction_question", "solution"]

_LESSONS = (lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08)
for _module in _LESSONS + (lesson09, lesson10, lesson11):
    __all__ += list(_module.__all__)
del _module


def _lesson_key(lesson):
    """``"02"``, ``"2"`` or ``2`` -> ``"02"``."""
    try:
        return f"{int(str(lesson).strip()):02d}"
    except ValueError:
        raise ValueError(f"lesson should be a lesson number such as '02', got {lesson!r}.") from None


def _module(lesson):
    key = _lesson_key(lesson)
    try:
        return importlib.import_module(f".lesson{key}", __name__)
    except ModuleNotFoundError:
        raise ValueError(f"there is no lesson {key} with exercises.") from None


def exercises(lesson):
    """The exercises of ``lesson``, in order.

    Parameters
    ----------
    lesson : str or int
        The lesson's number, ``"02"`` or ``2``.

    Returns
    -------
    tuple of Exercise
    """
    return tuple(_module(lesson).EXERCISES)


def prediction_question(lesson):
    """The "predict before you run" question of ``lesson``.

    Parameters
    ----------
    lesson : str or int
        The lesson's number, ``"04"`` or ``4``.

    Returns
    -------
    Prediction
    """
    question = getattr(_module(lesson), "PREDICTION", None)
    if question is None:
        raise ValueError(f"lesson {_lesson_key(lesson)} has no prediction question.")
    return question


def _exercise(lesson, number):
    found = exercises(lesson)
    for exercise in found:
        if exercise.number == number:
            return exercise
    numbers = ", ".join(str(e.number) for e in found)
    raise ValueError(
        f"lesson {_lesson_key(lesson)} has exercises {numbers}; there is no exercise {number!r}."
    )


def hint(lesson, number):
    """Print a hint for exercise ``number`` of ``lesson`` (a pointer, not the answer).

    Parameters
    ----------
    lesson : str or int
        The lesson's number, ``"02"`` or ``2``.
    number : int or "prediction"
        The exercise's number in the lesson, from 1, or ``"prediction"`` for the lesson's
        "predict before you run" question.
    """
    if number == "prediction":
        prediction_question(lesson).show_hint()
        return
    exercise = _exercise(lesson, number)
    print(f"Hint for exercise {exercise.number} — `{exercise.name}`, {exercise.expects}:")
    print(textwrap.fill(exercise.hint, width=100))


def solution(lesson, number):
    """Print the code of a solution to exercise ``number`` of ``lesson``.

    Nothing runs: copy the code into the answer cell if you want to use it.

    Parameters
    ----------
    lesson : str or int
        The lesson's number, ``"02"`` or ``2``.
    number : int or "prediction"
        The exercise's number in the lesson, from 1, or ``"prediction"``.
    """
    if number == "prediction":
        prediction_question(lesson).show_solution()
        return
    exercise = _exercise(lesson, number)
    print(f"# A solution to exercise {exercise.number} of lesson {_lesson_key(lesson)}")
    print(exercise.solution)
