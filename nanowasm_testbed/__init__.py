"""The nanowasm testbed as installed from a wheel: ``nanowasm_testbed.harness``.

In the repository the testbed lives in top-level folders (``harness/``,
``fuzz/``, ``bench/``, ``reports/``) and is used from the checkout.  A wheel
ships only what another engine's project needs -- the spec-suite pytest
plugin and its engine adapters -- under this namespace, so ``pip install
nanowasm[harness]`` puts no generic top-level names (``harness``, ``fuzz``
...) into site-packages.  The plugin is registered as the ``pytest11`` entry
point ``nanowasm_testbed``; see "The spec harness, for any engine" in the
README.
"""
