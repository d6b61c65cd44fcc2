"""The "predict before you run" record: stub waits, a wrong guess gets the hint, a right one the verdict."""

import pytest

from kmeans_lab.exercises._prediction import Prediction

QUESTION = Prediction("99", ("a", "b", "c"), "b", hint="Think about squares.", verdict="because.")


def test_the_stub_waits(capsys):
    QUESTION.check(...)
    assert capsys.readouterr().out.startswith("Prediction: not answered yet")


def test_right_wrong_and_not_a_choice(capsys):
    QUESTION.check(" B ")
    assert capsys.readouterr().out == "✓ Correct — because.\n"
    with pytest.raises(AssertionError, match="Think about squares"):
        QUESTION.check("a")
    with pytest.raises(AssertionError, match="one letter"):
        QUESTION.check("d")
    QUESTION.show_hint()
    assert "Think about squares" in capsys.readouterr().out
