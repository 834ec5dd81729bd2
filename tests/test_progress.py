"""harness.progress: plain lines in logs, a final line with the figures."""

from __future__ import annotations

import io

from harness.progress import Progress


def test_plain_progress_prints_figures_without_control_characters() -> None:
    out = io.StringIO()
    with Progress("campaign", None, unit="modules", limit_s=60, file=out, interval=0) as p:
        p.advance(5, findings=0)
        p.advance(5, findings=1)
    text = out.getvalue()
    assert "\r" not in text and "\x1b" not in text
    lines = text.splitlines()
    assert lines[-1].startswith("campaign: 10 modules,") and lines[-1].endswith(
        "of 60 s (findings 1) -- done"
    )
    assert len(lines) == 3


def test_progress_with_a_total_and_a_long_interval_prints_once() -> None:
    out = io.StringIO()
    with Progress("converting", 3, unit="scripts", file=out, interval=3600) as p:
        for _ in range(3):
            p.advance()
    assert out.getvalue().count("\n") == 1 and "3/3 scripts" in out.getvalue()


def test_disabled_progress_prints_nothing() -> None:
    out = io.StringIO()
    with Progress("x", 1, file=out, enabled=False) as p:
        p.advance()
    assert out.getvalue() == ""
