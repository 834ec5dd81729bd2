"""WASI preview 1 (``wasi_snapshot_preview1``) for nanowasm.

* :mod:`interp.wasi.abi`       -- errno, rights, flags, enums, signatures (witx)
* :mod:`interp.wasi.sandbox`   -- path resolution beneath a directory descriptor
* :mod:`interp.wasi.functions` -- :class:`Wasi`, every preview-1 function

Usage::

    wasi = Wasi(args=["prog", "x"], env={"K": "V"}, preopens={"/data": "/tmp/d"})
    inst = interp.instantiate(store, module, wasi.imports())
    code = wasi.run_start(inst)            # a command: _start, ProcExit -> exit code
    wasi.initialize(inst)                  # a reactor: _initialize, once
"""

from __future__ import annotations

from .abi import *  # noqa: F403  (the tables are this package's vocabulary)
from .abi import MODULE_NAME, SIGNATURES, WasiErrno
from .functions import FileDesc, GuestError, ProcExit, Wasi, wasi_from_argv
from .sandbox import MAX_SYMLINK_EXPANSIONS

__all__ = [
    "MAX_SYMLINK_EXPANSIONS",
    "MODULE_NAME",
    "SIGNATURES",
    "FileDesc",
    "GuestError",
    "ProcExit",
    "Wasi",
    "WasiErrno",
    "wasi_from_argv",
]
