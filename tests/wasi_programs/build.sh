#!/bin/sh
# Build the WASI test programs: build.sh [OUTDIR]   (default: this folder)
# Needs Debian's clang lld wasi-libc libclang-rt-14-dev-wasm32 (clang 14).
# The committed .wasm files were built with exactly this command, so the tests
# run without a C toolchain; tests/test_wasi.py rebuilds into a temporary
# folder when clang is available and falls back to the committed files.
set -e
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"
mkdir -p "$out"
for src in "$here"/*.c; do
    name="$(basename "$src" .c)"
    clang --target=wasm32-wasi -mcpu=mvp -O2 -Wl,--strip-debug "$src" -o "$out/$name.wasm"
done
