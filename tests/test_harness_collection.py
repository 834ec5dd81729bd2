"""Collection of spec items: the harness skips pytest's fixture reordering only where it is the identity."""

from __future__ import annotations

from types import SimpleNamespace

from tests.probe import run_probe

PROBE = """
import json, sys, pytest
from _pytest.fixtures import reorder_items

class Probe:
    def pytest_collection_finish(self, session):
        impls = session.config.hook.pytest_collection_modifyitems.get_hookimpls()
        self.out = {
            "wrapped": [getattr(i.function, "_spec_items_skip", False) for i in impls
                        if type(i.plugin).__name__ == "FixtureManager"],
            "ids": [i.nodeid for i in session.items],
            "reordered": [i.nodeid for i in reorder_items(session.items)],
        }

probe = Probe()
rc = pytest.main(sys.argv[1:] + ["--co", "-q", "-p", "no:xdist", "-p", "no:cacheprovider"],
                 plugins=[probe])
print("PROBE" + json.dumps({"rc": int(rc), **probe.out}))
"""


def _collect(*args: str) -> dict:
    return run_probe(PROBE, *args)


def test_spec_items_keep_pytests_order_without_the_reorder() -> None:
    out = _collect("spec/nop.wast", "spec/i32.wast")
    assert out["rc"] == 0 and out["wrapped"] == [True]
    assert len(out["ids"]) > 100
    assert out["ids"] == out["reordered"]  # what pytest's reordering would have produced


class _Impl:
    def __init__(self, plugin: object, function: object) -> None:
        self.plugin, self.function, self.argnames = plugin, function, ("items",)


class _Config:
    """Just what _skip_identity_reorder looks at: the plugin manager and the hook."""

    def __init__(self, impl: _Impl, manager: object) -> None:
        self.pluginmanager = SimpleNamespace(get_plugin=lambda name: manager)
        hook = SimpleNamespace(get_hookimpls=lambda: [impl])
        self.hook = SimpleNamespace(pytest_collection_modifyitems=hook)


def test_the_wrapped_reorder_runs_for_any_other_item() -> None:
    from harness.plugin import WastItem, _skip_identity_reorder

    calls: list[list[object]] = []
    manager = object()
    impl = _Impl(manager, lambda items: calls.append(list(items)))
    config = _Config(impl, manager)
    _skip_identity_reorder(config)  # type: ignore[arg-type]
    _skip_identity_reorder(config)  # type: ignore[arg-type]  # wraps once only
    spec_item = object.__new__(WastItem)
    impl.function([spec_item, spec_item])  # type: ignore[operator]
    assert calls == []
    other = object()
    impl.function([spec_item, other])  # type: ignore[operator]
    assert calls == [[spec_item, other]]
