#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Debian 12's amd64 kernel (tests/linux-x86_64/fetch.sh) as a generic PVH
# guest of Keel on x86, booted through GRUB in Bochs like the x86_64 suite
# (tests/x86_64/run-bochs.sh). Its console is the kernel's early serial
# console on Keel's emulated COM1; /init (tests/linux-x86_64/init) prints
# "KEEL-LINUX:" lines through /dev/kmsg, checked here.
#
#   run.sh check   one boot to /init and power-off (make check-linux-x86_64)
#   run.sh long    a panicking Linux and one reading outside its RAM, each
#                  ending alone (make check-linux-x86_64-long, in make test-long)
#   run.sh shell   the guest's busybox shell on the terminal (make run-linux ARCH=x86_64)
#   run.sh bench   the boot's TSC ticks (= Bochs instructions under
#                  clock: sync=none) and VM exits by reason (make bench)
# Each ends with "linux-x86_64: N passed, N failed" (bench prints figures).
set -uo pipefail

mode=${1:-check}
O=${O:-out}
L=$O/linux-x86_64
W=$O/x86_64/linux
TIMEOUT=${KEEL_LINUX_X86_TIMEOUT:-600}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$W"

pass=0 fail=0 n=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $*"; }

# expect LOG LABEL REGEX: one TAP line; a failure marks the run for its log.
expect() {
    if grep -qE "$3" "$1"; then ok "$2"; else not_ok "$2"; FAILED_RUN=1; fi
}

# expect_not LOG LABEL REGEX: ok when no line matches.
expect_not() {
    if grep -qE "$3" "$1"; then not_ok "$2"; FAILED_RUN=1; else ok "$2"; fi
}

# boot NAME ISO [CPUS] [MEGS]: one Bochs run; its serial log is $W/NAME.log.
boot() {
    local name=$1 iso=$2
    FAILED_RUN=0
    BOCHS_CPUS=${3:-1} BOCHS_MEGS=${4:-512} "$here/../x86_64/run-bochs.sh" "$iso" \
        "$W/$name/serial.log" "$TIMEOUT"
    tr -d '\r' <"$W/$name/serial.log" >"$W/$name.log" # the kernel console ends lines with CR LF
    echo "# $name: $(cat "$W/$name/timing")"
    if grep -q "timed out" "$W/$name/bochs.out"; then
        not_ok "$name: Bochs ended within ${TIMEOUT}s"
        FAILED_RUN=1
    fi
}

# Attach the serial log of a run that failed.
show_log_if_failed() {
    if [ "$FAILED_RUN" -ne 0 ]; then
        echo "# --- serial log of $1 ---"
        sed 's/^/# /' "$W/$1.log"
        echo "# --- end of log ---"
    fi
}

no_hypervisor_fault() {
    if grep -qE '^\(XEN\).*(PANIC|page fault|exception|FATAL)' "$W/$1.log"; then
        not_ok "$1: no hypervisor fault"
        FAILED_RUN=1
    else
        ok "$1: no hypervisor fault"
    fi
}

