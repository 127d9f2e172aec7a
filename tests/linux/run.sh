#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's arm64 kernel with a busybox initramfs (tests/linux/fetch.sh) as a
# dom0less guest of Keel, booted through U-Boot in QEMU like the arm64 suite
# (tests/arm64/lib.sh). The guest's /init (tests/linux/init) prints
# "KEEL-LINUX:" lines that are checked here.
#
#   run.sh check   the suite; TAP lines; last line "linux: N passed, N failed"
#   run.sh bench   Linux boot time under Keel and bare (QEMU -icount)
#   run.sh demo    Linux with 2 vCPUs and an interactive shell (make run-linux);
#                  LINUX_KERNEL=Image LINUX_INITRD=initrd boot your own instead
set -uo pipefail

# Room for a 33 MB kernel and its initramfs per guest: 96 MiB slots, the
# ramdisk 64 MiB into the slot.
MOD_STRIDE=$((0x06000000))
RD_OFFSET=$((0x04000000))
TIMEOUT=${KEEL_LINUX_TIMEOUT:-150}
. "$(dirname "$0")/../arm64/lib.sh"
export QEMU_MEM=1G

L=$O/linux
KERNEL=${LINUX_KERNEL:-$L/Image}
INITRD=${LINUX_INITRD:-$L/initrd.gz}
LINUX_MEM=262144 # KiB: 256 MiB
ARGS="console=ttyAMA0"

# linux_spec NODE VCPUS MODE [EXTRA_ARGS]: a make_dtb guest for Linux with a vPL011.
linux_spec() {
    echo "$1:$KERNEL:$LINUX_MEM:$2:0:1:$ARGS keel.mode=$3${4:+ $4}:$INITRD"
}

# The marker lines every Linux boot must show; $1 run, $2 label, $3 dom, $4 vCPUs.
expect_linux_boot() {
    local name=$1 label=$2 dom=$3 ncpu=$4 ver timer uart
    ver=$(cat "$L/version")
    expect "$name" "$label: /init reached" "^\(d$dom\) KEEL-LINUX: init reached at uptime"
    expect "$name" "$label: Debian's kernel $ver runs" "^\(d$dom\) KEEL-LINUX: kernel $ver on aarch64"
    expect "$name" "$label: nproc is $ncpu" "^\(d$dom\) KEEL-LINUX: nproc $ncpu\$"
    timer=$(sed -n "s/^(d$dom) KEEL-LINUX: timer interrupts \([0-9]*\)$/\1/p" "$W/$name.log")
    uart=$(sed -n "s/^(d$dom) KEEL-LINUX: uart interrupts \([0-9]*\)$/\1/p" "$W/$name.log")
    if [ "${timer:-0}" -gt 0 ]; then ok "$label: arch timer interrupts count ($timer)"
    else not_ok "$label: arch timer interrupts '${timer:-none}'"; FAILED_RUN=1; fi
    if [ "${uart:-0}" -gt 0 ]; then ok "$label: vPL011 interrupts count ($uart)"
    else not_ok "$label: vPL011 interrupts '${uart:-none}'"; FAILED_RUN=1; fi
}

# Console input typed once /init asks for it reaches the guest's vPL011: a
# 4,000-character line (Linux's canonical-mode limit is 4,095), which /init
# reads and echoes back; its length and MD5 must be what was typed.
INPUT_LINE="keel-typed-line:$(rx_letters 3984)"
INPUT_MD5=$(printf '%s' "$INPUT_LINE" | md5sum | cut -d' ' -f1)
expect_rx() {
    expect "$1" "$2: a 4,000-character line typed on the console was read intact through the vPL011" \
        "^\(d$3\) KEEL-LINUX: read 4000 characters, md5 $INPUT_MD5\$"
}

# A guest's TAP lines with the measured numbers in parentheses dropped.
tap_results() {
    sed -n "s/^(d$2) \(\(not \)\{0,1\}ok [0-9]* - .*\)$/\1/p" "$W/$1.log" | sed 's/ *(.*)$//'
}

boot_linux() {
    local name=$1 smp=$2
    shift 2
    INPUT="$INPUT_LINE"$'\r' INPUT_AFTER='^\(d[0-9]+\) KEEL-LINUX: line> ' boot "$name" "$smp" "" "$@"
}

