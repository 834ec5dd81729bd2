"""The instruction families and the one place that builds the dispatch tables from them.

Each family is data (an :class:`interp.opcodes.Family`; the pattern is
described in :mod:`interp.opcodes`).  :func:`build` merges the families of
:data:`FAMILIES` into the tables the decoder, validator and compiler look
instructions up in, and ``import interp`` runs it once.  Importing a family
module has no side effect, and the tables do not depend on the order of the
list: any two families that define the same key differently are refused,
except a code generator that a family declares it replaces
(``Family.replaces``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import (
    binary,
    compile,
    descriptors,
    exceptions,
    gc,
    legacy_exceptions,
    opcodes,
    runtime,
    simd,
    threads,
    validate,
    wide,
)
from .opcodes import Family, OpInfo


def core_family() -> Family:
    """The core table (:mod:`interp.opcodes`) and its decoder, validator and compiler pieces."""
    return Family(
        "core",
        opcodes.CORE_OPCODES,
        immediates=binary.CORE_IMMEDIATES,
        immediate_checks=validate.CORE_IMMEDIATE_CHECKS,
        rules=validate.CORE_RULES,
        handlers=compile.CORE_HANDLERS,
        namespace=compile.CORE_NAMESPACE,
        branch_labels=opcodes.CORE_BRANCH_LABELS,
        block_openers=frozenset({"block", "loop", "if"}),
        data_instrs=frozenset({"memory.init", "data.drop"}),
        fuel_free=frozenset({"nop", "block", "loop", "else", "end"}),
    )


FAMILIES: tuple[Family, ...] = (
    core_family(),
    exceptions.FAMILY,
    gc.FAMILY,
    descriptors.FAMILY,
    legacy_exceptions.FAMILY,
    simd.FAMILY,
    threads.FAMILY,
    wide.FAMILY,
)
"""Every instruction family of the engine (order irrelevant)."""


def _merge(
    what: str, parts: Iterable[tuple[str, Mapping[Any, Any]]], shared_ok: bool = True
) -> dict[Any, Any]:
    """Union of the families' mappings; a key defined twice is an engine bug
    (unless both bind the very same object and ``shared_ok``: a helper two
    families' generated code call)."""
    out: dict[Any, Any] = {}
    owner: dict[Any, str] = {}
    for family, mapping in parts:
        for key, value in mapping.items():
            if key in out and (not shared_ok or out[key] is not value):
                raise ValueError(f"{what} {key!r} defined by both {owner[key]} and {family}")
            out[key] = value
            owner.setdefault(key, family)
    return out


def _fill(table: dict[Any, Any] | set[Any], content: Mapping[Any, Any] | set[Any]) -> None:
    """Replace a table's content in place (modules hold it by ``from ... import``)."""
    table.clear()
    table.update(content)  # type: ignore[arg-type]


def build(families: Iterable[Family] = FAMILIES) -> None:
    """Build every dispatch table of the engine from ``families``."""
    families = tuple(families)
    names = [f.name for f in families]
    if len(set(names)) != len(names):
        raise ValueError(f"a family listed twice: {names}")

    ops: dict[int, OpInfo] = _merge("opcode", ((f.name, f.opcodes) for f in families), False)
    by_name = _merge(
        "instruction", ((f.name, {i.name: i for i in f.opcodes.values()}) for f in families), False
    )
    if len(by_name) != len(ops):
        raise ValueError("two opcodes share a name")

    # code generators: a family's own instructions, then the ones it replaces
    replaced = {name for f in families for name in f.replaces}
    own = _merge(
        "code generator",
        ((f.name, {k: v for k, v in f.handlers.items() if k not in f.replaces}) for f in families),
    )
    wrappers = _merge(
        "replacing code generator",
        ((f.name, {k: f.handlers[k] for k in f.replaces}) for f in families),
    )
    for name in replaced:
        if name not in own:
            raise ValueError(f"a family replaces the code generator of {name}, which none defines")
    handlers = {**own, **wrappers}
    unknown = sorted(set(handlers) - set(by_name)) + sorted(
        set(_merge("rule", ((f.name, f.rules) for f in families))) - set(by_name)
    )
    if unknown:
        raise ValueError(f"handlers or rules for unknown instructions: {unknown}")

    _fill(opcodes.OPCODES, ops)
    _fill(opcodes.BY_NAME, by_name)
    opcodes.PREFIXES = frozenset(code >> 16 for code in ops if code > 0xFF)
    _fill(
        opcodes.BRANCH_LABELS, _merge("branch kind", ((f.name, f.branch_labels) for f in families))
    )
    for info in ops.values():
        if info.branch and info.imm not in opcodes.BRANCH_LABELS:
            raise ValueError(f"{info.name}: branch instruction without a label reader")

    _fill(
        binary.IMMEDIATE_READERS,
        _merge("immediate kind", ((f.name, f.immediates) for f in families)),
    )
    openers = {by_name[name].code for f in families for name in f.block_openers}
    _fill(binary.BLOCK_OPENERS, openers)
    _fill(compile.BLOCK_OPENERS, openers)
    markers = _merge("block marker", ((f.name, f.block_markers) for f in families), False)
    _fill(
        binary.BLOCK_MARKERS,
        {
            by_name[m].code: {by_name[s].code: None if t is None else by_name[t].code
                              for s, t in after.items()}
            for m, after in markers.items()
        },
    )  # fmt: skip
    closing = {by_name[m].code for m, after in markers.items() if None in after.values()}
    _fill(compile.BLOCK_CLOSERS, {by_name["end"].code} | closing)
    _fill(
        compile.BLOCK_MIDDLES, {by_name["else"].code} | {by_name[m].code for m in markers} - closing
    )
    _fill(compile.FREE_OPS, {by_name[n].code for f in families for n in f.fuel_free})
    _fill(compile.CATCHING, {by_name[n].code for f in families for n in f.catching})

    _fill(
        validate.IMMEDIATE_CHECKS,
        _merge("immediate check", ((f.name, f.immediate_checks) for f in families)),
    )
    _fill(validate._RULES, _merge("rule", ((f.name, f.rules) for f in families)))
    validate._DISPATCH.clear()

    _fill(compile.FunctionCompiler.HANDLERS, {by_name[n].code: h for n, h in handlers.items()})
    compile.STRUCTURE.clear()  # remade from the tables above on first use
    flat_except = [f.flat_except for f in families if f.flat_except is not None]
    if len(flat_except) > 1:
        raise ValueError("more than one family wraps flat-mode code in its exception handler")
    compile.FLAT_EXCEPT[:] = flat_except
    _fill(compile._BASE, _merge("generated-code name", ((f.name, f.namespace) for f in families)))
    binary._DATA_INSTRS = frozenset(by_name[name].code for f in families for name in f.data_instrs)
    evaluators = _merge("constant evaluator", ((f.name, f.const_evaluators) for f in families))
    for name in evaluators:
        if not by_name[name].const:
            raise ValueError(f"a constant evaluator for {name}, which is not constant")
    _fill(runtime.CONST_EVALUATORS, {by_name[n].code: ev for n, ev in evaluators.items()})
