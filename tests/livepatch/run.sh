#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The in-emulator live-patch suite on ARM64: QEMU (-smp 3) boots U-Boot, which
# boots the hypervisor with two dom0less guests, as tests/arm64/run.sh does:
#   d1 (control domain) runs tests/guests/livepatch.c with the payloads built
#      against this very hypervisor (out/arm64/livepatch/) in its image;
#   d2 (no capabilities) runs tests/guests/livepatch_bystander.c: sysctl must
#      be -EPERM and it must keep running while d1 patches the hypervisor.
# The third CPU idles, so every rendezvous stops a CPU running d1 (the
# master), one running d2 (taken by the SGI) and one in the idle loop.
#
#   run.sh check   TAP lines; the last "livepatch: N passed, N failed"
set -uo pipefail

O=${O:-out}
OUT=$O/arm64
W=$OUT/test-livepatch
G=$OUT/guests
XEN=$OUT/xen
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
XEN_ADDR=0x40200000
MOD_BASE=$((0x48000000))
MOD_STRIDE=$((0x01000000))
TIMEOUT=${KEEL_QEMU_TIMEOUT:-90}
SMP=3
mkdir -p "$W"

log=$W/lp.log
# shellcheck source=tests/livepatch/tap.sh
. "$(dirname "$0")/tap.sh"

# The device tree QEMU gives the machine, plus the two guests under /chosen.
make_dtb() {
    local base=$W/virt.dtb i=0 spec node img caps bargs addr
    qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,dumpdtb="$base" \
        -cpu max -smp "$SMP" -m 1G -nographic >/dev/null 2>&1
    LOADERS=()
    {
        dtc -q -I dtb -O dts "$base"
        echo "/ { chosen {"
        for spec in "$@"; do
            IFS=: read -r node img caps bargs <<<"$spec"
            addr=$((MOD_BASE + i * MOD_STRIDE))
            printf '    %s {\n        compatible = "xen,domain";\n' "$node"
            printf '        #address-cells = <2>;\n        #size-cells = <2>;\n'
            printf '        memory = <0 16384>;\n        cpus = <1>;\n'
            [ "$caps" != 0 ] && printf '        capabilities = <%d>;\n' "$caps"
            printf '        module@%x {\n' "$addr"
            printf '            compatible = "multiboot,kernel", "multiboot,module";\n'
            printf '            reg = <0 0x%x 0 0x%x>;\n' "$addr" "$(stat -c %s "$img")"
            printf '            bootargs = "%s";\n        };\n    };\n' "$bargs"
            LOADERS+=(-device "loader,file=$img,addr=$(printf 0x%x "$addr"),force-raw=on")
            i=$((i + 1))
        done
        echo "}; };"
    } > "$W/lp.dts"
    dtc -q -I dts -O dtb -o "$W/lp.dtb" "$W/lp.dts"
}

# run [QEMU args...]: boot the guests in GUESTS (node:image:caps:bootargs).
run() {
    make_dtb "${GUESTS[@]}"
    printf 'bootdelay=-2\nbootcmd=booti %s - ${fdtcontroladdr}; poweroff\n' "$XEN_ADDR" > "$W/env.txt"
    mkenvimage -s 0x40000 -o "$W/env.img" "$W/env.txt"
    truncate -s 64M "$W/env.img"
    timeout "$TIMEOUT" qemu-system-aarch64 -M virt,gic-version=3,virtualization=on -cpu max \
        -smp "$SMP" -m 1G -nographic -no-reboot -bios "$UBOOT" \
        -drive "if=pflash,unit=1,format=raw,file=$W/env.img,readonly=on" -dtb "$W/lp.dtb" \
        -device "loader,file=$XEN,addr=$XEN_ADDR,force-raw=on" "${LOADERS[@]}" "$@" \
        </dev/null > "$W/lp.log" 2>&1
    RC=$?
    sed -i 's/\r$//' "$W/lp.log"
}

