"""Live progress for long testbed work (script conversion, fuzz campaigns,
differential runs, bench sessions, ``reports record``).

On a terminal it is a `rich <https://rich.readthedocs.io>`_ progress bar
(done/total or elapsed/limit, rate, time left, and extra figures such as
"findings so far"); rich is an optional dependency (extra ``progress``, part
of ``harness``/``fuzz``/``bench``).  Without rich, or when the output is not
a terminal (CI logs), a plain line is printed at most every ``interval``
seconds and once at the end -- readable in a log, no control characters.

The engine (``interp``) never imports this module.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import IO, Any


class Progress:
    """``with Progress("converting", total=257, unit="scripts") as p: p.advance()``.

    ``total=None`` with ``limit_s`` set shows elapsed/limit (time-bounded
    campaigns); ``fields`` are extra figures shown after the counts.
    """

    def __init__(
        self,
        description: str,
        total: float | None = None,
        *,
        unit: str = "items",
        limit_s: float | None = None,
        file: IO[str] | None = None,
        interval: float = 10.0,
        enabled: bool = True,
        live: bool = True,
    ) -> None:
        self.description = description
        self.total = total
        self.unit = unit
        self.limit_s = limit_s
        self.file = file if file is not None else sys.stderr
        self.interval = interval
        self.enabled = enabled
        self.live = live  # False: plain lines even on a terminal (children print there too)
        self.done = 0.0
        self.fields: dict[str, Any] = {}
        self._start = time.monotonic()
        self._last_line = self._start
        self._rich: Any = None
        self._task: Any = None

    # -- context ---------------------------------------------------------------------

    def __enter__(self) -> Progress:
        self._start = self._last_line = time.monotonic()
        if self.enabled and self.live and _is_tty(self.file):
            try:
                self._rich, self._task = _rich_progress(self)
            except ImportError:
                self._rich = None
        return self

    def __exit__(
        self, typ: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._rich is not None:
            self._update_rich()
            self._rich.stop()  # the bar stays on screen with its final figures
        elif self.enabled:
            self._line(final=True)

    # -- updates -----------------------------------------------------------------------

    def advance(self, n: float = 1, **fields: Any) -> None:
        self.done += n
        self.update(**fields)

    def update(self, *, done: float | None = None, **fields: Any) -> None:
        if done is not None:
            self.done = done
        self.fields.update(fields)
        if not self.enabled:
            return
        if self._rich is not None:
            self._update_rich()
            return
        now = time.monotonic()
        if now - self._last_line >= self.interval:
            self._last_line = now
            self._line()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def summary(self) -> str:
        """``converting: 120/257 scripts, 3.1 scripts/s, 38 s (findings 0)``."""
        el = self.elapsed
        count = f"{self.done:g}/{self.total:g}" if self.total is not None else f"{self.done:g}"
        rate = f"{self.done / el:.1f} {self.unit}/s" if el > 0 else f"- {self.unit}/s"
        when = f"{el:.0f} s" + (f" of {self.limit_s:.0f} s" if self.limit_s else "")
        extra = ", ".join(f"{k} {_fmt(v)}" for k, v in self.fields.items())
        return f"{self.description}: {count} {self.unit}, {rate}, {when}" + (
            f" ({extra})" if extra else ""
        )

    def _line(self, final: bool = False) -> None:
        if self._rich is not None and not final:
            return
        print(self.summary() + (" -- done" if final else ""), file=self.file, flush=True)

    def _update_rich(self) -> None:
        total = self.total
        completed = self.done
        if total is None and self.limit_s:
            total, completed = self.limit_s, min(self.elapsed, self.limit_s)
        extra = "  ".join(f"{k} {_fmt(v)}" for k, v in self.fields.items())
        self._rich.update(
            self._task,
            total=total,
            completed=completed,
            count=f"{self.done:g}" + (f"/{self.total:g}" if self.total else ""),
            rate=f"{self.done / self.elapsed:.1f}" if self.elapsed else "-",
            extra=extra,
        )


def _fmt(v: Any) -> str:
    return f"{v:,}" if isinstance(v, int) else f"{v:.1f}" if isinstance(v, float) else str(v)


def _is_tty(f: IO[str]) -> bool:
    try:
        return f.isatty()
    except (AttributeError, ValueError):
        return False


def _rich_progress(p: Progress) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    bar = RichProgress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]} " + p.unit),
        TextColumn("{task.fields[rate]}/s"),
        TimeElapsedColumn(),
        TextColumn("elapsed,"),
        TimeRemainingColumn(),
        TextColumn("left"),
        TextColumn("{task.fields[extra]}"),
        console=Console(file=p.file),
        transient=False,
        refresh_per_second=4,
    )
    bar.start()
    task = bar.add_task(
        p.description,
        total=p.total if p.total is not None else p.limit_s,
        count="0",
        rate="-",
        extra="",
    )
    return bar, task


@contextmanager
def progress(description: str, total: float | None = None, **kw: Any) -> Iterator[Progress]:
    with Progress(description, total, **kw) as p:
        yield p
