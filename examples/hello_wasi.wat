;; The WASI command of the README's WASI snippet (examples/wasi_hello.py):
;; prints a greeting to stdout and returns (exit status 0).
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; iovec at 0: buffer 16, length 13
  (data (i32.const 0) "\10\00\00\00\0d\00\00\00")
  (data (i32.const 16) "Hello, WASI!\0a")
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 64)))))
