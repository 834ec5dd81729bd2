"""The writer: binary modules to the text format (``nanowasm inspect --wat``).

It reads the binary itself (spec chapter 5) rather than the engine's decoded
module, so it prints every proposal the text front end knows, whatever the
engine executes.  The output uses numeric indices and flat instructions, and
is exact: floats are printed as hexadecimal literals of their bits, custom
sections as ``@custom`` annotations placed where they were, so that parsing
the output with :func:`interp.text.parse_module` gives back the same binary
for modules in the encoder's canonical form (minimal LEB128s, local groups
merged, the element/data segment forms the encoder picks).
"""

from __future__ import annotations

from .encode import uleb
from .errors import TextError
from .instructions import INSTRUCTIONS

_NUM = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128", 0x78: "i8", 0x77: "i16"}
_REF = {
    0x70: "funcref",
    0x6F: "externref",
    0x6E: "anyref",
    0x6D: "eqref",
    0x6C: "i31ref",
    0x6B: "structref",
    0x6A: "arrayref",
    0x69: "exnref",
    0x74: "nullexnref",
    0x73: "nullfuncref",
    0x72: "nullexternref",
    0x71: "nullref",
}
_HEAP = {
    0x70: "func",
    0x6F: "extern",
    0x6E: "any",
    0x6D: "eq",
    0x6C: "i31",
    0x6B: "struct",
    0x6A: "array",
    0x69: "exn",
    0x74: "noexn",
    0x73: "nofunc",
    0x72: "noextern",
    0x71: "none",
}
_SECTIONS = {
    1: "type",
    2: "import",
    3: "func",
    4: "table",
    5: "memory",
    6: "global",
    7: "export",
    8: "start",
    9: "elem",
    10: "code",
    11: "data",
    12: "datacount",
    13: "tag",
}
_KINDS = {0: "func", 1: "table", 2: "memory", 3: "global", 4: "tag"}
#: opcode bytes -> (name, immediate kind); control instructions added below
_BY_CODE: dict[bytes, tuple[str, str]] = {code: (n, imm) for n, (code, imm) in INSTRUCTIONS.items()}
for _n, (_code, _imm) in INSTRUCTIONS.items():  # the nullable variants: next sub-opcode
    if _imm in ("ref_test", "ref_cast"):
        _BY_CODE[_code[:1] + bytes([_code[1] + 1])] = (_n, _imm)
_CONTROL = {0x02: "block", 0x03: "loop", 0x04: "if", 0x06: "try", 0x1F: "try_table"}


class Reader:
    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def byte(self) -> int:
        if self.pos >= self.end:
            raise TextError("unexpected end of the binary")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def take(self, n: int) -> bytes:
        if self.pos + n > self.end:
            raise TextError("unexpected end of the binary")
        b = self.data[self.pos : self.pos + n]
        self.pos += n
        return b

    def _leb(self) -> tuple[int, int, int]:
        """A LEB128 number's bits: (value, bit count, last byte)."""
        v = shift = 0
        while True:
            b = self.byte()
            v |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return v, shift, b

    def u(self) -> int:
        return self._leb()[0]

    def s(self) -> int:
        v, shift, b = self._leb()
        return v - (1 << shift) if b & 0x40 else v

    def name(self) -> bytes:
        return self.take(self.u())


def string(b: bytes) -> str:
    out = ['"']
    for c in b:
        if 0x20 <= c < 0x7F and c not in (0x22, 0x5C):
            out.append(chr(c))
        else:
            out.append(f"\\{c:02x}")
    out.append('"')
    return "".join(out)


def float_text(bits: int, width: int) -> str:
    """An exact literal for IEEE bits (hexadecimal significand and exponent)."""
    m, ebits = (23, 8) if width == 32 else (52, 11)
    sign = "-" if bits >> (width - 1) else ""
    e = (bits >> m) & ((1 << ebits) - 1)
    frac = bits & ((1 << m) - 1)
    bias = (1 << (ebits - 1)) - 1
    if e == (1 << ebits) - 1:
        return f"{sign}inf" if frac == 0 else f"{sign}nan:0x{frac:x}"
    if e == 0:
        return f"{sign}0x{frac:x}p{1 - bias - m}" if frac else f"{sign}0x0p0"
    return f"{sign}0x{(1 << m) | frac:x}p{e - bias - m}"


