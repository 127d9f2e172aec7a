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
set -uo pipefail

# Room for a 33 MB kernel and its initramfs per guest: 96 MiB slots, the
# ramdisk 64 MiB into the slot.
MOD_STRIDE=$((0x06000000))
RD_OFFSET=$((0x04000000))
TIMEOUT=${KEEL_LINUX_TIMEOUT:-150}
. "$(dirname "$0")/../arm64/lib.sh"
export QEMU_MEM=1G

L=$O/linux
KERNEL=$L/Image
INITRD=$L/initrd.gz
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

# Console input typed once /init asks for it reaches the guest's vPL011.
INPUT_LINE="keel-typed-line"
expect_rx() {
    expect "$1" "$2: a line typed on the console was read through the vPL011" \
        "^\(d$3\) KEEL-LINUX: read '$INPUT_LINE'\$"
}

boot_linux() {
    local name=$1 smp=$2
    shift 2
    INPUT="$INPUT_LINE"$'\r' INPUT_AFTER="KEEL-LINUX: type a line" boot "$name" "$smp" "" "$@"
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
    expect_exit "1 vCPU, -cpu max" 0
    finish_run linux1
}

# 2 vCPUs on 2 CPUs under -cpu cortex-a57: PSCI CPU_ON, IPIs, per-vCPU timers.
test_two_vcpus() {
    QEMU_CPU=cortex-a57 boot_linux linux2 2 "$(linux_spec linux 2 rx)"
    expect_linux_boot linux2 "2 vCPUs, -cpu cortex-a57" 1 2
    expect_rx linux2 "2 vCPUs, -cpu cortex-a57" 1
    expect linux2 "2 vCPUs, -cpu cortex-a57: guest powered off" '^\(XEN\) d1 \(linux\) shut down: poweroff'
    expect linux2 "2 vCPUs, -cpu cortex-a57: hypervisor powered the machine off" \
        '^\(XEN\) all domains have ended \(1, 0 crashed\)'
    expect_exit "2 vCPUs, -cpu cortex-a57" 0
    finish_run linux2
}

# Linux (CPU0) beside the ABI conformance guest (CPU1): both finish.
test_beside_abi() {
    QEMU_CPU=max boot_linux linux-abi 2 "$(linux_spec linux 1 rx)" \
        "abi:$G/abi_test.Image:16384:1:0:0:plain"
    expect_linux_boot linux-abi "beside the ABI guest" 1 1
    collect_tap linux-abi 2 "beside Linux: ABI guest" summary
    expect linux-abi "beside the ABI guest: Linux powered off" '^\(XEN\) d1 \(linux\) shut down: poweroff'
    expect linux-abi "beside the ABI guest: ABI guest powered off" '^\(XEN\) d2 \(abi\) shut down: poweroff'
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

case "${1:-check}" in
check)
    test_one_vcpu
    test_two_vcpus
    test_beside_abi
    test_panic
    test_fault
    echo "linux: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    ;;
one)
    shift
    "$@"
    echo "linux: $pass passed, $fail failed"
    ;;
*)
    echo "usage: $0 check|bench" >&2
    exit 2
    ;;
esac
