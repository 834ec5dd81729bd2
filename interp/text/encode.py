"""The binary encoder's primitives (spec 5.1-5.2: LEB128 integers, vectors,
names, sections) and the module assembler (spec 5.5: sections in order)."""

from __future__ import annotations

from dataclasses import dataclass, field


def uleb(v: int) -> bytes:
    """Unsigned LEB128 (spec 5.2.2)."""
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(v: int) -> bytes:
    """Signed LEB128 of a Python int (spec 5.2.2)."""
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if (v == 0 and not b & 0x40) or (v == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def signed(bits: int, width: int) -> int:
    """An unsigned bit pattern read as two's complement."""
    return bits - (1 << width) if bits >> (width - 1) else bits


def vec(items: list[bytes]) -> bytes:
    return uleb(len(items)) + b"".join(items)


def name(b: bytes) -> bytes:
    return uleb(len(b)) + b


def section(sid: int, body: bytes) -> bytes:
    return bytes([sid]) + uleb(len(body)) + body


@dataclass
class ModuleBinary:
    """The contents of each section of a module being encoded, as entry bytes."""

    types: list[bytes] = field(default_factory=list)
    imports: list[bytes] = field(default_factory=list)
    funcs: list[bytes] = field(default_factory=list)
    tables: list[bytes] = field(default_factory=list)
    mems: list[bytes] = field(default_factory=list)
    tags: list[bytes] = field(default_factory=list)
    globals: list[bytes] = field(default_factory=list)
    exports: list[bytes] = field(default_factory=list)
    start: int | None = None
    elems: list[bytes] = field(default_factory=list)
    datacount: bool = False
    codes: list[bytes] = field(default_factory=list)
    datas: list[bytes] = field(default_factory=list)
    #: (placement, section name, contents): placement is ("before"|"after", section)
    customs: list[tuple[str, str, bytes, bytes]] = field(default_factory=list)

    def encode(self) -> bytes:
        """The module's bytes: sections in the order of spec 5.5.2."""
        parts: list[tuple[str, bytes]] = []

        def add(label: str, sid: int, entries: list[bytes]) -> None:
            if entries:
                parts.append((label, section(sid, vec(entries))))

        add("type", 1, self.types)
        add("import", 2, self.imports)
        add("func", 3, self.funcs)
        add("table", 4, self.tables)
        add("memory", 5, self.mems)
        add("tag", 13, self.tags)
        add("global", 6, self.globals)
        add("export", 7, self.exports)
        if self.start is not None:
            parts.append(("start", section(8, uleb(self.start))))
        add("elem", 9, self.elems)
        if self.datacount:
            parts.append(("datacount", section(12, uleb(len(self.datas)))))
        add("code", 10, self.codes)
        add("data", 11, self.datas)
        out = bytearray(b"\x00asm\x01\x00\x00\x00")
        order = [label for label, _ in parts]
        placed: dict[int, list[bytes]] = {}
        # at one position, sections placed "after" the previous section come
        # before those placed "before" the next one (as wasm-tools orders them)
        keyed = sorted(
            (
                (_custom_position(where, sec, order), where != "after", k)
                for k, (where, sec, _, _) in enumerate(self.customs)
            )
        )
        for pos, _, k in keyed:
            _, _, nm, data = self.customs[k]
            placed.setdefault(pos, []).append(section(0, name(nm) + data))
        for k, (_, b) in enumerate(parts):
            for c in placed.get(k, []):
                out += c
            out += b
        for c in placed.get(len(parts), []):
            out += c
        return bytes(out)


SECTION_ORDER = [
    "type",
    "import",
    "func",
    "table",
    "memory",
    "tag",
    "global",
    "export",
    "start",
    "elem",
    "datacount",
    "code",
    "data",
]
"""The non-custom sections in the order spec 5.5.2 requires (also where a custom one may be placed)."""


def _custom_position(where: str, sec: str, present: list[str]) -> int:
    """Index in ``present`` before which a custom section placed
    ``(before|after sec)`` goes (``first``/``last`` are ends)."""
    if sec == "first":
        return 0
    if sec == "last":
        return len(present)
    rank = SECTION_ORDER.index(sec)
    if where == "before":
        return sum(1 for p in present if SECTION_ORDER.index(p) < rank)
    return sum(1 for p in present if SECTION_ORDER.index(p) <= rank)
