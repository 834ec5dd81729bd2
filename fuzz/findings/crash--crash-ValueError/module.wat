(module
  (func (export "d\00") (result i32) i32.const 7))
