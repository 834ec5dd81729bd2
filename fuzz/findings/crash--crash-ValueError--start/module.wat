(module
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "\00s") i32.const 1 global.set 0)
  (start 0))
