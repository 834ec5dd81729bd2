"""harness.scheduler makes xdist's ``--dist loadfile`` decisions, message for message."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("xdist")

from xdist.remote import Producer
from xdist.scheduler import LoadFileScheduling

from harness.scheduler import FastLoadFileScheduling


class FakeNode:
    """A worker as the scheduler sees it: it runs what it is sent, in order."""

    def __init__(self, name: str, trace: list[Any]) -> None:
        self.gateway = SimpleNamespace(id=name)
        self.shutting_down = False
        self.queue: list[int] = []
        self.trace = trace

    def send_runtest_some(self, indices: list[int]) -> None:
        self.trace.append((self.gateway.id, "run", list(indices)))
        self.queue.extend(indices)

    def shutdown(self) -> None:
        self.trace.append((self.gateway.id, "shutdown"))
        self.shutting_down = True


def _config(workers: int, reorder: bool) -> Any:
    return SimpleNamespace(
        getvalue=lambda name: [f"{workers}*popen"] if name == "tx" else None,
        option=SimpleNamespace(loadscopereorder=reorder),
        hook=SimpleNamespace(pytest_collectreport=lambda report: None),
    )


def _collection(rng: random.Random) -> list[str]:
    ids = []
    for f in range(rng.randint(1, 40)):
        ids += [f"spec/s{f}.wast::line_{j}" for j in range(rng.randint(1, 30))]
    return ids


def _run(cls: type, seed: int, workers: int, reorder: bool, crash: bool) -> list[Any]:
    """Drive a scheduler through a whole run; everything it decides is traced."""
    rng = random.Random(seed)
    ids = _collection(rng)
    trace: list[Any] = []
    sched = cls(_config(workers, reorder), Producer("sched", enabled=False))
    nodes = [FakeNode(f"gw{i}", trace) for i in range(workers)]
    for node in nodes:
        sched.add_node(node)
    for node in nodes:
        # every worker collects its own strings (equal, not identical)
        sched.add_node_collection(node, ["".join(list(i)) for i in ids])
    sched.schedule()
    crash_at = rng.randint(0, len(ids)) if crash else -1
    step = 0
    while True:
        busy = [n for n in nodes if n.queue and n in sched.assigned_work]
        if not busy:
            break
        node = rng.choice(busy)
        if step == crash_at:
            node.queue.clear()
            trace.append((node.gateway.id, "crashed", sched.remove_node(node)))
        else:
            sched.mark_test_complete(node, node.queue.pop(0))
        trace.append((sched.tests_finished, sched.has_pending))
        trace.append([sched._pending_of(sched.assigned_work[n]) for n in sched.nodes])
        step += 1
    return trace


@pytest.mark.parametrize("seed", range(40))
def test_same_decisions_as_xdists_loadfile(seed: int) -> None:
    workers = 1 + seed % 3
    reorder = seed % 2 == 0
    crash = seed % 4 == 1 and workers > 1
    fast = _run(FastLoadFileScheduling, seed, workers, reorder, crash)
    assert any(isinstance(t, tuple) and t[1] == "run" for t in fast)  # something was scheduled
    assert fast == _run(LoadFileScheduling, seed, workers, reorder, crash)


def test_the_plugin_uses_it_for_loadfile_only() -> None:
    from harness.plugin import pytest_xdist_make_scheduler

    def config(dist: str) -> Any:
        c = _config(2, False)
        c.getvalue = lambda name: dist if name == "dist" else ["2*popen"]
        return c

    assert type(pytest_xdist_make_scheduler(config("loadfile"), None)) is FastLoadFileScheduling
    assert pytest_xdist_make_scheduler(config("load"), None) is None


def test_it_fits_the_installed_xdist() -> None:
    from harness.scheduler import fits_this_xdist

    assert fits_this_xdist()
