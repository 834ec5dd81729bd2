"""xdist's ``--dist loadfile`` scheduling, with its bookkeeping in O(1) per event.

Why: with ``-n``, the plugin defaults to ``--dist loadfile`` (a script's items
stay on one worker, so its instances are built once).  pytest-xdist's
:class:`~xdist.scheduler.LoadFileScheduling` (3.x) does three things that cost
time proportional to the size of the run *for every event*, so a run of the
67,119 spec items spends minutes of the controller's CPU in the scheduler,
and the controller is the critical path of a 2-worker run on 2 cores
(bench/README.md, "The suite"):

* ``_assign_work_unit`` finds each item's index with ``list.index`` in the
  worker's collection (quadratic over the run);
* ``_pending_of`` counts the pending items of a worker by walking every work
  unit ever assigned to it, and it runs after every finished item
  (``_reschedule``) and, once the queue is empty, after every event the
  controller receives (``tests_finished``, ~6 events per item).

:class:`FastLoadFileScheduling` makes the same decisions (same work units,
same order, same low-water mark, same shutdown) from an index per worker and
a running count of each workload's pending items.  Anything it does not
override is xdist's own code; ``tests/test_harness_scheduler.py`` replays
runs against xdist's class and compares every message sent to the workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xdist.scheduler import LoadFileScheduling

#: the methods of xdist's class that this one overrides or relies on (xdist 3.x)
_XDIST_METHODS = (
    "_assign_work_unit",
    "_pending_of",
    "_reschedule",
    "_split_scope",
    "mark_test_complete",
    "add_node",
    "remove_node",
    "add_node_collection",
    "schedule",
)


def fits_this_xdist() -> bool:
    """Whether the installed xdist's class has the shape this one was written for."""
    return all(callable(getattr(LoadFileScheduling, m, None)) for m in _XDIST_METHODS)


class FastLoadFileScheduling(LoadFileScheduling):  # type: ignore[misc]  # xdist is untyped here
    """``LoadFileScheduling`` with an index per worker and pending counts."""

    def __init__(self, config: Any, log: Any = None) -> None:
        super().__init__(config, log)
        #: id(workload) -> [workload, pending items]; the workload is held so
        #: that its id cannot be reused by another dict while counted
        self._pending: dict[int, list[Any]] = {}
        #: worker -> {nodeid: index in that worker's collection}
        self._index: dict[Any, dict[str, int]] = {}

    # -- counts -------------------------------------------------------------------

    def _pending_of(self, workload: dict[str, dict[str, bool]]) -> int:
        entry = self._pending.get(id(workload))
        if entry is not None and entry[0] is workload:
            return int(entry[1])
        return int(super()._pending_of(workload))  # a workload not tracked: count it

    def _count(self, workload: dict[str, dict[str, bool]]) -> list[Any]:
        entry = self._pending.get(id(workload))
        if entry is None or entry[0] is not workload:
            entry = self._pending[id(workload)] = [workload, super()._pending_of(workload)]
        return entry

    def add_node(self, node: Any) -> None:
        super().add_node(node)
        self._count(self.assigned_work[node])

    def remove_node(self, node: Any) -> str | None:
        workload = self.assigned_work.get(node)
        try:
            return super().remove_node(node)  # type: ignore[no-any-return]
        finally:
            if workload is not None:
                self._pending.pop(id(workload), None)
            self._index.pop(node, None)

    def mark_test_complete(self, node: Any, item_index: int, duration: float = 0) -> None:
        nodeid = self.registered_collections[node][item_index]
        scope = self._split_scope(nodeid)
        workload = self.assigned_work[node]
        unit = workload[scope]
        if not unit[nodeid]:
            self._count(workload)[1] -= 1
        unit[nodeid] = True
        self._reschedule(node)

    # -- assignment ---------------------------------------------------------------

    def _assign_work_unit(self, node: Any) -> None:
        """xdist's ``_assign_work_unit``, with the indices from a dict."""
        assert self.workqueue
        scope, work_unit = self.workqueue.popitem(last=False)
        assigned_to_node = self.assigned_work.setdefault(node, {})
        entry = self._count(assigned_to_node)
        old = assigned_to_node.get(scope)
        if old is not None:  # replaced (xdist would lose its pending items too)
            entry[1] -= list(old.values()).count(False)
        assigned_to_node[scope] = work_unit
        index = self._index.get(node)
        if index is None:
            collection: Sequence[str] = self.registered_collections[node]
            index = self._index[node] = {}
            for i, nodeid in enumerate(collection):
                index.setdefault(nodeid, i)  # first occurrence, as list.index
        pending = [nodeid for nodeid, completed in work_unit.items() if not completed]
        entry[1] += len(pending)
        node.send_runtest_some([index[nodeid] for nodeid in pending])