# Two Linux guests, each reading a line from its vPL011: the first line
# typed goes to d1 (the input focus starts at the first guest that takes
# input), then three Ctrl-A move the focus to d2 (as on Xen), which reads
# the second line. Typed once both have asked: a line typed before a
# guest's Linux has its tty open is dropped by its serial driver (seen when
# d2 asked first).
test_focus() {
    local one=focus-line-for-d1 two=focus-line-for-d2 md1 md2
    md1=$(printf '%s' "$one" | md5sum | cut -d' ' -f1)
    md2=$(printf '%s' "$two" | md5sum | cut -d' ' -f1)
    QEMU_CPU=max INPUT="$one"$'\r\x01\x01\x01'"$two"$'\r' \
        INPUT_AFTER=$'^\\(d1\\) KEEL-LINUX: type a line\n^\\(d2\\) KEEL-LINUX: type a line' \
        boot linux-focus 2 "" "$(linux_spec linux1 1 rx)" "$(linux_spec linux2 1 rx)"
    expect linux-focus "focus: three Ctrl-A move the input to d2" \
        '^\(XEN\) \*\*\* Serial input to d2 \(linux2\) \(type .CTRL-a. three times to switch input\)$'
    expect linux-focus "focus: d1 read the line typed before the switch" \
        "^\(d1\) KEEL-LINUX: read ${#one} characters, md5 $md1\$"
    expect linux-focus "focus: d2 read the line typed after it" \
        "^\(d2\) KEEL-LINUX: read ${#two} characters, md5 $md2\$"
    expect linux-focus "focus: both guests powered off" '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit "focus" 0
    finish_run linux-focus
}

# 1 vCPU under -cpu max (SVE, SME, MTE, pointer authentication hidden).
test_one_vcpu() {
    QEMU_CPU=max boot_linux linux1 1 "$(linux_spec linux 1 rx)"
    expect_linux_boot linux1 "1 vCPU, -cpu max" 1 1
    expect_rx linux1 "1 vCPU, -cpu max" 1
    expect linux1 "1 vCPU, -cpu max: guest powered off" '^\(XEN\) d1 \(linux\) shut down: poweroff'
    expect linux1 "1 vCPU, -cpu max: hypervisor powered the machine off" \
        '^\(XEN\) all domains have ended \(1, 0 crashed\)'
    expect_not linux1 "1 vCPU, -cpu max: no unknown vGIC register" 'vGIC: .* of unknown'
    expect linux1 "1 vCPU, -cpu max: Linux found PSCI 1.1" '^\(d1\) .*psci: PSCIv1.1 detected in firmware'
    expect linux1 "1 vCPU, -cpu max: Linux found SMCCC 1.1" '^\(d1\) .*psci: SMC Calling Convention v1.1'
    expect linux1 "1 vCPU, -cpu max: Linux found the vGICv3's 32 SPIs" '^\(d1\) .*GICv3: 32 SPIs implemented'
    expect linux1 "1 vCPU, -cpu max: the vPL011 probed as ttyAMA0" '^\(d1\) .*22000000.pl011: ttyAMA0 at MMIO 0x22000000'
    expect linux1 "1 vCPU, -cpu max: rng-seed from the host's RNDR seeded the CRNG at once" \
        '^\(d1\) \[ *0\.000000\] random: crng init done'
    expect_not linux1 "1 vCPU, -cpu max: Linux saw no SVE, SME, MTE or pointer authentication" \
        '^\(d1\) .*(SVE: maximum|SME: maximum|detected: Memory Tagging|detected: Address authentication)'

    expect_exit "1 vCPU, -cpu max" 0
    finish_run linux1
}

