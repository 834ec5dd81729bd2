(module $m
  (type $t (func (param i32 i64) (result f32)))
  (rec (type $s (struct (field $x (mut i32)) (field i8))) (type (array (ref null $s))))
  (import "env" "f" (func $imp (type $t)))
  (memory (export "mem") i64 1 2 (pagesize 65536))
  (table $tab funcref (elem $f))
  (global $g (mut f64) (f64.const -0x1.8p-3))
  (tag $e (param i32))
  (func $f (export "f") (param $a i32) (result i32) (local $l v128)
    (block $b (result i32)
      (br_if $b (i32.const 1) (local.get $a))
      (v128.const f32x4 nan:0x1 inf -0 1e38) drop
      (try_table (catch $e 0) (throw $e (i32.const 7)))
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const -1)) (else (i32.const 0x7fff_ffff))))
    i8x16.splat (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get $l)) i8x16.extract_lane_u 3)
  (data (memory 0) (i64.const 8) "\00\ff\u{1F600}")
  (@custom "c" (after func) "x") (;nested (;comment;);) ;; line
)
