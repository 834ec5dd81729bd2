"""The spec-suite harness: official ``.wast`` scripts as pytest items, for any engine.

* :mod:`harness.plugin`  -- pytest hooks (loaded for every run, must stay cheap)
* :mod:`harness.suite`   -- where the suite lives, which scripts exist
* :mod:`harness.convert` -- ``wasm-tools json-from-wast``, cached by content hash
* :mod:`harness.script`  -- the commands of one script, with stable ids
* :mod:`harness.runner`  -- runs commands in order with shared state
* :mod:`harness.values`  -- typed bit-pattern values and the comparison rules
* :mod:`harness.engines` -- the adapter protocol and the built-in adapters
* :mod:`harness.summary` -- the conformance summary and the JSON record
"""
