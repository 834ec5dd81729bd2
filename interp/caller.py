"""What a caller-aware host function sees of the instance that calls it.

As wasmtime's ``Caller``: a host function declared with ``caller=True``
(``HostFunc(ft, fn, caller=True)`` or ``@host.func(..., caller=True)``)
receives a :class:`Caller` as its first argument, before the wasm values.
It is bound when an instance *imports* the function, so the caller is the
importing instance -- its exports, its memory -- with no late binding after
instantiation.  Each importing instance gets its own bound function instance
(re-exported, it keeps the caller it was bound to); called without being
imported, it sees ``Caller(None)``: no exports, no memory.
"""

from __future__ import annotations

from typing import Any


class Caller:
    """The calling instance of a host function: ``exports``, ``memory``, ``instance``."""

    __slots__ = ("instance",)

    def __init__(self, instance: Any) -> None:
        self.instance = instance

    @property
    def exports(self) -> dict[str, Any]:
        """The calling instance's exports (filled before its start function runs)."""
        if self.instance is None:  # called without being imported
            return {}
        exports: dict[str, Any] = self.instance.exports
        return exports

    @property
    def memory(self) -> Any:
        """The exported ``memory`` (the WASI convention), else memory 0, else ``None``."""
        mem = self.exports.get("memory")
        if mem is None and self.instance is not None and self.instance.mems:
            mem = self.instance.mems[0]
        return mem

    def get_export(self, name: str) -> Any:
        """One export by name, or ``None``."""
        return self.exports.get(name)

    def __repr__(self) -> str:
        return f"<Caller of {self.instance!r}>"
