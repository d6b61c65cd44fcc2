""""Predict before you run" questions: one multiple-choice guess per lesson, checked.

A lesson asks the learner to guess what a cell will show before running it.
Its exercises module declares the question once and exposes its check::

    PREDICTION = Prediction("04", ("a", "b", "c"), "b", hint="...", verdict="...")


    def check_prediction(prediction):
        \"\"\"The "predict before you run" question of lesson 04: ``prediction``, one of "a", "b", "c".\"\"\"
        PREDICTION.check(prediction)

The answer cell holds ``prediction = ...  # "a", "b" or "c"``; the check cell
calls ``kl.exercises.lessonNN.check_prediction(prediction)``. One rule for every
lesson:

- while the answer is still the stub, the check prints one neutral line,
  :data:`NOT_ANSWERED`, and does not raise;
- an answer is one letter, as a string: ``"a"``, ``"A"``, ``" a "``, ``"(a)"``
  and ``"a)"`` all mean ``"a"``; anything else raises ``AssertionError`` listing
  the choices;
- a wrong letter raises ``AssertionError`` with the hint (a pointer, never the
  letter); the right one prints the verdict;
- ``kl.exercises.hint("04", "prediction")`` prints the hint on request, like an
  exercise's hint, and ``kl.exercises.solution("04", "prediction")`` the answer.

A lesson that counts its prediction among its exercises (lesson 05) wraps
:meth:`Prediction.check` in ``checks_exercise`` instead, so that its stub line
names the exercise.
"""

import textwrap
from dataclasses import dataclass

from ._checks import is_stub, passed, require

__all__ = ["NOT_ANSWERED", "Prediction", "normalise_choice"]

#: What a check prints while the prediction is still the stub.
NOT_ANSWERED = "Prediction: not answered yet — replace the ... above"


def normalise_choice(answer):
    """The letter an answer means: ``" (B) "`` -> ``"b"``; None if it is not a string.

    Parameters
    ----------
    answer : object
        What the learner stored in ``prediction``.

    Returns
    -------
    str or None
        The answer stripped of spaces, quotes and brackets, in lower case.
    """
    if not isinstance(answer, str):
        return None
    return answer.strip().strip("\"'").strip().lstrip("(").rstrip(").").strip().lower()


@dataclass(frozen=True)
class Prediction:
    """A "predict before you run" question of a lesson.

    Attributes
    ----------
    lesson : str
        The lesson's number, ``"04"``.
    choices : tuple of str
        The letters offered, ``("a", "b", "c")``.
    answer : str
        The right letter.
    hint : str
        Shown on a wrong guess and by ``kl.exercises.hint(lesson, "prediction")``: a pointer, not the
        answer.
    verdict : str
        Shown on a right guess: why it is right.
    """

    lesson: str
    choices: tuple
    answer: str
    hint: str
    verdict: str

    def __post_init__(self):
        if self.answer not in self.choices:
            raise ValueError(f"answer should be one of the choices {self.choices}, got {self.answer!r}.")

    @property
    def listed(self):
        """The choices as the messages list them: ``"a", "b", "c"``."""
        return ", ".join(f'"{choice}"' for choice in self.choices)

    def check(self, prediction):
        """Check ``prediction``, one of :attr:`choices`; print :data:`NOT_ANSWERED` for the stub."""
        if is_stub(prediction):
            print(NOT_ANSWERED)
            return
        guess = normalise_choice(prediction)
        require(guess in self.choices,
                f"Answer with one letter, one of {self.listed} (a string); got {prediction!r}.")  # fmt: skip
        require(guess == self.answer,
                f"Not what the lesson will show. {self.hint} Run the next cells to see.")  # fmt: skip
        passed(self.verdict)

    def show_hint(self):
        """Print the hint of the question (what ``kl.exercises.hint(lesson, "prediction")`` prints)."""
        print(f"Hint for the prediction of lesson {self.lesson}, one of {self.listed}:")
        print(textwrap.fill(self.hint, width=100))

    def show_solution(self):
        """Print the answer (what ``kl.exercises.solution(lesson, "prediction")`` prints)."""
        print(f"# The prediction of lesson {self.lesson}: the cells after its check show why")
        print(f'prediction = "{self.answer}"')
