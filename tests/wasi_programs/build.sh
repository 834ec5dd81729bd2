#!/bin/sh
# Build the WASI test programs: build.sh [OUTDIR]   (default: this folder)
# Needs Debian's clang lld wasi-libc libclang-rt-14-dev-wasm32 (clang 14);
# CC defaults to clang, else clang-14.  The committed .wasm files were built
# with exactly this command, so the tests run without a C toolchain;
# tests/test_wasi.py builds the same way (same flags) into pytest's cache,
# keyed by the source's hash, and falls back to the committed files.
set -e
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
cc="${CC:-$(command -v clang || command -v clang-14)}"
mkdir -p "$out"
for src in "$here"/*.c; do
    name="$(basename "$src" .c)"
    model=""  # reactor*.c are WASI reactors (_initialize, no _start)
    case "$name" in reactor*) model="-mexec-model=reactor" ;; esac
    "$cc" --target=wasm32-wasi -mcpu=mvp -O2 -Wl,--strip-debug $model "$src" -o "$out/$name.wasm"
done