# 2 vCPUs on 2 CPUs: PSCI CPU_ON, IPIs, per-vCPU timers. $1: QEMU's CPU model.
test_two_vcpus() {
    local cpu=$1 name=linux2-$1 label="2 vCPUs, -cpu $1"
    QEMU_CPU=$cpu boot_linux "$name" 2 "$(linux_spec linux 2 rx)"
    expect_linux_boot "$name" "$label" 1 2
    expect "$name" "$label: the second vCPU came up through PSCI CPU_ON" '^\(d1\) .*CPU1: Booted secondary processor'
    expect "$name" "$label: CPU1 taken offline (PSCI CPU_OFF)" '^\(d1\) KEEL-LINUX: cpu1 offline, online cpus 0$'
    expect "$name" "$label: CPU1 back online (PSCI CPU_ON again)" '^\(d1\) KEEL-LINUX: cpu1 back, online cpus 0-1$'
    expect "$name" "$label: the hypervisor saw vCPU1 switch off (never switched out: null policy)" '^\(XEN\) d1: vCPU1 off on CPU1 \(switched out 0 times\)$'
    expect_rx "$name" "$label" 1
    expect "$name" "$label: guest powered off" '^\(XEN\) d1 \(linux\) shut down: poweroff'
    expect "$name" "$label: hypervisor powered the machine off" \
        '^\(XEN\) all domains have ended \(1, 0 crashed\)'
    expect_exit "$label" 0
    finish_run "$name"
}

# The ABI conformance guest (d1, CPU0) beside Linux (d2, CPU1): both finish;
# the ABI guest ends first, so console input for Linux must reach CPU1.
test_beside_abi() {
    QEMU_CPU=max boot_linux linux-abi 2 "abi:$G/abi_test.Image:16384:1:0:0:plain" \
        "$(linux_spec linux 1 rx)"
    expect_linux_boot linux-abi "beside the ABI guest" 2 1
    expect_rx linux-abi "beside the ABI guest, on CPU1" 2
    collect_tap linux-abi 1 "beside Linux: ABI guest" summary
    # The same ABI guest alone: the same tests with the same results.
    boot abi-alone 2 "" "abi:$G/abi_test.Image:16384:1:0:0:plain"
    if [ -n "$(tap_results linux-abi 1)" ] && [ "$(tap_results linux-abi 1)" = "$(tap_results abi-alone 1)" ]; then
        ok "beside the ABI guest: its TAP results equal those of the ABI guest alone"
    else
        not_ok "beside the ABI guest: its TAP results differ from the ABI guest alone"; FAILED_RUN=1
        diff <(tap_results abi-alone 1) <(tap_results linux-abi 1) | head -20
    fi
    expect linux-abi "beside the ABI guest: ABI guest powered off" '^\(XEN\) d1 \(abi\) shut down: poweroff'
    expect linux-abi "beside the ABI guest: Linux powered off" '^\(XEN\) d2 \(linux\) shut down: poweroff'
    expect_exit "beside the ABI guest" 0
    finish_run linux-abi
}

# A Linux guest that panics (and asks for a reset) or faults: the ABI guest is undisturbed.
test_panic() {
    QEMU_CPU=max boot linux-panic 2 "" "$(linux_spec linux 1 panic panic=-1)" \
        "abi:$G/abi_test.Image:16384:1:0:0:plain"
    expect linux-panic "panic: Linux panicked" '^\(d1\) .*Kernel panic - not syncing'
    expect linux-panic "panic: Linux ended with a reset request" '^\(XEN\) d1 \(linux\) shut down: reboot'
    collect_tap linux-panic 2 "panic: bystander ABI guest" summary
    expect linux-panic "panic: ABI guest powered off" '^\(XEN\) d2 \(abi\) shut down: poweroff'
    expect_exit "panic" 0
    finish_run linux-panic
}

test_fault() {
    QEMU_CPU=max boot linux-fault 2 "" "$(linux_spec linux 1 fault)" \
        "abi:$G/abi_test.Image:16384:1:0:0:plain"
    expect linux-fault "fault: Linux read outside its RAM" '^\(d1\) KEEL-LINUX: reading IPA 0x10000000'
    expect linux-fault "fault: Linux crashed by the hypervisor at IPA 0x10000000" \
        '^\(XEN\) d1 crashed: stage-2 data abort on vCPU0: .* IPA 0x10000000'
    expect_not linux-fault "fault: the read never returned to Linux" 'still alive after the read'
    collect_tap linux-fault 2 "fault: bystander ABI guest" summary
    expect linux-fault "fault: exactly one domain crashed" '^\(XEN\) all domains have ended \(2, 1 crashed\)'
    expect_exit "fault" 0
    finish_run linux-fault
}

