#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# QEMU integration runs of the AArch64 hypervisor, booted by U-Boot the way a
# board would boot it: QEMU's own device tree (dumped with -machine dumpdtb)
# gets dom0less guest nodes under /chosen, goes to U-Boot with -dtb, and a
# pflash environment (mkenvimage) tells U-Boot to booti/bootm the hypervisor.
# Guest kernels and the FIT are placed in RAM with QEMU's generic loader.
#
#   run.sh check   every test; TAP lines; last line "arm64: N passed, N failed"
#   run.sh demo    the two-guest demo (make run)
#   run.sh bench   the benchmark figures (make bench)
#   run.sh hostile only the hostile-guest run
#   run.sh vgic    only the vGIC guests (forwarded timer, MMIO widths, LR eviction)
set -uo pipefail

. "$(dirname "$0")/lib.sh"

test_banner() {
    boot banner 2 "" "domU1:$G/banner.Image:16384:1:0:1:banner vpl011"
    expect banner "banner: hypervisor banner printed" '^\(XEN\) Keel [0-9]+\.[0-9]+'
    expect_not banner "banner: build-id note valid" 'No valid build-id note'
    expect banner "banner: 2 CPUs brought up with PSCI CPU_ON" '^\(XEN\) 2 of 2 CPUs online'
    expect banner "banner: guest prints through console_io" '^\(d1\) Hello from a Keel guest'
    expect banner "banner: guest prints through the vPL011" '^\(d1\) This line went through the emulated PL011'
    expect banner "banner: guest shut down with poweroff" '^\(XEN\) d1 \(domU1\) shut down: poweroff'
    expect banner "banner: summary line when the last domain ends" '^\(XEN\) all domains have ended \(1, 0 crashed\)'
    expect_exit banner 0
    finish_run banner
}

test_abi() {
    local logged
    boot abi 2 "console=dtuart keel-test" \
        "control:$G/abi_test.Image:16384:1:1:0:control cmdline=keel-test" \
        "guest:$G/abi_test.Image:16384:1:0:1:plain vpl011 gicsweep"
    collect_tap abi 1 "abi control domain"
    collect_tap abi 2 "abi non-control domain"
    logged=$(grep -cE '^\(d1\) long-write [0-9]{2}: x{84}$' "$W/abi.log")
    if [ "$logged" -eq 20 ]; then ok "abi: a 2,000-byte CONSOLEIO_write printed all 20 lines (slices continued)"
    else not_ok "abi: a 2,000-byte CONSOLEIO_write printed $logged of its 20 lines"; FAILED_RUN=1; fi
    expect abi "abi: an unknown vGIC register access is logged once per access" \
        '^\(XEN\) d1: vGIC: read of unknown GICD register 0x8000 ignored \(RAZ/WI\)'
    logged=$(grep -c '^(XEN) d1: vGIC: .* of unknown' "$W/abi.log")
    if [ "$logged" -eq 8 ]; then ok "abi: unknown vGIC registers: only the first 8 accesses logged"
    else not_ok "abi: unknown vGIC registers: $logged lines logged, expected 8"; FAILED_RUN=1; fi
    expect abi "abi: the log says when it stops logging unknown vGIC registers" \
        '^\(XEN\) d1: vGIC: .*; further ones not logged$'
    logged=$(grep -c '^(XEN) d1: data cache maintenance by set/way: done by VA over the guest.s RAM$' "$W/abi.log")
    if [ "$logged" -eq 1 ]; then ok "abi: set/way cache maintenance trapped and noted once per domain"
    else not_ok "abi: set/way cache maintenance: $logged lines for d1, expected 1"; FAILED_RUN=1; fi
    expect abi "abi: ACTLR_EL1 write trapped and ignored" '^\(XEN\) d2: write to ACTLR_EL1 ignored$'
    expect abi "abi: d2's vPL011 output reached the console" '^\(d2\) vPL011 transmit interrupt test line$'
    expect abi "abi: d1 ended with poweroff" '^\(XEN\) d1 \(control\) shut down: poweroff'
    expect abi "abi: d2 ended with poweroff" '^\(XEN\) d2 \(guest\) shut down: poweroff'
    expect_exit abi 0
    finish_run abi
}