ver=$(cat "$L/version")
case "$mode" in
check)
    # The ABI test guest alone, then as d1 beside Linux (d2, two vCPUs):
    # its result lines must be the same, line for line.
    boot alone "$O/x86_64/keel-abi-alone.iso" 1 128
    show_log_if_failed alone
    BOCHS_INPUT=$'keel typed this line\r' BOCHS_INPUT_AFTER='\(d2\) KEEL-LINUX: line> ' \
        boot boot "$O/x86_64/keel-linux-abi.iso"
    log=$W/boot.log
    # Every result line, with one exception: a figure the guest measured in
    # TSC ticks ("2001545 ticks") differs from run to run, alone or not.
    grep -E '^\(d1\) (not )?ok ' "$W/alone.log" | sed -E 's/[0-9]+ ticks/N ticks/' >"$W/abi-alone.tap"
    grep -E '^\(d1\) (not )?ok ' "$log" | sed -E 's/[0-9]+ ticks/N ticks/' >"$W/abi-beside.tap"
    plan=$(sed -n 's/^(d1) 1\.\.\([0-9]*\).*/\1/p' "$W/alone.log" | head -n 1)
    if [ -n "$plan" ] && [ "$(grep -c '^(d1) ok ' "$W/abi-alone.tap")" -eq "$plan" ]; then
        ok "the ABI guest alone passes its whole plan ($plan)"
    else not_ok "the ABI guest alone: plan '${plan:-missing}', $(grep -c '^(d1) ok ' "$W/abi-alone.tap") ok"; fi
    if [ -s "$W/abi-alone.tap" ] && cmp -s "$W/abi-alone.tap" "$W/abi-beside.tap"; then
        ok "beside Linux the ABI guest's $(wc -l <"$W/abi-alone.tap") result lines are those it gives alone"
    else
        not_ok "beside Linux the ABI guest's result lines differ from its lines alone:"
        diff "$W/abi-alone.tap" "$W/abi-beside.tap" | sed 's/^/# /'
        FAILED_RUN=1
    fi
    expect "$log" "the ramdisk is handed over as module 0" '^\(XEN\) d2: linux: ramdisk of [0-9]+ KiB at 0x'
    expect "$log" "the kernel banner of Debian's $ver" "^\(d2\) \[ *0\.0+\] Linux version $ver "
    expect "$log" "Linux found Keel's ACPI tables (RSDP, XSDT, FADT, DSDT, MADT)" \
        '^\(d2\) .*ACPI: APIC 0x00000000000E02C0'
    expect_not "$log" "no ACPI checksum error or firmware warning" \
        'Incorrect checksum|ACPI BIOS (Error|Warning)|ACPI Error|ACPI Warning'
    expect "$log" "Linux enumerates its CPUs from the MADT" \
        '^\(d2\) .*ACPI: Using ACPI for processor \(LAPIC\) configuration information'
    expect "$log" "the TSC frequency came from CPUID, not from a PIT" '^\(d2\) .*tsc: Detected [0-9.]+ MHz processor'
    expect "$log" "Linux keeps the x2APIC" '^\(d2\) .*x2apic: enabled by BIOS, switching to x2apic ops'
    expect "$log" "two CPUs from the MADT" '^\(d2\) .*smpboot: Allowing 2 CPUs'
    expect "$log" "v0 starts v1 by INIT and STARTUP IPIs (real mode, below 1 MiB)" \
        '^\(XEN\) d2 v0: STARTUP IPI starts v1 at 0x[0-9a-f]{1,5}000$'
    expect "$log" "Linux brings the AP up" '^\(d2\) .*smp: Brought up 1 node, 2 CPUs'
    expect "$log" "Linux runs /init" '^\(d2\) .*Run /init as init process'
    expect "$log" "/init: uname -r is $ver" "^\(d2\) .*KEEL-LINUX: kernel $ver on x86_64\$"
    expect "$log" "/init: nproc is 2" '^\(d2\) .*KEEL-LINUX: nproc 2$'
    expect "$log" "/init takes CPU1 offline: Linux's dead CPU halts with interrupts off" \
        '^\(d2\) .*KEEL-LINUX: cpu1 offline: online 0, nproc 1$'
    expect "$log" "/init brings CPU1 back: v0 starts the offline v1 again (INIT, STARTUP)" \
        '^\(d2\) .*KEEL-LINUX: cpu1 back: online 0-1, nproc 2$'
    starts=$(grep -c '^(XEN) d2 v0: STARTUP IPI starts v1 at ' "$log")
    if [ "$starts" = 2 ]; then ok "v1 started twice: at boot and after its hotplug"
    else not_ok "v1 started $starts times, not twice (boot, hotplug)"; FAILED_RUN=1; fi
    # CPUID's topology (leaf 0BH): one package, a core per vCPU, so the AP
    # takes the boot CPU's delay-loop calibration instead of measuring it.
    expect "$log" "/init: both CPUs in package 0, cores 0 and 1" '^\(d2\) .*KEEL-LINUX: topology 0\.0 0\.1$'
    expect "$log" "Linux finds one package" '^\(d2\) .*smpboot: Max logical packages: 1$'
    bogo=$(sed -n 's/^(d2) .*Calibrating delay loop (skipped).* \([0-9.]*\) BogoMIPS.*/\1/p' "$log" | head -n 1)
    total=$(sed -n 's/^(d2) .*smpboot: Total of 2 processors activated (\([0-9.]*\) BogoMIPS)$/\1/p' "$log")
    if [ -n "$bogo" ] && [ "$total" = "$(awk -v b="$bogo" 'BEGIN { printf "%.2f", 2 * b }')" ]; then
        ok "the AP took the boot CPU's delay-loop figure, not a measurement of its own ($total BogoMIPS)"
    else not_ok "the AP's delay loop: boot CPU '${bogo:-none}', total '${total:-none}' BogoMIPS"; FAILED_RUN=1; fi
    # The RTC is the machine's (Bochs: the host's local time, which Linux
    # takes for UTC): within a day of now, not 1970.
    clock=$(sed -n 's/^(d2) .*KEEL-LINUX: clock \([0-9]*\)$/\1/p' "$log" | head -n 1)
    if [ -n "$clock" ] && [ $((clock - $(date +%s))) -lt 86400 ] && [ $(($(date +%s) - clock)) -lt 86400 ]; then
        ok "Linux's clock came from the RTC ($(date -u -d "@$clock" '+%F %T'))"
    else not_ok "Linux's clock '${clock:-none}' is not within a day of now"; FAILED_RUN=1; fi
    expect_not "$log" "Linux read the RTC without waiting for it" 'Unable to read current time from RTC'
    ipis=$(sed -n 's/^(d2) .*KEEL-LINUX: ipis \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$log")
    if [ -n "$ipis" ] && [ "${ipis% *}" -gt 0 ] && [ "${ipis#* }" -gt 0 ]; then
        ok "IPIs between the vCPUs: each CPU took some (CPU0 CPU1: $ipis)"
    else not_ok "IPIs between the vCPUs '${ipis:-none}'"; FAILED_RUN=1; fi
    expect "$log" "a line typed on the console reaches Linux's ttyS0 and is read back" \
        '^\(d2\) .*KEEL-LINUX: read back: keel typed this line$'
    timer=$(sed -n 's/^(d2) .*KEEL-LINUX: timer interrupts \([0-9]*\)$/\1/p' "$log")
    if [ "${timer:-0}" -gt 0 ]; then ok "vLAPIC timer interrupts counted by Linux ($timer)"
    else not_ok "vLAPIC timer interrupts '${timer:-none}'"; FAILED_RUN=1; fi
    # apic16: Linux ticks with the vLAPIC timer in TSC-deadline mode (SDM Vol. 3A 11.5.4.1)
    expect "$log" "Linux's clockevent is the vLAPIC timer in TSC-deadline mode (lapic-deadline)" \
        '^\(d2\) .*KEEL-LINUX: clockevent lapic-deadline$'
    # apic16: end
    expect "$log" "the AP stops on Linux's stop IPI, halting with interrupts off" \
        '^\(XEN\) d2 v1 halted with interrupts off: offline'
    expect "$log" "Linux powers off: its last vCPU halts with interrupts off" \
        '^\(XEN\) d2: all vCPUs offline \(HLT with interrupts off\): powering off'
    expect "$log" "the machine powers off after it" \
        '^\(XEN\) all domains have ended \(2, 0 crashed\): d1:poweroff d2:poweroff'
    no_hypervisor_fault boot
    show_log_if_failed boot
    ;;
long)
    boot crash "$O/x86_64/keel-linux-crash.iso" 2 1024
    log=$W/crash.log
    expect "$log" "d1 panics" '^\(d1\) .*Kernel panic - not syncing'
    expect "$log" "d1 ends alone: a triple fault (reboot=t)" '^\(XEN\) d1 crashed: triple fault'
    expect "$log" "d2 reads outside its RAM" '^\(d2\) .*KEEL-LINUX: reading GPA 0x10000000'
    expect "$log" "d2 ends alone: an EPT violation at 0x10000000" \
        '^\(XEN\) d2 crashed: EPT violation.*gpa 0x10000000'
    expect_not "$log" "d2 did not survive its read" 'KEEL-LINUX: still alive after the read'
    expect "$log" "the machine powers off after both" \
        '^\(XEN\) all domains have ended \(2, 2 crashed\): d1:crash d2:crash'
    no_hypervisor_fault crash
    show_log_if_failed crash
    ;;
