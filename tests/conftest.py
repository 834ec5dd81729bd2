"""Fixtures shared by the unit tests."""

from __future__ import annotations

from typing import Any

import pytest

from interp import compile as _compile


@pytest.fixture
def flat_only(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Compile every function in flat mode (normally only the too-deep ones);
    the list records the functions compiled, so a test can check it ran flat."""
    init = _compile.FunctionCompiler.__init__
    compiled: list[int] = []

    def flat_init(self: Any, *args: Any, **kwargs: Any) -> None:
        args = args[:5]  # module, types, index, func, ft; flat is forced below
        kwargs["flat"] = True
        compiled.append(args[2])
        init(self, *args, **kwargs)

    monkeypatch.setattr(_compile.FunctionCompiler, "__init__", flat_init)
    return compiled
