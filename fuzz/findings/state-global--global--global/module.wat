(module
  (type (;0;) (func (result i32 externref)))
  (type (;1;) (func (param i64)))
  (import "" "" (func (;0;) (type 0) (result i32 externref)))
  (table (;0;) 0 20 funcref)
  (memory (;0;) 6 12)
  (global (;0;) (mut i64) i64.const -8841049117859827015)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i64) i64.const 0)
  (global (;5;) (mut i32) i32.const 1000)
  (export "" (func 0))
  (export "1" (func 1))
  (export "2" (func 2))
  (export "3" (func 3))
  (export "4" (table 0))
  (export "5" (memory 0))
  (export "6" (global 0))
  (export "17" (global 1))
  (export "8" (global 2))
  (export "9" (global 3))
  (export "i\u{7}" (global 4))
  (func (;1;) (type 1) (param i64)
    (local f64 i32 f32 f32 f32 f64)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    call 0
    f32.const -nan:0x7dffff (;=NaN;)
    block ;; label = @1
      i32.const 861613831
      i64.load32_u offset=330265
      loop ;; label = @2
        global.get 5
        i32.eqz
        if ;; label = @3
          unreachable
        end
        global.get 5
        i32.const 1
        i32.sub
        global.set 5
        call 3
        ref.null extern
        ref.is_null
        i64.load offset=318622
        i32.wrap_i64
        f32.const 0x1.218c22p-124 (;=0.000000000000000000000000000000000000053181457;)
        f32.ceil
        local.tee 5
        f32.const nan (;=NaN;)
        local.get 5
        local.get 5
        f32.eq
        select
        f32.abs
        i64.trunc_f32_u
        i64.store32 offset=54958 align=2
        ref.is_null
        i64.load32_s offset=608563 align=2
        i64.extend32_s
        i64.store32 offset=98119
      end
      f32.convert_i64_s
      f32.const 0x1.f571c8p-64 (;=0.000000000000000000106184994;)
      f32.abs
      i32.trunc_f32_s
      global.get 0
      local.set 0
      global.get 0
      local.set 0
      f32.load offset=510593 align=1
      i64.trunc_f32_u
      local.get 4
      i32.trunc_sat_f32_u
      i32.load offset=104640
      i32.extend8_s
      i32.ctz
      f32.convert_i32_s
      i64.const 1048576
      i64.extend32_s
      f32.convert_i64_u
      f32.ne
      br 0 (;@1;)
      f32.load offset=566401 align=1
      i32.trunc_sat_f32_s
      global.get 0
      f64.convert_i64_u
      f64.floor
      local.tee 6
      f64.const nan (;=NaN;)
      local.get 6
      local.get 6
      f64.eq
      select
      f64.abs
      f64.store offset=251076 align=1
      i64.ctz
      global.get 1
      i64.xor
      global.set 1
      i32.reinterpret_f32
      global.get 2
      i32.xor
      global.set 2
    end
    i32.reinterpret_f32
    global.get 2
    i32.xor
    global.set 2
    drop
    global.get 3
    i32.xor
    global.set 3
  )
  (func (;2;) (type 1) (param i64)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    table.size 0
    loop (result f32) ;; label = @1
      global.get 5
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 5
      i32.const 1
      i32.sub
      global.set 5
      f32.const -nan:0x7ff7ff (;=NaN;)
      f64.promote_f32
      nop
      ref.null func
      global.get 0
      local.get 0
      i64.add
      local.set 0
      i64.const 21
      global.set 0
      block ;; label = @2
        loop (type 0) (result i32 externref) ;; label = @3
          global.get 5
          i32.eqz
          if ;; label = @4
            unreachable
          end
          global.get 5
          i32.const 1
          i32.sub
          global.set 5
          global.get 0
          i64.extend8_s
          drop
          i32.const 1582209356
          ref.null extern
        end
        drop
        global.get 3
        i32.xor
        global.set 3
      end
      drop
      i64.reinterpret_f64
      global.get 4
      i64.xor
      global.set 4
      f32.const 0x1p-95 (;=0.00000000000000000000000000002524355;)
    end
    i32.reinterpret_f32
    global.get 2
    i32.xor
    global.set 2
    global.get 3
    i32.xor
    global.set 3
  )
  (func (;3;) (type 0) (result i32 externref)
    (local externref f32 f32)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    block (result i32) ;; label = @1
      call 0
      nop
      f32.const -nan:0x7ffff0 (;=NaN;)
      f32.ceil
      local.tee 1
      f32.const nan (;=NaN;)
      local.get 1
      local.get 1
      f32.eq
      select
      local.get 0
      memory.size
      i64.load offset=185379 align=2
      global.get 0
      loop (result i32) ;; label = @2
        global.get 5
        i32.eqz
        if ;; label = @3
          unreachable
        end
        global.get 5
        i32.const 1
        i32.sub
        global.set 5
        call 3
        local.tee 0
        local.set 0
        table.size 0
        f32.reinterpret_i32
        f32.abs
        ref.null func
        memory.size
        i32.load16_u offset=243760
        local.get 0
        local.get 0
        f32.const -0x1.91cee4p+64 (;=-28953330000000000000;)
        i32.trunc_sat_f32_s
        loop (type 0) (result i32 externref) ;; label = @3
          global.get 5
          i32.eqz
          if ;; label = @4
            unreachable
          end
          global.get 5
          i32.const 1
          i32.sub
          global.set 5
          call 3
          f32.const 0x1.80004p-130 (;=0.000000000000000000000000000000000000001102029;)
          ref.null func
          br 0 (;@3;)
          loop ;; label = @4
            global.get 5
            i32.eqz
            if ;; label = @5
              unreachable
            end
            global.get 5
            i32.const 1
            i32.sub
            global.set 5
            block (result i64) ;; label = @5
              block (result i64) ;; label = @6
                loop (result i64) ;; label = @7
                  global.get 5
                  i32.eqz
                  if ;; label = @8
                    unreachable
                  end
                  global.get 5
                  i32.const 1
                  i32.sub
                  global.set 5
                  i32.const -1954536475
                  i32.ctz
                  loop (result i64) ;; label = @8
                    global.get 5
                    i32.eqz
                    if ;; label = @9
                      unreachable
                    end
                    global.get 5
                    i32.const 1
                    i32.sub
                    global.set 5
                    ref.null extern
                    loop ;; label = @9
                      global.get 5
                      i32.eqz
                      if ;; label = @10
                        unreachable
                      end
                      global.get 5
                      i32.const 1
                      i32.sub
                      global.set 5
                      i32.const 1204815092
                      i32.load8_u offset=362516
                      br_if 6 (;@3;)
                      i64.const -34359738368
                      f32.const 0x1.p-133 (;=0.000000000000000000000000000000000000000091835;)
                      table.size 0
                      f32.convert_i32_s
                      global.get 0
                      ref.null extern
                      local.tee 0
                      memory.size
                      i32.ctz
                      f64.load offset=128552 align=4
                      i32.const 134217727
                      global.get 0
                      f64.convert_i64_u
                      i32.trunc_f64_u
                      ref.null extern
                      block ;; label = @10
                        loop ;; label = @11
                          global.get 5
                          i32.eqz
                          if ;; label = @12
                            unreachable
                          end
                          global.get 5
                          i32.const 1
                          i32.sub
                          global.set 5
                          local.get 0
                          memory.size
                          table.get 0
                          ref.null extern
                          local.get 0
                          br 3 (;@8;)
                          loop (type 0) (result i32 externref) ;; label = @12
                            global.get 5
                            i32.eqz
                            if ;; label = @13
                              unreachable
                            end
                            global.get 5
                            i32.const 1
                            i32.sub
                            global.set 5
                            ref.null func
                            ref.null extern
                            i64.const -1079113852365625982
                            br 9 (;@3;)
                            f64.convert_i64_u
                            table.size 0
                            i32.ctz
                            i64.load offset=366527 align=2
                            f32.convert_i64_u
                            call 3
                            ref.is_null
                            f32.reinterpret_i32
                            br 9 (;@3;)
                            i64.trunc_sat_f32_u
                            i64.extend16_s
                            f32.const 0x1.7b17a2p+15 (;=48523.816;)
                            f32.sqrt
                            local.tee 2
                            f32.const nan (;=NaN;)
                            local.get 2
                            local.get 2
                            f32.eq
                            select
                            table.size 0
                            i64.load8_s offset=114536
                            f64.reinterpret_i64
                            f64.neg
                            i32.trunc_sat_f64_s
                            loop (type 0) (result i32 externref) ;; label = @13
                              global.get 5
                              i32.eqz
                              if ;; label = @14
                                unreachable
                              end
                              global.get 5
                              i32.const 1
                              i32.sub
                              global.set 5
                              nop
                              global.get 0
                              i64.clz
                              f32.convert_i64_u
                              i64.trunc_sat_f32_s
                              br 2 (;@11;)
                              i64.const 2139095039
                              i64.popcnt
                              loop ;; label = @14
                                global.get 5
                                i32.eqz
                                if ;; label = @15
                                  unreachable
                                end
                                global.get 5
                                i32.const 1
                                i32.sub
                                global.set 5
                                global.get 0
                                local.get 0
                                global.get 0
                                block (result f64) ;; label = @15
                                  loop (type 0) (result i32 externref) ;; label = @16
                                    global.get 5
                                    i32.eqz
                                    if ;; label = @17
                                      unreachable
                                    end
                                    global.get 5
                                    i32.const 1
                                    i32.sub
                                    global.set 5
                                    memory.size
                                    f32.reinterpret_i32
                                    loop (result f64) ;; label = @17
                                      global.get 5
                                      i32.eqz
                                      if ;; label = @18
                                        unreachable
                                      end
                                      global.get 5
                                      i32.const 1
                                      i32.sub
                                      global.set 5
                                      global.get 0
                                      i64.extend8_s
                                      local.get 0
                                      table.size 0
                                      i32.const 0
                                      memory.grow
                                      i32.ctz
                                      f32.convert_i32_s
                                      f64.promote_f32
                                      i32.const 33554431
                                      call_indirect (type 0)
                                      f32.const 0x1p-123 (;=0.00000000000000000000000000000000000009403955;)
                                      call 0
                                      drop
                                      global.get 3
                                      i32.xor
                                      global.set 3
                                      i32.reinterpret_f32
                                      global.get 2
                                      i32.xor
                                      global.set 2
                                      drop
                                      global.get 3
                                      i32.xor
                                      global.set 3
                                      i64.reinterpret_f64
                                      global.get 4
                                      i64.xor
                                      global.set 4
                                      global.get 3
                                      i32.xor
                                      global.set 3
                                      drop
                                      global.get 1
                                      i64.xor
                                      global.set 1
                                      f64.const -0x1.7e53aa8f4f30ep+730 (;=-8435127188283806000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                                    end
                                    i64.reinterpret_f64
                                    global.get 4
                                    i64.xor
                                    global.set 4
                                    drop
                                    i32.const -2097153
                                    ref.null extern
                                  end
                                  drop
                                  global.get 3
                                  i32.xor
                                  global.set 3
                                  f64.const -0x1.045f01aef4abap+22 (;=-4265920.420855219;)
                                end
                                i64.reinterpret_f64
                                global.get 4
                                i64.xor
                                global.set 4
                                global.get 1
                                i64.xor
                                global.set 1
                                drop
                                global.get 1
                                i64.xor
                                global.set 1
                              end
                              global.get 1
                              i64.xor
                              global.set 1
                              global.get 1
                              i64.xor
                              global.set 1
                              i32.const 908476243
                              ref.null extern
                            end
                            drop
                            global.get 3
                            i32.xor
                            global.set 3
                            global.get 3
                            i32.xor
                            global.set 3
                            i32.reinterpret_f32
                            global.get 2
                            i32.xor
                            global.set 2
                            global.get 1
                            i64.xor
                            global.set 1
                            global.get 3
                            i32.xor
                            global.set 3
                            i32.reinterpret_f32
                            global.get 2
                            i32.xor
                            global.set 2
                            i64.reinterpret_f64
                            global.get 4
                            i64.xor
                            global.set 4
                            drop
                            drop
                            i32.const 852038908
                            ref.null extern
                          end
                          drop
                          global.get 3
                          i32.xor
                          global.set 3
                          drop
                          drop
                          drop
                          drop
                        end
                      end
                      drop
                      global.get 3
                      i32.xor
                      global.set 3
                      global.get 3
                      i32.xor
                      global.set 3
                      i64.reinterpret_f64
                      global.get 4
                      i64.xor
                      global.set 4
                      drop
                      global.get 1
                      i64.xor
                      global.set 1
                      i32.reinterpret_f32
                      global.get 2
                      i32.xor
                      global.set 2
                      i32.reinterpret_f32
                      global.get 2
                      i32.xor
                      global.set 2
                      global.get 1
                      i64.xor
                      global.set 1
                    end
                    drop
                    i64.const 576460752303423487
                  end
                  global.get 1
                  i64.xor
                  global.set 1
                  global.get 3
                  i32.xor
                  global.set 3
                  i64.const 1125899906842624
                end
              end
            end
            global.get 1
            i64.xor
            global.set 1
          end
          drop
          i32.reinterpret_f32
          global.get 2
          i32.xor
          global.set 2
        end
        drop
        global.get 3
        i32.xor
        global.set 3
        global.get 3
        i32.xor
        global.set 3
        drop
        drop
        global.get 3
        i32.xor
        global.set 3
        drop
        i32.reinterpret_f32
        global.get 2
        i32.xor
        global.set 2
      end
      global.get 3
      i32.xor
      global.set 3
      global.get 1
      i64.xor
      global.set 1
      global.get 1
      i64.xor
      global.set 1
      drop
      i32.reinterpret_f32
      global.get 2
      i32.xor
      global.set 2
      drop
    end
    ref.null extern
  )
)
