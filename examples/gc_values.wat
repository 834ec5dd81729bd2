;; GC values at the API: examples/gc_values.py
(module
  (type $point (struct (field $x (mut f64)) (field $y (mut f64))))
  (type $bytes (array (mut i8)))
  (func (export "point") (param f64 f64) (result (ref $point))
    (struct.new $point (local.get 0) (local.get 1)))
  (func (export "norm2") (param (ref null $point)) (result f64)
    (f64.add
      (f64.mul (struct.get $point $x (local.get 0)) (struct.get $point $x (local.get 0)))
      (f64.mul (struct.get $point $y (local.get 0)) (struct.get $point $y (local.get 0)))))
  (func (export "bytes") (param i32) (result (ref $bytes))
    (array.new $bytes (local.get 0) (i32.const 3)))
  (func (export "same") (param eqref eqref) (result i32)
    (ref.eq (local.get 0) (local.get 1)))
)