# isolation NAME ARGS ADDR WHAT: the isolation guest (d1) with ARGS must be
# crashed at ADDR while the ABI guest (d2) passes all its tests.
isolation() {
    local name=$1 args=$2 addr=$3 what=$4
    boot "$name" 2 "" "isolated:$G/isolation.Image:16384:1:0:0:$args" \
        "bystander:$G/abi_test.Image:16384:1:0:0:plain"
    expect "$name" "$what: d1 crashed with one line naming vCPU, ESR, FAR and IPA $addr" \
        "^\(XEN\) d1 crashed: stage-2 data abort on vCPU0: ESR 0x[0-9a-f]+ FAR 0x[0-9a-f]+ IPA $addr"
    expect "$name" "$what: d1 ended as crashed" '^\(XEN\) d1 \(isolated\) shut down: crash'
    expect_not "$name" "$what: the access did not return to the guest" '^\(d1\) not ok'
    collect_tap "$name" 2 "$what: bystander d2" summary
    expect "$name" "$what: d2 finished normally" '^\(XEN\) d2 \(bystander\) shut down: poweroff'
    expect "$name" "$what: exactly one domain crashed" '^\(XEN\) all domains have ended \(2, 1 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

# A two-vCPU guest crashes while its second vCPU spins on another CPU without
# ever trapping: the hypervisor must stop that vCPU too (SGI kick).
# The same with the second vCPU waiting in WFI, interrupts masked: on a CPU of
# its own WFI does not trap, and the kick must still wake that CPU and stop it.
test_isolation_smp_wfi() {
    local name=iso-smp-wfi
    boot "$name" 3 "" "isolated:$G/isolation.Image:16384:2:0:0:sleeper read=0x10000000" \
        "bystander:$G/abi_test.Image:16384:1:0:0:plain"
    expect "$name" "isolation 2 vCPUs, WFI: the sleeping vCPU was started" '^\(d1\) ok 1 - a second vCPU waits in WFI'
    expect "$name" "isolation 2 vCPUs, WFI: d1 crashed" '^\(XEN\) d1 crashed: stage-2 data abort on vCPU0'
    expect "$name" "isolation 2 vCPUs, WFI: the sleeping vCPU1 was stopped on CPU1" '^\(XEN\) d1: vCPU1 stopped on CPU1'
    collect_tap "$name" 2 "isolation 2 vCPUs, WFI: bystander d2" summary
    expect "$name" "isolation 2 vCPUs, WFI: exactly one domain crashed" '^\(XEN\) all domains have ended \(2, 1 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

test_isolation_smp() {
    local name=iso-smp
    boot "$name" 3 "" "isolated:$G/isolation.Image:16384:2:0:0:spinner read=0x10000000" \
        "bystander:$G/abi_test.Image:16384:1:0:0:plain"
    expect "$name" "isolation 2 vCPUs: the spinning vCPU was started" '^\(d1\) ok 1 - a second vCPU runs'
    expect "$name" "isolation 2 vCPUs: d1 crashed" '^\(XEN\) d1 crashed: stage-2 data abort on vCPU0'
    expect "$name" "isolation 2 vCPUs: the spinning vCPU1 was stopped on CPU1" '^\(XEN\) d1: vCPU1 stopped on CPU1'
    collect_tap "$name" 2 "isolation 2 vCPUs: bystander d2" summary
    expect "$name" "isolation 2 vCPUs: exactly one domain crashed" '^\(XEN\) all domains have ended \(2, 1 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

# A stage-2 fault during the guest's stage-1 table walk: the crash line
# says what FAR (the VA) and HPFAR (the table's IPA page) hold, and calls
# no IPA the access's own.
test_isolation_s1walk() {
    local name=iso-s1walk
    boot "$name" 2 "" "walker:$G/abi_test.Image:16384:1:0:0:plain s1walk" \
        "bystander:$G/banner.Image:16384:1:0:0:bystander"
    expect "$name" "stage-1 walk fault: the guest made the access" '^\(d1\) stage-1 walk: loading from VA 0x80000123'
    expect "$name" "stage-1 walk fault: crash line names FAR as the VA and HPFAR's page as the table's" \
        '^\(XEN\) d1 crashed: stage-2 data abort on vCPU0: ESR 0x[0-9a-f]+ FAR 0x80000123 HPFAR 0x[0-9a-f]+: stage-1 table walk touched IPA page 0x10000000 PC 0x[0-9a-f]+$'
    expect_not "$name" "stage-1 walk fault: no made-up IPA of HPFAR's page plus FAR's offset" 'IPA 0x10000123'
    expect_not "$name" "stage-1 walk fault: the load did not return" '^\(d1\) stage-1 walk: the load returned'
    expect "$name" "stage-1 walk fault: the bystander ran" '^\(d2\) banner guest done'
    expect "$name" "stage-1 walk fault: exactly one domain crashed" '^\(XEN\) all domains have ended \(2, 1 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

test_isolation() {
    local other
    isolation iso-unmapped "overwrite=$XEN_ADDR read=0x10000000" 0x10000000 "isolation unmapped IPA"
    expect iso-unmapped "isolation: writing the hypervisor's physical address hit only guest RAM" \
        '^\(d1\) ok 1 - overwriting guest-physical 40200000 landed'
    # The bystander's RAM, by the physical address the hypervisor gave it.
    other=$(sed -n 's/^(XEN) d2: RAM IPA .* at PA \(0x[0-9a-f]*\),.*/\1/p' "$W/iso-unmapped.log")
    isolation iso-other "write=${other:-0x0}" "${other:-0x0}" "isolation other guest's RAM"
    isolation iso-above "write=0x41000000" 0x41000000 "isolation IPA above own RAM"
    isolation iso-uart "read=0x9000000" 0x9000000 "isolation host UART"
    test_isolation_smp
    test_isolation_smp_wfi
    test_isolation_s1walk
}

# One guest with two vCPUs on the two CPUs: PSCI CPU_ON, AFFINITY_INFO, CPU_OFF,
# an SGI between them; it also gets a ramdisk module.
test_smp_guest() {
    { printf 'KEEL-RAMDISK'; head -c 5000 /dev/zero; } > "$W/ramdisk.bin"
    boot smp 2 "" "smp:$G/abi_test.Image:16384:2:0:0:plain smp initrd:$W/ramdisk.bin"
    collect_tap smp 1 "2-vCPU guest"
    expect smp "2-vCPU guest: vCPU 1 printed from the second CPU" '^\(d1\) secondary vCPU running, MPIDR 80000001'
    expect smp "2-vCPU guest: powered off" '^\(XEN\) d1 \(smp\) shut down: poweroff'
    expect_exit smp 0
    finish_run smp
}

# vgic_guest NAME DESCRIPTION VPL011: a one-vCPU vGIC test guest whose TAP
# lines must all pass, and that must power off (a lost interrupt must not hang it).
vgic_guest() {
    local name=$1 what=$2 vpl=$3
    boot "$name" 1 "" "$name:$G/$name.Image:16384:1:0:$vpl:$name"
    collect_tap "$name" 1 "$what"
    expect "$name" "$what: powered off" "^\\(XEN\\) d1 \\($name\\) shut down: poweroff"
    expect_not "$name" "$what: no hypervisor panic or fault" '(panic|PANIC|hypervisor fault)'
    expect_exit "$name" 0
    finish_run "$name"
}

test_vgic() {
    vgic_guest vtimer_hw "forwarded virtual timer" 0
    vgic_guest mmio_width "MMIO access size and sign extension" 1
    vgic_guest lr_evict "list register eviction" 0
}

# A one-vCPU guest turns its only vCPU off with PSCI CPU_OFF: the domain
# must end (poweroff), or the machine would never power off.
test_cpu_off_last() {
    boot offlast 2 "" "last:$G/abi_test.Image:16384:1:0:0:plain offlast" \
        "other:$G/banner.Image:16384:1:0:0:other"
    expect offlast "CPU_OFF of the last vCPU: the guest called it" '^\(d1\) the last vCPU calls PSCI CPU_OFF'
    expect_not offlast "CPU_OFF of the last vCPU: the call did not return" '^\(d1\) PSCI CPU_OFF returned'
    expect offlast "CPU_OFF of the last vCPU: the hypervisor says so" \
        '^\(XEN\) d1: PSCI CPU_OFF of its last running vCPU: powering off'
    expect offlast "CPU_OFF of the last vCPU: d1 ended with poweroff" '^\(XEN\) d1 \(last\) shut down: poweroff'
    expect offlast "CPU_OFF of the last vCPU: the other guest ran" '^\(d2\) banner guest done'
    expect offlast "CPU_OFF of the last vCPU: machine off, nothing crashed" \
        '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit offlast 0
    finish_run offlast
}

# Console input (PL011 receive interrupt -> the control domain's input
# buffer -> CONSOLEIO_read), typed while the guest is not reading.
test_console_rx() {
    make_dtb rx 1 "" "ctl:$G/abi_test.Image:16384:1:1:0:control cmdline=keel-test rxtest"
    make_env rx "booti $XEN_ADDR - \${fdtcontroladdr}"
    INPUT="keel-input:$(rx_letters 3989)" INPUT_AFTER="waiting for console input" \
        run_qemu rx 1 ",virtualization=on" -dtb "$W/rx.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect rx "console input: a 4,000-byte line reaches CONSOLEIO_read intact" \
        '^\(d1\) ok [0-9]+ - CONSOLEIO_read returns the 4000 bytes typed on the console intact'
    expect_exit rx 0
    finish_run rx
}

# Placement as Xen's ImageBuilder (scripts/uboot-script-gen) makes it: a
# U-Boot script at MEMORY_START + 2 MiB, the hypervisor 2 MiB above it, the
# DTB at the first 2 MiB boundary past the hypervisor's Image *file*, then
# each guest module at the next 2 MiB boundary past the previous file, all
# loaded by U-Boot from files on a disk; fdt_high disables relocation and
# booti gets that DTB, so U-Boot checks it against the header's image_size.
ib_next() { echo $(( ($1 + $2 + 0x1fffff) & ~0x1fffff )); }
test_imagebuilder() {
    local name=ib xen_ib=$((0x40000000 + 0x400000)) dtb_ib f files=() sz
    dtb_ib=$(ib_next "$xen_ib" "$(stat -c %s "$XEN")")
    for f in "$G/abi_test.Image" "$G/banner.Image"; do
        sz=$(stat -c %s "$f")
        # make_dtb spaces modules MOD_STRIDE apart: 2 MiB is ImageBuilder's
        # placement only while every file is smaller than that.
        [ "$sz" -lt $((0x200000)) ] || { not_ok "ImageBuilder: $f is over 2 MiB"; return; }
    done
    local MOD_BASE=$((dtb_ib + 0x200000)) MOD_STRIDE=$((0x200000))
    make_dtb "$name" 2 "console=dtuart demo" \
        "abi:$G/abi_test.Image:16384:1:1:0:control cmdline=demo" \
        "banner:$G/banner.Image:16384:1:0:1:banner vpl011"
    sz=$(stat -c %s "$W/$name.dtb")
    [ "$(ib_next "$dtb_ib" "$sz")" -eq "$MOD_BASE" ] || { not_ok "ImageBuilder: DTB over 2 MiB"; return; }
    cp "$XEN" "$W/$name-xen"
    {
        printf 'load virtio 0 0x%x xen\n' "$xen_ib"
        printf 'load virtio 0 0x%x host.dtb\n' "$dtb_ib"
        printf 'load virtio 0 0x%x d1.Image\n' "$MOD_BASE"
        printf 'load virtio 0 0x%x d2.Image\n' $((MOD_BASE + MOD_STRIDE))
        printf 'setenv fdt_high 0xffffffffffffffff\n'
        printf 'booti 0x%x - 0x%x\n' "$xen_ib" "$dtb_ib"
    } > "$W/$name.source"
    mkimage -A arm64 -T script -C none -d "$W/$name.source" "$W/$name.scr" >/dev/null
    rm -f "$W/$name.disk"
    truncate -s 16M "$W/$name.disk"
    mformat -i "$W/$name.disk" ::
    mcopy -i "$W/$name.disk" "$XEN" ::xen
    mcopy -i "$W/$name.disk" "$W/$name.dtb" ::host.dtb
    mcopy -i "$W/$name.disk" "$G/abi_test.Image" ::d1.Image
    mcopy -i "$W/$name.disk" "$G/banner.Image" ::d2.Image
    mcopy -i "$W/$name.disk" "$W/$name.scr" ::boot.scr
    make_env "$name" "virtio scan; load virtio 0 0x40200000 boot.scr; source 0x40200000"
    run_qemu "$name" 2 ",virtualization=on" \
        -drive "if=none,format=raw,file=$W/$name.disk,id=ibdisk" -device virtio-blk-device,drive=ibdisk
    expect_not "$name" "ImageBuilder placement: U-Boot accepts the DTB past the Image file" 'overlaps OS image'
    expect "$name" "ImageBuilder placement: the hypervisor runs where the script put it" \
        "^\(XEN\) Keel .* at $(printf 0x%x "$xen_ib"), DTB at $(printf 0x%x "$dtb_ib")"
    expect "$name" "ImageBuilder placement: the control domain ran" '^\(XEN\) d1 \(abi\) shut down: poweroff'
    expect "$name" "ImageBuilder placement: the vPL011 guest ran" '^\(d2\) banner guest done'
    expect "$name" "ImageBuilder placement: both guests ended, nothing crashed" \
        '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit "$name" 0
    finish_run "$name"
}

# Self-relocation: the same Image loaded 480 MiB higher still works.
test_relocated() {
    XEN_ADDR=0x5e000000 boot reloc 2 "" "high:$G/banner.Image:16384:1:0:0:high"
    expect reloc "relocated: hypervisor runs where U-Boot loaded it" '^\(XEN\) Keel .* at 0x5e000000, DTB'
    expect reloc "relocated: guest ran" '^\(d1\) banner guest done'
    expect_exit reloc 0
    finish_run reloc
}

test_two_guests() {
    boot two 2 "" "left:$G/banner.Image:16384:1:0:0:left" "right:$G/banner.Image:16384:1:0:1:right vpl011"
    expect two "two guests: d1 ran to the end" '^\(d1\) banner guest done'
    expect two "two guests: d2 ran to the end" '^\(d2\) banner guest done'
    # Interleaved: the order of (d1)/(d2) banner lines changes domain at least twice.
    local switches
    switches=$(sed -n 's/^(d\([12]\)) banner line.*/\1/p' "$W/two.log" | uniq | wc -l)
    if [ "$switches" -ge 3 ]; then ok "two guests: (d1) and (d2) lines interleave ($switches runs)"
    else not_ok "two guests: (d1) and (d2) lines do not interleave ($switches runs)"; FAILED_RUN=1; fi
    expect two "two guests: both powered off, machine off" '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit two 0
    finish_run two
}

# Guest nodes that make no sense: each is named on the console and skipped;
# the good guest still runs.
test_malformed() {
    local size
    size=$(stat -c %s "$G/banner.Image")
    make_dtb bad 2 "" "good:$G/banner.Image:16384:1:0:0:good"
    sed -i '$d' "$W/bad.dts"
    cat >> "$W/bad.dts" <<EOT
    noreg { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;
        memory = <0 16384>; cpus = <1>;
        module { compatible = "multiboot,kernel", "multiboot,module"; }; };
    tiny { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;
        memory = <0 512>; cpus = <1>;
        module@48000000 { compatible = "multiboot,kernel", "multiboot,module";
            reg = <0 0x48000000 0 $size>; }; };
    overlap { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;
        memory = <0 16384>; cpus = <1>;
        module@40200000 { compatible = "multiboot,kernel", "multiboot,module";
            reg = <0 0x40200000 0 0x1000>; }; };
    greedy { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;
        memory = <0 16384>; cpus = <4>;
        module@48000000 { compatible = "multiboot,kernel", "multiboot,module";
            reg = <0 0x48000000 0 $size>; }; };
    nokernel { compatible = "xen,domain"; memory = <0 16384>; cpus = <1>; };
    nomemory { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>; cpus = <1>;
        module@48000000 { compatible = "multiboot,kernel", "multiboot,module";
            reg = <0 0x48000000 0 $size>; }; };
}; };
EOT
    dtc -q -I dts -O dtb -o "$W/bad.dtb" "$W/bad.dts"
    make_env bad "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu bad 2 ",virtualization=on" -dtb "$W/bad.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect bad "malformed: module without reg is named" '^\(XEN\) noreg: module module has no valid "reg": guest not created'
    expect bad "malformed: memory too small is named" '^\(XEN\) tiny: memory 512 KiB is too small'
    expect bad "malformed: module overlapping the hypervisor is named" '^\(XEN\) overlap: kernel at 0x40200000\+0x1000 overlaps the hypervisor'
    expect bad "malformed: more vCPUs than CPUs is named" '^\(XEN\) greedy: 4 vCPUs but only 2 physical CPUs'
    expect bad "malformed: guest without kernel is named" '^\(XEN\) nokernel: no "multiboot,kernel" module'
    expect bad "malformed: guest without memory is named" '^\(XEN\) nomemory: missing or malformed "memory"'
    expect bad "malformed: the good guest still runs" '^\(d1\) banner guest done'
    expect bad "malformed: only the good guest was created" '^\(XEN\) all domains have ended \(1, 0 crashed\): d1:poweroff;'
    expect_exit bad 0
    finish_run bad
}

# Xen dom0less bindings Keel does not implement: each guest that uses one is
# refused with one line naming the node and the property (or subnode), the
# good guest still runs; /chosen and host-node bindings are named and ignored.
test_refused() {
    local size mod
    size=$(stat -c %s "$G/banner.Image")
    make_dtb refused 2 "" "good:$G/banner.Image:16384:1:0:0:good"
    sed -i '$d' "$W/refused.dts"
    mod="module@48000000 { compatible = \"multiboot,kernel\", \"multiboot,module\"; reg = <0 0x48000000 0 $size>; };"
    {
        refused_guest() { printf '    %s { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;\n' "$1"
                printf '        memory = <0 16384>; cpus = <1>; %s\n        %s %s };\n' "$2" "$mod" "${3:-}"; }
        refused_guest staticmem '#xen,static-mem-address-cells = <1>; #xen,static-mem-size-cells = <1>; xen,static-mem = <0x60000000 0x2000000>;'
        refused_guest directmap 'direct-map;'
        refused_guest enhanced 'xen,enhanced = "enabled";'
        refused_guest shmem '' 'shm { compatible = "xen,domain-shared-memory-v1"; role = "owner"; xen,shm-id = "s0"; xen,shared-mem = <0 0x70000000 0 0x10000000 0 0x1000>; };'
        refused_guest evtchn '' 'ec { compatible = "xen,evtchn-v1"; xen,evtchn = <0xa 0x1>; };'
        refused_guest partial '' 'module@4a000000 { compatible = "multiboot,device-tree", "multiboot,module"; reg = <0 0x4a000000 0 0x1000>; };'
        refused_guest pooled 'domain-cpupool = <&pool0>;'
        refused_guest spis 'nr_spis = <32>;'
        refused_guest typo 'vpl01l;'
        printf '    modarg { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;\n'
        printf '        memory = <0 16384>; cpus = <1>;\n'
        printf '        module@48000000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0 0x48000000 0 %d>; xen,force-assign; }; };\n' "$size"
        printf '    pool0: cpupool_0 { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@1}>; cpupool-sched = "credit"; };\n'
        printf '}; };\n'
        printf '/ { chosen { xen,dom0-bootargs = "console=hvc0"; }; pl011@9000000 { xen,passthrough; }; };\n'
    } >> "$W/refused.dts"
    dtc -q -I dts -O dtb -o "$W/refused.dtb" "$W/refused.dts" || { not_ok "refused: dtc failed"; return; }
    make_env refused "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu refused 2 ",virtualization=on" -dtb "$W/refused.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    local r='is not supported \(.*\): guest not created$'
    expect refused "refused: xen,static-mem of another size than memory named" \
        '^\(XEN\) staticmem: property "xen,static-mem" holds 32768 KiB but "memory" says 16384 KiB \(they must match, as in Xen\): guest not created$'
    expect refused "refused: direct-map without xen,static-mem named" \
        '^\(XEN\) directmap: property "direct-map" without "xen,static-mem" \(Xen refuses it too\): guest not created$'
    expect refused "refused: xen,enhanced named" "^\(XEN\) enhanced: property \"xen,enhanced\" $r"
    expect refused "refused: a xen,shared-mem node named" \
        "^\(XEN\) shmem: shm: node of compatible \"xen,domain-shared-memory-v1\" $r"
    expect refused "refused: a xen,evtchn node named" "^\(XEN\) evtchn: ec: node of compatible \"xen,evtchn-v1\" $r"
    expect refused "refused: a multiboot,device-tree module that is no device tree named" \
        '^\(XEN\) partial: passthrough: the "multiboot,device-tree" module is not a device tree within its 0x1000 bytes: guest not created$'
    expect refused "refused: a domain-cpupool naming a pool that was not made" \
        '^\(XEN\) pooled: "domain-cpupool" does not name a created "xen,cpupool" node: guest not created$'
    expect refused "refused: nr_spis named" "^\(XEN\) spis: property \"nr_spis\" $r"
    expect refused "refused: an unknown (misspelt) property named" \
        "^\(XEN\) typo: property \"vpl01l\" is not supported \(unknown to Keel\): guest not created$"
    expect refused "refused: an unknown module property named" \
        "^\(XEN\) modarg: module@48000000: property \"xen,force-assign\" $r"
    expect refused "refused: a cpupool-sched Keel does not have named" \
        '^\(XEN\) chosen: cpupool_0: "cpupool-sched" = "credit" is not a scheduler Keel has \(null, rr\): pool not created$'
    expect refused "refused: /chosen xen,dom0-bootargs named" \
        '^\(XEN\) chosen: property "xen,dom0-bootargs" is not supported \(.*\): ignored$'
    expect refused "refused: xen,passthrough on the hypervisor's own UART named" \
        '^\(XEN\) pl011@9000000: property "xen,passthrough" on its console UART, which the hypervisor uses: ignored$'
    local lines
    lines=$(grep -c ': guest not created$' "$W/refused.log")
    if [ "$lines" -eq 10 ]; then ok "refused: one line per refused guest"
    else not_ok "refused: $lines 'guest not created' lines, expected 10"; FAILED_RUN=1; fi
    expect refused "refused: the good guest still runs" '^\(d1\) banner guest done'
    expect refused "refused: only the good guest was created" \
        '^\(XEN\) all domains have ended \(1, 0 crashed\): d1:poweroff;'
    expect_not refused "refused: no hypervisor fault" '(PANIC|Hypervisor fault)'
    expect_exit refused 0
    finish_run refused
}

# pt_partial NAME DEVICE-NODE: a partial device tree (Xen's passthrough.txt
# layout: /gic placeholder, /passthrough simple-bus) holding DEVICE-NODE,
# compiled to $W/pt-NAME.dtb.
pt_partial() {
    cat > "$W/pt-$1.dts" <<EOT
/dts-v1/;
/ {
    #address-cells = <2>;
    #size-cells = <2>;
    gic: gic { #interrupt-cells = <3>; interrupt-controller; };
    aliases { rtc0 = "/passthrough/rtc@30000000"; };
    passthrough {
        compatible = "simple-bus";
        ranges;
        #address-cells = <2>;
        #size-cells = <2>;
        $2
    };
};
EOT
    dtc -q -I dts -O dtb -o "$W/pt-$1.dtb" "$W/pt-$1.dts"
}

# The RTC node a guest gets: PL031 at guest 0x30000000, SPI 2; PT_EXTRA adds properties.
pt_rtc_node() {
    printf 'rtc@30000000 { compatible = "arm,pl031", "arm,primecell"; reg = <0 0x30000000 0 0x1000>;
        interrupt-parent = <&gic>; interrupts = <%s>; xen,reg = <%s>; xen,path = "%s"; %s };' \
        "${2:-0 2 4}" "${1:-0 0x9010000 0 0x1000 0 0x30000000}" "${3:-/pl031@9010000}" \
        "${4-xen,force-assign-without-iommu;}"
}

# Device passthrough (Xen's dom0less bindings): U-Boot marks the host's
# PL031 xen,passthrough as Xen users do (fdt set); "owner" gets it through a
# partial device tree and takes its SPI through the vGIC with the HW bit,
# over and over; a guest given the same device, the hypervisor's UART, or a
# binding Keel refuses is not created, with one line naming node and
# property; a guest touching the RTC's guest address without owning it
# crashes alone (after 15 s, so that it usually outlives the owner); when
# the owner ends, its SPI and MMIO are quiet.
test_passthrough() {
    local name=pt i=0 spec dom dt addr r='guest not created$' crash=${1:-}
    pt_partial own "$(pt_rtc_node)"
    pt_partial nopath "$(pt_rtc_node '' '' '' '' | sed 's/xen,path = "[^"]*";//')"
    pt_partial noforce "$(pt_rtc_node '' '' '' '')"
    pt_partial uart "$(pt_rtc_node '0 0x9000000 0 0x1000 0 0x30000000' '0 1 4' /pl011@9000000)"
    pt_partial gic "$(pt_rtc_node '0 0x8000000 0 0x1000 0 0x30000000' '' /intc@8000000)"
    pt_partial outside "$(pt_rtc_node '0 0x9011000 0 0x1000 0 0x30000000')"
    pt_partial unaligned "$(pt_rtc_node '0 0x9010800 0 0x800 0 0x30000000')"
    pt_partial ram "$(pt_rtc_node '0 0x9010000 0 0x1000 0 0x40000000')"
    pt_partial otherirq "$(pt_rtc_node '0 0x9030000 0 0x1000 0 0x30000000' '0 3 4' /pl061@9030000)"
    pt_partial cacheable "$(pt_rtc_node '' '' '' 'xen,force-assign-without-iommu; xen,reg-cacheable;')"
    pt_partial timer "$(pt_rtc_node '' '' /timer)"
    pt_partial spithief "$(pt_rtc_node '0 0x9020000 0 0x1000 0 0x30000000' '' /fw-cfg@9020000)"
    make_dtb "$name" 2 "" "owner:$G/pt_rtc.Image:16384:1:0:0:owner $crash" \
        "intruder:$G/isolation.Image:16384:1:0:0:wait_ms=0x3a98 read=0x30000000" \
        "thief:$G/banner.Image:16384:1:0:0:thief" "uart:$G/banner.Image:16384:1:0:0:x" \
        "gicgrab:$G/banner.Image:16384:1:0:0:x" "nopath:$G/banner.Image:16384:1:0:0:x" \
        "noforce:$G/banner.Image:16384:1:0:0:x" "outside:$G/banner.Image:16384:1:0:0:x"
    # More refusals than CONFIG_MAX_DOMAINS slots: a refused domain takes none.
    sed -i '$d' "$W/$name.dts"
    {
        for spec in unaligned:unaligned ram:ram otherirq:otherirq cacheable:cacheable timer:timer \
                    spithief:spithief; do
            printf '    %s { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;\n' "${spec%%:*}"
            printf '        memory = <0 16384>; cpus = <1>;\n'
            printf '        module@48000000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0 0x%x 0 0x%x>; }; };\n' \
                $((MOD_BASE + 2 * MOD_STRIDE)) "$(stat -c %s "$G/banner.Image")"
        done
        printf '}; };\n/ { chosen {\n'
        for spec in owner:own thief:own uart:uart gicgrab:gic nopath:nopath noforce:noforce \
                    outside:outside unaligned:unaligned ram:ram otherirq:otherirq cacheable:cacheable \
                    timer:timer spithief:spithief; do
            dom=${spec%%:*} dt=$W/pt-${spec#*:}.dtb
            addr=$((0x5f000000 + i * 0x10000)) i=$((i + 1))
            printf '    %s { module@%x { compatible = "multiboot,device-tree", "multiboot,module"; reg = <0 0x%x 0 0x%x>; }; };\n' \
                "$dom" "$addr" "$addr" "$(stat -c %s "$dt")"
            LOADERS+=(-device "loader,file=$dt,addr=$(printf 0x%x "$addr"),force-raw=on")
        done
        printf '}; };\n'
    } >> "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || { not_ok "passthrough: dtc failed"; return; }
    make_env "$name" "fdt addr \${fdtcontroladdr}; fdt resize; fdt set /pl031@9010000 xen,passthrough; fdt set /fw-cfg@9020000 interrupts <0 2 4>; booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu "$name" 2 ",virtualization=on" -dtb "$W/$name.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect "$name" "passthrough: the owner's RTC mapped at its guest address" \
        '^\(XEN\) d1: passthrough: MMIO 0x9010000-0x9010fff at IPA 0x30000000 \(Device-nGnRE\)$'
    expect "$name" "passthrough: SPI 2 forwarded to the owner" \
        '^\(XEN\) d1: passthrough: SPI 2 \(INTID 34, level\) forwarded with the HW bit$'
    collect_tap "$name" 1 "passthrough owner"
    expect "$name" "passthrough: a second guest given the same device is refused by name" \
        "^\(XEN\) thief: passthrough: rtc@30000000: property \"xen,reg\" range 0x9010000\+0x1000 at guest 0x30000000 is already assigned to owner: $r"
    expect "$name" "passthrough: the hypervisor's UART is refused" \
        "^\(XEN\) uart: passthrough: rtc@30000000: property \"xen,path\" \"/pl011@9000000\" names its console UART, which the hypervisor uses: $r"
    expect "$name" "passthrough: the GIC is refused" \
        "^\(XEN\) gicgrab: passthrough: rtc@30000000: property \"xen,path\" \"/intc@8000000\" names the GIC, which the hypervisor uses: $r"
    expect "$name" "passthrough: xen,reg without xen,path is refused" \
        "^\(XEN\) nopath: passthrough: rtc@30000000: property \"xen,path\" is missing: .*$r"
    expect "$name" "passthrough: no xen,force-assign-without-iommu (no IOMMU) is refused" \
        "^\(XEN\) noforce: passthrough: rtc@30000000: property \"xen,force-assign-without-iommu\" is missing: no IOMMU .*$r"
    expect "$name" "passthrough: xen,reg outside the host node's reg is refused" \
        "^\(XEN\) outside: passthrough: rtc@30000000: property \"xen,reg\" range 0x9011000\+0x1000 at guest 0x30000000 lies outside the host node's \"reg\": $r"
    expect "$name" "passthrough: xen,reg not page-aligned is refused" \
        "^\(XEN\) unaligned: passthrough: rtc@30000000: property \"xen,reg\" range 0x9010800\+0x800 at guest 0x30000000 is not page-aligned: $r"
    expect "$name" "passthrough: a guest address in the guest's RAM is refused" \
        "^\(XEN\) ram: passthrough: rtc@30000000: property \"xen,reg\" range 0x9010000\+0x1000 at guest 0x40000000 overlaps the guest's RAM: $r"
    expect "$name" "passthrough: an SPI that is not the host node's is refused" \
        "^\(XEN\) otherirq: passthrough: rtc@30000000: property \"interrupts\" <0 3> is not an SPI of the host node xen,path names: $r"
    expect "$name" "passthrough: a xen,* property Keel does not implement is refused by name" \
        "^\(XEN\) cacheable: passthrough: rtc@30000000: property \"xen,reg-cacheable\" is not supported \(unknown to Keel\): $r"
    expect "$name" "passthrough: the hypervisor's timer is refused" \
        "^\(XEN\) timer: passthrough: rtc@30000000: property \"xen,path\" \"/timer\" names the timer, which the hypervisor uses: $r"
    expect "$name" "passthrough: an SPI another domain owns is refused (U-Boot gave QEMU's fw-cfg node the PL031's SPI 2)" \
        "^\(XEN\) spithief: passthrough: rtc@30000000: property \"xen,path\" names a host node with SPI 2 \(INTID 34\), already assigned to owner: $r"
    expect_not "$name" "passthrough: xen,passthrough on the PL031 is accepted (not named)" 'pl031@9010000: property "xen,passthrough"'
    expect "$name" "passthrough: the intruder touching the RTC's address crashed alone" \
        '^\(XEN\) d2 crashed: stage-2 data abort on vCPU0: .* IPA 0x30000000 '
    if [ "$crash" = crash ]; then
        expect "$name" "passthrough: the owner crashed after its tests" '^\(XEN\) d1 crashed: stage-2 data abort'
    else
        expect "$name" "passthrough: the owner powered off" '^\(XEN\) d1 \(owner\) shut down: poweroff'
    fi
    expect "$name" "passthrough: the owner's SPI disabled and deactivated when it ended" \
        '^\(XEN\) d1: passthrough: SPI 2 \(INTID 34\) disabled and deactivated \(GICD: enabled 0, pending 0, active 0\)$'
    expect "$name" "passthrough: the owner's MMIO unmapped when it ended" \
        '^\(XEN\) d1: passthrough: MMIO 0x9010000-0x9010fff unmapped$'
    expect "$name" "passthrough: only owner and intruder were created" \
        '^\(XEN\) all domains have ended \(2, [12] crashed\)'
    expect_not "$name" "passthrough: no hypervisor panic or fault" '(PANIC|panic|Hypervisor fault)'
    expect_exit "$name" 0
    finish_run "$name"
}

# An assigned SPI that fires while another guest has the owner's CPU: the
# owner (pt_rtc "wfi") waits for its RTC in WFI, so the other guest ("snoop",
# which enabled SPI 34 in its own vGIC, routed to itself) is running each
# time; the interrupt still goes to the owner only (the vGIC's hw bits,
# checked by entry.S's short cut and by vgic_spi_hw_fast()).
test_passthrough_shared_cpu() {
    local name=ptshare
    pt_partial own "$(pt_rtc_node)"
    make_dtb "$name" 1 "" "owner:$G/pt_rtc.Image:16384:1:0:0:owner wfi" \
        "snoop:$G/pt_rtc.Image:16384:1:0:0:snoop"
    sed -i '$d' "$W/$name.dts"
    printf '    owner { module@5f000000 { compatible = "multiboot,device-tree", "multiboot,module"; reg = <0 0x5f000000 0 0x%x>; }; };\n}; };\n' \
        "$(stat -c %s "$W/pt-own.dtb")" >> "$W/$name.dts"
    LOADERS+=(-device "loader,file=$W/pt-own.dtb,addr=0x5f000000,force-raw=on")
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || { not_ok "passthrough, shared CPU: dtc failed"; return; }
    make_env "$name" "fdt addr \${fdtcontroladdr}; fdt resize; fdt set /pl031@9010000 xen,passthrough; booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu "$name" 1 ",virtualization=on" -dtb "$W/$name.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    collect_tap "$name" 1 "passthrough owner, CPU shared, waiting in WFI"
    collect_tap "$name" 2 "passthrough: another guest on the owner's CPU"
    expect "$name" "passthrough, shared CPU: both guests ended normally" '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

# Xen's static allocation (booting.txt "Static Allocation"): a guest's RAM
# is exactly the host range xen,static-mem names, mapped at the usual guest
# address; ranges that clash, miss "memory" or lack their cells are refused
# by name, and so is direct-map (without static memory, as in Xen).
test_static_mem() {
    local name=smem size r='guest not created$'
    size=$(stat -c %s "$G/banner.Image")
    make_dtb "$name" 2 "" "fixed:$G/banner.Image:16384:1:0:0:fixed"
    sed -i '$d' "$W/$name.dts"
    {
        smem_guest() { printf '    %s { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;\n' "$1"
            printf '        memory = <0 %d>; cpus = <1>; %s\n' "${3:-16384}" "$2"
            printf '        module@48000000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0 0x48000000 0 %d>; bootargs = "%s"; }; };\n' "$size" "$1"; }
        cells='#xen,static-mem-address-cells = <1>; #xen,static-mem-size-cells = <1>;'
        smem_guest clash "$cells xen,static-mem = <0x60800000 0x1000000>;"
        smem_guest onhyp "$cells xen,static-mem = <0x40000000 0x1000000>;"
        smem_guest nocells 'xen,static-mem = <0x70000000 0x1000000>;'
        smem_guest twobanks "$cells xen,static-mem = <0x70000000 0x800000 0x71000000 0x800000>;"
        smem_guest direct "$cells xen,static-mem = <0x72100000 0x1000000>; direct-map;"
        smem_guest directonly 'direct-map;'
        printf '    fixed { %s xen,static-mem = <0x60000000 0x1000000>; };\n' "$cells"
        printf '}; };\n'
    } >> "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || { not_ok "static memory: dtc failed"; return; }
    make_env "$name" "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu "$name" 2 ",virtualization=on" -dtb "$W/$name.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect "$name" "static memory: the guest's RAM is the range xen,static-mem names" \
        '^\(XEN\) d1: RAM IPA 0x40000000-0x40ffffff at PA 0x60000000,'
    expect "$name" "static memory: that guest ran" '^\(d1\) banner guest done'
    expect "$name" "static memory: a range overlapping another domain's is refused" \
        "^\(XEN\) clash: property \"xen,static-mem\" 0x60800000\+0x1000000 overlaps a boot module or another domain's xen,static-mem: $r"
    expect "$name" "static memory: a range over the hypervisor is refused" \
        "^\(XEN\) onhyp: property \"xen,static-mem\" 0x40000000\+0x1000000 overlaps the hypervisor: $r"
    expect "$name" "static memory: missing cells are refused" \
        "^\(XEN\) nocells: property \"xen,static-mem\" needs \"#xen,static-mem-address-cells\" and \"#xen,static-mem-size-cells\" of 1 or 2: $r"
    expect "$name" "static memory: two banks are refused" \
        "^\(XEN\) twobanks: property \"xen,static-mem\" is not one <address size> range: Keel gives a guest one RAM bank: $r"
    expect "$name" "static memory: direct-map of RAM not 2 MiB-aligned is refused by name" \
        "^\(XEN\) direct: property \"direct-map\": RAM \(xen,static-mem\) not 2 MiB-aligned, as the arm64 boot protocol wants the kernel's base: $r"
    expect "$name" "static memory: direct-map without xen,static-mem is refused" \
        "^\(XEN\) directonly: property \"direct-map\" without \"xen,static-mem\" \(Xen refuses it too\): $r"
    expect "$name" "static memory: only the good guest was created" \
        '^\(XEN\) all domains have ended \(1, 0 crashed\)'
    expect_exit "$name" 0
    finish_run "$name"
}

# Xen's direct-map (booting.txt, with xen,static-mem as Xen requires): the
# guest runs at its RAM's host address and finds the vGIC, the vPL011 and
# its assigned PL031 at the host's addresses (direct_map.c checks its
# device tree and each of them); a device given another guest address is
# refused by name.
test_direct_map() {
    local name=dmap r='guest not created$' cells dt
    cells='#xen,static-mem-address-cells = <1>; #xen,static-mem-size-cells = <1>;'
    pt_partial dmap "$(pt_rtc_node '0 0x9010000 0 0x1000 0 0x9010000' | sed 's/30000000/9010000/g')"
    sed -i 's|/passthrough/rtc@30000000|/passthrough/rtc@9010000|' "$W/pt-dmap.dts"
    dtc -q -I dts -O dtb -o "$W/pt-dmap.dtb" "$W/pt-dmap.dts"
    pt_partial dmoff "$(pt_rtc_node)"
    make_dtb "$name" 2 "" "direct:$G/direct_map.Image:16384:1:0:1:direct" \
        "moved:$G/banner.Image:16384:1:0:0:x"
    sed -i '$d' "$W/$name.dts"
    {
        printf '    direct { %s xen,static-mem = <0x70000000 0x1000000>; direct-map;\n' "$cells"
        printf '        module@5f000000 { compatible = "multiboot,device-tree", "multiboot,module"; reg = <0 0x5f000000 0 0x%x>; }; };\n' \
            "$(stat -c %s "$W/pt-dmap.dtb")"
        printf '    moved { %s xen,static-mem = <0x72000000 0x1000000>; direct-map;\n' "$cells"
        printf '        module@5f010000 { compatible = "multiboot,device-tree", "multiboot,module"; reg = <0 0x5f010000 0 0x%x>; }; };\n' \
            "$(stat -c %s "$W/pt-dmoff.dtb")"
        printf '}; };\n'
    } >> "$W/$name.dts"
    LOADERS+=(-device "loader,file=$W/pt-dmap.dtb,addr=0x5f000000,force-raw=on"
              -device "loader,file=$W/pt-dmoff.dtb,addr=0x5f010000,force-raw=on")
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || { not_ok "direct-map: dtc failed"; return; }
    make_env "$name" "fdt addr \${fdtcontroladdr}; fdt resize; fdt set /pl031@9010000 xen,passthrough; booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu "$name" 2 ",virtualization=on" -dtb "$W/$name.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect "$name" "direct-map: the guest's RAM is at IPA = PA 0x70000000" \
        '^\(XEN\) d1: RAM IPA 0x70000000-0x70ffffff at PA 0x70000000, entry 0x70000000,'
    expect "$name" "direct-map: its RTC mapped at its host address" \
        '^\(XEN\) d1: passthrough: MMIO 0x9010000-0x9010fff at IPA 0x9010000 \(Device-nGnRE\)$'
    collect_tap "$name" 1 "direct-map guest"
    expect "$name" "direct-map: a line written to the vPL011 at the host UART's address reached the console" \
        '^\(d1\) direct-map: this line went through the vPL011 at 0x9000000$'
    expect "$name" "direct-map: a device not at its host address is refused by name" \
        "^\(XEN\) moved: passthrough: rtc@30000000: property \"xen,reg\" range 0x9010000\+0x1000 at guest 0x30000000 is not at its host address, as direct-map wants: $r"
    expect "$name" "direct-map: the guest powered off, the refused one was not created" \
        '^\(XEN\) all domains have ended \(1, 0 crashed\)'
    expect_not "$name" "direct-map: no hypervisor panic or fault" '(PANIC|panic|Hypervisor fault)'
    expect_exit "$name" 0
    finish_run "$name"
}

# Xen's boot-time CPU pools (docs/misc/arm/device-tree/cpupools.txt) on 3
# CPUs: a null pool of CPUs 1-2 holds a 2-vCPU guest, the banner guest has
# the boot CPU (pool 0, rr); a pool with a scheduler Keel lacks is refused
# by name, and so is the guest that names it.
test_cpupools() {
    make_dtb pools 3 "" "smp:$G/abi_test.Image:16384:2:0:0:plain smp" \
        "banner:$G/banner.Image:16384:1:0:0:banner" "wants_bad:$G/banner.Image:16384:1:0:0:x"
    {
        printf '/ { chosen {\n'
        printf '    smp { domain-cpupool = <&pool_a>; };\n'
        printf '    wants_bad { domain-cpupool = <&pool_bad>; };\n'
        printf '    pool_a: cpupool_a { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@1} &{/cpus/cpu@2}>; cpupool-sched = "null"; };\n'
        printf '    pool_bad: cpupool_bad { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@0}>; cpupool-sched = "credit"; };\n'
        printf '    cpupool_rr { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@0}>; cpupool-sched = "rr"; };\n'
        printf '}; };\n'
    } >> "$W/pools.dts"
    dtc -q -I dts -O dtb -o "$W/pools.dtb" "$W/pools.dts" || { not_ok "cpupools: dtc failed"; return; }
    make_env pools "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu pools 3 ",virtualization=on" -dtb "$W/pools.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect pools "cpupools: the pool of CPUs 1-2 was made (pool 1, null)" \
        '^\(XEN\) cpupool 1 \(cpupool_a\): CPUs 0x6, null$'
    expect pools "cpupools: the 2-vCPU guest runs on CPUs 1 and 2" \
        '^\(XEN\) d1: cpupool 1 \(null\), vCPUs on CPUs 1 2$'
    expect pools "cpupools: a scheduler Keel lacks is refused by name" \
        '^\(XEN\) chosen: cpupool_bad: "cpupool-sched" = "credit" is not a scheduler Keel has \(null, rr\): pool not created$'
    expect pools "cpupools: a sharing pool on the boot CPU is made, as Pool-0 (rr)" \
        '^\(XEN\) cpupool 0 \(cpupool_rr\): CPUs 0x1, rr$'
    expect pools "cpupools: the guest naming a refused pool is not created" \
        '^\(XEN\) wants_bad: "domain-cpupool" does not name a created "xen,cpupool" node: guest not created$'
    expect pools "cpupools: the guest's second vCPU ran (on its pool's CPU)" '^\(d1\) secondary vCPU running, MPIDR 80000001'
    collect_tap pools 1 "cpupools: 2-vCPU guest"
    expect pools "cpupools: the banner guest ran on the boot CPU" '^\(d2\) banner guest done'
    expect pools "cpupools: both guests ended" '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit pools 0
    finish_run pools
}

# Three 1-vCPU guests on 2 CPUs (no pool configured: pool 0 shares its CPUs
# round robin and says so). Each checks (ctxsw.c) that it starts with EL1,
# FP/SIMD and timer state at reset (nothing of the guest that ran on its CPU
# before), that x9..x28, V0..V31, FPCR, FPSR and its EL1 system registers
# survive a spin of many slices, and that its virtual timer ends WFI waits,
# also while it is switched out. Then a 2-vCPU guest and a 1-vCPU guest on
# 2 CPUs, which was refused with -EBUSY before CPUs could be shared.
test_rr_share() {
    local name=rr3 cnt
    # d3 waits for its timer while d1, on the same CPU, still spins alone for 400 ms.
    boot "$name" 2 "" "g1:$G/ctxsw.Image:16384:1:0:0:seed=1 spin=600" \
        "g2:$G/ctxsw.Image:16384:1:0:0:seed=2 spin=300" "g3:$G/ctxsw.Image:16384:1:0:0:seed=3 spin=100"
    expect "$name" "rr: three 1-vCPU guests on 2 CPUs: pool 0 says once that it shares its CPUs" \
        '^\(XEN\) cpupool 0: more vCPUs than its CPUs: sharing them round robin, 10 ms slices$'
    collect_tap "$name" 1 "rr: d1 (shares CPU0)"
    collect_tap "$name" 2 "rr: d2 (alone on CPU1)"
    collect_tap "$name" 3 "rr: d3 (shares CPU0)"
    cnt=$(sed -n 's/^(XEN) d3: vCPU0 stopped on CPU0 (switched out \([0-9]*\) times)$/\1/p' "$W/$name.log")
    if [ -n "$cnt" ] && [ "$cnt" -ge 5 ]; then ok "rr: d3 was switched out $cnt times on CPU0 (and kept its state)"
    else not_ok "rr: d3 was switched out '${cnt:-?}' times on CPU0, expected at least 5"; FAILED_RUN=1; fi
    expect "$name" "rr: all three guests ended normally" '^\(XEN\) all domains have ended \(3, 0 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"

    name=rr-smp
    boot "$name" 2 "" "smp:$G/abi_test.Image:16384:2:0:0:plain smp" \
        "one:$G/ctxsw.Image:16384:1:0:0:seed=4 spin=100"
    expect "$name" "rr: a 2-vCPU and a 1-vCPU guest on 2 CPUs: shared, not refused" \
        '^\(XEN\) cpupool 0: more vCPUs than its CPUs: sharing them round robin, 10 ms slices$'
    expect_not "$name" "rr: no guest refused" 'not created'
    collect_tap "$name" 1 "rr: 2-vCPU guest" summary
    collect_tap "$name" 2 "rr: 1-vCPU guest" summary
    expect "$name" "rr: both guests ended normally" '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

# A guest in a null pool of its own (CPU1) is never delayed by the guests of
# an overloaded rr pool (CPU0): the hypervisor never switches it out, while
# the two rr guests take turns.
test_null_pool_isolated() {
    local name=nullpool cnt
    make_dtb "$name" 2 "" "rr_a:$G/ctxsw.Image:16384:1:0:0:seed=5 spin=300" \
        "rr_b:$G/ctxsw.Image:16384:1:0:0:seed=6 spin=400" "pinned:$G/ctxsw.Image:16384:1:0:0:seed=7 spin=200"
    {
        printf '/ { chosen {\n'
        printf '    rr_a { domain-cpupool = <&pool_rr>; };\n'
        printf '    rr_b { domain-cpupool = <&pool_rr>; };\n'
        printf '    pinned { domain-cpupool = <&pool_null>; };\n'
        printf '    pool_rr: cpupool_rr { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@0}>; cpupool-sched = "rr"; };\n'
        printf '    pool_null: cpupool_null { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@1}>; cpupool-sched = "null"; };\n'
        printf '}; };\n'
    } >> "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || { not_ok "null pool: dtc failed"; return; }
    make_env "$name" "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu "$name" 2 ",virtualization=on" -dtb "$W/$name.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect "$name" "null pool: the rr pool on CPU0 is Pool-0" '^\(XEN\) cpupool 0 \(cpupool_rr\): CPUs 0x1, rr$'
    expect "$name" "null pool: the null pool on CPU1 is pool 1" '^\(XEN\) cpupool 1 \(cpupool_null\): CPUs 0x2, null$'
    collect_tap "$name" 1 "null pool: rr guest d1" summary
    collect_tap "$name" 2 "null pool: rr guest d2" summary
    collect_tap "$name" 3 "null pool: pinned guest d3" summary
    expect "$name" "null pool: the pinned guest was never switched out" \
        '^\(XEN\) d3: vCPU0 stopped on CPU1 \(switched out 0 times\)$'
    cnt=$(sed -n 's/^(XEN) d1: vCPU0 stopped on CPU0 (switched out \([0-9]*\) times)$/\1/p' "$W/$name.log")
    if [ -n "$cnt" ] && [ "$cnt" -ge 5 ]; then ok "null pool: meanwhile the rr pool was overloaded (d1 switched out $cnt times)"
    else not_ok "null pool: d1 switched out '${cnt:-?}' times, expected at least 5"; FAILED_RUN=1; fi
    expect "$name" "null pool: all guests ended normally" '^\(XEN\) all domains have ended \(3, 0 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

# A sharing pool's slice and a domain's priority (Keel's "keel,sched-slice-us"
# and "keel,sched-priority", docs/dom0less.md): in an rr pool of CPU0 with
# 2 ms slices, "lo" (placed first, priority 0) does not start before "hi"
# (priority 5) has spun its 200 ms with interrupts masked, over many slices;
# it runs while hi waits in WFI. A slice for a null pool, an unknown pool
# property and a priority out of range are refused by name.
test_sched_priority() {
    local name=prio hi lo
    make_dtb "$name" 2 "" "lo:$G/ctxsw.Image:16384:1:0:0:seed=8 spin=50" \
        "hi:$G/ctxsw.Image:16384:1:0:0:seed=9 spin=200" "too_high:$G/banner.Image:16384:1:0:0:x"
    {
        printf '/ { chosen {\n'
        printf '    lo { domain-cpupool = <&pool_rr>; };\n'
        printf '    hi { domain-cpupool = <&pool_rr>; keel,sched-priority = <5>; };\n'
        printf '    too_high { keel,sched-priority = <256>; };\n'
        printf '    pool_rr: cpupool_rr { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@0}>; cpupool-sched = "rr"; keel,sched-slice-us = <2000>; };\n'
        printf '    cpupool_nullslice { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@1}>; cpupool-sched = "null"; keel,sched-slice-us = <2000>; };\n'
        printf '    cpupool_typo { compatible = "xen,cpupool"; cpupool-cpus = <&{/cpus/cpu@1}>; cpupool-shed = "rr"; };\n'
        printf '}; };\n'
    } >> "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || { not_ok "priority: dtc failed"; return; }
    make_env "$name" "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu "$name" 2 ",virtualization=on" -dtb "$W/$name.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect "$name" "priority: the rr pool is made with its 2 ms slice" \
        '^\(XEN\) cpupool 0 \(cpupool_rr\): CPUs 0x1, rr, 2000 us slices$'
    expect "$name" "priority: a slice for a null pool is refused by name" \
        '^\(XEN\) chosen: cpupool_nullslice: "keel,sched-slice-us" with "null", which has no slices: pool not created$'
    expect "$name" "priority: an unknown cpupool property is refused by name" \
        '^\(XEN\) chosen: cpupool_typo: property "cpupool-shed" is not supported \(unknown to Keel\): pool not created$'
    expect "$name" "priority: a priority over 255 is refused by name" \
        '^\(XEN\) too_high: "keel,sched-priority" is not one cell of 0..255: guest not created$'
    expect "$name" "priority: hi is placed with its priority" \
        '^\(XEN\) d2: cpupool 0 \(rr\), vCPUs on CPUs 0, priority 5$'
    collect_tap "$name" 1 "priority: lo" summary
    collect_tap "$name" 2 "priority: hi" summary
    hi=$(grep -n '^(d2) ok [0-9]* - seed 9: x9..x28, V0..V31, FPCR, FPSR kept through the spin' "$W/$name.log" | cut -d: -f1)
    lo=$(grep -n '^(d1) ' "$W/$name.log" | head -n 1 | cut -d: -f1)
    if [ -n "$hi" ] && [ -n "$lo" ] && [ "$hi" -lt "$lo" ]; then
        ok "priority: lo's first line (log line $lo) comes after hi's spin ended (line $hi)"
    else not_ok "priority: lo's first line (${lo:-?}) is not after the end of hi's spin (${hi:-?})"; FAILED_RUN=1; fi
    expect "$name" "priority: both guests ended normally" '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

# A guest that fails late in its creation (its device tree does not fit in
# the 64 KiB the guest's RAM has for it: 70,000 bytes of bootargs), after
# its RAM was taken, its stage-2 tables built and its kernel copied: all of
# it is given back. The guest after it needs that RAM (1 GiB board: 500 MiB
# each, and only ~300 MiB are left past the failed guest's) and gets it.
test_create_release() {
    local name=release long pa
    long=$(head -c 70000 /dev/zero | tr '\0' 'x')
    boot "$name" 1 "" "first:$G/banner.Image:16384:1:0:0:banner" \
        "toolong:$G/banner.Image:512000:1:0:0:$long" "after:$G/banner.Image:512000:1:0:0:banner"
    expect "$name" "release: the guest whose device tree does not fit is refused by name" \
        '^\(XEN\) toolong: guest device tree does not fit in 65536 bytes$'
    expect "$name" "release: its RAM and stage-2 tables are given back (one line)" \
        '^\(XEN\) d2: creation failed \(error -7\): RAM 0x[0-9a-f]+-0x[0-9a-f]+ and 2 stage-2 tables released$'
    pa=$(sed -n 's/^(XEN) d2: creation failed (error -7): RAM \(0x[0-9a-f]*\)-.*/\1/p' "$W/$name.log")
    expect "$name" "release: the next guest gets the same slot (d2) and that RAM, at PA ${pa:-?}" \
        "^\\(XEN\\) d2: RAM IPA 0x40000000-0x5f3fffff at PA ${pa:-none},"
    expect "$name" "release: the next guest ran" '^\(d2\) banner guest done'
    expect "$name" "release: both guests that were created ended normally" '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

# image_with SRC DST OFFSET VALUE...: a copy of SRC with little-endian u64s
# written at OFFSET, OFFSET+8, ... of its arm64 Image header.
image_with() {
    python3 - "$@" <<'PY'
import struct, sys
src, dst, off = sys.argv[1], sys.argv[2], int(sys.argv[3], 0)
img = bytearray(open(src, "rb").read())
for i, v in enumerate(sys.argv[4:]):
    img[off + 8 * i:off + 8 * i + 8] = struct.pack("<Q", int(v, 0) & (2**64 - 1))
open(dst, "wb").write(img)
PY
}

# Guest kernels whose Image header is hostile (booting.rst: text_offset @8,
# image_size @16, flags @24): each is named with its module and not created,
# nothing is copied outside its RAM, and the good guest still runs.
test_bad_images() {
    local i=$W/img
    { printf 'KEEL-RAMDISK'; head -c 5000 /dev/zero; } > "$W/ramdisk5000.bin"
    image_with "$G/banner.Image" "$i-wrap.Image" 8 0xffffffffffff0000 0x200000
    image_with "$G/banner.Image" "$i-bss.Image" 16 $((16 << 20))
    image_with "$G/banner.Image" "$i-tail.Image" 16 $(((16 << 20) - 65536 - 8192 + 1))
    image_with "$G/banner.Image" "$i-be.Image" 24 1
    image_with "$G/banner.Image" "$i-odd.Image" 8 0x80002
    MOD_STRIDE=$((0x01000000)) boot badimg 2 "" \
        "wrap:$i-wrap.Image:16384:1:0:0:x" "bss:$i-bss.Image:16384:1:0:0:x" \
        "tail:$i-tail.Image:16384:1:0:0:x:$W/ramdisk5000.bin" "be:$i-be.Image:16384:1:0:0:x" \
        "odd:$i-odd.Image:16384:1:0:0:x" "good:$G/banner.Image:16384:1:0:0:good"
    expect badimg "bad Image: text_offset + image_size that wraps is named" \
        "^\(XEN\) wrap: kernel module@48000000: bad arm64 Image header: text_offset lies beyond the guest's RAM \(text_offset 0xffffffffffff0000, image_size 0x200000, flags 0x2\): guest not created"
    expect badimg "bad Image: image_size (BSS) over the device tree is named" \
        '^\(XEN\) bss: kernel module@49000000: memory 16384 KiB is too small for its modules: the kernel \(image_size\) does not fit below the device tree .*guest not created'
    expect badimg "bad Image: a ramdisk that would land in the kernel's last page is refused" \
        "^\(XEN\) tail: kernel module@4a000000: memory 16384 KiB is too small for its modules: no room for the ramdisk above the kernel's image_size"
    expect badimg "bad Image: a big-endian kernel is named" \
        '^\(XEN\) be: kernel module@4b000000: bad arm64 Image header: big-endian kernel'
    expect badimg "bad Image: a misaligned text_offset is named" \
        '^\(XEN\) odd: kernel module@4c000000: bad arm64 Image header: text_offset is not a multiple of 4'
    expect badimg "bad Image: the good guest still runs" '^\(d1\) banner guest done'
    expect badimg "bad Image: only the good guest was created" \
        '^\(XEN\) all domains have ended \(1, 0 crashed\): d1:poweroff;'
    expect_not badimg "bad Image: no hypervisor fault" '(PANIC|Hypervisor fault)'
    expect_exit badimg 0
    finish_run badimg
}

# A host device tree with properties that do not make sense: each is named
# with its node, the default is kept or the guest refused, the rest boots.
test_bad_dt() {
    local size
    size=$(stat -c %s "$G/banner.Image")
    make_dtb baddt 2 "KEEL" "good:$G/banner.Image:16384:1:0:0:good" \
        "noterm:$G/banner.Image:16384:1:0:0:NOTERM"
    # Strings without their NUL; a timer PPI number 43 (INTID 59, no PPI); a
    # CPU whose reg is two cells where #address-cells says one. (U-Boot
    # rewrites /psci and the memory nodes, so their checks cannot be fed here.)
    sed -i -e 's/xen,xen-bootargs = "KEEL";/xen,xen-bootargs = [4b 45 45 4c];/' \
        -e 's/bootargs = "NOTERM";/bootargs = [4e 4f 54 45 52 4d];/' \
        -e 's/interrupts = <0x01 0x0d 0x04 0x01 0x0e 0x04 0x01 0x0b 0x04 0x01 0x0a 0x04>;/interrupts = <0x01 0x0d 0x04 0x01 0x0e 0x04 0x01 0x2b 0x04 0x01 0x0a 0x04>;/' \
        -e '/cpu@1 {/,/};/s/reg = <0x01>;/reg = <0x00 0x01>;/' "$W/baddt.dts"
    sed -i '$d' "$W/baddt.dts"
    cat >> "$W/baddt.dts" <<EOT
    badcaps { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;
        memory = <0 16384>; cpus = <1>; capabilities = [01];
        module@48000000 { compatible = "multiboot,kernel", "multiboot,module";
            reg = <0 0x48000000 0 $size>; }; };
    huge { compatible = "xen,domain"; #address-cells = <2>; #size-cells = <2>;
        memory = <0x400000 0x00000400>; cpus = <1>;
        module@48000000 { compatible = "multiboot,kernel", "multiboot,module";
            reg = <0 0x48000000 0 $size>; }; };
}; };
EOT
    dtc -q -I dts -O dtb -o "$W/baddt.dtb" "$W/baddt.dts"
    make_env baddt "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu baddt 2 ",virtualization=on" -dtb "$W/baddt.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    expect baddt "bad DT: xen,xen-bootargs without its NUL is named and ignored" \
        '^\(XEN\) Device tree: node chosen: "xen,xen-bootargs" is not a NUL-terminated string: ignored'
    expect baddt "bad DT: the command line is empty" '^\(XEN\) Command line: $'
    expect baddt "bad DT: a timer PPI out of 0..15 is named" \
        '^\(XEN\) Device tree: node timer: virtual or hypervisor timer is not a PPI 0..15: default PPIs kept'
    expect baddt "bad DT: the default timer PPIs are used" 'timer PPIs 27 \(virtual\) 26 \(hypervisor\)$'
    expect baddt "bad DT: a CPU with a malformed reg is named and ignored" \
        '^\(XEN\) Device tree: node cpu@1: "reg" is not one MPIDR: CPU ignored'
    expect baddt "bad DT: only the well-formed CPU is used" '^\(XEN\) 1 CPUs, 1 memory banks'
    expect baddt "bad DT: module bootargs without its NUL is named" \
        '^\(XEN\) noterm: module module@49000000: "bootargs" is not a NUL-terminated string: guest not created'
    expect baddt "bad DT: malformed capabilities are named" \
        '^\(XEN\) badcaps: malformed "capabilities" \(one cell, bit 0 only\): guest not created'
    expect baddt "bad DT: memory that wraps when scaled to bytes is named" \
        '^\(XEN\) huge: memory 18014398509483008 KiB is more than the guest RAM window'
    expect baddt "bad DT: the good guest still runs" '^\(d1\) banner guest done'
    expect baddt "bad DT: only the good guest was created" \
        '^\(XEN\) all domains have ended \(1, 0 crashed\): d1:poweroff;'
    expect_not baddt "bad DT: no hypervisor fault" '(PANIC|Hypervisor fault)'
    expect_exit baddt 0
    finish_run baddt
}

# Entered at EL1 (no virtualization=on: U-Boot itself runs at EL1).
test_wrong_el() {
    make_dtb wrongel 2 "" "g:$G/banner.Image:16384:1:0:0:x"
    make_env wrongel "booti $XEN_ADDR - \${fdtcontroladdr}"
    TIMEOUT=8 run_qemu wrongel 2 "" -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on"
    expect wrongel "wrong EL: a clear message when entered at EL1" \
        '^Keel: entered at EL1, but the hypervisor must be started at EL2'
    expect_not wrongel "wrong EL: no guest is started" '^\(d1\)'
    finish_run wrongel
}

# The FIT (out/arm64/xen.itb) through bootm, its hashes checked by U-Boot.
test_fit() {
    make_dtb fit 2 "" "fitguest:$G/banner.Image:16384:1:0:0:fit"
    make_env fit "bootm $FIT_ADDR#keel - \${fdtcontroladdr}"
    run_qemu fit 2 ",virtualization=on" -dtb "$W/fit.dtb" \
        -device "loader,file=$OUT/xen.itb,addr=$FIT_ADDR,force-raw=on" "${LOADERS[@]}"
    expect fit "FIT: U-Boot verified the image hashes" 'Verifying Hash Integrity \.\.\. sha256\+ crc32\+ OK'
    expect fit "FIT: hypervisor started from bootm" '^Keel: AArch64 EL2 hypervisor starting'
    expect fit "FIT: guest ran" '^\(d1\) banner guest done'
    expect_exit fit 0
    finish_run fit
}

# A hostile guest (d1, control domain, with a vPL011 and two vCPUs) hammers
# the hypervisor with random hypercalls, PSCI/SMCCC calls, MMIO and trapped
# system registers from a seeded PRNG, from both vCPUs at once, then makes
# an access that must crash it; the ABI guest (d2) on the third CPU must
# pass as when alone.
test_hostile() {
    local name=hostile
    boot "$name" 3 "console=dtuart hostile" \
        "hostile:$G/hostile.Image:16384:2:1:1:control seed=${HOSTILE_SEED:-2026} iterations=${HOSTILE_ITERATIONS:-1500} final" \
        "bystander:$G/abi_test.Image:16384:1:0:0:plain"
    collect_tap "$name" 1 "hostile d1"
    expect "$name" "hostile: d1 crashed by its last step, an unemulable access to the vGIC" \
        '^\(XEN\) d1 crashed: stage-2 data abort on vCPU0: ESR 0x[0-9a-f]+ FAR 0x3001000 IPA 0x3001000'
    collect_tap "$name" 2 "hostile: bystander d2" summary
    expect "$name" "hostile: bystander d2 finished normally" '^\(XEN\) d2 \(bystander\) shut down: poweroff'
    expect "$name" "hostile: the hypervisor powered off normally, d1 the only crash" \
        '^\(XEN\) all domains have ended \(2, 1 crashed\)'
    expect_not "$name" "hostile: no hypervisor panic or fault" '(panic|PANIC|hypervisor fault|Synchronous Abort)'
    # Its CPU_ON/CPU_OFF storm may not flood the console: the lines about it
    # stay within its log budget (20, then 2 a second), the rest are counted.
    expect "$name" "hostile: d1's vCPU on/off lines past its log budget are held back and counted" \
        '^\(XEN\) d1: [0-9]+ messages suppressed \(rate limit\)$'
    expect_exit "$name: QEMU" 0
    finish_run "$name"
}

demo() {
    make_dtb demo 2 "console=dtuart demo" \
        "abi:$G/abi_test.Image:16384:1:1:0:control cmdline=demo" \
        "banner:$G/banner.Image:16384:1:0:1:banner vpl011"
    make_env demo "booti $XEN_ADDR - \${fdtcontroladdr}"
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,gic-version=3,virtualization=on -cpu max \
        -smp 2 -m 1G -nographic -no-reboot -bios "$UBOOT" \
        -drive "if=pflash,unit=1,format=raw,file=$W/demo.env.img,readonly=on" \
        -dtb "$W/demo.dtb" -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" \
        "${LOADERS[@]}"
}

bench() {
    local smp=1 log=$W/bench.log fig
    make_dtb bench "$smp" "" "bench:$G/bench.Image:16384:1:0:0:bench"
    make_env bench "booti $XEN_ADDR - \${fdtcontroladdr}"
    local args=(-cpu max -smp "$smp" -m 1G -nographic -no-reboot -bios "$UBOOT"
        -drive "if=pflash,unit=1,format=raw,file=$W/bench.env.img,readonly=on"
        -dtb "$W/bench.dtb" -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on"
        "${LOADERS[@]}")
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,gic-version=3,virtualization=on \
        -icount shift=0 "${args[@]}" </dev/null > "$log" 2>&1
    sed -i 's/\r$//' "$log"
    python3 - "$log" <<'PY'
import re, sys
log = open(sys.argv[1]).read()
m = re.search(r"Entered at counter (\d+) \((\d+) Hz\)", log)
g = re.search(r"bench: first guest line at counter (\d+)", log)
h = re.search(r"null hypercall round trip (\S+) ns", log)
if not (m and g and h):
    print("bench: the benchmark run did not complete; console log:")
    print(log[-3000:])
    sys.exit(1)
freq = int(m.group(2))
ns = lambda ticks: ticks * 1e9 / freq
entry, first = int(m.group(1)), int(g.group(1))
print("arm64 bench (QEMU -icount shift=0, -smp 1: 1 ns of virtual time = 1 instruction)")
print(f"  null hypercall round trip (xen_version): {h.group(1)} instructions"
      f" (target <= 60; Xen 4.22, same method: 387)")
print(f"  U-Boot hand-off -> first guest line: {ns(first - entry) / 1e6:.3f} ms virtual")
print(f"  reset -> first guest line: {ns(first) / 1e6:.3f} ms virtual (U-Boot {ns(entry) / 1e6:.3f} ms)")
PY
    [ $? -eq 0 ] || return 1
    # Wall time under plain TCG, from QEMU's start to the hypervisor and the guest.
    python3 - "${args[@]}" <<'PY'
import subprocess, sys, time
cmd = ["timeout", "60", "qemu-system-aarch64", "-M", "virt,gic-version=3,virtualization=on"] + sys.argv[1:]
t0 = time.monotonic()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, stderr=subprocess.STDOUT)
hv = guest = None
for line in p.stdout:
    now = time.monotonic() - t0
    if hv is None and line.startswith(b"Keel: AArch64"):
        hv = now
    if guest is None and line.startswith(b"(d1)"):
        guest = now
p.wait()
if hv is None or guest is None:
    print("  wall time: run did not complete"); sys.exit(1)
print(f"  wall time, plain TCG: QEMU start -> hypervisor {hv:.3f} s, -> first guest line {guest:.3f} s"
      f" (hand-off -> guest {guest - hv:.3f} s)")
PY
    # The vPL011 console path: what a Linux console pays per character.
    make_dtb uartbench 1 "" "uart:$G/uartbench.Image:16384:1:0:1:uartbench vpl011"
    make_env uartbench "booti $XEN_ADDR - \${fdtcontroladdr}"
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,gic-version=3,virtualization=on -icount shift=0 \
        -cpu max -smp 1 -m 1G -nographic -no-reboot -bios "$UBOOT" \
        -drive "if=pflash,unit=1,format=raw,file=$W/uartbench.env.img,readonly=on" \
        -dtb "$W/uartbench.dtb" -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" \
        "${LOADERS[@]}" </dev/null > "$W/uartbench.log" 2>&1
    fr=$(sed -n 's/^(d1) uartbench: UARTFR read \([0-9]*\) ns.*/\1/p' "$W/uartbench.log")
    dr=$(sed -n 's/^(d1) uartbench: UARTDR write (console output) \([0-9]*\) ns.*/\1/p' "$W/uartbench.log")
    if [ -z "$fr" ] || [ -z "$dr" ]; then
        echo "  vPL011 bench did not complete; console log:"; tail -20 "$W/uartbench.log"; return 1
    fi
    echo "  vPL011 trap round trip: UARTFR poll $fr instructions, UARTDR write (to the console) $dr instructions per character"
    # Interrupt latency (irqbench.c): the virtual timer, busy and in WFI, and an SGI to itself,
    # under Keel and bare (EL1, no hypervisor: the same guest built for QEMU's own GIC and
    # UART). icount sleep=off: while every CPU waits in WFI the virtual clock jumps to the
    # next timer deadline instead of following the host's real time, which would add the
    # host's scheduling noise (thousands of "instructions") to the WFI figure.
    # The guest owns the PL031 and the PL061 (passthrough), for the assigned-SPI figures.
    pt_partial bench "$(pt_rtc_node) gpio@30010000 { compatible = \"arm,pl061\", \"arm,primecell\";
        reg = <0 0x30010000 0 0x1000>; interrupt-parent = <&gic>; interrupts = <0 7 4>;
        xen,reg = <0 0x9030000 0 0x1000 0 0x30010000>; xen,path = \"/pl061@9030000\";
        xen,force-assign-without-iommu; };"
    make_dtb irqbench 1 "" "irq:$G/irqbench.Image:16384:1:0:0:irqbench spi"
    sed -i '$d' "$W/irqbench.dts"
    printf '    irq { module@5f000000 { compatible = "multiboot,device-tree", "multiboot,module"; reg = <0 0x5f000000 0 0x%x>; }; };\n}; };\n' \
        "$(stat -c %s "$W/pt-bench.dtb")" >> "$W/irqbench.dts"
    dtc -q -I dts -O dtb -o "$W/irqbench.dtb" "$W/irqbench.dts"
    LOADERS+=(-device "loader,file=$W/pt-bench.dtb,addr=0x5f000000,force-raw=on")
    make_env irqbench "fdt addr \${fdtcontroladdr}; fdt resize; fdt set /pl031@9010000 xen,passthrough; booti $XEN_ADDR - \${fdtcontroladdr}"
    # acpi=off: with firmware loaded and ACPI on, QEMU virt puts its power button on a
    # generic event device instead of creating the PL061 (hw/arm/virt.c).
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,gic-version=3,virtualization=on,acpi=off \
        -icount shift=0,sleep=off -cpu max -smp 1 -m 1G -nographic -no-reboot -bios "$UBOOT" \
        -drive "if=pflash,unit=1,format=raw,file=$W/irqbench.env.img,readonly=on" \
        -dtb "$W/irqbench.dtb" -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" \
        "${LOADERS[@]}" </dev/null > "$W/irqbench.log" 2>&1
    sed -i 's/\r$//' "$W/irqbench.log"
    # The ELF, so that QEMU loads it where it is linked (an Image it would move up 2 MiB).
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,gic-version=3 -icount shift=0,sleep=off \
        -cpu max -smp 1 -m 1G -nographic -no-reboot -kernel "$G/irqbench_bare.elf" \
        </dev/null > "$W/irqbench-bare.log" 2>&1
    sed -i 's/\r$//' "$W/irqbench-bare.log"
    python3 - "$W/irqbench.log" "$W/irqbench-bare.log" <<'PY' || return 1
import re, sys
keel, bare = open(sys.argv[1]).read(), open(sys.argv[2]).read()
fig = lambda log, what: re.search(r"irqbench: " + re.escape(what) + r" (\S+) ns mean \(min (\d+), max (\d+)\)", log)
# (key, text, target, Xen 4.22's figure measured the same way: null scheduler, vwfi=native)
rows = [("virtual timer, guest busy:", "virtual timer (deadline -> guest handler), guest busy", 200, 1024),
        ("virtual timer, guest in WFI:", "virtual timer (deadline -> guest handler), guest in WFI", 250, 1024),
        ("SGI to itself:", "SGI to itself (ICC_SGI1R_EL1 -> handler)", 200, 960),
        ("assigned SPI, GICD_ISPENDR:", "assigned device SPI (guest's GICD_ISPENDR write -> handler; the write traps)",
         "the virtual timer's", "n/a"),
        ("assigned SPI, device-raised:", "assigned device SPI raised by the device (PL061 line driven high by a store to its mapped page -> handler)",
         "the virtual timer's", "n/a")]
for name, log in (("Keel", keel), ("bare", bare)):
    if not all(fig(log, r[0]) for r in rows):
        print(f"  interrupt-latency bench ({name}) did not complete; console log:")
        print(log[-3000:])
        sys.exit(1)
print("  interrupt latency (irqbench, icount sleep=off; instructions, from the counter with the"
      " handler's spin to the next tick):")
for key, text, target, xen in rows:
    k, b = fig(keel, key), fig(bare, key)
    print(f"    {text}: {k.group(1)} mean (min {k.group(2)}, max {k.group(3)});"
          f" target <= {target}; Xen 4.22: {xen}; bare QEMU floor {b.group(1)}")
PY
    # Two guests sharing one CPU (rr) yield to each other: two context switches per round trip.
    make_dtb ctxswbench 1 "" "a:$G/ctxsw.Image:16384:1:0:0:yieldbench=200" \
        "b:$G/ctxsw.Image:16384:1:0:0:yieldbench=400"
    make_env ctxswbench "booti $XEN_ADDR - \${fdtcontroladdr}"
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,gic-version=3,virtualization=on -icount shift=0 \
        -cpu max -smp 1 -m 1G -nographic -no-reboot -bios "$UBOOT" \
        -drive "if=pflash,unit=1,format=raw,file=$W/ctxswbench.env.img,readonly=on" \
        -dtb "$W/ctxswbench.dtb" -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" \
        "${LOADERS[@]}" </dev/null > "$W/ctxswbench.log" 2>&1
    sed -i 's/\r$//' "$W/ctxswbench.log"
    fig=$(sed -n 's/^(d1) ctxsw: yield round trip \(.*\) ns mean (\(.*\)) over.*/\1 mean (\2)/p' "$W/ctxswbench.log")
    if [ -z "$fig" ]; then
        echo "  context-switch bench did not complete; console log:"; tail -20 "$W/ctxswbench.log"; return 1
    fi
    echo "  context switch (two guests on one CPU, SCHEDOP_yield to each other; instructions per round trip = 2 switches + 1 hypercall of the other): $fig"
    echo "  sizes (aarch64-linux-gnu-size xen-syms):"
    aarch64-linux-gnu-size "$OUT/xen-syms" | sed 's/^/    /'
    local file isz
    file=$(stat -c %s "$XEN")
    isz=$(od -An -j 16 -N 8 -t u8 "$XEN" | tr -d ' ')
    echo "  Image: $file bytes ($XEN; target: under Bao's 94,208:" \
        "$([ "$file" -lt 94208 ] && echo "met, $((94208 - file)) to spare" || echo "over by $((file - 94207))"))"
    # Where the bytes are: the file is the sections below, each after the
    # one before it, rounded up to 16 bytes (xen.lds, AT).
    python3 - "$OUT/xen-syms" <<'PY'
import subprocess, sys
elf = sys.argv[1]
sec = {}
for line in subprocess.check_output(["aarch64-linux-gnu-readelf", "-SW", elf], text=True).splitlines():
    f = line.replace("[ ", "[").split()
    if len(f) > 6 and f[0].startswith("[") and f[0] != "[Nr]":
        sec[f[1]] = int(f[5], 16)
syms, addr = {}, {}
for line in subprocess.check_output(["aarch64-linux-gnu-nm", "-S", elf], text=True).splitlines():
    f = line.split()
    if len(f) == 4:
        syms[f[3]] = (f[2], int(f[1], 16))
    if len(f) >= 3:
        addr[f[-1]] = int(f[0], 16)
fdt = sum(n for name, (t, n) in syms.items() if t in "tT" and name.startswith("fdt"))
table = addr["symbols_end"] - addr["symbols_base"]
print(f"    text {sec['.text']} (libfdt {fdt}), vector table and exit paths {sec['.text.entry']},"
      f" rodata {sec['.rodata']} (symbol table for live patching {table}),"
      f" build-id {sec['.note.gnu.build-id']}, relocations {sec['.relocs']},"
      f" data {sec['.data.rel.ro'] + sec['.got'] + sec['.data']}")
PY
    echo "  image_size (header, file + .bss): $isz bytes (target: <= the file rounded up to 2 MiB," \
        "$(( (file + 0x1fffff) & ~0x1fffff )) bytes, where ImageBuilder puts the DTB)"
}

case "${1:-check}" in
demo)
    demo
    ;;
bench)
    bench
    ;;
psci) # only the PSCI runs and the stage-1 walk crash line
    test_smp_guest
    test_cpu_off_last
    test_isolation_s1walk
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
badimg) # only the hostile Image headers and device tree properties
    test_bad_images
    test_bad_dt
    test_refused
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
hostile) # only the hostile-guest run; HOSTILE_SEED, HOSTILE_ITERATIONS change its PRNG seed and length
    test_hostile
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
vgic)
    test_vgic
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
imagebuilder) # only the ImageBuilder placement run
    test_imagebuilder
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
rx) # only the console-input run
    test_console_rx
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
passthrough) # only the device passthrough and static memory runs
    test_passthrough
    test_passthrough crash
    test_passthrough_shared_cpu
    test_static_mem
    test_direct_map
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
cpupools) # only the CPU pool runs
    test_cpupools
    test_null_pool_isolated
    test_sched_priority
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
prio) # only the slice and priority run
    test_sched_priority
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
rr) # only the CPU-sharing runs
    test_rr_share
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
release) # only the failed-creation run
    test_create_release
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
check)
    test_banner
    test_abi
    test_isolation
    test_two_guests
    test_smp_guest
    test_cpupools
    test_rr_share
    test_null_pool_isolated
    test_sched_priority
    test_create_release
    test_vgic
    test_cpu_off_last
    test_console_rx
    test_malformed
    test_bad_images
    test_bad_dt
    test_refused
    test_passthrough
    test_passthrough crash
    test_passthrough_shared_cpu
    test_static_mem
    test_direct_map
    test_wrong_el
    test_fit
    test_relocated
    test_imagebuilder
    test_hostile
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
*)
    echo "usage: $0 check|demo|bench|hostile|vgic" >&2
    exit 2
    ;;
esac
