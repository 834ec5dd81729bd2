;; The module of the README's host-module snippet (examples/host_console.py):
;; main() passes a string in its memory to the host's console.log(ptr, len).
(module
  (import "console" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "Hello from wasm!")
  (func (export "main")
    (call $log (i32.const 16) (i32.const 16))))
