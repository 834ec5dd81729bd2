"""Fuzzing nanowasm: robustness (atheris), differential (vs wasmtime), properties (hypothesis).

See ``fuzz/README.md`` for usage.  Modules:

* :mod:`fuzz.toolchain`  -- the ``wasm-tools`` binary: smith configs per feature level, validate, shrink
* :mod:`fuzz.oracle`     -- wasmtime configured per level, bit-exact raw calls
* :mod:`fuzz.subject`    -- nanowasm driven with bit patterns under a wall-clock bound
* :mod:`fuzz.values`     -- edge-biased arguments, engine-neutral trap kinds
* :mod:`fuzz.diff`       -- differential runner, campaigns, findings, replay
* :mod:`fuzz.properties` -- per-instruction properties vs wasmtime (hypothesis)
* :mod:`fuzz.strategies` -- hypothesis strategies building valid modules
* ``fuzz/targets/*.py``  -- atheris targets (executable, libFuzzer flags)
* ``python -m fuzz``     -- launcher for the atheris targets with a time budget
"""
