"""Test reports on the wire from an xdist worker to the controller, in one string.

Why: a worker hands each report to the controller as the nested dict of
``TestReport._to_json`` (~15 keys, the location tuple, keywords, user
properties, sections), which execnet serialises and unserialises object by
object in pure Python: ~65 µs to write and ~85 µs to read a spec item's
call report, more with the messages a negative assertion records (bench/README.md,
"The suite").  Here the worker packs that same dict with :mod:`marshal`
(C, types kept: tuples stay tuples, ints and floats exact) and sends one
``bytes`` value; the controller unpacks it and builds the report through
the hook's usual implementation, so it gets the object it got before, key
for key.  xdist's own keys (``item_index``, ``worker_id``, ``testrun_uid``,
added after serialisation) travel beside the packed bytes and are put back
in the same order.

A report that :mod:`marshal` cannot write (an object of a type of its own
in ``user_properties``) goes the usual way, as does everything when another
plugin implements either hook, outside an xdist worker, and with
``--pytest-protocol``.  Both ends are the same Python (xdist's ``popen``
workers run the controller's interpreter), which is what marshal needs.
``tests/test_harness_protocol.py`` compares reports rebuilt both ways.
"""

from __future__ import annotations

import marshal
from typing import Any

import pytest

#: the ``$report_type`` of a packed report
PACKED = "nanowasm.PackedTestReport"

#: implementers of the two hooks under which packing is invisible (pytest's
#: subtests plugin handles its own ``SubtestReport`` only, which is never packed:
#: :func:`harness.plugin.pytest_report_to_serializable` packs exact ``TestReport``\s)
KNOWN = frozenset({"harness.plugin", "_pytest.reports", "_pytest.subtests"})

_PACK = pytest.StashKey[bool]()


def _names(impls: list[Any]) -> set[str]:
    return {str(getattr(i.plugin, "__name__", type(i.plugin).__qualname__)) for i in impls}


def packing(config: pytest.Config) -> bool:
    """Whether this process is an xdist worker that may pack its reports (once per run)."""
    hit = config.stash.get(_PACK, None)
    if hit is None:
        hook = config.pluginmanager.hook
        hit = config.stash[_PACK] = (
            hasattr(config, "workerinput")
            and not config.getoption("pytest_protocol", False)
            and _names(hook.pytest_report_to_serializable.get_hookimpls()) <= KNOWN
            and _names(hook.pytest_report_from_serializable.get_hookimpls()) <= KNOWN
        )
    return hit


def pack(report: pytest.TestReport) -> dict[str, Any] | None:
    """The serialisable form of ``report``: pytest's dict, marshalled; None if it cannot be."""
    data = report._to_json()
    data["$report_type"] = "TestReport"  # as pytest's pytest_report_to_serializable
    try:
        packed = marshal.dumps(data)
    except ValueError:  # a value of a type of its own: execnet's way decides
        return None
    return {"$report_type": PACKED, "packed": packed}


def unpack(config: pytest.Config, data: dict[str, Any]) -> Any:
    """The report ``pack`` packed, built as pytest builds an unpacked one."""
    inner: dict[str, Any] = marshal.loads(data["packed"])
    for key, value in data.items():  # what xdist added after serialisation
        if key not in ("$report_type", "packed"):
            inner[key] = value
    return config.hook.pytest_report_from_serializable(config=config, data=inner)
