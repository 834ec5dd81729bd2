#!/bin/sh
# Rebuild the WASI test programs (Debian: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32).
# The .wasm files are committed so the tests run without a C toolchain; this is the exact command.
set -e
cd "$(dirname "$0")"
for src in *.c; do
    clang --target=wasm32-wasi -mcpu=mvp -O2 -Wl,--strip-debug "$src" -o "${src%.c}.wasm"
done
