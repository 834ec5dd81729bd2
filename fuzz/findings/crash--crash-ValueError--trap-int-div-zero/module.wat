(module
  (type (;0;) (func))
  (table (;0;) 0 43 funcref)
  (memory (;0;) 1 1)
  (global (;0;) (mut f32) f32.const 0x1.a2d256p-16 (;=0.000024963714;))
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i64) i64.const 0)
  (global (;4;) (mut i32) i32.const 0)
  (global (;5;) (mut i32) i32.const 1000)
  (export "R\u{0}" (func 0))
  (export "" (func 1))
  (export "2" (func 2))
  (export "3" (func 3))
  (export "4" (func 4))
  (export "5" (func 5))
  (export "6" (func 6))
  (export "7" (table 0))
  (export "8" (memory 0))
  (export "9" (global 0))
  (export "=\u{533}rg8%" (global 1))
  (export "11" (global 2))
  (export "\u{7f7}|p7T\u{f1}VA" (global 3))
  (export "13" (global 4))
  (elem (;0;) declare externref)
  (func (;0;) (type 0)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    global.get 0
    f32.const -0x1.6ed1bp+89 (;=-886914140000000000000000000;)
    i32.const 2048
    i32.load16_u offset=7658
    memory.size
    i32.load8_u offset=23813
    i32.load16_u offset=39657
    i32.rem_s
    f64.convert_i32_u
    memory.size
    f64.const -0x1.a12a5243388cap+277 (;=-395710002765842300000000000000000000000000000000000000000000000000000000000000000000;)
    f64.abs
    loop (type 0) ;; label = @1
      global.get 5
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 5
      i32.const 1
      i32.sub
      global.set 5
      br 1
    end
    loop (type 0) ;; label = @1
      global.get 5
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 5
      i32.const 1
      i32.sub
      global.set 5
    end
    i64.reinterpret_f64
    i64.store32 offset=27238 align=2
    f64.abs
    i64.reinterpret_f64
    br 0
    i64.const -8760942345727125524
    i64.ne
    memory.size
    call_indirect (type 0)
    elem.drop 0
    i32.load8_u offset=45466
    f64.load offset=28618 align=1
    ref.null extern
    elem.drop 0
    call 5
    elem.drop 0
    f32.const -0x1.7aa282p+69 (;=-873072400000000000000;)
    i32.trunc_f32_s
    br_if 0
    drop
    i64.reinterpret_f64
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
  )
  (func (;1;) (type 0)
    (local funcref f32 f32 f32 f64)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    f32.const -0x1.073216p+122 (;=-5466360000000000000000000000000000000;)
    i64.trunc_sat_f32_s
    loop (type 0) ;; label = @1
      global.get 5
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 5
      i32.const 1
      i32.sub
      global.set 5
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
        loop (result f64) ;; label = @3
          global.get 5
          i32.eqz
          if ;; label = @4
            unreachable
          end
          global.get 5
          i32.const 1
          i32.sub
          global.set 5
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
            block (result funcref) ;; label = @5
              memory.size
              elem.drop 0
              i32.eqz
              i32.load16_u offset=32429 align=1
              f32.const -0x1.0097bp-64 (;=-0.00000000000000000005433558;)
              table.size 0
              i32.extend8_s
              i32.load8_s offset=35193
              br_if 4 (;@1;)
              i32.trunc_sat_f32_u
              f32.convert_i32_s
              i32.reinterpret_f32
              i32.shr_u
              f32.convert_i32_s
              i32.trunc_f32_s
              global.get 0
              f32.sqrt
              local.tee 1
              f32.const nan (;=NaN;)
              local.get 1
              local.get 1
              f32.eq
              select
              f32.abs
              f32.nearest
              local.tee 2
              f32.const nan (;=NaN;)
              local.get 2
              local.get 2
              f32.eq
              select
              f32.trunc
              local.tee 3
              f32.const nan (;=NaN;)
              local.get 3
              local.get 3
              f32.eq
              select
              memory.size
              f64.load offset=62709 align=2
              ref.null extern
              f64.const -nan:0xffffdffffffff (;=NaN;)
              i64.trunc_sat_f64_u
              f64.reinterpret_i64
              memory.size
              f64.convert_i32_u
              i32.const -512
              i32.load8_u offset=63
              if ;; label = @6
                i64.const 17179869184
                br 2 (;@4;)
                i64.extend16_s
                memory.size
                if (result i32) ;; label = @7
                  global.get 0
                  i64.const 9211538174386611511
                  f64.convert_i64_s
                  elem.drop 0
                  f64.const 0x1.39c46b34cef19p+641 (;=11183941369746840000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                  f64.floor
                  local.tee 4
                  f64.const nan (;=NaN;)
                  local.get 4
                  local.get 4
                  f64.eq
                  select
                  br 7
                  global.get 0
                  block (result f64) ;; label = @8
                    local.get 0
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
                      i32.const 67108863
                      i64.load8_s offset=65536
                      elem.drop 0
                      memory.size
                      i32.clz
                      i64.extend_i32_u
                      f64.const -nan:0xfffff7fffffff (;=NaN;)
                      i64.trunc_sat_f64_u
                      i64.ctz
                      i64.add
                      i64.ge_u
                      i64.load8_u offset=64136
                      call 6
                      memory.size
                      i64.load16_u offset=63782
                      i64.extend32_s
                      i64.div_s
                      global.get 0
                      i64.trunc_f32_u
                      local.get 0
                      f64.const 0x1.p-1062 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020237;)
                      memory.size
                      call 6
                      loop (type 0) ;; label = @10
                        global.get 5
                        i32.eqz
                        if ;; label = @11
                          unreachable
                        end
                        global.get 5
                        i32.const 1
                        i32.sub
                        global.set 5
                        elem.drop 0
                        global.get 0
                        global.get 0
                        loop (type 0) ;; label = @11
                          global.get 5
                          i32.eqz
                          if ;; label = @12
                            unreachable
                          end
                          global.get 5
                          i32.const 1
                          i32.sub
                          global.set 5
                          memory.size
                          if (result i64) ;; label = @12
                            nop
                            br 11 (;@1;)
                            memory.size
                            i32.load16_u offset=25675
                            i64.const 9007199254740992
                            i32.wrap_i64
                            f64.load offset=17203
                            i32.trunc_sat_f64_s
                            i32.div_s
                            i64.load32_u offset=59089 align=2
                            f64.reinterpret_i64
                            memory.size
                            block (type 0) ;; label = @13
                              f32.const -inf (;=-inf;)
                              i32.trunc_f32_u
                              i32.load8_u offset=42672
                              call_indirect (type 0)
                              block ;; label = @14
                                i32.const 286331153
                                br_if 8 (;@6;)
                                ref.null extern
                                loop (result i32) ;; label = @15
                                  global.get 5
                                  i32.eqz
                                  if ;; label = @16
                                    unreachable
                                  end
                                  global.get 5
                                  i32.const 1
                                  i32.sub
                                  global.set 5
                                  block ;; label = @16
                                    loop ;; label = @17
                                      global.get 5
                                      i32.eqz
                                      if ;; label = @18
                                        unreachable
                                      end
                                      global.get 5
                                      i32.const 1
                                      i32.sub
                                      global.set 5
                                      i32.const -256
                                      i64.const -5459171358813765497
                                      i64.clz
                                      global.get 0
                                      i64.trunc_f32_u
                                      global.get 0
                                      f64.promote_f32
                                      i64.reinterpret_f64
                                      global.get 1
                                      i64.xor
                                      global.set 1
                                      global.get 3
                                      i64.xor
                                      global.set 3
                                      global.get 3
                                      i64.xor
                                      global.set 3
                                      global.get 4
                                      i32.xor
                                      global.set 4
                                    end
                                  end
                                  i32.const 191804122
                                end
                                global.get 4
                                i32.xor
                                global.set 4
                                drop
                              end
                            end
                            global.get 4
                            i32.xor
                            global.set 4
                            i64.reinterpret_f64
                            global.get 1
                            i64.xor
                            global.set 1
                            i64.const 65537
                          else
                            i64.const -2102756469553290635
                          end
                          global.get 3
                          i64.xor
                          global.set 3
                        end
                        i32.reinterpret_f32
                        global.get 2
                        i32.xor
                        global.set 2
                        i32.reinterpret_f32
                        global.get 2
                        i32.xor
                        global.set 2
                      end
                      global.get 4
                      i32.xor
                      global.set 4
                      i64.reinterpret_f64
                      global.get 1
                      i64.xor
                      global.set 1
                      drop
                      global.get 3
                      i64.xor
                      global.set 3
                      drop
                    end
                    drop
                    f64.const -0x1.cd52cd2cca5bap-131 (;=-0.0000000000000000000000000000000000000006619666765243321;)
                  end
                  i64.reinterpret_f64
                  global.get 1
                  i64.xor
                  global.set 1
                  i32.reinterpret_f32
                  global.get 2
                  i32.xor
                  global.set 2
                  i64.reinterpret_f64
                  global.get 1
                  i64.xor
                  global.set 1
                  i64.reinterpret_f64
                  global.get 1
                  i64.xor
                  global.set 1
                  i32.reinterpret_f32
                  global.get 2
                  i32.xor
                  global.set 2
                  i32.const 1052227241
                else
                  i32.const 7
                end
                global.get 4
                i32.xor
                global.set 4
                global.get 3
                i64.xor
                global.set 3
              end
              i64.reinterpret_f64
              global.get 1
              i64.xor
              global.set 1
              i64.reinterpret_f64
              global.get 1
              i64.xor
              global.set 1
              drop
              i64.reinterpret_f64
              global.get 1
              i64.xor
              global.set 1
              i32.reinterpret_f32
              global.get 2
              i32.xor
              global.set 2
              global.get 4
              i32.xor
              global.set 4
              ref.null func
            end
            drop
          end
          f64.const 0x1.6p-1069 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000217;)
        end
        i64.reinterpret_f64
        global.get 1
        i64.xor
        global.set 1
      end
    end
    global.get 3
    i64.xor
    global.set 3
  )
  (func (;2;) (type 0)
    (local f32 f64 f32 f32 f32 f32 f32)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    ref.null extern
    local.get 0
    f64.promote_f32
    f64.nearest
    local.tee 1
    f64.const nan (;=NaN;)
    local.get 1
    local.get 1
    f64.eq
    select
    elem.drop 0
    i64.reinterpret_f64
    loop ;; label = @1
      global.get 5
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 5
      i32.const 1
      i32.sub
      global.set 5
      ref.null extern
      i32.const -1275425961
      i32.load8_s offset=13911
      i32.load8_s offset=34407
      br_if 0 (;@1;)
      ref.is_null
      table.size 0
      f64.const 0x1.0001p-1058 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000323796;)
      f64.const -0x1.713c3a6571abfp-655 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000009647528029987878;)
      f64.le
      call_indirect (type 0)
      i32.rem_s
      global.get 0
      i32.trunc_f32_s
      f32.load offset=65536 align=2
      f32.floor
      local.tee 2
      f32.const nan (;=NaN;)
      local.get 2
      local.get 2
      f32.eq
      select
      i32.trunc_sat_f32_s
      i32.or
      elem.drop 0
      i32.load16_u offset=58008 align=1
      i32.load16_s offset=28468
      f32.convert_i32_u
      block (type 0) ;; label = @2
      end
      f32.floor
      local.tee 3
      f32.const nan (;=NaN;)
      local.get 3
      local.get 3
      f32.eq
      select
      i32.trunc_sat_f32_u
      ref.null extern
      i32.const -524289
      global.get 0
      table.size 0
      block ;; label = @2
        f32.const 0x1.4db0aep+51 (;=2935169600000000;)
        f32.sqrt
        local.tee 4
        f32.const nan (;=NaN;)
        local.get 4
        local.get 4
        f32.eq
        select
        i32.trunc_f32_u
        ref.null extern
        br 1 (;@1;)
        call 0
        loop ;; label = @3
          global.get 5
          i32.eqz
          if ;; label = @4
            unreachable
          end
          global.get 5
          i32.const 1
          i32.sub
          global.set 5
          ref.null func
          block (type 0) ;; label = @4
          end
          ref.null extern
          i64.const -1152921504606846976
          f64.reinterpret_i64
          local.get 0
          f32.abs
          f32.abs
          f32.ceil
          local.tee 5
          f32.const nan (;=NaN;)
          local.get 5
          local.get 5
          f32.eq
          select
          table.size 0
          f32.convert_i32_s
          f32.abs
          i64.trunc_sat_f32_u
          loop (result f64) ;; label = @4
            global.get 5
            i32.eqz
            if ;; label = @5
              unreachable
            end
            global.get 5
            i32.const 1
            i32.sub
            global.set 5
            global.get 0
            f32.abs
            memory.size
            loop ;; label = @5
              global.get 5
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 5
              i32.const 1
              i32.sub
              global.set 5
              loop ;; label = @6
                global.get 5
                i32.eqz
                if ;; label = @7
                  unreachable
                end
                global.get 5
                i32.const 1
                i32.sub
                global.set 5
                memory.size
                if ;; label = @7
                  i32.const -1233577795
                  i64.extend_i32_s
                  ref.null extern
                  table.size 0
                  elem.drop 0
                  f32.convert_i32_s
                  f32.sqrt
                  local.tee 6
                  f32.const nan (;=NaN;)
                  local.get 6
                  local.get 6
                  f32.eq
                  select
                  i64.trunc_f32_s
                  nop
                  br 2 (;@5;)
                  f32.const 0x1.fep-142 (;=0.000000000000000000000000000000000000000000357;)
                  i64.trunc_sat_f32_u
                  i64.rotr
                  i32.wrap_i64
                  i32.const -33554433
                  i64.load8_u offset=36802
                  i64.popcnt
                  i64.store offset=56368 align=1
                  i64.const 1855014514589885003
                  memory.size
                  i32.extend16_s
                  if (type 0) ;; label = @8
                    f64.const 0x1.7898cc0cb51cap+113 (;=15276583683959172000000000000000000;)
                    f32.demote_f64
                    global.set 0
                    call 2
                    f64.const -0x1.c6c4c6789165bp+10 (;=-1819.0746137065787;)
                    f64.neg
                    f64.abs
                    i32.trunc_f64_u
                    i32.load offset=65536
                    i64.const -268435457
                    f64.convert_i64_s
                    i32.trunc_f64_u
                    i32.xor
                    br_if 8
                    memory.size
                    table.get 0
                    local.get 0
                    i32.const 536870911
                    f32.reinterpret_i32
                    f32.abs
                    br 1 (;@7;)
                    f32.le
                    f64.convert_i32_s
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
                      table.size 0
                      i32.const -9
                      f64.convert_i32_s
                      global.get 0
                      i32.trunc_sat_f32_u
                      f32.convert_i32_s
                      f64.const -0x1.f723da175cc08p-1 (;=-0.9826954034346054;)
                      i32.trunc_sat_f64_s
                      i64.extend_i32_s
                      br 1 (;@8;)
                      i64.eqz
                      i32.load8_s offset=2341
                      i64.extend_i32_u
                      memory.size
                      global.get 4
                      i32.xor
                      global.set 4
                      global.get 3
                      i64.xor
                      global.set 3
                      i32.reinterpret_f32
                      global.get 2
                      i32.xor
                      global.set 2
                      i64.reinterpret_f64
                      global.get 1
                      i64.xor
                      global.set 1
                      global.get 4
                      i32.xor
                      global.set 4
                    end
                    i64.reinterpret_f64
                    global.get 1
                    i64.xor
                    global.set 1
                    drop
                  end
                  global.get 3
                  i64.xor
                  global.set 3
                  drop
                  global.get 3
                  i64.xor
                  global.set 3
                end
              end
            end
            global.get 4
            i32.xor
            global.set 4
            i32.reinterpret_f32
            global.get 2
            i32.xor
            global.set 2
            f64.const 0x1.p-1054 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005180654;)
          end
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          global.get 3
          i64.xor
          global.set 3
          i32.reinterpret_f32
          global.get 2
          i32.xor
          global.set 2
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          drop
          drop
        end
        drop
        global.get 4
        i32.xor
        global.set 4
      end
      global.get 4
      i32.xor
      global.set 4
      i32.reinterpret_f32
      global.get 2
      i32.xor
      global.set 2
      global.get 4
      i32.xor
      global.set 4
      drop
      global.get 4
      i32.xor
      global.set 4
    end
    global.get 3
    i64.xor
    global.set 3
    drop
  )
  (func (;3;) (type 0)
    (local i64 funcref f64 f64 f64 f64 f32)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    call 3
    local.get 0
    local.tee 0
    local.tee 0
    i64.extend8_s
    block (result i32) ;; label = @1
      br 1
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
        f64.const -nan:0xffffffffffffe (;=NaN;)
        f64.ceil
        local.tee 2
        f64.const nan (;=NaN;)
        local.get 2
        local.get 2
        f64.eq
        select
        i64.reinterpret_f64
        nop
        i64.popcnt
        i32.const 286331153
        i32.popcnt
        i32.load16_u offset=58388 align=1
        br_table 0 (;@2;) 2 0 (;@2;)
        f64.convert_i64_u
        f64.trunc
        local.tee 3
        f64.const nan (;=NaN;)
        local.get 3
        local.get 3
        f64.eq
        select
        i32.trunc_sat_f64_u
        i64.load8_s offset=4465
        local.tee 0
        i32.wrap_i64
        table.size 0
        if ;; label = @3
          call 4
          loop (type 0) ;; label = @4
            global.get 5
            i32.eqz
            if ;; label = @5
              unreachable
            end
            global.get 5
            i32.const 1
            i32.sub
            global.set 5
            br 1 (;@3;)
            table.size 0
            ref.null extern
            nop
            ref.is_null
            if (type 0) ;; label = @5
              f64.const -0x1.ed2eafa2263cp+9 (;=-986.364734905881;)
              f64.nearest
              local.tee 4
              f64.const nan (;=NaN;)
              local.get 4
              local.get 4
              f64.eq
              select
              elem.drop 0
              memory.size
              if ;; label = @6
                global.get 0
                i32.reinterpret_f32
                i32.clz
                f32.const 0x1.1edab4p-89 (;=0.0000000000000000000000000018103052;)
                call 4
                global.get 0
                i64.trunc_sat_f32_s
                i64.eqz
                i64.load16_s offset=55383 align=1
                f64.convert_i64_u
                f64.ceil
                local.tee 5
                f64.const nan (;=NaN;)
                local.get 5
                local.get 5
                f64.eq
                select
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
                  local.get 1
                  local.get 1
                  local.get 1
                  i32.const -58622479
                  if ;; label = @8
                    f32.const -0x1.6c7d42p+30 (;=-1528778900;)
                    f32.const -0x1.9f4abep-59 (;=-0.0000000000000000028141278;)
                    table.size 0
                    i32.load offset=28785
                    i32.load16_u offset=44352
                    nop
                    i32.load offset=40025 align=2
                    br_if 6 (;@2;)
                    f32.le
                    block ;; label = @9
                      elem.drop 0
                      br 2 (;@7;)
                      i64.const 9218868437227405312
                      f64.const -nan:0xff7ffffffffff (;=NaN;)
                      i64.trunc_f64_u
                      global.get 0
                      i64.const 7111930999974892356
                      local.tee 0
                      local.get 0
                      i32.const -1704694748
                      i32.load8_s offset=24349
                      i32.load16_s offset=37632
                      f32.const 0x1.8d37d2p+55 (;=55903470000000000;)
                      loop (result i64) ;; label = @10
                        global.get 5
                        i32.eqz
                        if ;; label = @11
                          unreachable
                        end
                        global.get 5
                        i32.const 1
                        i32.sub
                        global.set 5
                        f32.const -0x1.49034p-121 (;=-0.0000000000000000000000000000000000004834407;)
                        f32.ceil
                        local.tee 6
                        f32.const nan (;=NaN;)
                        local.get 6
                        local.get 6
                        f32.eq
                        select
                        f64.promote_f32
                        local.get 1
                        global.get 0
                        ref.null extern
                        elem.drop 0
                        drop
                        i32.reinterpret_f32
                        global.get 2
                        i32.xor
                        global.set 2
                        drop
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        i64.const -8006977761198746410
                      end
                      global.get 3
                      i64.xor
                      global.set 3
                      i32.reinterpret_f32
                      global.get 2
                      i32.xor
                      global.set 2
                      global.get 4
                      i32.xor
                      global.set 4
                      global.get 3
                      i64.xor
                      global.set 3
                      global.get 3
                      i64.xor
                      global.set 3
                      i32.reinterpret_f32
                      global.get 2
                      i32.xor
                      global.set 2
                      global.get 3
                      i64.xor
                      global.set 3
                      global.get 3
                      i64.xor
                      global.set 3
                    end
                    global.get 4
                    i32.xor
                    global.set 4
                  end
                  drop
                  drop
                  drop
                  i64.const -1125899906842624
                end
                global.get 3
                i64.xor
                global.set 3
                i64.reinterpret_f64
                global.get 1
                i64.xor
                global.set 1
                i32.reinterpret_f32
                global.get 2
                i32.xor
                global.set 2
                global.get 4
                i32.xor
                global.set 4
              end
              i64.reinterpret_f64
              global.get 1
              i64.xor
              global.set 1
            end
            global.get 4
            i32.xor
            global.set 4
          end
        end
        global.get 4
        i32.xor
        global.set 4
      end
      i32.const 43
    end
    global.get 4
    i32.xor
    global.set 4
    global.get 3
    i64.xor
    global.set 3
  )
  (func (;4;) (type 0)
    (local f64 f64 f32 f32 f32 f64 f32 f64 f64 f32 f32 f64 f64 f32 f32 f32)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    block ;; label = @1
      i64.const 465691262680027523
      f64.const -0x1.9c3364166a0bbp-402 (;=-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001558872339959498;)
      f64.nearest
      local.tee 0
      f64.const nan (;=NaN;)
      local.get 0
      local.get 0
      f64.eq
      select
      i32.trunc_sat_f64_s
      loop (result f64) ;; label = @2
        global.get 5
        i32.eqz
        if ;; label = @3
          unreachable
        end
        global.get 5
        i32.const 1
        i32.sub
        global.set 5
        block ;; label = @3
          call 1
          ref.null func
          i64.const -1048576
          elem.drop 0
          memory.size
          i64.const -4850376798678024192
          i64.extend16_s
          i64.store32 offset=52612 align=1
          br 2 (;@1;)
          i64.clz
          ref.null extern
          i64.const 3383723773282731773
          elem.drop 0
          br 3
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
            loop (result f64) ;; label = @5
              global.get 5
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 5
              i32.const 1
              i32.sub
              global.set 5
              i32.const -1800199200
              br 5
              i32.load16_u offset=31857 align=1
              i32.load8_u offset=25978
              br 1 (;@4;)
              call_indirect (type 0)
              table.size 0
              block (result i32) ;; label = @6
                memory.size
                i32.load16_s offset=12183
                i32.load8_s offset=15415
                table.size 0
                i32.load16_s offset=44152
                i32.load16_s offset=25897
                i64.extend_i32_u
                f32.const 0x1.p-128 (;=0.000000000000000000000000000000000000002938736;)
                i64.trunc_sat_f32_s
                i64.rotl
                i64.popcnt
                i32.wrap_i64
                i32.ge_u
                table.size 0
                i32.load8_u offset=24895
                i32.div_u
                f32.convert_i32_s
                f32.abs
                i64.trunc_sat_f32_s
                global.get 0
                i32.const 549930569
                global.get 0
                ref.null func
                ref.null func
                return
                return
                i32.const -257216095
                loop ;; label = @7
                  global.get 5
                  i32.eqz
                  if ;; label = @8
                    unreachable
                  end
                  global.get 5
                  i32.const 1
                  i32.sub
                  global.set 5
                  block (result f64) ;; label = @8
                    loop (type 0) ;; label = @9
                      global.get 5
                      i32.eqz
                      if ;; label = @10
                        unreachable
                      end
                      global.get 5
                      i32.const 1
                      i32.sub
                      global.set 5
                      memory.size
                      f64.convert_i32_u
                      f64.neg
                      f64.nearest
                      local.tee 1
                      f64.const nan (;=NaN;)
                      local.get 1
                      local.get 1
                      f64.eq
                      select
                      call 0
                      i64.const -672322602948884207
                      global.get 0
                      i32.trunc_sat_f32_s
                      br_table 0 (;@9;) 2 (;@7;) 4 (;@5;) 5 (;@4;) 6 (;@3;) 7 (;@2;) 8 (;@1;) 9 0 (;@9;)
                      i64.eqz
                      i32.ctz
                      i64.load8_s offset=18715
                      i64.popcnt
                      i64.ctz
                      global.get 0
                      global.get 0
                      f32.ceil
                      local.tee 2
                      f32.const nan (;=NaN;)
                      local.get 2
                      local.get 2
                      f32.eq
                      select
                      i32.reinterpret_f32
                      i64.load32_u offset=20045
                      f32.const 0x1.ffcp-139 (;=0.000000000000000000000000000000000000000002868;)
                      nop
                      f32.sqrt
                      local.tee 3
                      f32.const nan (;=NaN;)
                      local.get 3
                      local.get 3
                      f32.eq
                      select
                      i32.trunc_sat_f32_u
                      i64.load8_u offset=25037
                      memory.size
                      f32.reinterpret_i32
                      i64.trunc_f32_s
                      i64.const -2918366890268661623
                      global.get 0
                      f32.abs
                      f32.nearest
                      local.tee 4
                      f32.const nan (;=NaN;)
                      local.get 4
                      local.get 4
                      f32.eq
                      select
                      f64.promote_f32
                      i32.trunc_sat_f64_s
                      f32.const -0x1.bb79e6p+78 (;=-523564250000000000000000;)
                      f64.const 0x1.ffffffffffcp-1032 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000043458473798964;)
                      i32.trunc_f64_s
                      br_if 0 (;@9;)
                      memory.size
                      if (type 0) ;; label = @10
                        global.get 0
                        f64.const -0x1.0dc49fbb28c46p-36 (;=-0.000000000015334538960759195;)
                        i32.trunc_sat_f64_s
                        br_table 0 (;@10;) 1 (;@9;) 3 (;@7;) 5 (;@5;) 6 (;@4;) 7 (;@3;) 8 (;@2;) 9 (;@1;) 10 8 (;@2;)
                        i64.const 68719476735
                        i64.extend32_s
                        i64.extend16_s
                        br 5 (;@5;)
                        br 10
                        i64.clz
                        f64.convert_i64_u
                        f64.trunc
                        local.tee 5
                        f64.const nan (;=NaN;)
                        local.get 5
                        local.get 5
                        f64.eq
                        select
                        elem.drop 0
                        i32.trunc_f64_s
                        i32.load16_u offset=34447
                        i32.load8_s offset=18012
                        i64.load16_s offset=10817 align=1
                        elem.drop 0
                        i64.clz
                        i64.const -3046576715753248895
                        i64.eqz
                        i64.extend_i32_u
                        i64.ne
                        f32.load offset=33704 align=2
                        i32.trunc_sat_f32_u
                        f64.load offset=44375
                        global.get 0
                        global.set 0
                        br 1 (;@9;)
                        f64.const -0x1.7337eb4140a47p-979 (;=-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000028380746421133845;)
                        i32.const 8192
                        f32.load offset=13681
                        i64.trunc_sat_f32_s
                        i32.wrap_i64
                        i32.load8_u offset=26917
                        call 2
                        i32.eqz
                        i32.load8_u offset=48168
                        i32.popcnt
                        i64.load8_u offset=31647
                        call 1
                        i64.ctz
                        f32.convert_i64_u
                        memory.size
                        br_if 7 (;@3;)
                        f32.floor
                        local.tee 6
                        f32.const nan (;=NaN;)
                        local.get 6
                        local.get 6
                        f32.eq
                        select
                        i32.trunc_f32_s
                        memory.grow
                        f64.const -0x1.31d29657ee667p-254 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000041267743409467464;)
                        f64.neg
                        f64.ceil
                        local.tee 7
                        f64.const nan (;=NaN;)
                        local.get 7
                        local.get 7
                        f64.eq
                        select
                        f64.trunc
                        local.tee 8
                        f64.const nan (;=NaN;)
                        local.get 8
                        local.get 8
                        f64.eq
                        select
                        ref.null extern
                        f32.const 0x1p-23 (;=0.00000011920929;)
                        f64.promote_f32
                        memory.size
                        i32.const -1540903044
                        i32.extend16_s
                        i32.gt_s
                        i32.load16_u offset=711 align=1
                        i32.extend16_s
                        f32.convert_i32_u
                        f32.nearest
                        local.tee 9
                        f32.const nan (;=NaN;)
                        local.get 9
                        local.get 9
                        f32.eq
                        select
                        i64.const 1962301566943474672
                        f64.convert_i64_u
                        f64.neg
                        i32.trunc_f64_s
                        global.get 0
                        i32.const -536870912
                        f32.load offset=65536 align=2
                        global.get 0
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
                          global.get 0
                          call 0
                          f32.nearest
                          local.tee 10
                          f32.const nan (;=NaN;)
                          local.get 10
                          local.get 10
                          f32.eq
                          select
                          f64.const 0x1.857475d808a09p+58 (;=438487261699539500;)
                          f64.neg
                          i64.reinterpret_f64
                          f64.convert_i64_u
                          f64.trunc
                          local.tee 11
                          f64.const nan (;=NaN;)
                          local.get 11
                          local.get 11
                          f64.eq
                          select
                          f64.sqrt
                          local.tee 12
                          f64.const nan (;=NaN;)
                          local.get 12
                          local.get 12
                          f64.eq
                          select
                          i64.trunc_sat_f64_u
                          i64.eqz
                          f32.convert_i32_s
                          nop
                          memory.size
                          f64.convert_i32_s
                          i64.const 63
                          f32.convert_i64_u
                          i64.trunc_f32_s
                          i64.const 4398046511103
                          i64.div_s
                          memory.size
                          i64.const 562949953421311
                          i64.store offset=2674961832 align=2
                          i64.clz
                          memory.size
                          f32.load offset=58154 align=1
                          memory.size
                          i32.load offset=28052 align=1
                          i64.extend_i32_s
                          i64.ctz
                          elem.drop 0
                          i64.extend8_s
                          f32.convert_i64_s
                          f32.sqrt
                          local.tee 13
                          f32.const nan (;=NaN;)
                          local.get 13
                          local.get 13
                          f32.eq
                          select
                          f32.sqrt
                          local.tee 14
                          f32.const nan (;=NaN;)
                          local.get 14
                          local.get 14
                          f32.eq
                          select
                          i64.trunc_sat_f32_s
                          i32.wrap_i64
                          f64.load offset=3848 align=4
                          i64.reinterpret_f64
                          ref.null func
                          loop ;; label = @12
                            global.get 5
                            i32.eqz
                            if ;; label = @13
                              unreachable
                            end
                            global.get 5
                            i32.const 1
                            i32.sub
                            global.set 5
                            call 6
                            f64.const 0x1.p-1033 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001086461844974;)
                            f64.const -0x1.25a36804113b6p-709 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000425898213882471;)
                            i64.trunc_f64_s
                            global.get 0
                            br 11 (;@1;)
                            table.size 0
                            i32.load offset=16982 align=2
                            i64.extend_i32_u
                            i64.const 8192
                            f64.convert_i64_s
                            i64.trunc_f64_s
                            i64.eqz
                            i32.load16_u offset=4893 align=1
                            if ;; label = @13
                              block (type 0) ;; label = @14
                                br 3 (;@11;)
                                table.size 0
                                f64.convert_i32_u
                                ref.null extern
                                f32.const 0x1.fffep-134 (;=0.000000000000000000000000000000000000000091834;)
                                memory.size
                                i32.load8_s offset=47578
                                i32.popcnt
                                return
                                i64.load offset=20924 align=2
                                f64.reinterpret_i64
                                i64.trunc_sat_f64_u
                                i32.const -141773348
                                elem.drop 0
                                i64.extend_i32_s
                                i64.or
                                f32.const 0x1.fc499ep+102 (;=10067672500000000000000000000000;)
                                i64.trunc_f32_u
                                f32.convert_i64_s
                                f64.const 0x1.7c1a07e37e2a3p+702 (;=31240414192336023000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                                call 3
                                i64.trunc_sat_f64_u
                                br 11 (;@3;)
                                i64.extend16_s
                                call 6
                                memory.size
                                f64.load offset=52833 align=1
                                table.size 0
                                if ;; label = @15
                                  i32.const 4
                                  i32.load8_u offset=50134
                                  i64.load32_s offset=46738 align=1
                                  i32.wrap_i64
                                  f32.const 0x1.58p-144 (;=0.00000000000000000000000000000000000000000006;)
                                  i32.trunc_sat_f32_s
                                  i64.load32_s offset=12029 align=1
                                  f32.convert_i64_s
                                  br 6 (;@9;)
                                  global.get 0
                                  i64.trunc_sat_f32_s
                                  memory.size
                                  f64.convert_i32_u
                                  memory.size
                                  f32.convert_i32_u
                                  f64.promote_f32
                                  i64.trunc_sat_f64_u
                                  call 4
                                  i64.const 65537
                                  f32.const -0x1.4c55a8p+55 (;=-46771936000000000;)
                                  table.size 0
                                  global.get 0
                                  i64.trunc_sat_f32_u
                                  i64.ctz
                                  f64.convert_i64_u
                                  call 5
                                  ref.null extern
                                  ref.is_null
                                  if (type 0) ;; label = @16
                                    ref.null extern
                                    nop
                                    block (result f64) ;; label = @17
                                      call 4
                                      ref.null func
                                      elem.drop 0
                                      call 4
                                      ref.null extern
                                      elem.drop 0
                                      ref.is_null
                                      br_if 17
                                      br 8 (;@9;)
                                      ref.is_null
                                      memory.size
                                      i32.lt_s
                                      i32.load offset=51109
                                      i64.load32_u offset=49771 align=2
                                      br 2 (;@15;)
                                      i32.const -206121085
                                      i64.load8_u offset=52507
                                      f64.convert_i64_s
                                      f32.const 0x1.21823ap-27 (;=0.000000008425812;)
                                      f32.nearest
                                      local.tee 15
                                      f32.const nan (;=NaN;)
                                      local.get 15
                                      local.get 15
                                      f32.eq
                                      select
                                      i32.reinterpret_f32
                                      global.get 2
                                      i32.xor
                                      global.set 2
                                      i64.reinterpret_f64
                                      global.get 1
                                      i64.xor
                                      global.set 1
                                      global.get 3
                                      i64.xor
                                      global.set 3
                                      f64.const 0x1.fffffff8p-1045 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005304989472;)
                                    end
                                    i64.reinterpret_f64
                                    global.get 1
                                    i64.xor
                                    global.set 1
                                    drop
                                  end
                                  i64.reinterpret_f64
                                  global.get 1
                                  i64.xor
                                  global.set 1
                                  global.get 4
                                  i32.xor
                                  global.set 4
                                  i32.reinterpret_f32
                                  global.get 2
                                  i32.xor
                                  global.set 2
                                  global.get 3
                                  i64.xor
                                  global.set 3
                                  global.get 3
                                  i64.xor
                                  global.set 3
                                  i64.reinterpret_f64
                                  global.get 1
                                  i64.xor
                                  global.set 1
                                  global.get 3
                                  i64.xor
                                  global.set 3
                                  i32.reinterpret_f32
                                  global.get 2
                                  i32.xor
                                  global.set 2
                                  global.get 4
                                  i32.xor
                                  global.set 4
                                end
                                i64.reinterpret_f64
                                global.get 1
                                i64.xor
                                global.set 1
                                global.get 3
                                i64.xor
                                global.set 3
                                i32.reinterpret_f32
                                global.get 2
                                i32.xor
                                global.set 2
                                global.get 3
                                i64.xor
                                global.set 3
                                i32.reinterpret_f32
                                global.get 2
                                i32.xor
                                global.set 2
                                drop
                                i64.reinterpret_f64
                                global.get 1
                                i64.xor
                                global.set 1
                              end
                            end
                            global.get 3
                            i64.xor
                            global.set 3
                            i32.reinterpret_f32
                            global.get 2
                            i32.xor
                            global.set 2
                            global.get 3
                            i64.xor
                            global.set 3
                            i64.reinterpret_f64
                            global.get 1
                            i64.xor
                            global.set 1
                          end
                          drop
                          global.get 3
                          i64.xor
                          global.set 3
                          i32.reinterpret_f32
                          global.get 2
                          i32.xor
                          global.set 2
                          global.get 3
                          i64.xor
                          global.set 3
                          i64.reinterpret_f64
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
                        end
                        i32.reinterpret_f32
                        global.get 2
                        i32.xor
                        global.set 2
                        i32.reinterpret_f32
                        global.get 2
                        i32.xor
                        global.set 2
                        i32.reinterpret_f32
                        global.get 2
                        i32.xor
                        global.set 2
                        global.get 4
                        i32.xor
                        global.set 4
                        i32.reinterpret_f32
                        global.get 2
                        i32.xor
                        global.set 2
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        drop
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        global.get 4
                        i32.xor
                        global.set 4
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        i64.reinterpret_f64
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
                      global.get 4
                      i32.xor
                      global.set 4
                      global.get 3
                      i64.xor
                      global.set 3
                      global.get 3
                      i64.xor
                      global.set 3
                      global.get 3
                      i64.xor
                      global.set 3
                      global.get 3
                      i64.xor
                      global.set 3
                      i32.reinterpret_f32
                      global.get 2
                      i32.xor
                      global.set 2
                      global.get 3
                      i64.xor
                      global.set 3
                      i64.reinterpret_f64
                      global.get 1
                      i64.xor
                      global.set 1
                    end
                    f64.const -0x1.d7ba31f8e16a1p+807 (;=-1572742305792244100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                  end
                  i64.reinterpret_f64
                  global.get 1
                  i64.xor
                  global.set 1
                end
                global.get 4
                i32.xor
                global.set 4
                drop
                drop
                i32.reinterpret_f32
                global.get 2
                i32.xor
                global.set 2
                global.get 4
                i32.xor
                global.set 4
                i32.reinterpret_f32
                global.get 2
                i32.xor
                global.set 2
                global.get 3
                i64.xor
                global.set 3
                i32.const -984803694
              end
              global.get 4
              i32.xor
              global.set 4
              global.get 4
              i32.xor
              global.set 4
              f64.const -0x1.baff553bfa899p-161 (;=-0.0000000000000000000000000000000000000000000000005920139011034223;)
            end
            i64.reinterpret_f64
            global.get 1
            i64.xor
            global.set 1
          end
          global.get 3
          i64.xor
          global.set 3
          drop
          global.get 3
          i64.xor
          global.set 3
          drop
        end
        f64.const 0x1.4dd32586576f8p-114 (;=0.00000000000000000000000000000000006278546502013941;)
      end
      i64.reinterpret_f64
      global.get 1
      i64.xor
      global.set 1
      global.get 4
      i32.xor
      global.set 4
      global.get 3
      i64.xor
      global.set 3
    end
  )
  (func (;5;) (type 0)
    (local i64 externref f64 f64 f64 f64 f64 f32 f32 f64 f32 f64 f64 f64 f64 f64)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    i32.const 958760572
    i32.load16_s offset=55822
    f32.const 0x1.abd028p+76 (;=126268140000000000000000;)
    global.get 0
    f32.neg
    f32.gt
    i64.load16_u offset=8410 align=1
    call 5
    local.get 1
    i64.const -5596646403756548777
    f32.convert_i64_s
    i32.reinterpret_f32
    i64.load8_s offset=13592
    f64.reinterpret_i64
    i32.trunc_f64_s
    i32.load offset=49906 align=1
    i64.load8_u offset=1308
    local.get 1
    f32.const 0x1.222222p-93 (;=0.00000000000000000000000000011443742;)
    elem.drop 0
    f32.abs
    i64.trunc_sat_f32_s
    f32.const -nan:0x600000 (;=NaN;)
    memory.size
    elem.drop 0
    f64.convert_i32_s
    f64.sqrt
    local.tee 2
    f64.const nan (;=NaN;)
    local.get 2
    local.get 2
    f64.eq
    select
    f64.trunc
    local.tee 3
    f64.const nan (;=NaN;)
    local.get 3
    local.get 3
    f64.eq
    select
    table.size 0
    call 3
    call_indirect (type 0)
    f64.neg
    f64.neg
    f64.sqrt
    local.tee 4
    f64.const nan (;=NaN;)
    local.get 4
    local.get 4
    f64.eq
    select
    i64.trunc_f64_s
    block (type 0) ;; label = @1
      loop (result funcref) ;; label = @2
        global.get 5
        i32.eqz
        if ;; label = @3
          unreachable
        end
        global.get 5
        i32.const 1
        i32.sub
        global.set 5
        table.size 0
        elem.drop 0
        call_indirect (type 0)
        i32.const 1032401427
        i32.load8_u offset=27123
        br_if 0 (;@2;)
        call 4
        table.size 0
        f64.convert_i32_u
        table.size 0
        block (type 0) ;; label = @3
          memory.size
          i64.load8_s offset=21408
          f64.const 0x1.fffffffcp-1044 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001060997895;)
          global.get 0
          i64.trunc_f32_u
          i64.const 262144
          i64.rotr
          table.size 0
          call 5
          memory.grow
          f64.load offset=19547
          local.get 1
          block (result i64) ;; label = @4
            call 2
            br 2 (;@2;)
            local.get 1
            ref.null func
            call 4
            f64.const -0x1.54ebfea9dcd23p-94 (;=-0.00000000000000000000000000006723498070873014;)
            f64.ceil
            local.tee 5
            f64.const nan (;=NaN;)
            local.get 5
            local.get 5
            f64.eq
            select
            f32.demote_f64
            br 2 (;@2;)
            loop ;; label = @5
              global.get 5
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 5
              i32.const 1
              i32.sub
              global.set 5
              br 3 (;@2;)
              elem.drop 0
              ref.null extern
              local.tee 1
              block (result i64) ;; label = @6
                f64.const 0x1.678cbce7449a3p+336 (;=196606366887402800000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                f64.trunc
                local.tee 6
                f64.const nan (;=NaN;)
                local.get 6
                local.get 6
                f64.eq
                select
                i64.trunc_sat_f64_s
                block ;; label = @7
                  table.size 0
                  i32.load offset=17379
                  i32.load8_u offset=26260
                  i32.extend8_s
                  local.get 1
                  call 6
                  local.set 1
                  global.get 0
                  global.get 0
                  f32.add
                  local.tee 7
                  f32.const nan (;=NaN;)
                  local.get 7
                  local.get 7
                  f32.eq
                  select
                  f32.neg
                  f32.nearest
                  local.tee 8
                  f32.const nan (;=NaN;)
                  local.get 8
                  local.get 8
                  f32.eq
                  select
                  i32.reinterpret_f32
                  i32.and
                  i32.const -1959135997
                  i32.div_s
                  i32.load8_u offset=65536
                  i64.load32_u offset=14003 align=1
                  i64.popcnt
                  br 7
                  br 7
                  i64.popcnt
                  i32.const 1921587503
                  i32.load16_s offset=31955
                  f64.load offset=33232
                  f64.const -nan:0xfffffff000000 (;=NaN;)
                  elem.drop 0
                  f64.nearest
                  local.tee 9
                  f64.const nan (;=NaN;)
                  local.get 9
                  local.get 9
                  f64.eq
                  select
                  f64.ne
                  i64.load offset=65536 align=1
                  i64.extend16_s
                  i64.ge_s
                  table.size 0
                  i32.load16_u offset=59442 align=1
                  i32.rotl
                  i64.extend_i32_s
                  local.get 0
                  i64.popcnt
                  block ;; label = @8
                    local.get 0
                    block ;; label = @9
                      table.size 0
                      i64.load8_s offset=226
                      elem.drop 0
                      memory.size
                      i64.extend_i32_s
                      i64.gt_u
                      table.get 0
                      local.get 0
                      memory.size
                      call 5
                      f32.load offset=20186
                      f32.floor
                      local.tee 10
                      f32.const nan (;=NaN;)
                      local.get 10
                      local.get 10
                      f32.eq
                      select
                      i64.trunc_sat_f32_u
                      local.set 0
                      f64.const -0x1.2e92f4979db7fp+732 (;=-26702291428859790000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                      loop (result externref) ;; label = @10
                        global.get 5
                        i32.eqz
                        if ;; label = @11
                          unreachable
                        end
                        global.get 5
                        i32.const 1
                        i32.sub
                        global.set 5
                        i32.const 905463325
                        i32.load8_u offset=14692
                        i64.load8_s offset=42372
                        i64.eqz
                        f32.convert_i32_u
                        f64.promote_f32
                        f64.nearest
                        local.tee 11
                        f64.const nan (;=NaN;)
                        local.get 11
                        local.get 11
                        f64.eq
                        select
                        i64.const -436588858241149512
                        i64.popcnt
                        call 1
                        local.get 1
                        f64.const -0x1.9039585fa0fa8p-425 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000018043260146168728;)
                        elem.drop 0
                        i32.trunc_f64_u
                        f64.const -0x1.f09189f82859bp+256 (;=-224604317951258670000000000000000000000000000000000000000000000000000000000000;)
                        br 5 (;@5;)
                        table.size 0
                        f64.const 0x1.ffffp-1058 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000647577;)
                        call 0
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
                          loop (result f32) ;; label = @12
                            global.get 5
                            i32.eqz
                            if ;; label = @13
                              unreachable
                            end
                            global.get 5
                            i32.const 1
                            i32.sub
                            global.set 5
                            memory.size
                            i32.ctz
                            i32.clz
                            table.size 0
                            i64.load8_s offset=25525
                            f32.convert_i64_s
                            f64.promote_f32
                            f64.sqrt
                            local.tee 12
                            f64.const nan (;=NaN;)
                            local.get 12
                            local.get 12
                            f64.eq
                            select
                            f64.sqrt
                            local.tee 13
                            f64.const nan (;=NaN;)
                            local.get 13
                            local.get 13
                            f64.eq
                            select
                            f64.ceil
                            local.tee 14
                            f64.const nan (;=NaN;)
                            local.get 14
                            local.get 14
                            f64.eq
                            select
                            call 1
                            br 12
                            f64.ceil
                            local.tee 15
                            f64.const nan (;=NaN;)
                            local.get 15
                            local.get 15
                            f64.eq
                            select
                            f64.store offset=31935 align=2
                            memory.size
                            global.get 4
                            i32.xor
                            global.set 4
                            f32.const 0x1.fcp-143 (;=0.000000000000000000000000000000000000000000178;)
                          end
                          i32.reinterpret_f32
                          global.get 2
                          i32.xor
                          global.set 2
                        end
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        global.get 4
                        i32.xor
                        global.set 4
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        global.get 4
                        i32.xor
                        global.set 4
                        drop
                        global.get 3
                        i64.xor
                        global.set 3
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        ref.null extern
                      end
                      drop
                      i64.reinterpret_f64
                      global.get 1
                      i64.xor
                      global.set 1
                      global.get 3
                      i64.xor
                      global.set 3
                      drop
                    end
                    global.get 3
                    i64.xor
                    global.set 3
                  end
                  global.get 3
                  i64.xor
                  global.set 3
                  global.get 3
                  i64.xor
                  global.set 3
                end
              end
              global.get 3
              i64.xor
              global.set 3
              drop
            end
            i32.reinterpret_f32
            global.get 2
            i32.xor
            global.set 2
            drop
            drop
            i64.const -4503599627370496
          end
          global.get 3
          i64.xor
          global.set 3
          drop
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          global.get 3
          i64.xor
          global.set 3
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          global.get 3
          i64.xor
          global.set 3
        end
        global.get 4
        i32.xor
        global.set 4
        i64.reinterpret_f64
        global.get 1
        i64.xor
        global.set 1
        ref.null func
      end
      drop
    end
    global.get 3
    i64.xor
    global.set 3
    i32.reinterpret_f32
    global.get 2
    i32.xor
    global.set 2
    global.get 3
    i64.xor
    global.set 3
    drop
    global.get 3
    i64.xor
    global.set 3
    drop
    global.get 3
    i64.xor
    global.set 3
    global.get 4
    i32.xor
    global.set 4
  )
  (func (;6;) (type 0)
    (local i32 i64 f64 f64 f32 f32 f32 f64 f64 f32 f32 f64 f64 f32 f64)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    i32.const -32769
    br 0
    i32.load offset=62199 align=1
    call_indirect (type 0)
    block ;; label = @1
    end
    block (type 0) ;; label = @1
      block (result i64) ;; label = @2
        local.get 2
        br 1 (;@1;)
        f64.const -0x1.fffffffffffffp+768 (;=-3105036184601417500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
        f64.sub
        local.tee 3
        f64.const nan (;=NaN;)
        local.get 3
        local.get 3
        f64.eq
        select
        f32.const -0x1.aa2954p-23 (;=-0.00000019844688;)
        f32.abs
        br 2
        f32.trunc
        local.tee 4
        f32.const nan (;=NaN;)
        local.get 4
        local.get 4
        f32.eq
        select
        f32.sqrt
        local.tee 5
        f32.const nan (;=NaN;)
        local.get 5
        local.get 5
        f32.eq
        select
        block (type 0) ;; label = @3
          i32.const -1098086898
          i32.load16_s offset=60073 align=1
          table.get 0
          call 0
          br 3
          f32.const 0x1.p-139 (;=0.000000000000000000000000000000000000000001435;)
          f32.neg
          f32.ceil
          local.tee 6
          f32.const nan (;=NaN;)
          local.get 6
          local.get 6
          f32.eq
          select
          i32.trunc_f32_u
          i64.extend_i32_u
          i64.ctz
          i64.clz
          f32.const -nan:0x7ff800 (;=NaN;)
          ref.null extern
          ref.null func
          br 3
          ref.null func
          elem.drop 0
          i64.const -36028797018963968
          global.get 0
          call 1
          i64.trunc_f32_s
          br 1 (;@2;)
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
            loop (type 0) ;; label = @5
              global.get 5
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 5
              i32.const 1
              i32.sub
              global.set 5
              global.get 0
              i32.trunc_sat_f32_u
              i32.load offset=65536 align=2
              i64.load8_u offset=65536
              i32.wrap_i64
              global.get 0
              memory.size
              br_if 5
              i32.trunc_f32_u
              i32.rem_s
              i64.load16_u offset=64116 align=1
              i64.extend16_s
              global.get 0
              i64.trunc_f32_u
              f64.convert_i64_u
              elem.drop 0
              br 0 (;@5;)
              block ;; label = @6
                f64.const 0x1.0bf07a6c06f4bp+99 (;=663385743523737000000000000000;)
                f64.sqrt
                local.tee 7
                f64.const nan (;=NaN;)
                local.get 7
                local.get 7
                f64.eq
                select
                f64.floor
                local.tee 8
                f64.const nan (;=NaN;)
                local.get 8
                local.get 8
                f64.eq
                select
                i32.trunc_sat_f64_s
                f32.load offset=13885
                f32.abs
                loop (result funcref) ;; label = @7
                  global.get 5
                  i32.eqz
                  if ;; label = @8
                    unreachable
                  end
                  global.get 5
                  i32.const 1
                  i32.sub
                  global.set 5
                  global.get 0
                  f32.trunc
                  local.tee 9
                  f32.const nan (;=NaN;)
                  local.get 9
                  local.get 9
                  f32.eq
                  select
                  f32.nearest
                  local.tee 10
                  f32.const nan (;=NaN;)
                  local.get 10
                  local.get 10
                  f32.eq
                  select
                  i32.trunc_sat_f32_s
                  global.get 0
                  i32.trunc_f32_u
                  local.set 0
                  loop ;; label = @8
                    global.get 5
                    i32.eqz
                    if ;; label = @9
                      unreachable
                    end
                    global.get 5
                    i32.const 1
                    i32.sub
                    global.set 5
                    local.get 2
                    f64.abs
                    f64.abs
                    loop (type 0) ;; label = @9
                      global.get 5
                      i32.eqz
                      if ;; label = @10
                        unreachable
                      end
                      global.get 5
                      i32.const 1
                      i32.sub
                      global.set 5
                      br 0 (;@9;)
                      ref.null extern
                      global.get 0
                      nop
                      loop ;; label = @10
                        global.get 5
                        i32.eqz
                        if ;; label = @11
                          unreachable
                        end
                        global.get 5
                        i32.const 1
                        i32.sub
                        global.set 5
                        memory.size
                        block (result i64) ;; label = @11
                          br 4 (;@7;)
                          elem.drop 0
                          block ;; label = @12
                            memory.size
                            f64.const -nan:0xf000000000000 (;=NaN;)
                            f64.floor
                            local.tee 11
                            f64.const nan (;=NaN;)
                            local.get 11
                            local.get 11
                            f64.eq
                            select
                            local.get 2
                            f64.floor
                            local.tee 12
                            f64.const nan (;=NaN;)
                            local.get 12
                            local.get 12
                            f64.eq
                            select
                            f64.const -nan:0xfffff00000000 (;=NaN;)
                            i64.const -3193079892525873826
                            i64.eqz
                            i64.load offset=498343268
                            i64.extend16_s
                            local.get 0
                            return
                            i64.load16_s offset=41253
                            f32.convert_i64_u
                            f64.promote_f32
                            local.set 2
                            i64.extend32_s
                            loop (type 0) ;; label = @13
                              global.get 5
                              i32.eqz
                              if ;; label = @14
                                unreachable
                              end
                              global.get 5
                              i32.const 1
                              i32.sub
                              global.set 5
                              local.get 2
                              i32.trunc_sat_f64_s
                              i64.extend_i32_s
                              i64.eqz
                              i32.load8_s offset=44077
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
                                local.get 1
                                i64.extend32_s
                                i64.extend32_s
                                i64.extend8_s
                                loop ;; label = @15
                                  global.get 5
                                  i32.eqz
                                  if ;; label = @16
                                    unreachable
                                  end
                                  global.get 5
                                  i32.const 1
                                  i32.sub
                                  global.set 5
                                  i32.const -67108865
                                  i64.load16_s offset=64501
                                  i64.extend16_s
                                  f64.convert_i64_u
                                  f64.abs
                                  f32.const 0x1.p-130 (;=0.000000000000000000000000000000000000000734684;)
                                  i32.trunc_sat_f32_s
                                  i64.load offset=28813 align=1
                                  f32.const 0x1.p-147 (;=0.000000000000000000000000000000000000000000006;)
                                  i64.trunc_f32_u
                                  i64.extend8_s
                                  i64.xor
                                  elem.drop 0
                                  local.set 1
                                  i64.trunc_f64_u
                                  i64.popcnt
                                  local.get 0
                                  i64.load16_s offset=65536 align=1
                                  i64.add
                                  f32.convert_i64_s
                                  local.get 1
                                  i64.eqz
                                  i32.load8_s offset=34819
                                  f64.load offset=41793
                                  br 14 (;@1;)
                                  i32.trunc_f64_s
                                  if ;; label = @16
                                    memory.size
                                    ref.null func
                                    block (result f64) ;; label = @17
                                      table.size 0
                                      elem.drop 0
                                      i64.load offset=45240 align=4
                                      i32.const -1467042381
                                      local.tee 0
                                      f32.convert_i32_s
                                      i64.trunc_f32_u
                                      i64.lt_u
                                      local.tee 0
                                      f32.reinterpret_i32
                                      table.size 0
                                      f32.const 0x1.06e97cp-89 (;=0.0000000000000000000000000016592083;)
                                      global.set 0
                                      block (type 0) ;; label = @18
                                        i32.const 2139095039
                                        i64.load16_u offset=9858 align=1
                                        i64.eqz
                                        i32.clz
                                        i32.load offset=25076
                                        i64.load offset=138 align=1
                                        local.set 1
                                        block ;; label = @19
                                          global.get 0
                                          elem.drop 0
                                          i64.trunc_f32_s
                                          f64.convert_i64_s
                                          i32.trunc_f64_u
                                          i64.const 1229782938247303441
                                          f32.convert_i64_s
                                          i64.trunc_sat_f32_s
                                          i32.const 671985804
                                          call 3
                                          memory.grow
                                          i32.load8_s offset=32602
                                          i64.load offset=4845 align=4
                                          memory.size
                                          i64.extend_i32_u
                                          call 2
                                          i32.const -1422177300
                                          i32.popcnt
                                          f32.convert_i32_s
                                          i64.trunc_sat_f32_u
                                          i64.shr_u
                                          i64.ge_u
                                          br_table 0 (;@19;) 1 (;@18;) 3 (;@16;) 4 (;@15;) 5 (;@14;) 6 (;@13;) 7 (;@12;) 9 (;@10;) 10 (;@9;) 11 (;@8;) 12 (;@7;) 13 (;@6;) 14 (;@5;) 15 (;@4;) 16 (;@3;) 18 (;@1;) 19 11 (;@8;)
                                          f64.const -0x1p+513 (;=-26815615859885194000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                                          i64.trunc_f64_u
                                          i64.ge_u
                                          i32.load16_s offset=61178 align=1
                                          i32.gt_u
                                          i64.load offset=29571
                                          i64.const -2048
                                          i64.extend16_s
                                          i64.const 144115188075855872
                                          i64.lt_s
                                          i32.ctz
                                          f32.load offset=55061 align=2
                                          f32.nearest
                                          local.tee 13
                                          f32.const nan (;=NaN;)
                                          local.get 13
                                          local.get 13
                                          f32.eq
                                          select
                                          i32.trunc_sat_f32_s
                                          memory.size
                                          i32.gt_u
                                          f64.convert_i32_u
                                          f64.trunc
                                          local.tee 14
                                          f64.const nan (;=NaN;)
                                          local.get 14
                                          local.get 14
                                          f64.eq
                                          select
                                          i64.trunc_f64_u
                                          i64.extend16_s
                                          global.get 3
                                          i64.xor
                                          global.set 3
                                          global.get 3
                                          i64.xor
                                          global.set 3
                                        end
                                      end
                                      global.get 4
                                      i32.xor
                                      global.set 4
                                      i32.reinterpret_f32
                                      global.get 2
                                      i32.xor
                                      global.set 2
                                      f64.const 0x1.fep-1067 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000126;)
                                    end
                                    i64.reinterpret_f64
                                    global.get 1
                                    i64.xor
                                    global.set 1
                                    drop
                                    global.get 4
                                    i32.xor
                                    global.set 4
                                  end
                                  i32.reinterpret_f32
                                  global.get 2
                                  i32.xor
                                  global.set 2
                                end
                                global.get 3
                                i64.xor
                                global.set 3
                              end
                              global.get 4
                              i32.xor
                              global.set 4
                            end
                            global.get 3
                            i64.xor
                            global.set 3
                            i64.reinterpret_f64
                            global.get 1
                            i64.xor
                            global.set 1
                            i64.reinterpret_f64
                            global.get 1
                            i64.xor
                            global.set 1
                            i64.reinterpret_f64
                            global.get 1
                            i64.xor
                            global.set 1
                            global.get 4
                            i32.xor
                            global.set 4
                          end
                          i64.const -4503599627370496
                        end
                        drop
                        global.get 4
                        i32.xor
                        global.set 4
                      end
                      drop
                      drop
                    end
                    i64.reinterpret_f64
                    global.get 1
                    i64.xor
                    global.set 1
                  end
                  global.get 4
                  i32.xor
                  global.set 4
                  ref.null func
                end
                drop
                i32.reinterpret_f32
                global.get 2
                i32.xor
                global.set 2
              end
              i64.reinterpret_f64
              global.get 1
              i64.xor
              global.set 1
              global.get 3
              i64.xor
              global.set 3
            end
          end
          global.get 3
          i64.xor
          global.set 3
          drop
          drop
          drop
          i32.reinterpret_f32
          global.get 2
          i32.xor
          global.set 2
          global.get 3
          i64.xor
          global.set 3
          drop
        end
        i32.reinterpret_f32
        global.get 2
        i32.xor
        global.set 2
        i64.reinterpret_f64
        global.get 1
        i64.xor
        global.set 1
        i64.const -2073466929902277752
      end
      global.get 3
      i64.xor
      global.set 3
    end
  )
)