check() {
    failed=0
    GUESTS=("control:$G/livepatch.Image:1:control"
        "bystander:$G/livepatch_bystander.Image:0:ms=${BYSTANDER_MS:-4000}")
    check_symtab "${CROSS_arm64:-aarch64-linux-gnu-}nm" "$OUT/xen-syms"
    run
    expect "livepatch: $SMP CPUs online" "^\(XEN\) $SMP of $SMP CPUs online"
    # The run-time symbol table names the patched function (addresses moved with the image).
    expect "livepatch: APPLY logged with all $SMP CPUs quiesced and xen_extra_version+0x0/size" \
        "^\(XEN\) livepatch: applied hello_world \(xen_extra_version\+0x0/0x[0-9a-f]+\): $SMP CPUs quiesced"
    expect "livepatch: a refused UPLOAD is explained on the console" \
        '^\(XEN\) livepatch: upload of a [0-9]+-byte payload refused: -22$'
    collect_tap 1 "control domain"
    collect_tap 2 "non-control domain"
    expect "livepatch: d1 (control) powered off" '^\(XEN\) d1 \(control\) shut down: poweroff'
    expect "livepatch: d2 (bystander) powered off" '^\(XEN\) d2 \(bystander\) shut down: poweroff'
    # The bystander must still be running when the control domain is done.
    local l1 l2
    l1=$(grep -n '^(XEN) d1 (control) shut down' "$W/lp.log" | cut -d: -f1)
    l2=$(grep -n '^(XEN) d2 (bystander) shut down' "$W/lp.log" | cut -d: -f1)
    if [ -n "$l1" ] && [ -n "$l2" ] && [ "$l2" -gt "$l1" ]; then
        ok "livepatch: d2 kept running through all of d1's patching"
    else
        not_ok "livepatch: d2 ended before d1 finished patching"
    fi
    expect_not "livepatch: no hypervisor fault" 'Hypervisor fault|PANIC'
    if [ "$RC" -eq 0 ]; then ok "livepatch: QEMU exit status 0"; else
        not_ok "livepatch: QEMU exit status $RC (124 = timed out)"; fi
    if [ "$failed" = 1 ]; then
        echo "---- console log of the live-patch run ----"
        tail -n 120 "$W/lp.log"
        echo "---- end ----"
    fi
    failed=0
    check_flood
    echo "livepatch: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}

# The same patching while the bystander floods the console with 64 KiB
# CONSOLEIO_writes: every APPLY, REVERT and REPLACE of d1 must still reach
# d2's CPU within the rendezvous timeout (the write goes out in slices,
# with the CPU's interrupts served between them), and the console must not
# carry the whole flood (d2's output budget).
check_flood() {
    local size
    GUESTS=("control:$G/livepatch.Image:1:control"
        "bystander:$G/livepatch_bystander.Image:0:ms=${BYSTANDER_MS:-4000} flood")
    run
    collect_tap 1 "control domain, beside a console flood"
    collect_tap 2 "flooding domain"
    expect "livepatch+flood: the flood was cut by d2's output budget" \
        '^\(XEN\) d2: [0-9]+ bytes of console output dropped \(rate limit\)$'
    size=$(stat -c %s "$W/lp.log")
    if [ "$size" -lt 400000 ]; then ok "livepatch+flood: console log stays small ($size bytes)"
    else not_ok "livepatch+flood: console log of $size bytes: the flood went out"; fi
    expect "livepatch+flood: d1 (control) powered off" '^\(XEN\) d1 \(control\) shut down: poweroff'
    expect_not "livepatch+flood: no hypervisor fault" 'Hypervisor fault|PANIC'
    if [ "$RC" -eq 0 ]; then ok "livepatch+flood: QEMU exit status 0"; else
        not_ok "livepatch+flood: QEMU exit status $RC (124 = timed out)"; fi
    if [ "$failed" = 1 ]; then
        echo "---- console log of the live-patch run beside a flood (tail) ----"
        grep -v '^(d2) [A-Z]*$' "$W/lp.log" | tail -n 80
        echo "---- end ----"
    fi
}

# Under -icount shift=0 (1 virtual ns = 1 instruction): UPLOAD+APPLY of
# hello_world as the control guest times it, and the quiesce window the
# hypervisor measured for that APPLY (first CPU stopped -> last resumed),
# with 1, 2 and 4 CPUs; the other CPUs run guests that spin in hypercalls.
bench() {
    local smp i up win cpus status=0
    echo "livepatch bench (QEMU -icount shift=0: 1 ns of virtual time = 1 instruction)"
    for smp in 1 2 4; do
        SMP=$smp
        GUESTS=("control:$G/livepatch.Image:1:bench")
        for ((i = 1; i < smp; i++)); do
            GUESTS+=("spin$i:$G/livepatch_bystander.Image:0:ms=30")
        done
        run -icount shift=0
        up=$(sed -n 's/^(d1) livepatch bench: UPLOAD+APPLY of hello_world took \([0-9]*\) ns$/\1/p' "$W/lp.log")
        read -r cpus win < <(sed -n 's/^(XEN) livepatch: applied hello_world ([^)]*): \([0-9]*\) CPUs quiesced for \([0-9]*\) ns$/\1 \2/p' "$W/lp.log")
        if [ -z "$up" ] || [ -z "${win:-}" ]; then
            echo "  -smp $smp: the run did not complete; console log:"; tail -n 40 "$W/lp.log"
            status=1; continue
        fi
        if [ "$smp" = 1 ]; then
            printf '  UPLOAD+APPLY of hello_world: %s instructions (-smp 1)\n' "$up"
        else
            # icount runs the CPUs round-robin on one clock: the others' instructions count too.
            printf '  UPLOAD+APPLY of hello_world with %d CPUs: %s ns virtual (all CPUs, round-robin)\n' \
                "$smp" "$up"
        fi
        printf '  quiesce window, %d CPUs (%s stopped): %s instructions (target: < 10000 with 4)\n' \
            "$smp" "$cpus" "$win"
    done
    return $status
}

case "${1:-check}" in
check) check ;;
bench) bench ;;
*) echo "usage: $0 check|bench" >&2; exit 2 ;;
esac