# The same kernel, initramfs, RAM and command line bare under QEMU (EL1, no
# hypervisor) and under Keel, with -icount shift=0 -smp 1 (1 ns of virtual
# time per instruction): the guest's clock at /init measures the work done.
# Both see the same devices (QEMU's tree stripped to CPU, GIC, timer, PL011)
# and the same CPU features (the bare CPU has what Keel hides turned off).
bench() {
    local bargs="console=ttyAMA0 nokaslr ssbd=force-off keel.mode=bench" f=$W/bare
    local bare_cpu=max,sve=off,sme=off,pauth=off,pmu=off
    qemu-system-aarch64 -M virt,gic-version=3,dumpdtb="$f.dtb" -cpu "$bare_cpu" -smp 1 \
        -m 256M -nographic >/dev/null 2>&1
    for node in $(fdtget -l "$f.dtb" /); do
        case "$node" in
        cpus | memory@* | psci | intc@* | timer | pl011@* | chosen | apb-pclk) ;;
        *) fdtput -r "$f.dtb" "/$node" ;;
        esac
    done
    timeout 300 qemu-system-aarch64 -M virt,gic-version=3 -cpu "$bare_cpu" -smp 1 -m 256M \
        -icount shift=0 -nographic -no-reboot -dtb "$f.dtb" -kernel "$KERNEL" -initrd "$INITRD" \
        -append "$bargs" </dev/null > "$W/bench-bare.log" 2>&1
    ARGS="$bargs" TIMEOUT=300 QEMU_CPU=max run_icount_keel
    python3 - "$W/bench-bare.log" "$W/bench-keel.log" <<'PY'
import re, sys
def figures(path, prefix):
    log = open(path, errors="replace").read().replace("\r", "")
    up = re.search(r"^%sKEEL-LINUX: init reached at uptime ([0-9.]+)" % re.escape(prefix), log, re.M)
    run = re.search(r"^%s\[ *([0-9.]+)\] Run /init as init process" % re.escape(prefix), log, re.M)
    if not (up and run):
        print(f"linux bench: {path} did not reach /init; its end:")
        print(log[-2000:])
        sys.exit(1)
    return float(up.group(1)), float(run.group(1))
bare_up, bare_run = figures(sys.argv[1], "")
keel_up, keel_run = figures(sys.argv[2], "(d1) ")
print("linux bench (Debian's kernel + busybox initramfs, QEMU -icount shift=0 -smp 1, 256 MiB,")
print("             'nokaslr ssbd=force-off'; 1 ns of virtual time = 1 instruction)")
print(f"  /proc/uptime at the /init marker: bare {bare_up:.2f} s, under Keel {keel_up:.2f} s"
      f" ({(keel_up - bare_up) * 1000:+.0f} ms, {(keel_up / bare_up - 1) * 100:+.1f}%)")
print(f"  printk time of 'Run /init':       bare {bare_run:.6f} s, under Keel {keel_run:.6f} s"
      f" ({(keel_run - bare_run) * 1000:+.1f} ms, {(keel_run / bare_run - 1) * 100:+.2f}%)")
print("  (target: at most +2%; Xen 4.22 as a dom0less domU: about +37 ms, +4%, on a 0.836 s bare boot)")
PY
}

run_icount_keel() {
    make_dtb bench-keel 1 "" "linux:$KERNEL:$LINUX_MEM:1:0:1:$ARGS:$INITRD"
    make_env bench-keel "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu bench-keel 1 ",virtualization=on" -icount shift=0 -dtb "$W/bench-keel.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
}

