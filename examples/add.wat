;; The module of the README's "Embedding" snippet (examples/embedding.py).
;; Built into add.wasm with `wasm-tools parse add.wat -o add.wasm`;
;; tests/test_examples.py checks that the two agree.
(module
  (import "env" "log" (func $log (param i32)))
  (memory (export "memory") 1)
  (global $counter (export "counter") (mut i32) (i32.const 0))
  (table (export "table") 2 funcref)
  (elem (i32.const 0) func $add)
  (data (i32.const 0) "nanowasm")
  ;; add(a, b) = a + b; logs the sum and counts the calls
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    (local $sum i32)
    (local.set $sum (i32.add (local.get $a) (local.get $b)))
    (call $log (local.get $sum))
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (local.get $sum)))
