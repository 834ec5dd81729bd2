"""A tiny binary encoder for the modules the property tests build.

Only what :mod:`fuzz.properties` and :mod:`fuzz.strategies` need: types,
functions with locals, one memory, globals, exports (spec 5.5).  Function
bodies are given as raw instruction bytes (without the final ``end``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interp.types import VALTYPE_CODES

TYPE_CODE: dict[str, int] = {str(name): code for code, name in VALTYPE_CODES.items()}


def uleb(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sleb(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if (n == 0 and not byte & 0x40) or (n == -1 and byte & 0x40):
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def name(s: str) -> bytes:
    b = s.encode()
    return uleb(len(b)) + b


def vec(items: list[bytes]) -> bytes:
    return uleb(len(items)) + b"".join(items)


def opcode(code: int) -> bytes:
    """Encode an :mod:`interp.opcodes` key (prefixed ones as prefix + u32)."""
    if code > 0xFF:
        return bytes([code >> 16]) + uleb(code & 0xFFFF)
    return bytes([code])


@dataclass
class Function:
    params: tuple[str, ...]
    results: tuple[str, ...]
    body: bytes
    locals: list[str] = field(default_factory=list)
    export: str | None = None


@dataclass
class ModuleBuilder:
    funcs: list[Function] = field(default_factory=list)
    memory: tuple[int, int] | None = None  # (min, max) pages
    globals: list[tuple[str, bytes]] = field(
        default_factory=list
    )  # (type, init expr bytes), all mutable
    export_memory: str | None = None

    def encode(self) -> bytes:
        types: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        typeidx = []
        for f in self.funcs:
            sig = (f.params, f.results)
            if sig not in types:
                types.append(sig)
            typeidx.append(types.index(sig))
        out = bytearray(b"\0asm\1\0\0\0")

        def section(sid: int, payload: bytes) -> None:
            out.extend(bytes([sid]) + uleb(len(payload)) + payload)

        section(
            1,
            vec(
                [
                    b"\x60"
                    + vec([bytes([TYPE_CODE[t]]) for t in p])
                    + vec([bytes([TYPE_CODE[t]]) for t in r])
                    for p, r in types
                ]
            ),
        )
        section(3, vec([uleb(i) for i in typeidx]))
        if self.memory is not None:
            lo, hi = self.memory
            section(5, vec([b"\x01" + uleb(lo) + uleb(hi)]))
        if self.globals:
            section(6, vec([bytes([TYPE_CODE[t], 1]) + init + b"\x0b" for t, init in self.globals]))
        exports = [name(f.export) + b"\x00" + uleb(i) for i, f in enumerate(self.funcs) if f.export]
        if self.export_memory and self.memory is not None:
            exports.append(name(self.export_memory) + b"\x02" + uleb(0))
        section(7, vec(exports))
        bodies = []
        for f in self.funcs:
            locs = vec([uleb(1) + bytes([TYPE_CODE[t]]) for t in f.locals])
            code = locs + f.body + b"\x0b"
            bodies.append(uleb(len(code)) + code)
        section(10, vec(bodies))
        return bytes(out)
