"""``python -m bench.probe OUT.json run [nanowasm run args...]``: ``nanowasm run`` with a stopwatch.

Runs :func:`interp.cli.main` unchanged and writes three wall-clock
timestamps (``time.time()``, comparable with the parent process's) to OUT:
when this module started (the Python interpreter is up), when the program
reached ``main``, and when ``nanowasm run`` returned; and the process's CPU
time (``time.process_time()``, from its start) at each (``*_cpu``): on a
loaded machine wall time to ``main`` mostly measures the other processes.

"Reached main" is the first call of WASI ``args_sizes_get``: wasi-libc's
``_start`` calls it (through ``__main_void``) right before ``main``, after
the constructors, so everything before it is startup: importing the engine,
decode, validate, instantiate, and compiling the functions ``_start`` needs.
The hook wraps :meth:`interp.wasi.Wasi.host_function` from outside; the
engine is not changed.

The steps in between are stamped the same way (wall and CPU, ``*_cpu``):
``imported`` (``interp.cli`` imported), ``parsed`` (the command line
parsed: ``cli.load_module_cached`` entered), ``loaded`` (it returned: the
module decoded and validated, or taken from the code cache),
``instantiating`` / ``instantiated`` (around :func:`interp.runtime.instantiate`;
the WASI host, store and imports are made in between ``loaded`` and
``instantiating``), then ``main``.
"""

from __future__ import annotations

import time

STARTED = time.time()
STARTED_CPU = time.process_time()

import json  # noqa: E402  (the timestamp above comes first on purpose)
import sys  # noqa: E402
from typing import Any  # noqa: E402


def main(argv: list[str]) -> int:
    out, cli_args = argv[0], argv[1:]
    stamps: dict[str, float] = {"started": STARTED, "started_cpu": STARTED_CPU}

    from interp import cli, runtime
    from interp.wasi import Wasi

    def stamp(name: str) -> None:
        stamps.setdefault(name, time.time())
        stamps.setdefault(f"{name}_cpu", time.process_time())

    stamp("imported")

    def around(owner: Any, attr: str, before: str, after: str) -> None:
        inner = getattr(owner, attr)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            stamp(before)
            result = inner(*args, **kwargs)
            stamp(after)
            return result

        setattr(owner, attr, wrapper)

    # cmd_run looks both up at call time (a module global, an import in the function)
    around(cli, "load_module_cached", "parsed", "loaded")
    around(runtime, "instantiate", "instantiating", "instantiated")
    original = Wasi.host_function

    def host_function(self: Any, name: str) -> Any:
        fn = original(self, name)
        if name != "args_sizes_get":
            return fn

        def first_call(*args: Any) -> Any:
            stamp("main")
            return fn(*args)

        return first_call

    Wasi.host_function = host_function  # type: ignore[method-assign]
    try:
        code = cli.main(cli_args)
    finally:
        stamps["exited"] = time.time()
        stamps["exited_cpu"] = time.process_time()
        with open(out, "w") as f:
            json.dump(stamps, f)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