shell)
    # make run-linux ARCH=x86_64: the terminal is COM1 (Ctrl-] leaves Bochs).
    echo "Keel on Bochs with Debian's Linux (2 vCPUs): its busybox shell comes after ~1-3 minutes of boot;"
    echo "'exit' powers it off; Ctrl-] ends the session. Serial log: $W/shell/serial.log"
    BOCHS_INPUT=--interactive BOCHS_CPUS=1 BOCHS_MEGS=512 "$here/../x86_64/run-bochs.sh" \
        "$O/x86_64/keel-linux-shell.iso" "$W/shell/serial.log" 3600
    exit 0
    ;;
bench)
    boot bench "$O/x86_64/keel-linux.iso"
    log=$W/bench.log
    line=$(grep -E '^\(XEN\) d1: [0-9]+ TSC ticks; VM exits by reason:' "$log" | tail -n 1)
    if [ -z "$line" ]; then
        echo "bench-linux-x86_64: no statistics line; serial log:"
        cat "$log"
        exit 1
    fi
    vcpus=$(sed -n 's/^(XEN) d1 (linux): \([0-9]*\) vCPUs\{0,1\},.*/\1/p' "$log")
    echo "bench-linux-x86_64: Debian $ver, ${vcpus:-?} vCPU(s), build to power-off: $(echo "$line" |
        sed -E 's/.* ([0-9]+) TSC ticks.*/\1/') TSC ticks (Bochs instructions); $(cat "$W/bench/timing")"
    echo "bench-linux-x86_64: uptime at /init: $(sed -n 's/.*KEEL-LINUX: init reached at uptime \(.*\)/\1/p' "$log") s of guest time"
    echo "bench-linux-x86_64: VM exits by reason (SDM Vol. 3D appendix C; VMCALLs of the fast path not counted):"
    echo "$line" | sed -E 's/.*by reason://' | tr ' ' '\n' | grep . | awk -F: '
        BEGIN { n[0]="exception/NMI"; n[1]="external interrupt"; n[2]="triple fault";
                n[7]="interrupt window"; n[10]="CPUID"; n[12]="HLT"; n[18]="VMCALL";
                n[28]="CR access"; n[30]="I/O instruction"; n[31]="RDMSR"; n[32]="WRMSR";
                n[48]="EPT violation"; n[52]="preemption timer" }
        { printf "  %-20s %10d\n", ($1 in n) ? n[$1] : "reason " $1, $2 }'
    exit 0
    ;;
*)
    echo "run.sh: check, long or bench" >&2
    exit 2
    ;;
esac
echo "linux-x86_64: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
