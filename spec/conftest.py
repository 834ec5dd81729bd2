"""The official WebAssembly spec scripts, run as pytest items.

The items under ``spec/`` are collected by :mod:`harness.plugin` (loaded for
every run by ``addopts = -p harness.plugin``): ``spec/<script>.wast`` are
virtual paths naming scripts of the suite folder, which lives outside this
repository (``--testsuite``, ``$NANOWASM_TESTSUITE``, default
``../shared/wasm-testsuite``).  This folder holds only data:

* ``SUITE_COMMIT`` -- the suite commit the expected-failure lists were made against;
* ``features.toml`` -- feature tags per script (summary, WebAssembly 2.0 subset);
* ``xfail/<engine>.toml`` -- expected failures per engine, one reason each (strict).
"""
