(module
  (type (;0;) (func (param externref i32 f32) (result funcref f32 i64)))
  (type (;1;) (func (param f64) (result i32)))
  (memory (;0;) 1 2)
  (global (;0;) (mut i64) i64.const 0)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i32) i32.const 1000)
  (export "\u{18}" (func 0))
  (export "" (func 1))
  (export "2" (func 2))
  (export "3" (func 3))
  (export "4" (memory 0))
  (export "uo:" (global 0))
  (export "\u{c}" (global 1))
  (export "E" (global 2))
  (export "S" (global 3))
  (func (;0;) (type 0) (param externref i32 f32) (result funcref f32 i64)
    (local f64 f64 f64)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
    memory.size
    f32.load offset=34100 align=1
    local.set 2
    i64.const 140737488355327
    i64.eqz
    local.get 1
    local.set 1
    local.get 1
    local.tee 1
    block (result f32) ;; label = @1
      memory.size
      i64.load8_s offset=7142
      i32.wrap_i64
      f32.const -nan:0x7ff000 (;=NaN;)
      f64.promote_f32
      f64.store offset=42973 align=4
      i32.const 16843009
      f32.const 0x1.fffffep-124 (;=0.00000000000000000000000000000000000009403954;)
      f32.abs
      local.set 2
      ref.null extern
      memory.size
      f32.reinterpret_i32
      nop
      f64.const -0x1.6b7bc0b8379ccp-282 (;=-0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000018271990066345814;)
      i32.const -797392473
      if (result i64) ;; label = @2
        i64.const -7291045667396512236
        local.get 2
        local.tee 2
        i32.trunc_f32_s
        if ;; label = @3
          i32.const 1708661274
          i32.popcnt
          i32.load8_u offset=2347
          i64.load16_u offset=39017
          i64.ctz
          f64.const 0x1.fffffffcp-1044 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001060997895;)
          i64.trunc_sat_f64_s
          f64.const 0x1.973501f8a631bp+1020 (;=17871907681137334000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
          ref.null func
          ref.is_null
          ref.null func
          i64.const 8457107928608879141
          i64.clz
          f64.const -0x1.7d26ee0a02e77p-147 (;=-0.000000000000000000000000000000000000000000008345434530136687;)
          i64.const 2590112643050113089
          f32.const -0x1.8ddaaap+56 (;=-111985990000000000;)
          i32.trunc_sat_f32_s
          if ;; label = @4
            f32.const 0x1.00008p-132 (;=0.000000000000000000000000000000000000000183672;)
            f64.const 0x1.fffep-1058 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000064757;)
            memory.size
            i64.load8_u offset=4902
            loop ;; label = @5
              global.get 4
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 4
              i32.const 1
              i32.sub
              global.set 4
              loop (result i32) ;; label = @6
                global.get 4
                i32.eqz
                if ;; label = @7
                  unreachable
                end
                global.get 4
                i32.const 1
                i32.sub
                global.set 4
                loop ;; label = @7
                  global.get 4
                  i32.eqz
                  if ;; label = @8
                    unreachable
                  end
                  global.get 4
                  i32.const 1
                  i32.sub
                  global.set 4
                  f64.const -nan:0x7ffffffffffff (;=NaN;)
                  loop ;; label = @8
                    global.get 4
                    i32.eqz
                    if ;; label = @9
                      unreachable
                    end
                    global.get 4
                    i32.const 1
                    i32.sub
                    global.set 4
                    block (result i64) ;; label = @9
                      f32.const -0x1.231baap+42 (;=-5001198400000;)
                      f32.const -0x1.20622cp+111 (;=-2924556000000000000000000000000000;)
                      f32.ne
                      i64.load8_s offset=55892
                      i64.extend16_s
                      i64.extend16_s
                      local.get 0
                      ref.null func
                      br 2 (;@7;)
                      loop (result f64) ;; label = @10
                        global.get 4
                        i32.eqz
                        if ;; label = @11
                          unreachable
                        end
                        global.get 4
                        i32.const 1
                        i32.sub
                        global.set 4
                        i32.const 1717755398
                        i64.load8_s offset=32306
                        f64.convert_i64_u
                        f32.const 0x1.aa05fp-120 (;=0.0000000000000000000000000000000000012519696;)
                        memory.size
                        f64.load offset=13104 align=2
                        local.get 0
                        f32.const -0x1.d5f124p-39 (;=-0.0000000000033391384;)
                        f32.abs
                        local.tee 2
                        i32.trunc_f32_s
                        i64.load8_s offset=9195
                        f32.convert_i64_u
                        i64.const 65552
                        br 7 (;@3;)
                        i64.extend16_s
                        i64.ctz
                        i64.extend32_s
                        f64.convert_i64_s
                        f32.const -nan:0x77ffff (;=NaN;)
                        loop ;; label = @11
                          global.get 4
                          i32.eqz
                          if ;; label = @12
                            unreachable
                          end
                          global.get 4
                          i32.const 1
                          i32.sub
                          global.set 4
                          br 1 (;@10;)
                          i64.const 8388608
                          loop ;; label = @12
                            global.get 4
                            i32.eqz
                            if ;; label = @13
                              unreachable
                            end
                            global.get 4
                            i32.const 1
                            i32.sub
                            global.set 4
                            br 7 (;@5;)
                            i32.const -16384
                            i32.clz
                            i32.load16_s offset=48745 align=1
                            br 6 (;@6;)
                            local.get 0
                            i64.const 369610253006886422
                            f32.convert_i64_s
                            i64.trunc_sat_f32_s
                            f64.reinterpret_i64
                            i64.trunc_f64_u
                            f32.convert_i64_s
                            i64.trunc_f32_u
                            i64.ctz
                            f32.const -0x1.73af44p+28 (;=-389739600;)
                            i64.trunc_f32_s
                            i64.eqz
                            if ;; label = @13
                              nop
                            else
                              memory.size
                              i64.load16_s offset=9013
                              i64.eqz
                              i64.load8_u offset=24638
                              f64.convert_i64_u
                              i64.trunc_f64_u
                              i64.const -4680200768075194498
                              block ;; label = @14
                                loop (result i64) ;; label = @15
                                  global.get 4
                                  i32.eqz
                                  if ;; label = @16
                                    unreachable
                                  end
                                  global.get 4
                                  i32.const 1
                                  i32.sub
                                  global.set 4
                                  ref.null extern
                                  ref.is_null
                                  br 11 (;@4;)
                                  i32.load8_s offset=47685
                                  f32.const -0x1.4ffd64p+34 (;=-22547894000;)
                                  i32.reinterpret_f32
                                  i32.const -1203049363
                                  i32.popcnt
                                  i32.gt_u
                                  i32.sub
                                  block ;; label = @16
                                  end
                                  ref.null extern
                                  local.tee 0
                                  ref.is_null
                                  i32.ge_s
                                  local.set 1
                                  block ;; label = @16
                                  end
                                  local.get 0
                                  memory.size
                                  i32.load8_s offset=18825
                                  local.tee 1
                                  i32.ctz
                                  i32.eqz
                                  local.set 1
                                  loop ;; label = @16
                                    global.get 4
                                    i32.eqz
                                    if ;; label = @17
                                      unreachable
                                    end
                                    global.get 4
                                    i32.const 1
                                    i32.sub
                                    global.set 4
                                    i64.const 2199023255552
                                    f64.convert_i64_u
                                    br 5 (;@11;)
                                    i64.trunc_sat_f64_s
                                    i64.const -4571940742919145499
                                    i32.const -513
                                    local.set 1
                                    nop
                                    loop (result externref) ;; label = @17
                                      global.get 4
                                      i32.eqz
                                      if ;; label = @18
                                        unreachable
                                      end
                                      global.get 4
                                      i32.const 1
                                      i32.sub
                                      global.set 4
                                      local.get 1
                                      memory.grow
                                      i32.popcnt
                                      f64.convert_i32_u
                                      i64.trunc_sat_f64_s
                                      i64.extend32_s
                                      f64.const -0x1.8a9be2f2a41c1p+317 (;=-411562286312191850000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                                      f64.sqrt
                                      local.tee 3
                                      f64.const nan (;=NaN;)
                                      local.get 3
                                      local.get 3
                                      f64.eq
                                      select
                                      f64.floor
                                      local.tee 4
                                      f64.const nan (;=NaN;)
                                      local.get 4
                                      local.get 4
                                      f64.eq
                                      select
                                      f64.nearest
                                      local.tee 5
                                      f64.const nan (;=NaN;)
                                      local.get 5
                                      local.get 5
                                      f64.eq
                                      select
                                      i64.const -16777216
                                      f32.const nan (;=NaN;)
                                      local.set 2
                                      i64.ctz
                                      global.get 0
                                      i64.xor
                                      global.set 0
                                      i64.reinterpret_f64
                                      global.get 1
                                      i64.xor
                                      global.set 1
                                      global.get 0
                                      i64.xor
                                      global.set 0
                                      ref.null extern
                                    end
                                    drop
                                    global.get 0
                                    i64.xor
                                    global.set 0
                                    global.get 0
                                    i64.xor
                                    global.set 0
                                  end
                                  drop
                                  i64.const -2147483649
                                end
                                global.get 0
                                i64.xor
                                global.set 0
                              end
                              global.get 0
                              i64.xor
                              global.set 0
                              global.get 0
                              i64.xor
                              global.set 0
                            end
                            global.get 0
                            i64.xor
                            global.set 0
                            drop
                            global.get 2
                            i32.xor
                            global.set 2
                          end
                          global.get 0
                          i64.xor
                          global.set 0
                        end
                        i32.reinterpret_f32
                        global.get 3
                        i32.xor
                        global.set 3
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        i32.reinterpret_f32
                        global.get 3
                        i32.xor
                        global.set 3
                        drop
                        i64.reinterpret_f64
                        global.get 1
                        i64.xor
                        global.set 1
                        i32.reinterpret_f32
                        global.get 3
                        i32.xor
                        global.set 3
                      end
                      i64.reinterpret_f64
                      global.get 1
                      i64.xor
                      global.set 1
                      drop
                      drop
                    end
                    global.get 0
                    i64.xor
                    global.set 0
                  end
                  i64.reinterpret_f64
                  global.get 1
                  i64.xor
                  global.set 1
                end
                i32.const -1048577
              end
              global.get 2
              i32.xor
              global.set 2
            end
            global.get 0
            i64.xor
            global.set 0
            i64.reinterpret_f64
            global.get 1
            i64.xor
            global.set 1
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
          end
          global.get 0
          i64.xor
          global.set 0
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          global.get 0
          i64.xor
          global.set 0
          drop
          global.get 2
          i32.xor
          global.set 2
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          global.get 0
          i64.xor
          global.set 0
          global.get 0
          i64.xor
          global.set 0
        end
      else
        i64.const -6860434654382251367
      end
      global.get 0
      i64.xor
      global.set 0
      i64.reinterpret_f64
      global.get 1
      i64.xor
      global.set 1
      i32.reinterpret_f32
      global.get 3
      i32.xor
      global.set 3
      drop
      global.get 2
      i32.xor
      global.set 2
      f32.const -0x1.974c6ep+77 (;=-240426630000000000000000;)
    end
    i32.reinterpret_f32
    global.get 3
    i32.xor
    global.set 3
    drop
    global.get 2
    i32.xor
    global.set 2
    ref.null func
    f32.const 0x1.p-134 (;=0.000000000000000000000000000000000000000045918;)
    i64.const -6454809194625117448
  )
  (func (;1;) (type 0) (param externref i32 f32) (result funcref f32 i64)
    (local f64 externref f64 f32 f32 f32 f32 f32 f32)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
    local.get 4
    i32.const -1997861485
    i64.load8_s offset=13532
    f32.const -0x1.66765ap-42 (;=-0.0000000000003183785;)
    i64.trunc_f32_s
    local.get 1
    if ;; label = @1
      block (result f64) ;; label = @2
        local.get 1
        i64.load32_u offset=35180 align=1
        i64.clz
        f32.convert_i64_u
        f32.neg
        local.tee 2
        i64.trunc_sat_f32_u
        i32.wrap_i64
        loop (result i64) ;; label = @3
          global.get 4
          i32.eqz
          if ;; label = @4
            unreachable
          end
          global.get 4
          i32.const 1
          i32.sub
          global.set 4
          local.get 1
          f32.const -0x1.48ceeap+70 (;=-1516360400000000000000;)
          block (result i32) ;; label = @4
            f64.const -0x1p+769 (;=-3105036184601418000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
            f64.floor
            local.tee 5
            f64.const nan (;=NaN;)
            local.get 5
            local.get 5
            f64.eq
            select
            br 3 (;@1;)
            i32.const 1023
            if (result i64) ;; label = @5
              ref.null func
              memory.size
              local.get 4
              memory.size
              i64.load32_u offset=37276
              f64.convert_i64_s
              block (result f64) ;; label = @6
                local.get 3
                f64.neg
                i64.reinterpret_f64
                loop ;; label = @7
                  global.get 4
                  i32.eqz
                  if ;; label = @8
                    unreachable
                  end
                  global.get 4
                  i32.const 1
                  i32.sub
                  global.set 4
                end
                ref.null extern
                f32.const 0x1.7e8c4ap+65 (;=55130978000000000000;)
                f32.floor
                local.tee 6
                f32.const nan (;=NaN;)
                local.get 6
                local.get 6
                f32.eq
                select
                memory.size
                local.tee 1
                memory.grow
                i64.load16_u offset=9741
                i64.eqz
                ref.null extern
                i64.const -1025
                local.get 4
                f32.const 0x1.p-131 (;=0.000000000000000000000000000000000000000367342;)
                i64.const -9007199254740992
                block ;; label = @7
                  local.get 3
                  memory.size
                  i64.load8_s offset=61863
                  f32.convert_i64_s
                  local.set 2
                  ref.null extern
                  i64.const -5678575505050775237
                  i64.ctz
                  loop ;; label = @8
                    global.get 4
                    i32.eqz
                    if ;; label = @9
                      unreachable
                    end
                    global.get 4
                    i32.const 1
                    i32.sub
                    global.set 4
                    f32.const -nan:0x7fbfff (;=NaN;)
                    i64.trunc_f32_s
                    memory.size
                    i32.extend8_s
                    local.get 3
                    local.set 3
                    i32.const 4194304
                    i32.rem_s
                    i64.load16_u offset=54543
                    i64.rotr
                    i32.wrap_i64
                    br 0 (;@8;)
                    i64.load32_s offset=49741
                    i32.const -1
                    i32.load16_s offset=8587 align=1
                    block ;; label = @9
                      f64.const 0x1.fcp-1068 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000627;)
                      f64.const -0x1.e2bc39b799956p+299 (;=-1920603677528301500000000000000000000000000000000000000000000000000000000000000000000000000;)
                      f64.lt
                      loop ;; label = @10
                        global.get 4
                        i32.eqz
                        if ;; label = @11
                          unreachable
                        end
                        global.get 4
                        i32.const 1
                        i32.sub
                        global.set 4
                        loop ;; label = @11
                          global.get 4
                          i32.eqz
                          if ;; label = @12
                            unreachable
                          end
                          global.get 4
                          i32.const 1
                          i32.sub
                          global.set 4
                          loop (result i32) ;; label = @12
                            global.get 4
                            i32.eqz
                            if ;; label = @13
                              unreachable
                            end
                            global.get 4
                            i32.const 1
                            i32.sub
                            global.set 4
                            ref.null func
                            f32.const -0x1.37326cp+20 (;=-1274662.8;)
                            local.set 2
                            loop ;; label = @13
                              global.get 4
                              i32.eqz
                              if ;; label = @14
                                unreachable
                              end
                              global.get 4
                              i32.const 1
                              i32.sub
                              global.set 4
                              memory.size
                              i64.extend_i32_s
                              i64.eqz
                              local.tee 1
                              i64.load32_s offset=8453
                              ref.null func
                              i64.const 5878740338383211291
                              i64.extend8_s
                              i64.const -6148914691236517206
                              i64.eqz
                              br_table 8 (;@5;) 8 (;@5;)
                              f32.const 0x1.fffffep-126 (;=0.000000000000000000000000000000000000023509886;)
                              i64.const 9007199254740992
                              f64.reinterpret_i64
                              f64.neg
                              f64.neg
                              i64.trunc_sat_f64_u
                              f64.convert_i64_u
                              i32.const -1560987961
                              if ;; label = @14
                                local.get 2
                                local.get 0
                                i32.const 102991332
                                local.set 1
                                block ;; label = @15
                                  i32.const -268435457
                                  i32.popcnt
                                  i64.load32_u offset=35052
                                  i64.clz
                                  f32.const -0x1.e8aaccp-76 (;=-0.000000000000000000000025263501;)
                                  f32.sqrt
                                  local.tee 7
                                  f32.const nan (;=NaN;)
                                  local.get 7
                                  local.get 7
                                  f32.eq
                                  select
                                  memory.size
                                  local.get 0
                                  i64.const -8655910074478245610
                                  i64.popcnt
                                  i64.const 144115188075855871
                                  i64.shr_u
                                  i64.ctz
                                  i64.extend32_s
                                  i32.const 2143289344
                                  memory.size
                                  i32.or
                                  i64.load16_s offset=23777 align=1
                                  i64.ge_s
                                  f32.reinterpret_i32
                                  br 7 (;@8;)
                                  local.tee 2
                                  i32.reinterpret_f32
                                  f32.convert_i32_u
                                  f32.sqrt
                                  local.tee 8
                                  f32.const nan (;=NaN;)
                                  local.get 8
                                  local.get 8
                                  f32.eq
                                  select
                                  ref.null extern
                                  local.set 4
                                  f32.abs
                                  i64.trunc_f32_s
                                  f32.convert_i64_u
                                  local.get 4
                                  local.tee 4
                                  br 5 (;@10;)
                                  i64.const 7211803596932823806
                                  br 12 (;@3;)
                                  unreachable
                                  f64.reinterpret_i64
                                  i64.const 5101418958818535278
                                  i64.popcnt
                                  i32.const 1702284369
                                  i64.load16_u offset=42236 align=1
                                  i64.mul
                                  i32.wrap_i64
                                  f32.load offset=50431 align=2
                                  i32.trunc_sat_f32_s
                                  i32.load16_s offset=1797
                                  i64.const 4611686018427387904
                                  block ;; label = @16
                                    ref.null extern
                                    i64.const -67108865
                                    i32.const -536870912
                                    if (result f64) ;; label = @17
                                      block (result i64) ;; label = @18
                                        i32.const 224349152
                                        i64.load8_u offset=10605
                                        i64.ctz
                                        f32.convert_i64_s
                                        f32.floor
                                        local.tee 9
                                        f32.const nan (;=NaN;)
                                        local.get 9
                                        local.get 9
                                        f32.eq
                                        select
                                        unreachable
                                        memory.size
                                        i32.popcnt
                                        local.set 1
                                        local.set 2
                                        i64.const 7413973927550593037
                                        ref.null func
                                        i32.const 1024
                                        br 7 (;@11;)
                                        i32.ctz
                                        i32.eqz
                                        f32.convert_i32_s
                                        f32.sqrt
                                        local.tee 10
                                        f32.const nan (;=NaN;)
                                        local.get 10
                                        local.get 10
                                        f32.eq
                                        select
                                        i32.trunc_sat_f32_s
                                        i32.popcnt
                                        i64.load16_s offset=79986 align=1
                                        i64.extend32_s
                                        f32.convert_i64_u
                                        f32.neg
                                        f32.sqrt
                                        local.tee 11
                                        f32.const nan (;=NaN;)
                                        local.get 11
                                        local.get 11
                                        f32.eq
                                        select
                                        i32.trunc_f32_u
                                        i32.eqz
                                        i64.const 4398046511103
                                        block (result i32) ;; label = @19
                                          br 4 (;@15;)
                                          memory.size
                                          loop ;; label = @20
                                            global.get 4
                                            i32.eqz
                                            if ;; label = @21
                                              unreachable
                                            end
                                            global.get 4
                                            i32.const 1
                                            i32.sub
                                            global.set 4
                                            local.get 3
                                            i32.trunc_f64_u
                                            i32.load offset=26147 align=2
                                            i32.load8_u offset=12960
                                            i64.load16_s offset=1883
                                            f32.convert_i64_u
                                            i32.const 1225176156
                                            memory.grow
                                            global.get 2
                                            i32.xor
                                            global.set 2
                                            i32.reinterpret_f32
                                            global.get 3
                                            i32.xor
                                            global.set 3
                                          end
                                        end
                                        global.get 2
                                        i32.xor
                                        global.set 2
                                        global.get 0
                                        i64.xor
                                        global.set 0
                                        global.get 2
                                        i32.xor
                                        global.set 2
                                        drop
                                      end
                                      global.get 0
                                      i64.xor
                                      global.set 0
                                      f64.const 0x1.0004p-1058 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000032381;)
                                    else
                                      f64.const -nan:0xffffffffffe00 (;=NaN;)
                                    end
                                    i64.reinterpret_f64
                                    global.get 1
                                    i64.xor
                                    global.set 1
                                    global.get 0
                                    i64.xor
                                    global.set 0
                                    drop
                                  end
                                  global.get 0
                                  i64.xor
                                  global.set 0
                                  global.get 2
                                  i32.xor
                                  global.set 2
                                  i64.reinterpret_f64
                                  global.get 1
                                  i64.xor
                                  global.set 1
                                  drop
                                  i32.reinterpret_f32
                                  global.get 3
                                  i32.xor
                                  global.set 3
                                  drop
                                  global.get 2
                                  i32.xor
                                  global.set 2
                                  i32.reinterpret_f32
                                  global.get 3
                                  i32.xor
                                  global.set 3
                                  global.get 0
                                  i64.xor
                                  global.set 0
                                end
                                drop
                                i32.reinterpret_f32
                                global.get 3
                                i32.xor
                                global.set 3
                              end
                              i64.reinterpret_f64
                              global.get 1
                              i64.xor
                              global.set 1
                              i32.reinterpret_f32
                              global.get 3
                              i32.xor
                              global.set 3
                              drop
                              global.get 0
                              i64.xor
                              global.set 0
                            end
                            drop
                            i32.const -1756591552
                          end
                          global.get 2
                          i32.xor
                          global.set 2
                        end
                      end
                      global.get 2
                      i32.xor
                      global.set 2
                    end
                    global.get 2
                    i32.xor
                    global.set 2
                    global.get 0
                    i64.xor
                    global.set 0
                  end
                  global.get 0
                  i64.xor
                  global.set 0
                  drop
                  i64.reinterpret_f64
                  global.get 1
                  i64.xor
                  global.set 1
                end
                global.get 0
                i64.xor
                global.set 0
                i32.reinterpret_f32
                global.get 3
                i32.xor
                global.set 3
                drop
                global.get 0
                i64.xor
                global.set 0
                drop
                global.get 2
                i32.xor
                global.set 2
                i32.reinterpret_f32
                global.get 3
                i32.xor
                global.set 3
                drop
                global.get 0
                i64.xor
                global.set 0
                f64.const 0x1.d1821895f86cbp+624 (;=126591531227199050000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
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
              global.get 2
              i32.xor
              global.set 2
              drop
              i64.const -134217729
            else
              i64.const 2698424482661246883
            end
            global.get 0
            i64.xor
            global.set 0
            i64.reinterpret_f64
            global.get 1
            i64.xor
            global.set 1
            i32.const 567691331
          end
          global.get 2
          i32.xor
          global.set 2
          i32.reinterpret_f32
          global.get 3
          i32.xor
          global.set 3
          global.get 2
          i32.xor
          global.set 2
          i64.const 7499986163886177688
        end
        global.get 0
        i64.xor
        global.set 0
        global.get 2
        i32.xor
        global.set 2
        f64.const 0x1.p-1046 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000132624737;)
      end
      i64.reinterpret_f64
      global.get 1
      i64.xor
      global.set 1
    end
    global.get 0
    i64.xor
    global.set 0
    global.get 0
    i64.xor
    global.set 0
    drop
    ref.null func
    f32.const 0x1.da807ep+50 (;=2086881500000000;)
    i64.const 5349687404457209291
  )
  (func (;2;) (type 1) (param f64) (result i32)
    (local f32 f64)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
    f32.const 0x1.f6fc88p-1 (;=0.9823954;)
    f32.neg
    f64.const -0x1.452769cfc617bp+326 (;=-173631159905602140000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
    i64.reinterpret_f64
    i32.wrap_i64
    local.get 0
    memory.size
    i64.load8_u offset=52563
    f32.convert_i64_s
    f32.floor
    local.tee 1
    f32.const nan (;=NaN;)
    local.get 1
    local.get 1
    f32.eq
    select
    loop (result externref) ;; label = @1
      global.get 4
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 4
      i32.const 1
      i32.sub
      global.set 4
      i64.const -4294967296
      i64.const 1271177641362119921
      i64.ctz
      i64.clz
      loop ;; label = @2
        global.get 4
        i32.eqz
        if ;; label = @3
          unreachable
        end
        global.get 4
        i32.const 1
        i32.sub
        global.set 4
        f32.const -0x1.d303cep+62 (;=-8412992000000000000;)
        block (result f32) ;; label = @3
          memory.size
          i64.load32_s offset=7962
          f64.const 0x1.fep-1067 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000126;)
          local.get 0
          i64.trunc_sat_f64_s
          block (result i32) ;; label = @4
            loop (result i64) ;; label = @5
              global.get 4
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 4
              i32.const 1
              i32.sub
              global.set 4
              br 3 (;@2;)
              block ;; label = @6
                f32.const 0x1.941f04p-107 (;=0.000000000000000000000000000000009728863;)
                i32.const 1914788948
                i64.load16_u offset=47902 align=1
                f64.reinterpret_i64
                f64.floor
                local.tee 2
                f64.const nan (;=NaN;)
                local.get 2
                local.get 2
                f64.eq
                select
                local.get 0
                i64.reinterpret_f64
                global.get 1
                i64.xor
                global.set 1
                i64.reinterpret_f64
                global.get 1
                i64.xor
                global.set 1
                i32.reinterpret_f32
                global.get 3
                i32.xor
                global.set 3
              end
              i64.const 3186252546299997995
            end
            global.get 0
            i64.xor
            global.set 0
            i32.const 912546793
          end
          global.get 2
          i32.xor
          global.set 2
          global.get 0
          i64.xor
          global.set 0
          i64.reinterpret_f64
          global.get 1
          i64.xor
          global.set 1
          drop
          f32.const 0x1.f57cf4p-61 (;=0.0000000000000000008495539;)
        end
        i32.reinterpret_f32
        global.get 3
        i32.xor
        global.set 3
        i32.reinterpret_f32
        global.get 3
        i32.xor
        global.set 3
      end
      global.get 0
      i64.xor
      global.set 0
      global.get 0
      i64.xor
      global.set 0
      ref.null extern
    end
    drop
    i32.reinterpret_f32
    global.get 3
    i32.xor
    global.set 3
    i64.reinterpret_f64
    global.get 1
    i64.xor
    global.set 1
    global.get 2
    i32.xor
    global.set 2
    i32.reinterpret_f32
    global.get 3
    i32.xor
    global.set 3
    i32.const 2006673947
  )
  (func (;3;) (type 0) (param externref i32 f32) (result funcref f32 i64)
    (local f64 f64 f32 f32 f32 f64 f32 f64)
    global.get 4
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 4
    i32.const 1
    i32.sub
    global.set 4
    f32.const -0x1.cfc9f6p-53 (;=-0.00000000000000020113638;)
    f32.abs
    i32.const 1867845080
    i32.extend8_s
    i64.load8_s offset=53707
    loop (result i32) ;; label = @1
      global.get 4
      i32.eqz
      if ;; label = @2
        unreachable
      end
      global.get 4
      i32.const 1
      i32.sub
      global.set 4
      i32.const -1966956208
      i32.load8_u offset=34288
      br_table 0 (;@1;) 0 (;@1;)
      f64.const -0x1.fffffffffffffp+1023 (;=-179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
      i32.const -64
      i64.load offset=42071
      i64.extend32_s
      f32.const -0x1.dddddcp+94 (;=-36973140000000000000000000000;)
      i64.trunc_sat_f32_u
      i64.div_u
      f64.const 0x1.ffffffffep-1039 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000033951932655;)
      f64.nearest
      local.tee 3
      f64.const nan (;=NaN;)
      local.get 3
      local.get 3
      f64.eq
      select
      i32.trunc_f64_u
      i32.load8_s offset=20372
      f64.const 0x1.4f6fd98f9db63p+112 (;=6803468875130689000000000000000000;)
      f64.neg
      f64.floor
      local.tee 4
      f64.const nan (;=NaN;)
      local.get 4
      local.get 4
      f64.eq
      select
      loop (result f64) ;; label = @2
        global.get 4
        i32.eqz
        if ;; label = @3
          unreachable
        end
        global.get 4
        i32.const 1
        i32.sub
        global.set 4
        f32.const 0x1.356452p-86 (;=0.000000000000000000000000015620298;)
        local.get 0
        ref.is_null
        f64.const -nan:0xffffffffffdff (;=NaN;)
        ref.null extern
        block (result funcref) ;; label = @3
          ref.null extern
          loop (result i64) ;; label = @4
            global.get 4
            i32.eqz
            if ;; label = @5
              unreachable
            end
            global.get 4
            i32.const 1
            i32.sub
            global.set 4
            memory.size
            f64.convert_i32_u
            memory.size
            local.get 2
            i64.const 2491819443280896591
            f32.convert_i64_u
            f32.eq
            i32.clz
            i32.ge_s
            i32.load offset=54662
            local.set 1
            i32.const 15
            i64.load16_s offset=41389
            br 0 (;@4;)
            br 3 (;@1;)
            i64.const 3246695044450217748
            f32.convert_i64_s
            f32.ceil
            local.tee 5
            f32.const nan (;=NaN;)
            local.get 5
            local.get 5
            f32.eq
            select
            local.tee 2
            i32.trunc_sat_f32_s
            i32.eqz
            f32.convert_i32_u
            f32.ceil
            local.tee 6
            f32.const nan (;=NaN;)
            local.get 6
            local.get 6
            f32.eq
            select
            local.tee 2
            f32.floor
            local.tee 7
            f32.const nan (;=NaN;)
            local.get 7
            local.get 7
            f32.eq
            select
            i32.trunc_sat_f32_s
            i32.load8_s offset=41528
            f64.const 0x1.p-1074 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005;)
            memory.size
            loop ;; label = @5
              global.get 4
              i32.eqz
              if ;; label = @6
                unreachable
              end
              global.get 4
              i32.const 1
              i32.sub
              global.set 4
              local.get 1
              i32.load16_u offset=55195
              if (result externref) ;; label = @6
                local.get 1
                if ;; label = @7
                  loop (result funcref) ;; label = @8
                    global.get 4
                    i32.eqz
                    if ;; label = @9
                      unreachable
                    end
                    global.get 4
                    i32.const 1
                    i32.sub
                    global.set 4
                    memory.size
                    i32.ctz
                    br_if 0 (;@8;)
                    f64.const 0x1.p-1039 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000169759663277;)
                    f64.const 0x1.0557f1bf3c8a3p-906 (;=0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000018871035002715137;)
                    call 2
                    f64.load offset=7307 align=4
                    memory.size
                    i32.load16_u offset=56253 align=1
                    i32.load16_s offset=20694
                    i32.load offset=91019 align=2
                    i32.load16_u offset=59722 align=1
                    if ;; label = @9
                    end
                    f64.sqrt
                    local.tee 8
                    f64.const nan (;=NaN;)
                    local.get 8
                    local.get 8
                    f64.eq
                    select
                    f64.lt
                    i32.load8_s offset=22343
                    i32.load8_s offset=6828
                    i64.load32_s offset=29832
                    f64.convert_i64_s
                    i32.const 65535
                    block (result f32) ;; label = @9
                      f64.const 0x1.e2dbd05454aeap-819 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000053952751709119937;)
                      local.get 0
                      i32.const 4
                      i64.load16_s offset=14444
                      i64.const -4097
                      i64.ne
                      i32.extend16_s
                      br_if 7 (;@2;)
                      memory.size
                      i64.extend_i32_s
                      block ;; label = @10
                        br 5 (;@5;)
                        nop
                        f32.const -0x1.c3b22cp+39 (;=-970009740000;)
                        local.set 2
                        br 9 (;@1;)
                        f32.const -0x1p+127 (;=-170141180000000000000000000000000000000;)
                        f32.sqrt
                        local.tee 9
                        f32.const nan (;=NaN;)
                        local.get 9
                        local.get 9
                        f32.eq
                        select
                        i32.trunc_sat_f32_s
                        i64.load offset=19697 align=1
                        f64.const 0x1.ffffffffffffep-1023 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002225073858507201;)
                        i64.trunc_f64_u
                        f64.const 0x1.fdfffffcp-1044 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001056853372;)
                        i32.trunc_sat_f64_s
                        i64.load32_s offset=33513
                        i64.div_u
                        i64.div_u
                        i64.extend8_s
                        block ;; label = @11
                          f64.const -0x1.d29fdf24ea057p+489 (;=-2913368704468908600000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                          f64.ceil
                          local.tee 10
                          f64.const nan (;=NaN;)
                          local.get 10
                          local.get 10
                          f64.eq
                          select
                          local.get 1
                          i64.const 2752073724837520699
                          i64.const -402131523944480733
                          i64.lt_s
                          i32.gt_u
                          f32.load offset=44676 align=2
                          i32.reinterpret_f32
                          global.get 3
                          i32.xor
                          global.set 3
                          i64.reinterpret_f64
                          global.get 1
                          i64.xor
                          global.set 1
                        end
                        global.get 0
                        i64.xor
                        global.set 0
                      end
                      global.get 0
                      i64.xor
                      global.set 0
                      drop
                      i64.reinterpret_f64
                      global.get 1
                      i64.xor
                      global.set 1
                      f32.const 0x1.30e87p-9 (;=0.002326263;)
                    end
                    i32.reinterpret_f32
                    global.get 3
                    i32.xor
                    global.set 3
                    global.get 2
                    i32.xor
                    global.set 2
                    drop
                    ref.null func
                  end
                  drop
                end
                ref.null extern
              else
                ref.null extern
              end
              drop
            end
            global.get 2
            i32.xor
            global.set 2
            i64.reinterpret_f64
            global.get 1
            i64.xor
            global.set 1
            global.get 2
            i32.xor
            global.set 2
            global.get 0
            i64.xor
            global.set 0
            i64.reinterpret_f64
            global.get 1
            i64.xor
            global.set 1
            i64.const 34359738368
          end
          global.get 0
          i64.xor
          global.set 0
          drop
          ref.null func
        end
        drop
        drop
        i64.reinterpret_f64
        global.get 1
        i64.xor
        global.set 1
        global.get 2
        i32.xor
        global.set 2
        i32.reinterpret_f32
        global.get 3
        i32.xor
        global.set 3
        f64.const 0x1.ap-1045 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000431030395;)
      end
      i64.reinterpret_f64
      global.get 1
      i64.xor
      global.set 1
      i64.reinterpret_f64
      global.get 1
      i64.xor
      global.set 1
      global.get 2
      i32.xor
      global.set 2
      global.get 0
      i64.xor
      global.set 0
      i64.reinterpret_f64
      global.get 1
      i64.xor
      global.set 1
      i32.const 1073741824
    end
    global.get 2
    i32.xor
    global.set 2
    global.get 0
    i64.xor
    global.set 0
    i32.reinterpret_f32
    global.get 3
    i32.xor
    global.set 3
    ref.null func
    f32.const -nan:0x7ffe00 (;=NaN;)
    i64.const -6535241068219038346
  )
)