# Linux with 2 vCPUs and a 1-vCPU test guest on 2 CPUs: pool 0 shares them
# round robin, so Linux's vCPU0 takes turns with the ctxsw guest on CPU0
# (EL1 state, FP/SIMD, timers and vGIC switched under a real kernel).
test_linux_shared() {
    local name=linux-shared label="2-vCPU Linux sharing a CPU" cnt
    boot_linux "$name" 2 "$(linux_spec linux 2 rx)" "ctx:$G/ctxsw.Image:16384:1:0:0:seed=9 spin=300"
    expect "$name" "$label: pool 0 shares its CPUs (one line)" \
        '^\(XEN\) cpupool 0: more vCPUs than its CPUs: sharing them round robin, 10 ms slices$'
    expect_linux_boot "$name" "$label" 1 2
    expect "$name" "$label: CPU1 taken offline and back (PSCI CPU_OFF, CPU_ON)" '^\(d1\) KEEL-LINUX: cpu1 back, online cpus 0-1$'
    expect_rx "$name" "$label" 1
    collect_tap "$name" 2 "$label: ctxsw guest beside it" summary
    cnt=$(sed -n 's/^(XEN) d2: vCPU0 stopped on CPU0 (switched out \([0-9]*\) times)$/\1/p' "$W/$name.log")
    if [ -n "$cnt" ] && [ "$cnt" -ge 1 ]; then ok "$label: the ctxsw guest was switched out $cnt times"
    else not_ok "$label: the ctxsw guest was switched out '${cnt:-?}' times"; FAILED_RUN=1; fi
    expect "$name" "$label: both ended normally" '^\(XEN\) all domains have ended \(2, 0 crashed\)'
    expect_exit "$label" 0
    finish_run "$name"
}

# Device passthrough (docs/passthrough.md) to Debian's kernel, direct-mapped
# with static memory (xen,static-mem + direct-map): the virtio-mmio
# transport behind which QEMU's virtio-blk-device sits, DMA-capable, so that
# the addresses Linux gives the device are the host's own; and the PL031.
PT_RAM=0x60000000 # 256 MiB of host RAM, 2 MiB-aligned, clear of the modules
PT_DT_ADDR=0x5f000000
# The first -device virtio-*-device lands on QEMU virt's last transport
# (0xa003e00, SPI 47: hw/arm/virt.c creates them so), beyond the vGIC's 32
# SPIs; bus= puts the disk on transport 0: 0xa000000, SPI 16 (INTID 48).
PT_DISK_QEMU=(-drive "if=none,file=$W/pt-disk.img,format=raw,id=d0"
              -device "virtio-blk-device,drive=d0,bus=virtio-mmio-bus.0")

# The test's disk: ext4 made without root (mke2fs -d) from a directory with
# /keel/hello.txt holding $1.
make_pt_disk() {
    rm -rf "$W/pt-disk.d" "$W/pt-disk.img"
    mkdir -p "$W/pt-disk.d/keel"
    printf '%s\n' "$1" > "$W/pt-disk.d/keel/hello.txt"
    PATH=$PATH:/sbin:/usr/sbin mke2fs -q -F -t ext4 -L keel-pt -d "$W/pt-disk.d" "$W/pt-disk.img" 16M
}

