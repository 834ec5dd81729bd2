"""The error categories of the WebAssembly specification.

Every failure the engine reports is one of these, so embedders (and the spec
harness) can tell *why* a module was refused or a call failed:

* :class:`MalformedError` -- the bytes are not a well-formed binary module
  (binary format, spec chapter 5);
* :class:`InvalidError` -- the module is well-formed but does not validate
  (spec chapter 3);
* :class:`LinkError` -- instantiation failed while matching imports
  (spec 4.5.4, "Instantiation", step on external typing);
* :class:`Trap` -- execution trapped (spec 4.4.1 "Traps");
* :class:`Exhaustion` -- a resource limit of the implementation was reached
  (call stack depth, fuel); the spec allows this anywhere (appendix,
  "Implementation Limitations").

Messages use the wording of the reference interpreter, because the official
test scripts compare against it (the expected text is a prefix of ours).
"""

from __future__ import annotations

import enum


class TrapCode(enum.Enum):
    """Why execution stopped: the one table of trap kinds and their wording.

    Modelled on the reference interpreter (``exec/eval.ml`` raises
    ``Trap.error`` / ``Exhaustion.error`` with these texts; integer traps come
    from ``exec/ixx.ml``'s ``DivideByZero`` / ``Overflow``, conversions from
    ``exec/convert.ml``).  Every trap the engine raises carries one of these
    codes (:attr:`Trap.code`); the generated code spells the texts from here.

    Where eval.ml appends details (``"undefined element 5"``,
    ``"uninitialized element 2"``, ``"indirect call type mismatch, expected
    ..."``) the code's text is the fixed prefix and the detail follows it;
    the element traps of ``call_indirect`` name the index, as eval.ml does.  ``UNREACHABLE`` keeps
    the suite's text "unreachable" (eval.ml: "unreachable executed") so that
    the generated code of existing modules stays byte-identical.
    """

    UNREACHABLE = "unreachable"
    MEMORY_OUT_OF_BOUNDS = "out of bounds memory access"
    TABLE_OUT_OF_BOUNDS = "out of bounds table access"
    UNDEFINED_ELEMENT = "undefined element"
    UNINITIALIZED_ELEMENT = "uninitialized element"
    INDIRECT_CALL_TYPE_MISMATCH = "indirect call type mismatch"
    NULL_FUNCTION_REFERENCE = "null function reference"
    INTEGER_DIVIDE_BY_ZERO = "integer divide by zero"
    INTEGER_OVERFLOW = "integer overflow"
    INVALID_CONVERSION = "invalid conversion to integer"
    # later proposals (GC, exceptions), for the engineers adding them
    NULL_REFERENCE = "null reference"
    NULL_STRUCTURE_REFERENCE = "null structure reference"
    NULL_ARRAY_REFERENCE = "null array reference"
    NULL_I31_REFERENCE = "null i31 reference"
    ARRAY_OUT_OF_BOUNDS = "out of bounds array access"
    CAST_FAILURE = "cast failure"
    NULL_EXCEPTION_REFERENCE = "null exception reference"
    # custom descriptors (interp.descriptors)
    NULL_DESCRIPTOR_REFERENCE = "null descriptor reference"
    DESCRIPTOR_CAST_FAILURE = "descriptor cast failure"
    # threads (interp.atomics)
    UNALIGNED_ATOMIC = "unaligned atomic"
    EXPECTED_SHARED_MEMORY = "expected shared memory"
    # the embedding API (eval.ml: Crash "wrong number of arguments")
    WRONG_ARGUMENT_COUNT = "wrong number of arguments"
    WRONG_ARGUMENT_TYPES = "wrong types of arguments"
    # resource exhaustion (class Exhaustion and its subclasses)
    CALL_STACK_EXHAUSTED = "call stack exhausted"
    OUT_OF_FUEL = "all fuel consumed"
    TIMEOUT = "execution exceeded the time limit"
    RESOURCE_LIMIT = "resource limit exceeded"

    @classmethod
    def of_message(cls, message: str) -> TrapCode | None:
        """The code whose text starts ``message`` (None: a host's own trap)."""
        best = None
        for code in cls:
            if message.startswith(code.value) and (
                best is None or len(code.value) > len(best.value)
            ):
                best = code
        return best


class WasmError(Exception):
    """Base class of every error nanowasm raises on purpose."""

    category = "error"

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class MalformedError(WasmError):
    """The binary (or text) is not a well-formed module."""

    category = "malformed"


class InvalidError(WasmError):
    """The module does not validate."""

    category = "invalid"


class LinkError(WasmError):
    """Imports do not match what the module expects."""

    category = "unlinkable"


class Trap(WasmError):
    """Execution trapped; the instance may have been partially modified.

    ``Trap(TrapCode.X)`` or ``Trap(TrapCode.X, "detail")`` (message: the
    code's text, then the detail); ``Trap("text")`` finds its code from the
    text (``code`` is None for a host function's own message).
    """

    category = "trap"

    def __init__(self, what: TrapCode | str = "", detail: str = "") -> None:
        if isinstance(what, TrapCode):
            self.code: TrapCode | None = what
            message = what.value + detail
        else:
            message = what + detail
            self.code = TrapCode.of_message(message)
        super().__init__(message)


class Exhaustion(Trap):
    """A resource was exhausted: call stack depth or fuel.

    It derives from :class:`Trap` because, like a trap, it aborts the current
    computation; harnesses that need to tell them apart check this class
    first.
    """

    category = "exhaustion"


class OutOfFuel(Exhaustion):
    """The store's instruction budget (fuel) ran out."""

    category = "exhaustion"


class Timeout(Exhaustion):
    """The store's wall-clock time limit for one call ran out."""

    category = "exhaustion"