class Writer:
    def __init__(self, data: bytes) -> None:
        self.r = Reader(data)
        self.lines: list[str] = []
        self.field_counts: dict[str, int] = {}

    # -- types ----------------------------------------------------------------

    def heaptype(self, r: Reader) -> str:
        b = r.data[r.pos] if r.pos < r.end else 0
        if b in _HEAP:
            r.pos += 1
            return _HEAP[b]
        if b == 0x62:
            r.pos += 1
            return f"(exact {r.u()})"
        return str(r.s())

    def valtype(self, r: Reader) -> str:
        b = r.byte()
        if b in _NUM:
            return _NUM[b]
        if b in _REF:
            return _REF[b]
        if b in (0x63, 0x64):
            return f"(ref {'null ' if b == 0x63 else ''}{self.heaptype(r)})"
        raise TextError(f"malformed value type 0x{b:02x}")

    def fieldtype(self, r: Reader) -> str:
        t = self.valtype(r)
        return f"(mut {t})" if r.byte() else t

    def comptype(self, r: Reader) -> str:
        b = r.byte()
        if b in (0x4D, 0x4C):
            x = r.u()
            return f"({'descriptor' if b == 0x4D else 'describes'} {x}) {self.comptype(r)}"
        if b == 0x60:
            params = [self.valtype(r) for _ in range(r.u())]
            results = [self.valtype(r) for _ in range(r.u())]
            return (
                "(func"
                + (f" (param {' '.join(params)})" if params else "")
                + (f" (result {' '.join(results)})" if results else "")
                + ")"
            )
        if b == 0x5F:
            fields = [self.fieldtype(r) for _ in range(r.u())]
            return "(struct" + "".join(f" (field {f})" for f in fields) + ")"
        if b == 0x5E:
            return f"(array {self.fieldtype(r)})"
        raise TextError(f"malformed composite type 0x{b:02x}")

    def subtype(self, r: Reader) -> str:
        b = r.data[r.pos]
        if b in (0x50, 0x4F):
            r.pos += 1
            supers = [str(r.u()) for _ in range(r.u())]
            head = "(sub " + ("final " if b == 0x4F else "")
            return head + "".join(s + " " for s in supers) + self.comptype(r) + ")"
        return self.comptype(r)

    def limits(self, r: Reader, memory: bool) -> str:
        flags = r.byte()
        parts = ["i64"] if flags & 4 else []
        parts.append(str(r.u()))
        if flags & 1:
            parts.append(str(r.u()))
        if flags & 2:
            parts.append("shared")
        if memory and flags & 8:
            parts.append(f"(pagesize {1 << r.u()})")
        return " ".join(parts)

    def tabletype(self, r: Reader) -> str:
        rt = self.valtype(r)
        return f"{self.limits(r, memory=False)} {rt}"

    def globaltype(self, r: Reader) -> str:
        t = self.valtype(r)
        return f"(mut {t})" if r.byte() else t

    # -- instructions -----------------------------------------------------------

    def blocktype(self, r: Reader) -> str:
        b = r.data[r.pos]
        if b == 0x40:
            r.pos += 1
            return ""
        if b in _NUM or b in _REF or b in (0x63, 0x64):
            return f" (result {self.valtype(r)})"
        return f" (type {r.s()})"

    def memarg(self, r: Reader) -> str:
        flags = r.u()
        mem = r.u() if flags & 0x40 else 0
        offset = r.u()
        align = 1 << (flags & ~0x40)
        return (f" {mem}" if mem else "") + f" offset={offset} align={align}"

    def instrs(self, r: Reader, indent: str) -> list[str]:
        """Instructions up to the ``end`` closing the sequence (not printed)."""
        out: list[str] = []
        depth = 0
        while True:
            b = r.byte()
            pad = indent + "  " * depth
            if b == 0x0B:
                if depth == 0:
                    return out
                depth -= 1
                out.append(indent + "  " * depth + "end")
                continue
            if b in _CONTROL:
                name = _CONTROL[b]
                bt = self.blocktype(r)
                extra = ""
                if b == 0x1F:
                    for _ in range(r.u()):
                        k = r.byte()
                        if k in (0, 1):
                            extra += f" ({'catch' if k == 0 else 'catch_ref'} {r.u()} {r.u()})"
                        else:
                            extra += f" ({'catch_all' if k == 2 else 'catch_all_ref'} {r.u()})"
                out.append(f"{pad}{name}{bt}{extra}")
                depth += 1
                continue
            if b == 0x05:
                out.append(indent + "  " * (depth - 1) + "else")
                continue
            if b == 0x07:
                out.append(indent + "  " * (depth - 1) + f"catch {r.u()}")
                continue
            if b == 0x19:
                out.append(indent + "  " * (depth - 1) + "catch_all")
                continue
            if b == 0x18:
                depth -= 1
                out.append(indent + "  " * depth + f"delegate {r.u()}")
                continue
            if b == 0x1B:
                out.append(pad + "select")
                continue
            if b == 0x1C:
                ts = [self.valtype(r) for _ in range(r.u())]
                out.append(pad + f"select (result {' '.join(ts)})")
                continue
            if b == 0xD0:
                out.append(pad + f"ref.null {self.heaptype(r)}")
                continue
            code = bytes([b])
            if b in (0xFB, 0xFC, 0xFD, 0xFE):
                sub = r.u()
                code += uleb(sub)
            entry = _BY_CODE.get(code)
            if entry is None:
                raise TextError(f"illegal opcode {code.hex()}")
            name, imm = entry
            out.append(pad + name + self.immediates(r, code, imm))

    def immediates(self, r: Reader, code: bytes, imm: str) -> str:
        if not imm:
            return ""
        if imm in (
            "label",
            "func",
            "global",
            "tag",
            "elem",
            "data",
            "type",
            "local",
            "table",
            "mem",
        ):
            return f" {r.u()}"
        if imm == "br_table":
            labels = [str(r.u()) for _ in range(r.u())]
            return " " + " ".join([*labels, str(r.u())])
        if imm.startswith("memarg_lane"):
            return self.memarg(r) + f" {r.byte()}"
        if imm.startswith("memarg"):
            return self.memarg(r)
        if imm == "call_indirect":
            t = r.u()
            return f" {r.u()} (type {t})"
        if imm in ("i32", "i64"):
            return f" {r.s()}"
        if imm == "f32":
            return " " + float_text(int.from_bytes(r.take(4), "little"), 32)
        if imm == "f64":
            return " " + float_text(int.from_bytes(r.take(8), "little"), 64)
        if imm == "v128":
            v = int.from_bytes(r.take(16), "little")
            return " i32x4 " + " ".join(f"0x{(v >> (32 * k)) & 0xFFFFFFFF:x}" for k in range(4))
        if imm == "lane":
            return f" {r.byte()}"
        if imm == "shuffle":
            return " " + " ".join(str(x) for x in r.take(16))
        if imm in ("memory_init", "table_init"):
            seg = r.u()
            return f" {r.u()} {seg}"
        if imm in (
            "memory_copy",
            "table_copy",
            "field",
            "type_nat",
            "type_data",
            "type_elem",
            "type_type",
        ):
            return f" {r.u()} {r.u()}"
        if imm in ("ref_test", "ref_cast"):
            null = code != INSTRUCTIONS[_BY_CODE[code][0]][0]
            return f" (ref {'null ' if null else ''}{self.heaptype(r)})"
        if imm == "br_on_cast":
            flags = r.byte()
            label = r.u()
            h1 = self.heaptype(r)
            h2 = self.heaptype(r)
            return (
                f" {label} (ref {'null ' if flags & 1 else ''}{h1})"
                f" (ref {'null ' if flags & 2 else ''}{h2})"
            )
        if imm == "fence":
            r.byte()
            return ""
        raise TextError(f"cannot print immediates of kind {imm}")

    def expr(self, r: Reader) -> str:
        return " ".join(s.strip() for s in self.instrs(r, ""))

    # -- sections ----------------------------------------------------------------

    def write(self) -> str:
        r = self.r
        if r.take(8) != b"\0asm\x01\0\0\0":
            raise TextError("not a WebAssembly binary module (magic or version)")
        out = ["(module"]
        last = "first"
        func_types: list[int] = []
        nfunc_imports = 0
        while r.pos < r.end:
            sid = r.byte()
            size = r.u()
            sr = Reader(r.data, r.pos, r.pos + size)
            r.pos += size
            if sid == 0:
                nm = sr.name()
                where = "(before first)" if last == "first" else f"(after {last})"
                out.append(f"  (@custom {string(nm)} {where} {string(sr.take(sr.end - sr.pos))})")
                continue
            sec = _SECTIONS.get(sid)
            if sec is None:
                raise TextError(f"malformed section id {sid}")
            last = sec
            if sec == "type":
                for _ in range(sr.u()):
                    if sr.data[sr.pos] == 0x4E:
                        sr.pos += 1
                        types = [f"(type {self.subtype(sr)})" for _ in range(sr.u())]
                        out.append("  (rec" + "".join(" " + t for t in types) + ")")
                    else:
                        out.append(f"  (type {self.subtype(sr)})")
            elif sec == "import":
                for _ in range(sr.u()):
                    mod, nm = sr.name(), sr.name()
                    k = sr.byte()
                    if k == 0x00:
                        desc = f"(func (type {sr.u()}))"
                        nfunc_imports += 1
                    elif k == 0x20:
                        desc = f"(func (exact (type {sr.u()})))"
                        nfunc_imports += 1
                    elif k == 0x01:
                        desc = f"(table {self.tabletype(sr)})"
                    elif k == 0x02:
                        desc = f"(memory {self.limits(sr, memory=True)})"
                    elif k == 0x03:
                        desc = f"(global {self.globaltype(sr)})"
                    elif k == 0x04:
                        sr.byte()
                        desc = f"(tag (type {sr.u()}))"
                    else:
                        raise TextError(f"malformed import kind {k}")
                    out.append(f"  (import {string(mod)} {string(nm)} {desc})")
            elif sec == "func":
                func_types = [sr.u() for _ in range(sr.u())]
            elif sec == "table":
                for _ in range(sr.u()):
                    if sr.data[sr.pos] == 0x40:
                        sr.pos += 2
                        tt = self.tabletype(sr)
                        out.append(f"  (table {tt} {self.expr(sr)})")
                    else:
                        out.append(f"  (table {self.tabletype(sr)})")
            elif sec == "memory":
                for _ in range(sr.u()):
                    out.append(f"  (memory {self.limits(sr, memory=True)})")
            elif sec == "tag":
                for _ in range(sr.u()):
                    sr.byte()
                    out.append(f"  (tag (type {sr.u()}))")
            elif sec == "global":
                for _ in range(sr.u()):
                    gt = self.globaltype(sr)
                    out.append(f"  (global {gt} {self.expr(sr)})")
            elif sec == "export":
                for _ in range(sr.u()):
                    nm = sr.name()
                    k = sr.byte()
                    out.append(f"  (export {string(nm)} ({_KINDS[k]} {sr.u()}))")
            elif sec == "start":
                out.append(f"  (start {sr.u()})")
            elif sec == "elem":
                for _ in range(sr.u()):
                    out.append("  " + self.elem(sr))
            elif sec == "code":
                for k in range(sr.u()):
                    size = sr.u()
                    fr = Reader(sr.data, sr.pos, sr.pos + size)
                    sr.pos += size
                    locals_: list[str] = []
                    for _ in range(fr.u()):
                        n = fr.u()
                        t = self.valtype(fr)
                        locals_ += [t] * n
                    tidx = func_types[k] if k < len(func_types) else 0
                    head = f"  (func (type {tidx})"
                    if locals_:
                        head += f" (local {' '.join(locals_)})"
                    body = self.instrs(fr, "    ")
                    out.append(head + ("" if body else ")"))
                    if body:
                        out.extend(body)
                        out[-1] += ")"
            elif sec == "data":
                for _ in range(sr.u()):
                    flag = sr.u()
                    if flag == 1:
                        out.append(f"  (data {string(sr.name())})")
                        continue
                    mem = f"(memory {sr.u()}) " if flag == 2 else ""
                    offset = self.expr(sr)
                    out.append(f"  (data {mem}(offset {offset}) {string(sr.name())})")
        out[-1] += ")"
        return "\n".join(out) + "\n"

    def elem(self, r: Reader) -> str:
        flag = r.u()
        table = f"(table {r.u()}) " if flag in (2, 6) else ""
        offset = f"(offset {self.expr(r)}) " if flag in (0, 2, 4, 6) else ""
        mode = "declare " if flag in (3, 7) else ""
        if flag < 4:
            if flag != 0:
                r.byte()  # elemkind: func
            funcs = [str(r.u()) for _ in range(r.u())]
            return f"(elem {table}{offset}{mode}func" + "".join(" " + f for f in funcs) + ")"
        rt = "funcref" if flag == 4 else self.valtype(r)
        items = [f"(item {self.expr(r)})" for _ in range(r.u())]
        return f"(elem {table}{offset}{mode}{rt}" + "".join(" " + i for i in items) + ")"


def module_to_wat(data: bytes) -> str:
    """The text of a binary module; TextError if the binary cannot be read."""
    try:
        return Writer(data).write()
    except (IndexError, KeyError) as e:
        raise TextError(f"cannot print this binary: {type(e).__name__}") from None
