"""Outcomes of spec items and the one definition of *pass rate*.

Every figure the testbed prints or draws -- the terminal summary, the JSON
record, the README block, the page, the matrix and the history plots --
computes its pass rate with :func:`pass_rate`, so two views of one record
can never disagree.

*Pass rate* = passed / items run, where an item *ran* unless it was skipped.
Expected failures (``xfailed``), unexpected passes of strict expected failures
(``xpassed``), failures and errors all ran and all count against the engine.
Skipped items (text-format modules for an engine without a text parser,
values an adapter cannot express) did not run; they are not hidden: every
view shows their number next to the rate.
"""

from __future__ import annotations

from collections.abc import Mapping

OUTCOMES = ("passed", "failed", "skipped", "xfailed", "xpassed", "error")


def empty() -> dict[str, int]:
    return dict.fromkeys(OUTCOMES, 0)


def total(counts: Mapping[str, int]) -> int:
    """All items, skipped included."""
    return sum(counts.get(k, 0) for k in OUTCOMES)


def ran(counts: Mapping[str, int]) -> int:
    """Items that ran: all items but the skipped ones (the pass-rate denominator)."""
    return total(counts) - counts.get("skipped", 0)


def pass_rate(counts: Mapping[str, int]) -> float:
    """Passed items over items run, in percent (0.0 when nothing ran)."""
    n = ran(counts)
    return 100.0 * counts.get("passed", 0) / n if n else 0.0


def fraction(counts: Mapping[str, int]) -> str:
    """``"115/115"``: passed over items run, the form every table shows."""
    return f"{counts.get('passed', 0)}/{ran(counts)}"


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage with one decimal, rounded *down*
    (integer arithmetic): "100.0%" only when it is all of them, so a figure
    never overstates (10,757 of 10,761 is "99.9%")."""
    if not whole:
        return "-"
    tenths = 1000 * part // whole
    return f"{tenths // 10}.{tenths % 10}%"


def rate_text(counts: Mapping[str, int]) -> str:
    """The pass rate as :func:`percent` prints it ("-" when nothing ran)."""
    return percent(counts.get("passed", 0), ran(counts))


def describe(counts: Mapping[str, int]) -> str:
    """``"115/115 (100.0%), 11 skipped"``."""
    n = ran(counts)
    rate = rate_text(counts) if n else "-"
    skipped = counts.get("skipped", 0)
    return f"{fraction(counts)} ({rate})" + (f", {skipped} skipped" if skipped else "")
