"""Questions to predict before you run: a guess checked before the lesson shows the answer.

A prediction cell holds a stub, ``prediction = ...  # "a", "b" or "c"``; the
check cell below it calls the lesson's ``check_prediction``. While the answer is
the stub it prints one neutral line; a letter that is not one of the choices, or
a wrong guess, raises ``AssertionError`` with a hint (never the answer); the
right letter prints a one-line verdict. The cells after the check show why.
"""

from ._checks import is_stub, passed, require

__all__ = ["NOT_ANSWERED", "checks_prediction"]

#: What a check prints while the prediction is still the stub.
NOT_ANSWERED = "Prediction: not answered yet — replace the ... above"


def checks_prediction(choices, right, hint, verdict):
    """Build the check of one prediction.

    Parameters
    ----------
    choices : str
        The letters the learner may answer, e.g. ``"abc"``.
    right : str
        The right letter.
    hint : str
        What a wrong guess is told: something to think about, not the answer.
    verdict : str
        The one-line verdict of the right guess.

    Returns
    -------
    callable
        ``check(prediction)``, which prints or raises as described above.
    """
    listed = ", ".join(f'"{c}"' for c in choices)

    def check(prediction):
        """Check a prediction: one of the letters offered."""
        if is_stub(prediction):
            print(NOT_ANSWERED)
            return
        answer = prediction.strip().lower() if isinstance(prediction, str) else prediction
        require(isinstance(answer, str) and len(answer) == 1 and answer in choices,
                f"Answer with one of {listed} (a string), got {prediction!r}.")  # fmt: skip
        require(answer == right, f"Not quite. {hint}")
        passed(verdict)

    return check
