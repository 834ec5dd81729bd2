"""nanowasm (package ``interp`` of this repository).

Coded against the embedding contract in ``interp/__init__.py``::

    m = interp.decode_module(data); interp.validate_module(m)
    store = interp.runtime.Store(); inst = interp.runtime.instantiate(store, m, {})
    inst.invoke("run", *args) -> [results]

``--fuel N`` is passed as ``Store(fuel=N)`` when the Store accepts it.
WASI programs use :class:`interp.wasi.Wasi` (``imports()``, ``run_start()``).
"""

from __future__ import annotations

import inspect
import io
from importlib import metadata

from ..kernels import REPO_ROOT, Kernel
from .base import CoreRun, Engine, EngineUnavailable, WasiRun, check_exit


def _interp():
    try:
        import interp
        import interp.runtime
    except ImportError as exc:
        raise EngineUnavailable(f"engine not importable: {exc}") from None
    if not hasattr(interp, "decode_module"):
        raise EngineUnavailable("engine not importable: interp.decode_module missing")
    return interp


def _git_describe() -> str:
    import subprocess

    try:
        out = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


class NanowasmEngine(Engine):
    name = "nanowasm"
    label = "nanowasm"

    def __init__(self) -> None:
        self._store_kwargs: dict = {}

    def version(self) -> str:
        _interp()
        try:
            v = metadata.version("nanowasm")
        except metadata.PackageNotFoundError:
            v = "0.1.0 (not installed)"
        return f"{v} @ {_git_describe()}"

    def set_fuel(self, fuel: int | None) -> str | None:
        if fuel is None:
            return None
        store_cls = _interp().runtime.Store
        if "fuel" not in inspect.signature(store_cls).parameters:
            return "interp.runtime.Store has no fuel= parameter; --fuel ignored"
        self._store_kwargs["fuel"] = fuel
        return None

    def _instantiate(self, data: bytes, imports: dict):
        interp = _interp()
        module = interp.decode_module(data)
        interp.validate_module(module)
        store = interp.runtime.Store(**self._store_kwargs)
        return interp.runtime.instantiate(store, module, imports)

    def load_core(self, kernel: Kernel, data: bytes, args: list) -> CoreRun:
        inst = self._instantiate(data, {})
        export = kernel.export
        return lambda: inst.invoke(export, *args)

    def load_wasi(self, kernel: Kernel, data: bytes, argv: list[str]) -> WasiRun:
        return _wasi_start(self, data, argv)


def _wasi_start(engine: NanowasmEngine, data: bytes, argv: list[str]) -> WasiRun:
    """Instantiate a WASI command with :class:`interp.wasi.Wasi`, stdout captured in memory."""
    try:
        from interp.wasi import Wasi
    except ImportError as exc:
        raise EngineUnavailable(f"interp.wasi not importable: {exc}") from None
    stdout = io.BytesIO()
    wasi = Wasi(args=list(argv), stdout=stdout)
    inst = engine._instantiate(data, wasi.imports())

    def run() -> bytes:
        try:
            check_exit(wasi.run_start(inst))
        finally:
            wasi.close()
        return stdout.getvalue()

    return run
