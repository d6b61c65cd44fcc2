""""Predict before you run" questions: one multiple-choice guess per lesson, checked.

A lesson asks the learner to guess what a cell will show before running it.
The answer cell holds ``prediction = ...  # "a", "b" or "c"``; the check cell
calls the lesson's ``check_prediction``. While the answer is still the stub it
prints one neutral line; a letter that is not a choice raises with the list of
choices; a wrong guess raises ``AssertionError`` with a hint that says what to
think about (never which letter is right); a right guess prints why.
"""

from dataclasses import dataclass

from ._checks import is_stub, passed, require

__all__ = ["Prediction"]


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
        Shown on a wrong guess, and by :meth:`show_hint`: a pointer, not the answer.
    verdict : str
        Shown on a right guess: why it is right.
    """

    lesson: str
    choices: tuple
    answer: str
    hint: str
    verdict: str

    def check(self, prediction):
        """Check ``prediction``, one of :attr:`choices`; print "not answered yet" for the stub."""
        choices = ", ".join(self.choices)
        if is_stub(prediction):
            print(f"Prediction: not answered yet — replace the ... above with one of {choices}")
            return
        guess = str(prediction).strip().lower().strip("()\"'")
        require(guess in self.choices, f"answer with one letter: {choices} (got {prediction!r}).")
        require(guess == self.answer, f"Not what the lesson will show. {self.hint} Run the next cell to see.")
        passed(self.verdict)

    def show_hint(self):
        """Print the hint of the question."""
        print(f"Hint for the prediction of lesson {self.lesson}: {self.hint}")
