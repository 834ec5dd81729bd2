"""Persistent compiled-code cache: the second run of a program skips code generation.

Compiling a function (code generation plus CPython's ``compile()``) is most of
a large program's start-up (2,055 functions: ~1.2 s, bench/README.md).  The
cache keeps, per module, the compiled code object of every function a run
compiled, ``marshal``-ed, with its line map, so a later run of the same module
only ``exec``-s them.

* **Keyed** by the module's bytes, the enabled features and an engine
  fingerprint (the engine's version, the CPython version -- ``marshal`` data
  is only valid for one CPython -- and the path, size and modification time
  of every ``interp`` source file), so an entry is never trusted across
  versions; per function, also by the compile options (fuel, trace).  The
  sources are identified by ``stat`` as CPython identifies them for its own
  ``.pyc`` files: hashing their ~1 MB of text cost a warm start ~4 ms, a
  few percent of it (bench/README.md).
* **Safe under concurrent runs**: a run writes the whole file to a temporary
  file in the same directory and ``os.replace``-s it; a reader sees an old or
  a new file, never half of one.  Two runs racing lose one run's additions,
  nothing else.
* **Never fatal**: an unreadable, corrupt or foreign file is ignored (and
  overwritten); a cache directory that cannot be written is skipped.
* **Bounded**: every engine edit changes the fingerprint, so files of old
  versions are never read again; a run that writes a file then removes the
  least recently used ones (by modification time, which a warm start
  refreshes) until the directory holds at most :data:`MAX_BYTES`
  (``$NANOWASM_CACHE_MAX_MB`` overrides it), and temporary files that a
  killed run left behind.
* **Validated modules**: the file also records that its module decoded and
  validated (under the key's features and engine).  A warm start then skips
  decoding the function bodies, the feature walk and validation
  (``decode_module(..., lazy_bodies=True)``): for a large module those are
  most of what is left of its start-up once compilation is cached.
* **Module outline**: with ``validated`` goes the module's *outline*
  (:func:`outline_of`): each function's type index and body range, the
  function names and the custom sections' ranges.  A warm start then decodes
  only the other sections (:func:`decode_outlined`): on the 2,055-function
  ``many`` program the function, code and name sections were ~70% of what
  was left of decoding.
* **Lazy entries**: each function's code is ``marshal``-ed on its own and
  the file is a small header followed by those entries back to back (format
  4); the header indexes them with one ``array`` of offsets per compile
  options.  Opening the file is one read and a ``marshal.loads`` of the
  header, which makes no object per function (format 3, a dict of 2,055
  ``bytes``, took ~3 ms more on ``many``); a function's code object is only
  built when the run first calls it, from a slice of the file's bytes.
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array
from pathlib import Path
from typing import Any

try:  # CPython's own SHA-256 (as random.py imports _sha512): hashlib loads OpenSSL, ~3 ms
    from _sha2 import sha256  # CPython >= 3.12
except ImportError:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:
        from hashlib import sha256

#: bumped when the file's layout changes
FORMAT = 4

#: the cache directory's size bound (``many``'s file is ~1.8 MB), unless
#: ``$NANOWASM_CACHE_MAX_MB`` says otherwise
MAX_BYTES = 256 * 1024 * 1024

#: a temporary file older than this (seconds) belongs to a run that died
STALE_TMP = 3600

#: (fuel, trace) -> per function index, the [start, end) of its entry in the
#: file's blob (both 0: no entry); an ``array("I")`` as bytes in the file
Index = dict[tuple[bool, bool], array]

#: (type index of each defined function, [body start, body end] of each
#: (flat), function names, (name, start, end) of each custom section)
Outline = tuple[list[int], list[int], dict[int, str], list[tuple[str, int, int]]]

SEC_CUSTOM, SEC_FUNCTION, SEC_CODE = 0, 3, 10

_fingerprint: str | None = None


def engine_fingerprint() -> str:
    """The engine's identity: version, CPython's version, every ``interp`` source file."""
    global _fingerprint
    if _fingerprint is None:
        from . import __version__

        head = f"{FORMAT} {__version__} {sys.version}"
        root = os.path.dirname(os.path.abspath(__file__))
        _fingerprint = sha256(f"{head}\n{source_signature(root)}".encode()).hexdigest()
    return _fingerprint


def source_signature(root: str) -> str:
    """Every ``.py`` file under ``root`` by relative path, size and ``st_mtime_ns``.

    Editing a file, checking out or installing another version changes
    them, as CPython's own ``.pyc`` check assumes; a change only costs a
    cold start.
    """
    parts = []
    for folder, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                st = os.stat(path)
                parts.append(f"{os.path.relpath(path, root)} {st.st_size} {st.st_mtime_ns}")
    return "\n".join(parts)


def default_dir() -> Path:
    """``$XDG_CACHE_HOME/nanowasm`` (``~/.cache/nanowasm`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "nanowasm"


class CodeCache:
    """The cached code of one module; attach it to a store as ``store.code_cache``.

    ``module`` may be ``None`` at first (the cache is opened before decoding,
    to learn whether the module is known valid) and set once decoded.
    """

    def __init__(self, module: Any, wasm: bytes, features: Any, directory: Path) -> None:
        self.module = module  # compile_function uses the cache for this module only
        h = sha256(engine_fingerprint().encode())
        enabled = getattr(features, "enabled", None)  # a frozenset: repr order varies per run
        h.update(repr(sorted(enabled) if enabled is not None else features).encode())
        h.update(wasm)
        self.key = h.hexdigest()
        self.path = directory / f"{self.key}.code"
        # (funcidx, fuel, trace) -> marshal of (code object, line map, flat, tail mode):
        # the entries this run added; the file's are read through _index
        self.entries: dict[tuple[int, bool, bool], bytes] = {}
        self._index: Index = {}
        self._blob = memoryview(b"")
        self._loaded: dict[tuple[int, bool, bool], tuple[Any, list[int], bool, bool]] = {}
        #: an earlier run decoded and validated these bytes under these features
        self.validated = False
        #: what the module uses (interp.features.module_uses), recorded with ``validated``
        self.uses: dict[str, str] = {}
        #: the module's outline (:func:`outline_of`), recorded with ``validated``
        self.outline: Outline | None = None
        self.added = 0
        self._load()

    def _load(self) -> None:
        """Read the file: ``marshal`` of (key, validated, uses, outline, index,
        blob length), the blob of entries, then the header's length as 8 bytes
        (little-endian): a file cut short anywhere does not add up and is
        ignored.  (``marshal.loads`` ignores what follows the header.)"""
        try:
            raw = self.path.read_bytes()
            head = int.from_bytes(raw[-8:], "little")
            data = marshal.loads(raw)
            if not (isinstance(data, tuple) and len(data) == 6 and data[0] == self.key):
                return
            validated, uses, outline, index, size = data[1:]
            if not (
                isinstance(validated, bool)
                and isinstance(uses, dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in uses.items())
                and isinstance(index, dict)
                and type(size) is int
                and head + size + 8 == len(raw)
            ):
                return
            offsets: Index = {}
            for options, packed in index.items():
                if not (isinstance(options, tuple) and isinstance(packed, bytes)):
                    return
                offsets[options] = table = array("I")
                table.frombytes(packed)  # ValueError unless whole items
            self._index = offsets
            self._blob = memoryview(raw)[head : head + size]
            self.validated = validated
            self.uses = uses
            self.outline = outline if _is_outline(outline) else None
            os.utime(self.path)  # recently used: pruning removes it last
        except (OSError, ValueError, EOFError, TypeError):
            self._index = {}

    def _stored(self, key: tuple[int, bool, bool]) -> bytes | memoryview | None:
        """The entry of ``key``: added by this run, else the file's."""
        raw = self.entries.get(key)
        if raw is not None:
            return raw
        index, fuel, trace = key
        table = self._index.get((fuel, trace))
        if table is None or not 0 <= 2 * index < len(table) - 1:
            return None
        start, end = table[2 * index], table[2 * index + 1]
        return self._blob[start:end] if start < end <= len(self._blob) else None

    def mark_validated(self, uses: dict[str, str], outline: Outline | None = None) -> None:
        """Record that the module decoded and validated, what it uses (the
        proposals, for later feature checks) and its outline; saved with the code."""
        if not self.validated:
            self.validated = True
            self.uses = dict(uses)
            self.outline = outline
            self.added += 1

    def get(self, index: int, fuel: bool, trace: bool) -> tuple[Any, list[int], bool, bool] | None:
        key = (index, fuel, trace)
        hit = self._loaded.get(key)
        if hit is None:
            raw = self._stored(key)
            if raw is None:
                return None
            try:
                hit = marshal.loads(raw)
            except (ValueError, EOFError, TypeError):
                return None
            if not (isinstance(hit, tuple) and len(hit) == 4):
                return None
            self._loaded[key] = hit
        return hit

    def put(
        self, index: int, fuel: bool, trace: bool, code: Any, linemap: list[int], flat: bool,
        tail: bool,
    ) -> None:  # fmt: skip
        self.entries[(index, fuel, trace)] = marshal.dumps((code, linemap, flat, tail))
        self.added += 1

    def save(self) -> None:
        """Write the file if this run added anything (atomically; errors ignored)."""
        if not self.added:
            return
        import tempfile  # only when writing: a warm run that adds nothing never needs it

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = self._serialized()
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".code")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
            prune(self.path.parent, keep=self.path.name)
        except (OSError, ValueError, OverflowError):  # OverflowError: a blob beyond 4 GB
            pass
        self.added = 0

    def _serialized(self) -> bytes:
        """The file: the header (see :meth:`_load`), then every entry, the file's and this run's."""
        keys = {
            (i, fuel, trace) for (fuel, trace), t in self._index.items() for i in range(len(t) // 2)
        }
        keys.update(self.entries)
        blob: list[bytes | memoryview] = []
        size = 0
        tables: dict[tuple[bool, bool], list[int]] = {}
        for key in sorted(keys):
            raw = self._stored(key)
            if raw is None:
                continue
            index, fuel, trace = key
            table = tables.setdefault((fuel, trace), [])
            table.extend((0, 0) * (index + 1 - len(table) // 2))
            table[2 * index], table[2 * index + 1] = size, size + len(raw)
            blob.append(raw)
            size += len(raw)
        packed = {options: array("I", t).tobytes() for options, t in tables.items()}
        header = (self.key, self.validated, self.uses, self.outline, packed, size)
        head = marshal.dumps(header)
        return head + b"".join(blob) + len(head).to_bytes(8, "little")


# -- the module outline --------------------------------------------------------------


def size_bound() -> int:
    """:data:`MAX_BYTES`, or ``$NANOWASM_CACHE_MAX_MB`` megabytes when that is a number."""
    try:
        return int(float(os.environ["NANOWASM_CACHE_MAX_MB"]) * 1024 * 1024)
    except (KeyError, ValueError, OverflowError):
        return MAX_BYTES


def prune(directory: Path, keep: str = "", now: float | None = None) -> None:
    """Remove cache files, least recently used first, until ``directory``
    holds at most :func:`size_bound` bytes of them; never ``keep`` (the file
    just written).  Also removes temporary files older than :data:`STALE_TMP`.
    Races with other runs are harmless: a file gone already is skipped."""
    import time

    now = time.time() if now is None else now
    files: list[tuple[float, int, str]] = []
    total = 0
    with os.scandir(directory) as it:
        for entry in it:
            name = entry.name
            if not name.endswith(".code"):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            if name.startswith(".tmp-"):
                if now - st.st_mtime > STALE_TMP:
                    _remove(entry.path)
                continue
            total += st.st_size
            if name != keep:
                files.append((st.st_mtime, st.st_size, entry.path))
    bound = size_bound()
    for _, size, path in sorted(files):
        if total <= bound:
            break
        _remove(path)
        total -= size


def _remove(path: str) -> None:
    import contextlib  # only when pruning: a warm run never needs it

    with contextlib.suppress(OSError):
        os.unlink(path)


def _leb_u32(data: bytes, pos: int) -> tuple[int, int]:
    """An unsigned LEB128 (of bytes that decoded: no error checks needed)."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7


def _sections(data: bytes) -> list[tuple[int, int, int, int]]:
    """(id, offset of its id byte, offset of its contents, end) of each section."""
    out = []
    pos = 8
    while pos < len(data):
        size, start = _leb_u32(data, pos + 1)
        out.append((data[pos], pos, start, start + size))
        pos = start + size
    return out


def outline_of(module: Any, data: bytes) -> Outline | None:
    """What :func:`decode_outlined` takes from the cache, for ``module`` decoded from ``data``.

    The body ranges are read from the code section (the decoder keeps no
    end offsets); ``None`` when the sections do not line up with the module
    (then a warm start decodes the whole module lazily, as without outline).
    """
    try:
        ranges: list[int] = []
        customs: list[tuple[str, int, int]] = []
        names = iter(c.name for c in module.customs)
        for sid, _, start, end in _sections(data):
            if sid == SEC_CODE:
                n, pos = _leb_u32(data, start)
                for _ in range(n):
                    size, pos = _leb_u32(data, pos)
                    ranges += (pos, pos + size)
                    pos += size
            elif sid == SEC_CUSTOM:
                length, pos = _leb_u32(data, start)
                customs.append((next(names), pos + length, end))
        if next(names, None) is not None or len(ranges) != 2 * len(module.funcs):
            return None
    except (IndexError, StopIteration):
        return None
    return [f.typeidx for f in module.funcs], ranges, dict(module.func_names), customs


def _is_outline(value: object) -> bool:
    if not (isinstance(value, tuple) and len(value) == 4):
        return False
    typeidxs, ranges, names, customs = value
    return (
        isinstance(typeidxs, list)
        and isinstance(ranges, list)
        and len(ranges) == 2 * len(typeidxs)
        and all(type(x) is int for x in typeidxs)
        and all(type(x) is int for x in ranges)
        and isinstance(names, dict)
        and isinstance(customs, list)
        and all(isinstance(c, tuple) and len(c) == 3 for c in customs)
    )


def decode_outlined(data: bytes, outline: Outline) -> Any:
    """The module of ``data`` (which decoded and validated), taking its
    functions, names and custom sections from ``outline``.

    The bytes decoded are the module without its function, code and custom
    sections, with lazy function bodies; each function is a
    :class:`~interp.binary.LazyFunc` over the original bytes, exactly as a
    lazy decode of the whole module makes it (``tests/test_codecache.py``).
    """
    from . import decode_module
    from .binary import LazyFunc
    from .types import Custom

    typeidxs, ranges, names, customs = outline
    dropped = (SEC_CUSTOM, SEC_FUNCTION, SEC_CODE)
    kept = [data[head:end] for sid, head, _, end in _sections(data) if sid not in dropped]
    module = decode_module(data[:8] + b"".join(kept), lazy_bodies=True)
    module.funcs = [
        LazyFunc(t, data, ranges[2 * i], ranges[2 * i + 1]) for i, t in enumerate(typeidxs)
    ]
    module.func_names = dict(names)
    module.customs = [Custom(name, data[start:end]) for name, start, end in customs]
    return module
