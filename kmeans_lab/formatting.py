"""Numbers as the lessons print them, where the default formatting would mislead.

Formatting only, not teaching code.
"""

__all__ = ["format_gap"]


def format_gap(value, floor=1e-9):
    """A non-negative gap (a distance, a difference) to two digits, or ``"< 1e-9"`` below ``floor``.

    Below about 1e-9 a difference between two floating-point results is rounding noise, and printing
    it as ``3.1e-13`` suggests a precision it does not have.

    Parameters
    ----------
    value : float
        The gap, >= 0.
    floor : float, default=1e-9
        Gaps below it are shown as ``"< floor"``.

    Returns
    -------
    str
        ``f"{value:.1e}"`` (``"4.2e-03"``) or ``"< 1e-9"``.
    """
    value, floor = float(value), float(floor)
    if not value >= 0:
        raise ValueError(f"value should be a non-negative number, got {value!r}.")
    if not floor > 0:
        raise ValueError(f"floor should be a positive number, got {floor!r}.")
    if value < floor:
        mantissa, exponent = f"{floor:.0e}".split("e")
        return f"< {mantissa}e{int(exponent)}"
    return f"{value:.1e}"
