(module
  (func (export "promote") (result f64)
    f32.const -nan:0x7ffffe
    f64.promote_f32))
