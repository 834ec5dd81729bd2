"""Malformed text, with the position where the reference interpreter reports it."""

from __future__ import annotations

from ..errors import MalformedError


class TextError(MalformedError):
    """A text-format error: the message is the reference interpreter's wording
    (so that a script's expected text is a prefix of it); ``line`` and
    ``column`` (1-based) say where, and ``str()`` includes them."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line:
            return f"{self.line}:{self.column}: {self.message}"
        return self.message


def position(src: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of byte ``offset`` in ``src``."""
    line = src.count(b"\n", 0, offset) + 1
    start = src.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1
