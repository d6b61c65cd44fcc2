"""Each lesson-08 check accepts the worked solution and rejects typical wrong answers."""

import numpy as np
import pytest

import kmeans_lab as kl
from kmeans_lab.exercises import lesson08 as ex
from kmeans_lab.fuzzy import fuzzy_centers, fuzzy_membership


def test_memberships_by_hand(capsys):
    ex.check_memberships_by_hand(np.array([16, 4, 1]) / 21)
    assert capsys.readouterr().out.startswith("✓ Correct")
    d = np.array([1.0, 4.0, 16.0])
    wrong = {
        "divide by their total": 1 / d,
        "larger": d / d.sum(),
        "plain": d**-2 / (d**-2).sum(),
        "one membership per centre": [0.5, 0.5],
    }
    for hint, answer in wrong.items():
        with pytest.raises(AssertionError, match=hint):
            ex.check_memberships_by_hand(answer)


def fcm_step(X, centers, m):
    """The worked solution of exercise 2, written out with NumPy."""
    sq_dist = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
    weights = sq_dist ** (-1 / (m - 1))
    membership = weights / weights.sum(axis=1, keepdims=True)
    powered = membership**m
    return membership, (powered.T @ X) / powered.sum(axis=0)[:, None]


def test_fcm_step_accepts_the_solution(capsys):
    ex.check_fcm_step(fcm_step)
    assert capsys.readouterr().out.count("✓ Correct") == 1


def test_fcm_step_agrees_with_the_package():
    X, C = ex._step_problem(0)
    u, centres = fcm_step(X, C, 2.0)
    np.testing.assert_allclose(u, kl.fuzzy_membership(X, C, 2.0))
    np.testing.assert_allclose(centres, kl.fuzzy_centers(X, u, 2.0))


def package_step(X, C, m):
    u = kl.fuzzy_membership(X, C, m)
    return u, kl.fuzzy_centers(X, u, m)


def estimator_step(X, C, m):
    model = kl.FuzzyCMeans(len(C), m=m, init=C, max_iter=1).fit(X)
    return model.membership_, model.cluster_centers_


def imported_step(X, C, m):
    u = fuzzy_membership(X, C, m)
    return u, fuzzy_centers(X, u, m)


@pytest.mark.parametrize(
    "shortcut, name",
    [(package_step, "kl.fuzzy_membership"), (estimator_step, "kl.FuzzyCMeans"),
     (imported_step, "kl.fuzzy_membership")],
)  # fmt: skip
def test_fcm_step_rejects_the_package_as_a_shortcut(shortcut, name):
    with pytest.raises(AssertionError, match=f"calls {name}"):
        ex.check_fcm_step(shortcut)
    # The package works again afterwards.
    X, C = ex._step_problem(1)
    np.testing.assert_allclose(package_step(X, C, 2.0)[0], fcm_step(X, C, 2.0)[0])


def test_fcm_step_rejects_typical_mistakes():
    def transposed(X, C, m):
        u, c = fcm_step(X, C, m)
        return u.T, c

    def weights_by_u(X, C, m):
        u, _ = fcm_step(X, C, m)
        return u, (u.T @ X) / u.sum(axis=0)[:, None]

    def squared_exponent(X, C, m):  # −2/(m−1) applied to squared distances
        sq = ((X[:, None, :] - C[None]) ** 2).sum(axis=2)
        w = sq ** (-2 / (m - 1))
        u = w / w.sum(axis=1, keepdims=True)
        return u, (u.T**m @ X) / (u**m).sum(axis=0)[:, None]

    def not_normalised(X, C, m):
        sq = ((X[:, None, :] - C[None]) ** 2).sum(axis=2)
        return sq ** (-1 / (m - 1)), C

    cases = [
        (transposed, "transpose"),
        (weights_by_u, "u\\*\\*m"),
        (squared_exponent, "check the exponent"),
        (not_normalised, "must sum to 1"),
        (fcm_step(np.zeros((3, 2)), np.ones((1, 2)), 2.0), "not the result"),
    ]
    for answer, hint in cases:
        with pytest.raises(AssertionError, match=hint):
            ex.check_fcm_step(answer)


def test_validity_bounds(capsys):
    ex.check_validity_bounds([0.25, 1.0, 0.0, np.log(4)])
    assert "Correct" in capsys.readouterr().out
    for answer, hint in [
        ([0.25, 1.0, 0.0, 2.0], "natural logarithm"),
        ([0.0, 1.0, 0.0, np.log(4)], "cannot reach 0"),
        ([0.5, 1.0, 0.0, np.log(4)], "memberships equal"),
        ([0.25, 1.0, 0.0], "four numbers"),
    ]:
        with pytest.raises(AssertionError, match=hint):
            ex.check_validity_bounds(answer)


def test_hard_sigma(capsys):
    ex.check_hard_sigma(1.0)
    assert "σ = 1" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="take a smaller σ"):
        ex.check_hard_sigma(2.0)
    with pytest.raises(AssertionError, match="a larger one does too"):
        ex.check_hard_sigma(0.25)
    with pytest.raises(AssertionError, match="Pick σ from the list"):
        ex.check_hard_sigma(0.7)


# The "predict before you run" question of section 6: where the centres go for very large m.
def test_prediction_waits_for_an_answer(capsys):
    ex.check_prediction(...)
    assert capsys.readouterr().out == "Prediction: not answered yet — replace the ... above\n"


def test_prediction_accepts_the_right_choice(capsys):
    ex.check_prediction("b")
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize(
    "wrong, hint",
    [("a", "Not what the lesson will show"), ("c", "Not what the lesson will show"), ("z", "one letter"),
     (2, "one letter")],
)
def test_prediction_rejects_other_choices(wrong, hint):
    with pytest.raises(AssertionError, match=hint):
        ex.check_prediction(wrong)


def test_prediction_hint_does_not_give_the_answer_away(capsys):
    kl.exercises.hint("08", "prediction")
    out = capsys.readouterr().out
    assert "Compare (0.34 / 0.33) ** 50 with 1" in out
    assert '"b"' not in out.replace('"a", "b", "c"', "") and "(b)" not in out
