"""Shared pieces of the exercise checks: the stub rule, the registry and the verdicts.

Every exercise of a lesson has a prompt, an answer cell holding a stub
(``name = ...  # your answer``, or a ``def`` whose body is ``...``) and a check
cell. A check first asks :func:`is_stub`: while the answer is still the stub it
prints one neutral line and returns, so Run All stays green; a wrong answer
raises ``AssertionError`` with a hint; a right one prints the verdict.

Each lesson module lists its exercises, in order, as :class:`Exercise` records
in ``EXERCISES``; :func:`hint` and :func:`solution` read them when a learner
asks.
"""

import dis
import functools
import types
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Exercise", "checks_exercise", "is_stub", "passed", "require"]


#: Instructions that do nothing visible (set-up and padding of the bytecode).
_SETUP_OPS = {"RESUME", "NOP", "CACHE", "EXTENDED_ARG"}


def _returns_none_only(code):
    """Whether ``code`` does nothing but return None (a body of ``...``, ``pass`` or a docstring)."""
    ops = [(i.opname, i.argval) for i in dis.get_instructions(code) if i.opname not in _SETUP_OPS]
    return ops in ([("LOAD_CONST", None), ("RETURN_VALUE", None)], [("RETURN_CONST", None)])


def is_stub(answer):
    """Whether ``answer`` is still the stub of an answer cell.

    Parameters
    ----------
    answer : object
        What the learner stored under the exercise's name.

    Returns
    -------
    bool
        True for ``...`` (also a tuple or list of nothing but ``...``) and for
        a function (plain or wrapped, e.g. by ``functools.cache``) whose body
        is only ``...``, ``pass`` or a docstring. A lambda is never a stub.
    """
    if answer is Ellipsis:
        return True
    if isinstance(answer, (tuple, list)) and answer and all(item is Ellipsis for item in answer):
        return True
    function = answer
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
    if isinstance(function, types.FunctionType):
        code = function.__code__
        return code.co_name != "<lambda>" and _returns_none_only(code)
    return False


def checks_exercise(number):
    """Decorate the check of exercise ``number``: a stub answer prints one neutral line instead.

    Parameters
    ----------
    number : int
        The exercise's number in its lesson (1, 2, ...).

    Returns
    -------
    callable
        A decorator; the decorated check has the attribute ``exercise_number``.
    """

    def decorate(check):
        @functools.wraps(check)
        def checked(answer, *args, **kwargs):
            if is_stub(answer):
                print(f"Exercise {number}: not answered yet — replace the ... above")
                return None
            return check(answer, *args, **kwargs)

        checked.exercise_number = number
        return checked

    return decorate


@dataclass(frozen=True)
class Exercise:
    """One exercise of a lesson, as its prompt, check, hint and solution see it.

    Attributes
    ----------
    number : int
        Position in the lesson's exercises, from 1.
    check : callable
        The ``check_*`` function the check cell calls with the answer.
    name : str
        The variable (or function) the answer cell defines and the check reads.
    expects : str
        What the prompt asks for: type and shape, e.g. ``"a NumPy array of shape (2,)"``.
    hint : str
        A pointer in the right direction, printed by :func:`hint`; never the answer.
    solution : str
        Code that defines ``name``, printed by :func:`solution` and run by the tests.
    context : callable or None
        Returns the names (data, helpers) the lesson defines before the
        exercise and the solution uses, as a dict; ``None`` for none.
    """

    number: int
    check: object
    name: str
    expects: str
    hint: str
    solution: str
    context: object = field(default=None, repr=False)

    def namespace(self):
        """A fresh namespace to run the solution in: ``np``, ``kl`` and the context."""
        import kmeans_lab

        names = {"np": np, "kl": kmeans_lab}
        if self.context is not None:
            names.update(self.context())
        return names


def passed(message):
    """Print the one-line verdict of a right answer."""
    print(f"✓ Correct — {message}")


def require(condition, hint):
    """Fail the exercise with ``hint`` unless ``condition`` holds."""
    if not condition:
        raise AssertionError(hint)


def _verb(name, singular, plural):
    """The verb that agrees with ``name``: "your labels have", "your centre has", "membership has"."""
    words = name.split()
    is_plural = len(words) > 1 and words[-1].endswith("s") and not words[-1].endswith("ss")
    return plural if is_plural else singular


def as_array(answer, name="your answer"):
    """Turn an answer into a float array, or fail with a hint."""
    try:
        return np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(
            f"{name} should be numbers (a list or NumPy array), got {type(answer).__name__}."
        ) from None


def require_shape(array, shape, name="your answer", why=""):
    """Fail unless ``array`` has ``shape``, saying which shape it has."""
    require(
        array.shape == tuple(shape),
        f"{name} {_verb(name, 'has', 'have')} shape {array.shape}, expected {tuple(shape)}."
        + (f" {why}" if why else ""),
    )


def require_close(value, expected, name="your answer", rtol=1e-6, atol=1e-9, hint=""):
    """Fail unless ``value`` is close to ``expected``; the message never shows ``expected``."""
    require(
        np.allclose(value, expected, rtol=rtol, atol=atol),
        f"{name} {_verb(name, 'is', 'are')} not right." + (f" {hint}" if hint else ""),
    )


class forbidden_calls:
    """Make some library functions raise while a learner's function runs.

    A context manager: on entry each ``(owner, attribute)`` pair of ``targets``
    is replaced by a function that records the call and raises, and so is every
    name in ``globals_`` bound to one of the original objects (``from m import
    f``). On exit everything is restored. ``used`` lists what was called.

    Parameters
    ----------
    targets : iterable of (object, str, str)
        ``(module or class, attribute name, name shown to the learner)``.
    globals_ : dict or None
        The learner's function's globals.
    extra_names : dict, optional
        ``{global name: name shown}``: names in ``globals_`` to forbid too.
    """

    class Called(Exception):
        """Raised in place of a forbidden function."""

    def __init__(self, targets, globals_=None, extra_names=None):
        self.targets = [(owner, attr, shown) for owner, attr, shown in targets if hasattr(owner, attr)]
        self.globals = globals_ if globals_ is not None else {}
        self.extra_names = dict(extra_names or {})
        self.used = []
        self._saved = []

    def _raiser(self, shown):
        def forbidden(*args, **kwargs):
            self.used.append(shown)
            raise forbidden_calls.Called(shown)

        return forbidden

    def __enter__(self):
        originals = {}
        for owner, attr, shown in self.targets:
            original = getattr(owner, attr)
            originals[id(original)] = shown
            self._saved.append((owner, attr, original))
            setattr(owner, attr, self._raiser(shown))
        for name, value in list(self.globals.items()):
            shown = originals.get(id(value), self.extra_names.get(name))
            if shown is not None and callable(value):
                self._saved.append((self.globals, name, value))
                self.globals[name] = self._raiser(shown)
        return self

    def require_unused(self, message):
        """Fail with ``message`` (its ``{name}`` filled with the first function called) if any was called."""
        if self.used:
            raise AssertionError(message.format(name=self.used[0]))

    def __exit__(self, *exc_info):
        for owner, attr, original in reversed(self._saved):
            if owner is self.globals:
                owner[attr] = original
            else:
                setattr(owner, attr, original)
        self._saved.clear()
        return False


def learner_globals(function):
    """The globals of ``function`` (unwrapping decorators), or an empty dict."""
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
    return getattr(function, "__globals__", {})
