"""Validation of the custom sections the engine knows (3.0 spec, appendix
"Custom Sections and Annotations"; branch hinting, code metadata).

A custom section never makes a module invalid in the core specification
(spec 5.5.3), so :func:`interp.validate_module` does not look at them.  The
reference interpreter checks the sections it has a handler for when asked
(``validate_with_custom``, which its script runner uses for every module and
``assert_invalid_custom``); :func:`validate_custom_sections` is that check,
for embedders and test harnesses that want it.

Known sections:

* ``metadata.code.branch_hint`` (branch hinting proposal, Overview.md
  "Design"): a vector of *function branch hints* -- a function index and a
  vector of hints, each a u32 byte offset relative to the function's locals
  declaration, a u32 that must be 1, and a hint byte (0 likely not taken, 1
  likely taken).  Function indices name defined functions and increase;
  offsets increase within a function and point at an ``if`` or ``br_if``.

Wording is the reference interpreter's (``custom/handler_branch_hint.ml``):
errors in the section's own encoding are malformed ("@metadata.code.branch_hint
section: ..."), the others invalid ("@metadata.code.branch_hint annotation:
invalid target" / "invalid order").
"""

from __future__ import annotations

from .binary import decode_leb128_u32
from .errors import InvalidError, MalformedError
from .opcodes import OP
from .types import Module

BRANCH_HINT = "metadata.code.branch_hint"
_HINTED = frozenset((OP["if"], OP["br_if"]))
"""The instructions a branch hint may annotate."""


def _malformed(msg: str) -> MalformedError:
    return MalformedError(f"@{BRANCH_HINT} section: {msg}")


def _invalid(msg: str) -> InvalidError:
    return InvalidError(f"@{BRANCH_HINT} annotation: {msg}")


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def u32(self) -> int:
        try:
            value, self.pos = decode_leb128_u32(self.data, self.pos)
        except MalformedError:  # truncated or over-long: the section's own encoding
            raise _malformed("unexpected end") from None
        return value

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise _malformed("unexpected end")
        b = self.data[self.pos]
        self.pos += 1
        return b


def check_branch_hints(module: Module, data: bytes) -> None:
    """Check one ``metadata.code.branch_hint`` section's contents against ``module``."""
    r = _Reader(data)
    nimported = len(module.imported("func"))
    last_func = -1
    for _ in range(r.u32()):
        funcidx = r.u32()
        defined = funcidx - nimported
        if not 0 <= defined < len(module.funcs):
            raise _invalid(f"invalid function index {funcidx}")
        if funcidx <= last_func:  # increasing, each function at most once
            raise _invalid("invalid order")
        last_func = funcidx
        func = module.funcs[defined]
        if func.body_start is None or len(func.offsets) != len(func.body):
            raise _invalid(f"no instruction offsets for function {funcidx}")
        at = {off - func.body_start: i for i, off in enumerate(func.offsets)}
        last_offset = -1
        for _ in range(r.u32()):
            offset = r.u32()
            if r.u32() != 1:
                raise _malformed("missing reserved byte")
            if r.byte() not in (0, 1):
                raise _malformed("invalid hint value")
            if offset <= last_offset:  # increasing, each instruction at most once
                raise _invalid("invalid order")
            last_offset = offset
            index = at.get(offset)
            if index is None:
                raise _invalid("invalid offset")
            if func.body[index][0] not in _HINTED:
                raise _invalid("invalid target")
    if r.pos != len(data):
        raise _malformed("unexpected content after the last function")


CHECKS = {BRANCH_HINT: check_branch_hints}
"""Custom section name -> the check of its contents."""


def validate_custom_sections(module: Module) -> None:
    """Raise if a custom section the engine knows does not fit ``module``.

    Call it after :func:`interp.validate_module` (it relies on a well-formed
    code section); unknown custom sections are ignored.
    """
    for custom in module.customs:
        check = CHECKS.get(custom.name)
        if check is not None:
            check(module, custom.data)
