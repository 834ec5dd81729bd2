(module (tag $t) (func try (result i32) (throw $t) catch $t i32.const 1 catch_all i32.const 2 end drop
  (try (do nop) (delegate 0))))
