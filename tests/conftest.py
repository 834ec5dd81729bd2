"""Fixtures shared by the unit tests."""

from __future__ import annotations

from typing import Any

import pytest

from interp import compile as _compile


def _record_flat(monkeypatch: pytest.MonkeyPatch, force: bool) -> list[int]:
    """Record the index of every function compiled in flat mode (forcing
    flat mode on all of them if ``force``)."""
    init = _compile.FunctionCompiler.__init__
    compiled: list[int] = []

    def recording_init(self: Any, *args: Any, **kwargs: Any) -> None:
        if force:
            args = args[:5]  # module, types, index, func, ft; flat is forced below
            kwargs["flat"] = True
        init(self, *args, **kwargs)
        if self.flat:
            compiled.append(self.index)

    monkeypatch.setattr(_compile.FunctionCompiler, "__init__", recording_init)
    return compiled


@pytest.fixture
def flat_only(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Compile every function in flat mode (normally only the too-deep ones);
    the list records the functions compiled, so a test can check it ran flat."""
    return _record_flat(monkeypatch, force=True)


@pytest.fixture
def flat_compiles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The functions compiled in flat mode, the mode chosen as usual: a test
    of the structured mode checks with it that its code did not go flat."""
    return _record_flat(monkeypatch, force=False)


@pytest.fixture(params=["structured", "flat"])
def mode(request: pytest.FixtureRequest) -> str:
    """Run the test in both compile modes: as usual, then every function flat
    (:func:`flat_only`)."""
    if request.param == "flat":
        request.getfixturevalue("flat_only")
    return str(request.param)
