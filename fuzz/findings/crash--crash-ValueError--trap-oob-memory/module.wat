(module
  (type (;0;) (func (param f32)))
  (memory (;0;) 1 12)
  (global (;0;) (mut i32) i32.const 576673922)
  (global (;1;) (mut i64) i64.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i64) i64.const 0)
  (global (;5;) (mut i32) i32.const 1000)
  (export "\u{0}" (func 0))
  (export "" (func 1))
  (export "2" (memory 0))
  (export "3" (global 0))
  (export "4" (global 1))
  (export "5" (global 2))
  (export "6" (global 3))
  (export "A" (global 4))
  (func (;0;) (type 0) (param f32)
    (local f64 f64 f64 f64 f64 f64 f64 f32 f32 f32 f32 f32 f32 f32 f32 f32)
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
    i64.load32_s offset=36664
    i64.eqz
    f64.load offset=52466 align=1
    f64.nearest
    local.tee 1
    f64.const nan (;=NaN;)
    local.get 1
    local.get 1
    f64.eq
    select
    f32.demote_f64
    i32.trunc_sat_f32_u
    i32.load8_s offset=18136
    f32.convert_i32_u
    i32.trunc_f32_s
    i32.load16_u offset=25272 align=1
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
      br 1
      br 1
      f64.const -nan:0xffff000000000 (;=NaN;)
      f64.floor
      local.tee 2
      f64.const nan (;=NaN;)
      local.get 2
      local.get 2
      f64.eq
      select
      i32.trunc_f64_s
      i32.load8_s offset=514912108
      i32.extend8_s
      i64.load16_u offset=28460
      br 0 (;@1;)
      br 0 (;@1;)
      global.get 0
      global.get 0
      i32.const -1221937921
      i64.load32_u offset=21601 align=1
      f64.reinterpret_i64
      f64.store offset=9548 align=4
      i64.load32_s offset=39360
      f64.reinterpret_i64
      global.get 0
      i32.load16_s offset=58618
      br_table 0 (;@1;) 1 0 (;@1;)
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
        f32.const -0x1.e1f612p-39 (;=-0.0000000000034245404;)
        loop (type 0) (param f32) ;; label = @3
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
          i64.extend_i32_s
          f64.const -nan:0xffffffe000000 (;=NaN;)
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
            br 0 (;@4;)
            i64.const 2251799813685248
            i64.eqz
            global.set 0
            global.get 0
            br_table 0 (;@4;) 2 (;@2;) 3 (;@1;) 4 4
            i64.const -8864079711754618180
            i64.ctz
            local.get 0
            ref.null extern
            global.get 0
            if (result f32) ;; label = @5
              block ;; label = @6
              end
              br 4 (;@1;)
              br 4 (;@1;)
              f64.const -nan:0xfffffffffffc0 (;=NaN;)
              f64.sqrt
              local.tee 3
              f64.const nan (;=NaN;)
              local.get 3
              local.get 3
              f64.eq
              select
              global.get 0
              i64.load16_s offset=3002
              i64.eqz
              memory.size
              i32.shr_u
              global.get 0
              br_if 4 (;@1;)
              i32.load16_s offset=34215 align=1
              i32.popcnt
              i64.load8_s offset=7356
              data.drop 4
              local.get 0
              local.set 0
              f32.convert_i64_u
              loop (type 0) (param f32) ;; label = @6
                global.get 5
                i32.eqz
                if ;; label = @7
                  unreachable
                end
                global.get 5
                i32.const 1
                i32.sub
                global.set 5
                f32.neg
                i32.trunc_f32_u
                i64.load8_s offset=254849
                i64.extend16_s
                i64.eqz
                i32.popcnt
                i32.load8_s offset=28149
                i64.load8_s offset=50309
                f64.const 0x1.cbc7a2ba85b57p+338 (;=1005653759390148800000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                f64.floor
                local.tee 4
                f64.const nan (;=NaN;)
                local.get 4
                local.get 4
                f64.eq
                select
                i64.trunc_sat_f64_s
                i64.mul
                i64.ctz
                local.get 0
                br 3 (;@3;)
                memory.size
                f64.load offset=28030 align=1
                f64.floor
                local.tee 5
                f64.const nan (;=NaN;)
                local.get 5
                local.get 5
                f64.eq
                select
                i32.trunc_f64_u
                i32.extend8_s
                i64.load offset=90610 align=1
                i64.div_s
                i64.ctz
                f64.const -0x1.8d719e4424b9cp-426 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000008958960700473103;)
                f64.nearest
                local.tee 6
                f64.const nan (;=NaN;)
                local.get 6
                local.get 6
                f64.eq
                select
                i64.trunc_sat_f64_u
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
                  global.get 0
                  br 0 (;@7;)
                  i32.load8_s offset=74039
                  i32.const -794059470
                  i32.gt_s
                  i64.load16_u offset=22849 align=1
                  loop (result i32) ;; label = @8
                    global.get 5
                    i32.eqz
                    if ;; label = @9
                      unreachable
                    end
                    global.get 5
                    i32.const 1
                    i32.sub
                    global.set 5
                    ref.null func
                    loop (result i32) ;; label = @9
                      global.get 5
                      i32.eqz
                      if ;; label = @10
                        unreachable
                      end
                      global.get 5
                      i32.const 1
                      i32.sub
                      global.set 5
                      f64.const -0x1.3ba5d95c5ab42p-431 (;=-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002223487724701939;)
                      local.get 0
                      i64.trunc_f32_u
                      i64.clz
                      block (result f32) ;; label = @10
                        block (result i32) ;; label = @11
                          ref.null extern
                          i32.const -1
                          br_table 2 (;@9;) 3 (;@8;) 4 (;@7;) 7 (;@4;) 9 (;@2;) 10 (;@1;) 11 3 (;@8;)
                          br 2 (;@9;)
                          local.get 0
                          local.set 0
                          f32.const 0x1.8p-148 (;=0.000000000000000000000000000000000000000000004;)
                          f64.const 0x1.1aec0f249975fp+260 (;=2047508859530934400000000000000000000000000000000000000000000000000000000000000;)
                          f64.ceil
                          local.tee 7
                          f64.const nan (;=NaN;)
                          local.get 7
                          local.get 7
                          f64.eq
                          select
                          data.drop 4
                          br 9 (;@2;)
                          f32.demote_f64
                          f32.const -0x1.8565ap-15 (;=-0.000046419736;)
                          f32.nearest
                          local.tee 8
                          f32.const nan (;=NaN;)
                          local.get 8
                          local.get 8
                          f32.eq
                          select
                          f32.ceil
                          local.tee 9
                          f32.const nan (;=NaN;)
                          local.get 9
                          local.get 9
                          f32.eq
                          select
                          f32.ge
                          i32.const -1981380069
                          i32.store8 offset=7052
                          loop (result externref) ;; label = @12
                            global.get 5
                            i32.eqz
                            if ;; label = @13
                              unreachable
                            end
                            global.get 5
                            i32.const 1
                            i32.sub
                            global.set 5
                            br 5 (;@7;)
                            f64.const 0x1.8a3a34829f6e7p-1 (;=0.7699753198100695;)
                            i32.trunc_sat_f64_u
                            i32.load8_u offset=64308
                            i32.extend8_s
                            f32.convert_i32_u
                            i32.reinterpret_f32
                            i64.load32_s offset=39980 align=2
                            i32.wrap_i64
                            i32.load8_u offset=8983
                            i64.extend_i32_u
                            i64.ctz
                            f64.const -nan:0xeffffffffffff (;=NaN;)
                            f64.const 0x1.559d43d3bb72p-191 (;=0.0000000000000000000000000000000000000000000000000000000004251742217810511;)
                            f64.eq
                            i64.load16_s offset=57229
                            i64.or
                            i32.const 1540343202
                            br 8 (;@4;)
                            br_if 8 (;@4;)
                            loop ;; label = @13
                              global.get 5
                              i32.eqz
                              if ;; label = @14
                                unreachable
                              end
                              global.get 5
                              i32.const 1
                              i32.sub
                              global.set 5
                              br 1 (;@12;)
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
                                data.drop 1
                                data.drop 0
                                f64.const 0x1.714f22a3cfc78p-556 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000611607047084978;)
                                i32.trunc_sat_f64_s
                                data.drop 2
                                return
                                i32.load8_s offset=30767
                                f32.convert_i32_u
                                i64.trunc_f32_u
                                i64.ctz
                                data.drop 0
                                f32.convert_i64_u
                                ref.null extern
                                data.drop 4
                                i64.const -5096436643965772445
                                i64.popcnt
                                i64.extend32_s
                                i32.wrap_i64
                                data.drop 1
                                i64.load8_u offset=42943
                                i64.eqz
                                f32.convert_i32_s
                                i64.trunc_sat_f32_s
                                i64.extend8_s
                                i64.eqz
                                global.get 0
                                i32.shl
                                local.get 0
                                f32.floor
                                local.tee 10
                                f32.const nan (;=NaN;)
                                local.get 10
                                local.get 10
                                f32.eq
                                select
                                f32.trunc
                                local.tee 11
                                f32.const nan (;=NaN;)
                                local.get 11
                                local.get 11
                                f32.eq
                                select
                                i64.trunc_f32_s
                                global.get 0
                                f32.load offset=32322 align=2
                                i64.trunc_f32_u
                                i64.le_u
                                i32.div_s
                                global.get 0
                                f32.load offset=39126
                                i32.const -16384
                                i32.load8_u offset=42500
                                i32.load16_s offset=649 align=1
                                f64.load offset=56669
                                i32.const -1707520171
                                i32.eqz
                                i32.ctz
                                f32.load offset=19366 align=2
                                f32.ceil
                                local.tee 12
                                f32.const nan (;=NaN;)
                                local.get 12
                                local.get 12
                                f32.eq
                                select
                                i64.trunc_sat_f32_u
                                memory.size
                                f32.const 0x1.8p-130 (;=0.000000000000000000000000000000000000001102026;)
                                i32.trunc_sat_f32_s
                                f64.const 0x1.fffffffffffffp+1023 (;=179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                                memory.size
                                i32.load offset=6977 align=1
                                block ;; label = @15
                                  block (result f64) ;; label = @16
                                    f64.const 0x1.fffff8p-1053 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002072261;)
                                    i32.trunc_sat_f64_u
                                    i32.eqz
                                    br_if 9 (;@7;)
                                    i64.const 554510698406481558
                                    i64.popcnt
                                    block ;; label = @17
                                      br 9 (;@8;)
                                      f64.const 0x1.3b56cca493bf5p-355 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000016783763173781147;)
                                      loop ;; label = @18
                                        global.get 5
                                        i32.eqz
                                        if ;; label = @19
                                          unreachable
                                        end
                                        global.get 5
                                        i32.const 1
                                        i32.sub
                                        global.set 5
                                        local.get 0
                                        i64.trunc_f32_u
                                        i64.ctz
                                        i64.eqz
                                        f32.load offset=34306 align=2
                                        f32.trunc
                                        local.tee 13
                                        f32.const nan (;=NaN;)
                                        local.get 13
                                        local.get 13
                                        f32.eq
                                        select
                                        f32.const 0x1.0d2874p-34 (;=0.00000000006119945;)
                                        f32.ne
                                        br_table 0 (;@18;) 1 (;@17;) 3 (;@15;) 4 (;@14;) 5 (;@13;) 6 (;@12;) 9 (;@9;) 10 (;@8;) 11 (;@7;) 14 (;@4;) 16 (;@2;) 17 (;@1;) 18 17 (;@1;)
                                        f32.const 0x1.0a708p+114 (;=21616136000000000000000000000000000;)
                                        br 8 (;@10;)
                                        i64.const 6078660311901802957
                                        i32.wrap_i64
                                        i64.load offset=54954 align=1
                                        i64.clz
                                        local.get 0
                                        f32.floor
                                        local.tee 14
                                        f32.const nan (;=NaN;)
                                        local.get 14
                                        local.get 14
                                        f32.eq
                                        select
                                        local.tee 0
                                        i64.trunc_f32_s
                                        i64.rem_u
                                        f64.const 0x1.ffffffp-1050 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000165780916;)
                                        i64.reinterpret_f64
                                        loop (result f32) ;; label = @19
                                          global.get 5
                                          i32.eqz
                                          if ;; label = @20
                                            unreachable
                                          end
                                          global.get 5
                                          i32.const 1
                                          i32.sub
                                          global.set 5
                                          i64.const -6387096443625529407
                                          f64.convert_i64_u
                                          i64.trunc_sat_f64_u
                                          f32.convert_i64_u
                                          f32.floor
                                          local.tee 15
                                          f32.const nan (;=NaN;)
                                          local.get 15
                                          local.get 15
                                          f32.eq
                                          select
                                          i32.trunc_sat_f32_s
                                          global.get 0
                                          i32.ge_s
                                          i32.load8_u offset=102
                                          i32.load offset=52054 align=2
                                          f32.load offset=43421
                                          f32.neg
                                          f32.nearest
                                          local.tee 16
                                          f32.const nan (;=NaN;)
                                          local.get 16
                                          local.get 16
                                          f32.eq
                                          select
                                          i32.trunc_f32_u
                                          loop ;; label = @20
                                            global.get 5
                                            i32.eqz
                                            if ;; label = @21
                                              unreachable
                                            end
                                            global.get 5
                                            i32.const 1
                                            i32.sub
                                            global.set 5
                                            ref.null extern
                                            loop (result f64) ;; label = @21
                                              global.get 5
                                              i32.eqz
                                              if ;; label = @22
                                                unreachable
                                              end
                                              global.get 5
                                              i32.const 1
                                              i32.sub
                                              global.set 5
                                              i32.const -2056596329
                                              i64.load offset=16122 align=1
                                              global.get 0
                                              block (result i32) ;; label = @22
                                                block ;; label = @23
                                                  loop (result externref) ;; label = @24
                                                    global.get 5
                                                    i32.eqz
                                                    if ;; label = @25
                                                      unreachable
                                                    end
                                                    global.get 5
                                                    i32.const 1
                                                    i32.sub
                                                    global.set 5
                                                    i64.const -35184372088833
                                                    i64.extend32_s
                                                    f64.reinterpret_i64
                                                    i32.trunc_f64_s
                                                    i32.load16_s offset=11183 align=1
                                                    i64.const -549755813889
                                                    i64.store16 offset=25541 align=1
                                                    f64.const -0x1.1db58b415d557p-325 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000016328098150822225;)
                                                    global.get 0
                                                    i32.extend16_s
                                                    global.set 0
                                                    global.get 0
                                                    f32.convert_i32_s
                                                    memory.size
                                                    i32.load offset=2410705465
                                                    i32.load offset=45290
                                                    i32.load16_s offset=58804 align=1
                                                    br 5 (;@19;)
                                                    i64.load16_s offset=43323 align=1
                                                    local.get 0
                                                    i64.trunc_sat_f32_s
                                                    i64.rem_s
                                                    data.drop 0
                                                    i64.eqz
                                                    memory.size
                                                    i32.ge_s
                                                    i64.load8_u offset=44350
                                                    br 4 (;@20;)
                                                    i64.eqz
                                                    i64.load offset=50184 align=2
                                                    i64.ctz
                                                    global.get 0
                                                    i64.const 7248245255713976285
                                                    i64.popcnt
                                                    i64.popcnt
                                                    global.get 1
                                                    i64.xor
                                                    global.set 1
                                                    global.get 2
                                                    i32.xor
                                                    global.set 2
                                                    global.get 1
                                                    i64.xor
                                                    global.set 1
                                                    i32.reinterpret_f32
                                                    global.get 3
                                                    i32.xor
                                                    global.set 3
                                                    i64.reinterpret_f64
                                                    global.get 4
                                                    i64.xor
                                                    global.set 4
                                                    ref.null extern
                                                  end
                                                  drop
                                                end
                                                i32.const -131072
                                              end
                                              global.get 2
                                              i32.xor
                                              global.set 2
                                              global.get 2
                                              i32.xor
                                              global.set 2
                                              global.get 1
                                              i64.xor
                                              global.set 1
                                              f64.const -nan (;=NaN;)
                                            end
                                            i64.reinterpret_f64
                                            global.get 4
                                            i64.xor
                                            global.set 4
                                            drop
                                          end
                                          global.get 2
                                          i32.xor
                                          global.set 2
                                          f32.const 0x1.0001p-133 (;=0.000000000000000000000000000000000000000091837;)
                                        end
                                        i32.reinterpret_f32
                                        global.get 3
                                        i32.xor
                                        global.set 3
                                        global.get 1
                                        i64.xor
                                        global.set 1
                                        global.get 1
                                        i64.xor
                                        global.set 1
                                      end
                                      i64.reinterpret_f64
                                      global.get 4
                                      i64.xor
                                      global.set 4
                                    end
                                    global.get 1
                                    i64.xor
                                    global.set 1
                                    f64.const 0x1.ffffffffffep-1031 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000086916947597933;)
                                  end
                                  i64.reinterpret_f64
                                  global.get 4
                                  i64.xor
                                  global.set 4
                                end
                                global.get 2
                                i32.xor
                                global.set 2
                                i64.reinterpret_f64
                                global.get 4
                                i64.xor
                                global.set 4
                                global.get 2
                                i32.xor
                                global.set 2
                                global.get 2
                                i32.xor
                                global.set 2
                                global.get 1
                                i64.xor
                                global.set 1
                                i64.reinterpret_f64
                                global.get 4
                                i64.xor
                                global.set 4
                                i32.reinterpret_f32
                                global.get 3
                                i32.xor
                                global.set 3
                                global.get 2
                                i32.xor
                                global.set 2
                                drop
                                i32.reinterpret_f32
                                global.get 3
                                i32.xor
                                global.set 3
                              end
                            end
                            global.get 1
                            i64.xor
                            global.set 1
                            ref.null extern
                          end
                          drop
                          i32.reinterpret_f32
                          global.get 3
                          i32.xor
                          global.set 3
                          drop
                          i32.const -128
                        end
                        global.get 2
                        i32.xor
                        global.set 2
                        f32.const 0x1.1be436p-113 (;=0.00000000000000000000000000000000010678809;)
                      end
                      i32.reinterpret_f32
                      global.get 3
                      i32.xor
                      global.set 3
                      global.get 1
                      i64.xor
                      global.set 1
                      i64.reinterpret_f64
                      global.get 4
                      i64.xor
                      global.set 4
                      i32.const -512
                    end
                    global.get 2
                    i32.xor
                    global.set 2
                    drop
                    i32.const 8191
                  end
                  global.get 2
                  i32.xor
                  global.set 2
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
              end
              i64.reinterpret_f64
              global.get 4
              i64.xor
              global.set 4
              f32.const 0x1p-125 (;=0.000000000000000000000000000000000000023509887;)
            else
              f32.const -nan:0x7bffff (;=NaN;)
            end
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
            drop
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
            global.get 1
            i64.xor
            global.set 1
          end
          i64.reinterpret_f64
          global.get 4
          i64.xor
          global.set 4
          global.get 1
          i64.xor
          global.set 1
          i32.reinterpret_f32
          global.get 3
          i32.xor
          global.set 3
        end
        f64.const 0x1.df3c0138382dap+679 (;=4695426745495388000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
      end
      i64.reinterpret_f64
      global.get 4
      i64.xor
      global.set 4
      i64.reinterpret_f64
      global.get 4
      i64.xor
      global.set 4
      global.get 1
      i64.xor
      global.set 1
    end
    global.get 2
    i32.xor
    global.set 2
  )
  (func (;1;) (type 0) (param f32)
    (local i64 f32 i32 f32 f32 f64 f64 f32 f32)
    global.get 5
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    i32.const 1
    i32.sub
    global.set 5
    ref.null func
    global.get 0
    i32.const -268435456
    i64.extend_i32_u
    i64.store16 offset=5609 align=1
    i32.const 1431655765
    i64.load8_s offset=77556
    block ;; label = @1
      ref.null extern
      data.drop 4
      i32.const 884739043
      i32.load offset=38760 align=1
      i64.extend_i32_u
      memory.size
      f32.convert_i32_s
      f32.floor
      local.tee 4
      f32.const nan (;=NaN;)
      local.get 4
      local.get 4
      f32.eq
      select
      ref.null func
      memory.size
      f64.convert_i32_u
      i32.trunc_sat_f64_u
      f64.load offset=54194 align=1
      f64.neg
      i32.const 2045438001
      block ;; label = @2
        data.drop 1
        block ;; label = @3
          memory.size
          global.get 0
          global.set 0
          data.drop 2
          f32.load offset=51484 align=1
          i32.trunc_sat_f32_u
          i64.load32_s offset=429062 align=2
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
            i32.const -220596049
            i32.load16_u offset=16711
            f32.reinterpret_i32
            f32.abs
            f32.floor
            local.tee 5
            f32.const nan (;=NaN;)
            local.get 5
            local.get 5
            f32.eq
            select
            global.get 0
            i64.load32_u offset=4410 align=1
            i64.popcnt
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
              i64.const -7823261405305989580
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
                br 4 (;@2;)
                i64.const 17179869183
                i64.popcnt
                f32.convert_i64_u
                block ;; label = @7
                  f32.const 0x1.fa5cd8p+50 (;=2227006600000000;)
                  f32.neg
                  i32.reinterpret_f32
                  f32.load offset=50344 align=2
                  f64.const 0x1.c8ae22f9d2e79p+985 (;=583334908171017900000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                  i32.trunc_f64_u
                  i32.load16_u offset=36744
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
                    f32.const 0x1.b8722cp-107 (;=0.000000000000000000000000000000010603351;)
                    i32.trunc_f32_s
                    i64.extend_i32_s
                    local.get 3
                    i32.load8_s offset=36575
                    ref.null func
                    br 5 (;@3;)
                    ref.is_null
                    i32.shr_u
                    f64.load offset=41453 align=2
                    f64.trunc
                    local.tee 6
                    f64.const nan (;=NaN;)
                    local.get 6
                    local.get 6
                    f64.eq
                    select
                    f64.trunc
                    local.tee 7
                    f64.const nan (;=NaN;)
                    local.get 7
                    local.get 7
                    f64.eq
                    select
                    data.drop 2
                    global.get 0
                    f64.convert_i32_u
                    data.drop 1
                    br 1 (;@7;)
                    i64.trunc_f64_u
                    br 7 (;@1;)
                    data.drop 4
                    i64.extend16_s
                    i64.const 705724940900692214
                    f64.const -0x1.003ed72988d9bp-425 (;=-0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000011552289800271117;)
                    i64.trunc_sat_f64_s
                    i64.and
                    i64.mul
                    f64.const 0x1.1b0f345945804p-220 (;=0.0000000000000000000000000000000000000000000000000000000000000000006562035248592509;)
                    i64.trunc_sat_f64_u
                    block ;; label = @9
                      data.drop 0
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
                          f32.const 0x1.c5398ap+35 (;=60830798000;)
                          data.drop 2
                          f32.abs
                          f32.sqrt
                          local.tee 8
                          f32.const nan (;=NaN;)
                          local.get 8
                          local.get 8
                          f32.eq
                          select
                          i64.trunc_sat_f32_u
                          i64.extend8_s
                          i64.const -72057594037927937
                          i64.ne
                          f32.load offset=26689
                          i64.const 2625574622420993177
                          br 0 (;@11;)
                          f64.convert_i64_s
                          memory.size
                          f64.load offset=64279
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
                            local.get 3
                            if ;; label = @13
                              i32.const -1172391866
                              f32.convert_i32_s
                              f32.trunc
                              local.tee 9
                              f32.const nan (;=NaN;)
                              local.get 9
                              local.get 9
                              f32.eq
                              select
                              f32.neg
                              local.set 0
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
                                memory.grow
                                global.get 0
                                i32.rem_s
                                i64.load8_u offset=34945
                                i64.extend32_s
                                ref.null extern
                                f64.const 0x1.ffff8p-1057 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000129516;)
                                i32.trunc_f64_u
                                block ;; label = @15
                                  ref.null extern
                                  loop (result funcref) ;; label = @16
                                    global.get 5
                                    i32.eqz
                                    if ;; label = @17
                                      unreachable
                                    end
                                    global.get 5
                                    i32.const 1
                                    i32.sub
                                    global.set 5
                                    local.get 0
                                    global.get 0
                                    if (type 0) (param f32) ;; label = @17
                                      i32.reinterpret_f32
                                      global.get 3
                                      i32.xor
                                      global.set 3
                                    else
                                      i32.reinterpret_f32
                                      global.get 3
                                      i32.xor
                                      global.set 3
                                    end
                                    ref.null func
                                  end
                                  drop
                                  drop
                                end
                                global.get 2
                                i32.xor
                                global.set 2
                                drop
                                global.get 1
                                i64.xor
                                global.set 1
                              end
                            end
                          end
                          i64.reinterpret_f64
                          global.get 4
                          i64.xor
                          global.set 4
                          i64.reinterpret_f64
                          global.get 4
                          i64.xor
                          global.set 4
                          i32.reinterpret_f32
                          global.get 3
                          i32.xor
                          global.set 3
                        end
                      end
                    end
                    global.get 1
                    i64.xor
                    global.set 1
                    global.get 1
                    i64.xor
                    global.set 1
                    i64.reinterpret_f64
                    global.get 4
                    i64.xor
                    global.set 4
                  end
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
                end
                i32.reinterpret_f32
                global.get 3
                i32.xor
                global.set 3
              end
              global.get 1
              i64.xor
              global.set 1
            end
            global.get 1
            i64.xor
            global.set 1
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
          end
          global.get 1
          i64.xor
          global.set 1
        end
      end
      global.get 2
      i32.xor
      global.set 2
      i64.reinterpret_f64
      global.get 4
      i64.xor
      global.set 4
      drop
      i32.reinterpret_f32
      global.get 3
      i32.xor
      global.set 3
      global.get 1
      i64.xor
      global.set 1
      drop
    end
    global.get 1
    i64.xor
    global.set 1
    drop
  )
  (data (;0;) "")
  (data (;1;) "")
  (data (;2;) "")
  (data (;3;) (i32.const 6547) "")
  (data (;4;) "")
)