# The opening every partial device tree here shares (Xen's passthrough.txt):
# the /gic placeholder Keel replaces, and the /passthrough bus whose nodes
# the guest gets; the caller writes the nodes and closes both.
pt_partial_head() {
    cat <<'EOT'
/dts-v1/;
/ {
    #address-cells = <2>;
    #size-cells = <2>;
    gic: gic { #interrupt-cells = <3>; interrupt-controller; };
    passthrough {
        compatible = "simple-bus";
        ranges;
        #address-cells = <2>;
        #size-cells = <2>;
EOT
}

# The partial device tree (Xen's passthrough.txt) giving the guest the
# virtio-mmio transport (its page: xen,reg must be page-aligned) and the
# PL031 with the fixed clock an AMBA device needs, all at their host
# addresses as direct-map wants.
pt_linux_partial() {
    {
        pt_partial_head
        cat <<'EOT'
        pclk: apb-pclk {
            compatible = "fixed-clock";
            #clock-cells = <0>;
            clock-frequency = <24000000>;
            clock-output-names = "clk24mhz";
        };
        virtio_mmio@a000000 {
            compatible = "virtio,mmio";
            reg = <0 0xa000000 0 0x200>;
            dma-coherent;
            interrupt-parent = <&gic>;
            interrupts = <0 16 1>;
            xen,reg = <0 0xa000000 0 0x1000 0 0xa000000>;
            xen,path = "/virtio_mmio@a000000";
            xen,force-assign-without-iommu;
        };
        pl031@9010000 {
            compatible = "arm,pl031", "arm,primecell";
            reg = <0 0x9010000 0 0x1000>;
            clocks = <&pclk>;
            clock-names = "apb_pclk";
            interrupt-parent = <&gic>;
            interrupts = <0 2 4>;
            xen,reg = <0 0x9010000 0 0x1000 0 0x9010000>;
            xen,path = "/pl031@9010000";
            xen,force-assign-without-iommu;
        };
    };
};
EOT
    } > "$W/pt-linux.dts"
    dtc -q -I dts -O dtb -o "$W/pt-linux.dtb" "$W/pt-linux.dts"
}

# pt_virtio_partial NAME HOST-NODE XEN-REG: a partial device tree giving one
# transport (at its host address) by HOST-NODE and the range XEN-REG.
pt_virtio_partial() {
    local n=${2#/virtio_mmio@}
    {
        pt_partial_head
        cat <<EOT
        virtio_mmio@$n {
            compatible = "virtio,mmio";
            reg = <0 0x$n 0 0x200>;
            interrupt-parent = <&gic>;
            interrupts = <0 $((16 + (0x$n - 0xa000000) / 0x200)) 1>;
            xen,reg = <$3>;
            xen,path = "$2";
            xen,force-assign-without-iommu;
        };
    };
};
EOT
    } > "$W/pt-$1.dts"
    dtc -q -I dts -O dtb -o "$W/pt-$1.dtb" "$W/pt-$1.dts"
}

