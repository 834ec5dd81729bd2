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
    """Execution trapped; the instance may have been partially modified."""

    category = "trap"


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
