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
set -uo pipefail

O=${O:-out}
OUT=$O/arm64
W=$OUT/test
G=$OUT/guests
XEN=$OUT/xen
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
XEN_ADDR=0x40200000
FIT_ADDR=0x44000000
MOD_BASE=$((0x48000000))
MOD_STRIDE=$((0x01000000))
TIMEOUT=${KEEL_QEMU_TIMEOUT:-60}
mkdir -p "$W"

pass=0
fail=0
n=0

ok() {
    n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $*"
}

not_ok() {
    n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $*"
}

# Print a run's console log once per failing run, for the person reading CI.
show_log() {
    echo "---- console log of $1 ----"
    sed 's/\r$//' "$W/$1.log" | tail -n 80
    echo "---- end of $1 ----"
}

# QEMU's device tree for N CPUs, as U-Boot and the hypervisor will see it.
base_dts() {
    local smp=$1 f=$W/virt-smp$1
    if [ ! -f "$f.dts" ]; then
        qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,dumpdtb="$f.dtb" \
            -cpu max -smp "$smp" -m 1G -nographic >/dev/null 2>&1
        dtc -q -I dtb -O dts -o "$f.dts" "$f.dtb"
    fi
    cat "$f.dts"
}

# U-Boot environment in a 64 MiB pflash: boot at once with this command.
make_env() {
    local name=$1 cmd=$2
    printf 'bootdelay=-2\nbootcmd=%s\n' "$cmd" > "$W/$name.env.txt"
    mkenvimage -s 0x40000 -o "$W/$name.env.img" "$W/$name.env.txt"
    truncate -s 64M "$W/$name.env.img"
}

# make_dtb NAME SMP XEN_BOOTARGS GUEST... where GUEST is
#   node:image:mem_kib:cpus:caps:vpl011(0|1):bootargs
# Sets LOADERS to the QEMU -device loader arguments for the modules.
make_dtb() {
    local name=$1 smp=$2 xenargs=$3
    shift 3
    local i=0 spec node img mem cpus caps vpl bargs addr size
    LOADERS=()
    {
        base_dts "$smp"
        echo "/ { chosen {"
        echo "    xen,xen-bootargs = \"$xenargs\";"
        for spec in "$@"; do
            IFS=: read -r node img mem cpus caps vpl bargs <<<"$spec"
            addr=$((MOD_BASE + i * MOD_STRIDE))
            size=$(stat -c %s "$img")
            printf '    %s {\n        compatible = "xen,domain";\n' "$node"
            printf '        #address-cells = <2>;\n        #size-cells = <2>;\n'
            printf '        memory = <0 %d>;\n        cpus = <%d>;\n' "$mem" "$cpus"
            [ "$caps" != 0 ] && printf '        capabilities = <%d>;\n' "$caps"
            [ "$vpl" = 1 ] && printf '        vpl011;\n'
            printf '        module@%x {\n' "$addr"
            printf '            compatible = "multiboot,kernel", "multiboot,module";\n'
            printf '            reg = <0 0x%x 0 0x%x>;\n' "$addr" "$size"
            printf '            bootargs = "%s";\n        };\n    };\n' "$bargs"
            LOADERS+=(-device "loader,file=$img,addr=$(printf 0x%x "$addr"),force-raw=on")
            i=$((i + 1))
        done
        echo "}; };"
    } > "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts"
}

# run_qemu NAME SMP MACHINE_EXTRA [qemu args...]: console to $W/NAME.log,
# exit status in RC (124: timed out).
run_qemu() {
    local name=$1 smp=$2 machine=$3
    shift 3
    timeout "$TIMEOUT" qemu-system-aarch64 -M "virt,gic-version=3$machine" -cpu max \
        -smp "$smp" -m 1G -nographic -no-reboot -bios "$UBOOT" \
        -drive "if=pflash,unit=1,format=raw,file=$W/$name.env.img,readonly=on" \
        "$@" </dev/null > "$W/$name.log" 2>&1
    RC=$?
    sed -i 's/\r$//' "$W/$name.log"
}

# boot NAME SMP XEN_BOOTARGS GUEST...: booti the hypervisor with these guests.
boot() {
    local name=$1 smp=$2 xenargs=$3
    shift 3
    make_dtb "$name" "$smp" "$xenargs" "$@"
    make_env "$name" "booti $XEN_ADDR - \${fdtcontroladdr}"
    run_qemu "$name" "$smp" ",virtualization=on" -dtb "$W/$name.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}"
}

# expect NAME DESCRIPTION REGEX: one TAP line for "the log has this line".
expect() {
    if grep -Eq -- "$3" "$W/$1.log"; then ok "$2"; else not_ok "$2"; FAILED_RUN=1; fi
}

expect_not() {
    if grep -Eq -- "$3" "$W/$1.log"; then not_ok "$2"; FAILED_RUN=1; else ok "$2"; fi
}

expect_exit() {
    if [ "$RC" -eq "$2" ]; then ok "$1: QEMU exit status $RC"; else
        not_ok "$1: QEMU exit status $RC, expected $2 (124 = timed out)"; FAILED_RUN=1; fi
}

# Collect a guest's TAP lines "(dN) ok K - ..." into the suite, and check
# that its plan "(dN) 1..K" was printed (a guest that died early fails here).
collect_tap() {
    local name=$1 dom=$2 label=$3 line plan count=0
    while IFS= read -r line; do
        count=$((count + 1))
        case "$line" in
            "ok "*) ok "$label: ${line#ok * - }" ;;
            *) not_ok "$label: ${line#not ok * - }"; FAILED_RUN=1 ;;
        esac
    done < <(sed -n "s/^(d$dom) \(\(not \)\{0,1\}ok [0-9]* - .*\)$/\1/p" "$W/$name.log")
    plan=$(sed -n "s/^(d$dom) 1\.\.\([0-9]*\)$/\1/p" "$W/$name.log" | tail -n 1)
    if [ -n "$plan" ] && [ "$plan" -eq "$count" ] && [ "$count" -gt 0 ]; then
        ok "$label: all $count planned tests reported"
    else
        not_ok "$label: plan '${plan:-none}' but $count tests reported"; FAILED_RUN=1
    fi
}

finish_run() {
    [ "${FAILED_RUN:-0}" = 1 ] && show_log "$1"
    FAILED_RUN=0
}

test_banner() {
    boot banner 2 "" "domU1:$G/banner.Image:16384:1:0:1:banner"
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
    boot abi 2 "console=dtuart keel-test" \
        "control:$G/abi_test.Image:16384:1:1:0:control cmdline=keel-test" \
        "guest:$G/abi_test.Image:16384:1:0:0:plain"
    collect_tap abi 1 "abi control domain"
    collect_tap abi 2 "abi non-control domain"
    expect abi "abi: d1 ended with poweroff" '^\(XEN\) d1 \(control\) shut down: poweroff'
    expect abi "abi: d2 ended with poweroff" '^\(XEN\) d2 \(guest\) shut down: poweroff'
    expect_exit abi 0
    finish_run abi
}

case "${1:-check}" in
check)
    test_banner
    test_abi
    echo "arm64: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
*)
    echo "usage: $0 check|demo|bench" >&2
    exit 2
    ;;
esac