# Linux (d1) owns the disk and the RTC; an isolation guest (d2) waits 3 s
# (Linux is booting by then) and stores to the disk's transport
# (QueueNotify): it must crash alone. Two more guests
# are refused by name: one given transport 1 by the page Linux owns (a
# page shared by two devices has one owner), one given the page after
# transport 0's (the host node's reg widens to its own page only).
test_passthrough() {
    local name=linux-pt label=passthrough token want got now epoch
    token="keel-pt-disk-$(date +%s)-$$"
    make_pt_disk "$token" || { not_ok "$label: mke2fs -d made no disk image"; return; }
    if ! pt_linux_partial ||
        ! pt_virtio_partial sharer /virtio_mmio@a000200 '0 0xa000000 0 0x1000 0 0x30000000' ||
        ! pt_virtio_partial nextpage /virtio_mmio@a000000 '0 0xa001000 0 0x1000 0 0x30000000'; then
        not_ok "$label: dtc failed on a partial device tree"
        return
    fi
    make_dtb "$name" 2 "" "$(linux_spec linux 1 disk,rtc,rx)" \
        "intruder:$G/isolation.Image:16384:1:0:0:wait_ms=0xbb8 write=0xa000050" \
        "sharer:$G/banner.Image:16384:1:0:0:x" "nextpage:$G/banner.Image:16384:1:0:0:x"
    sed -i '$d' "$W/$name.dts"
    {
        printf '    linux { #xen,static-mem-address-cells = <1>; #xen,static-mem-size-cells = <1>;\n'
        printf '        xen,static-mem = <%s 0x%x>; direct-map; };\n' "$PT_RAM" $((LINUX_MEM * 1024))
        local i=0 dom addr
        for dom in linux sharer nextpage; do
            addr=$((PT_DT_ADDR + i * 0x10000)) i=$((i + 1))
            printf '    %s { module@%x { compatible = "multiboot,device-tree", "multiboot,module"; reg = <0 0x%x 0 0x%x>; }; };\n' \
                "$dom" "$addr" "$addr" "$(stat -c %s "$W/pt-$dom.dtb")"
            LOADERS+=(-device "loader,file=$W/pt-$dom.dtb,addr=$(printf 0x%x "$addr"),force-raw=on")
        done
        printf '}; };\n'
    } >> "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts" || { not_ok "$label: dtc failed"; return; }
    make_env "$name" "fdt addr \${fdtcontroladdr}; fdt resize; fdt set /virtio_mmio@a000000 xen,passthrough; fdt set /pl031@9010000 xen,passthrough; booti $XEN_ADDR - \${fdtcontroladdr}"
    QEMU_CPU=max INPUT="$INPUT_LINE"$'\r' INPUT_AFTER="KEEL-LINUX: type a line" \
        run_qemu "$name" 2 ",virtualization=on" -dtb "$W/$name.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}" "${PT_DISK_QEMU[@]}"

    expect "$name" "$label: Linux's RAM is the static range at IPA = PA" \
        "^\(XEN\) d1: RAM IPA $PT_RAM-0x6fffffff at PA $PT_RAM,"
    expect "$name" "$label: the virtio-mmio transport's page mapped at its host address" \
        '^\(XEN\) d1: passthrough: MMIO 0xa000000-0xa000fff at IPA 0xa000000 \(Device-nGnRE\)$'
    expect "$name" "$label: the transport's SPI 16 forwarded (edge)" \
        '^\(XEN\) d1: passthrough: SPI 16 \(INTID 48, edge\) forwarded with the HW bit$'
    expect "$name" "$label: the PL031 mapped at its host address" \
        '^\(XEN\) d1: passthrough: MMIO 0x9010000-0x9010fff at IPA 0x9010000 \(Device-nGnRE\)$'
    expect "$name" "$label: the PL031's SPI 2 forwarded (level)" \
        '^\(XEN\) d1: passthrough: SPI 2 \(INTID 34, level\) forwarded with the HW bit$'
    expect_linux_boot "$name" "$label" 1 1
    # Direct-mapped, the vPL011 sits at the host UART's address and SPI (INTID 33).
    expect_rx "$name" "$label, vPL011 at 0x9000000" 1
    expect "$name" "$label: Linux's virtio-blk found the 16 MiB disk" \
        '^\(d1\) KEEL-LINUX: virtio block device 32768 sectors$'
    expect "$name" "$label: Linux mounted it and printed the file the test put there" \
        "^\(d1\) KEEL-LINUX: disk file says: $token\$"
    expect "$name" "$label: Linux wrote a file, synced and unmounted" \
        '^\(d1\) KEEL-LINUX: /dev/vda written and unmounted$'
    got=$(sed -n 's/^(d1) KEEL-LINUX: virtio interrupts \([0-9]*\)$/\1/p' "$W/$name.log")
    if [ "${got:-0}" -gt 0 ]; then ok "$label: the transport's interrupts reached Linux ($got)"
    else not_ok "$label: virtio interrupts '${got:-none}'"; FAILED_RUN=1; fi
    expect "$name" "$label: the PL031 probed as rtc0" '^\(d1\) KEEL-LINUX: rtc0 rtc-pl031 9010000.pl031 since_epoch [0-9]+$'
    epoch=$(sed -n 's/^(d1) KEEL-LINUX: rtc0 rtc-pl031 9010000.pl031 since_epoch \([0-9]*\)$/\1/p' "$W/$name.log")
    now=$(date +%s)
    # QEMU's PL031 starts at the host's UTC time; the run lasts under TIMEOUT.
    if [ -n "$epoch" ] && [ $((now - epoch)) -ge 0 ] && [ $((now - epoch)) -le "$TIMEOUT" ]; then
        ok "$label: rtc0 reads the host's time ($((now - epoch)) s before the run ended)"
    else not_ok "$label: rtc0 since_epoch '${epoch:-none}', host $now"; FAILED_RUN=1; fi
    expect "$name" "$label: hwclock read the RTC" '^\(d1\) KEEL-LINUX: hwclock says .*[0-9]{2}:[0-9]{2}:[0-9]{2}'
    got=$(sed -n 's/^(d1) KEEL-LINUX: rtc alarm interrupts \([0-9]*\) -> \([0-9]*\)$/\1 \2/p' "$W/$name.log")
    if [ -n "$got" ] && [ "${got#* }" -gt "${got% *}" ]; then
        ok "$label: the RTC alarm's interrupt was delivered (rtc-pl031 count $got)"
    else not_ok "$label: rtc alarm interrupts '${got:-none}'"; FAILED_RUN=1; fi
    expect "$name" "$label: transport 1, in the page Linux owns, refused to a second guest by name" \
        '^\(XEN\) sharer: passthrough: virtio_mmio@a000200: property "xen,reg" range 0xa000000\+0x1000 at guest 0x30000000 is already assigned to linux: guest not created$'
    expect "$name" "$label: the page after transport 0's refused by name" \
        '^\(XEN\) nextpage: passthrough: virtio_mmio@a000000: property "xen,reg" range 0xa001000\+0x1000 at guest 0x30000000 lies outside the host node.s "reg": guest not created$'
    expect "$name" "$label: the intruder storing to the transport crashed alone" \
        '^\(XEN\) d2 crashed: stage-2 data abort on vCPU0: .* IPA 0xa000050'
    expect "$name" "$label: Linux powered off" '^\(XEN\) d1 \(linux\) shut down: poweroff'
    expect "$name" "$label: exactly one domain crashed" '^\(XEN\) all domains have ended \(2, 1 crashed\)'
    expect_not "$name" "$label: no hypervisor panic or fault" '(PANIC|Hypervisor fault)'
    expect_exit "$label" 0
    # The file Linux wrote, read from the image with QEMU gone.
    want="written by Linux under Keel; it read: $token"
    got=$(PATH=$PATH:/sbin:/usr/sbin debugfs -R 'cat /keel/from-linux.txt' "$W/pt-disk.img" 2>/dev/null)
    if [ "$got" = "$want" ]; then ok "$label: the image holds the file Linux wrote"
    else not_ok "$label: the image's /keel/from-linux.txt is '$got'"; FAILED_RUN=1; fi
    if PATH=$PATH:/sbin:/usr/sbin e2fsck -fn "$W/pt-disk.img" >/dev/null 2>&1; then
        ok "$label: the filesystem Linux unmounted is clean (e2fsck -fn)"
    else not_ok "$label: e2fsck -fn finds errors in the image"; FAILED_RUN=1; fi
    finish_run "$name"
}

case "${1:-check}" in
shared) # only the CPU-sharing run
    test_linux_shared
    echo "linux: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
check)
    test_one_vcpu
    test_two_vcpus cortex-a57
    test_two_vcpus max
    test_linux_shared
    test_beside_abi
    test_focus
    test_panic
    test_fault
    test_passthrough
    echo "linux: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
bench)
    bench
    ;;
demo)
    # LINUX_GUESTS=2: two 1-vCPU Linux guests, each with its own shell; three
    # Ctrl-A move the console's input to the other one, as on Xen. QEMU's
    # own escape key is Ctrl-T here (-echr 20), so Ctrl-A reaches Keel.
    if [ "${LINUX_GUESTS:-1}" = 2 ]; then
        make_dtb demo-linux 2 "" "linux1:$KERNEL:$LINUX_MEM:1:0:1:$ARGS keel.mode=shell${LINUX_ARGS:+ $LINUX_ARGS}:$INITRD" \
            "linux2:$KERNEL:$LINUX_MEM:1:0:1:$ARGS keel.mode=shell${LINUX_ARGS:+ $LINUX_ARGS}:$INITRD"
    else
        make_dtb demo-linux 2 "" "linux:$KERNEL:$LINUX_MEM:2:0:1:$ARGS keel.mode=shell${LINUX_ARGS:+ $LINUX_ARGS}:$INITRD"
    fi
    make_env demo-linux "booti $XEN_ADDR - \${fdtcontroladdr}"
    qemu-system-aarch64 -M virt,gic-version=3,virtualization=on -cpu "${QEMU_CPU:-max}" -smp 2 -echr 20 \
        -m "$QEMU_MEM" -nographic -no-reboot -bios "$UBOOT" \
        -drive "if=pflash,unit=1,format=raw,file=$W/demo-linux.env.img,readonly=on" \
        -dtb "$W/demo-linux.dtb" -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
    ;;
passthrough)
    test_passthrough
    echo "linux: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
focus)
    test_focus
    echo "linux: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
one)
    shift
    "$@"
    echo "linux: $pass passed, $fail failed"
    ;;
*)
    echo "usage: $0 check|bench|demo" >&2
    exit 2
    ;;
esac
