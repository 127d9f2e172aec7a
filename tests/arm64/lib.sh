#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers shared by the QEMU integration runs of the AArch64 hypervisor
# (tests/arm64/run.sh, tests/linux/run.sh): QEMU's own device tree with
# dom0less guest nodes, a U-Boot environment in pflash, a booti of the
# hypervisor, TAP bookkeeping. Sourced, not run.
#
# Settings a caller may change before sourcing: MOD_STRIDE (bytes between
# guests' modules), RD_OFFSET (ramdisk offset in a guest's slot), TIMEOUT;
# and at any time: QEMU_CPU, QEMU_MEM.

O=${O:-out}
OUT=$O/arm64
W=$OUT/test
G=$OUT/guests
XEN=$OUT/xen
UBOOT=/usr/lib/u-boot/qemu_arm64/u-boot.bin
XEN_ADDR=0x40200000
FIT_ADDR=0x44000000
MOD_BASE=$((0x48000000))
MOD_STRIDE=${MOD_STRIDE:-$((0x01000000))}
RD_OFFSET=${RD_OFFSET:-$((MOD_STRIDE / 2))}
TIMEOUT=${TIMEOUT:-${KEEL_QEMU_TIMEOUT:-60}}
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
    local smp=$1 f=$W/virt-smp$1-${QEMU_CPU:-max}-${QEMU_MEM:-1G}
    if [ ! -f "$f.dts" ]; then
        qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,dumpdtb="$f.dtb" \
            -cpu "${QEMU_CPU:-max}" -smp "$smp" -m "${QEMU_MEM:-1G}" -nographic >/dev/null 2>&1
        dtc -q -I dtb -O dts -o "$f.dts" "$f.dtb"
    fi
    cat "$f.dts"
}

# U-Boot environment in a 64 MiB pflash: boot at once with this command;
# if the boot command fails, power off rather than wait at the prompt.
make_env() {
    local name=$1 cmd=$2
    printf 'bootdelay=-2\nbootcmd=%s; poweroff\n' "$cmd" > "$W/$name.env.txt"
    mkenvimage -s 0x40000 -o "$W/$name.env.img" "$W/$name.env.txt"
    truncate -s 64M "$W/$name.env.img"
}

# make_dtb NAME SMP XEN_BOOTARGS GUEST... where GUEST is
#   node:image:mem_kib:cpus:caps:vpl011(0|1):bootargs[:ramdisk]
# Sets LOADERS to the QEMU -device loader arguments for the modules.
make_dtb() {
    local name=$1 smp=$2 xenargs=$3
    shift 3
    local i=0 spec node img mem cpus caps vpl bargs rd addr size
    LOADERS=()
    {
        base_dts "$smp"
        echo "/ { chosen {"
        echo "    xen,xen-bootargs = \"$xenargs\";"
        for spec in "$@"; do
            IFS=: read -r node img mem cpus caps vpl bargs rd <<<"$spec"
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
            printf '            bootargs = "%s";\n        };\n' "$bargs"
            LOADERS+=(-device "loader,file=$img,addr=$(printf 0x%x "$addr"),force-raw=on")
            if [ -n "$rd" ]; then
                # The ramdisk goes at RD_OFFSET in this guest's slot.
                addr=$((addr + RD_OFFSET))
                printf '        module@%x {\n' "$addr"
                printf '            compatible = "multiboot,ramdisk", "multiboot,module";\n'
                printf '            reg = <0 0x%x 0 0x%x>;\n        };\n' "$addr" "$(stat -c %s "$rd")"
                LOADERS+=(-device "loader,file=$rd,addr=$(printf 0x%x "$addr"),force-raw=on")
            fi
            printf '    };\n'
            i=$((i + 1))
        done
        echo "}; };"
    } > "$W/$name.dts"
    dtc -q -I dts -O dtb -o "$W/$name.dtb" "$W/$name.dts"
}

# N letters a..z, a..z, ...: a long line to type on a console.
rx_letters() {
    local n=$1 abc=abcdefghijklmnopqrstuvwxyz line=""
    while [ ${#line} -lt "$n" ]; do line+=$abc; done
    printf '%s' "${line:0:$n}"
}

wait_for_input_prompt() {
    local t
    if [ -z "${INPUT_AFTER:-}" ]; then
        sleep 2
        return 0
    fi
    for ((t = 0; t < TIMEOUT * 5; t++)); do
        # INPUT_AFTER may hold several patterns, one per line: all must have shown.
        local pat seen=1
        while IFS= read -r pat; do
            grep -Eq -- "$pat" "$1" 2>/dev/null || { seen=0; break; }
        done <<<"$INPUT_AFTER"
        [ "$seen" = 1 ] && return 0
        # The run ended without asking: do not hold the pipeline open.
        grep -Eq '^\(XEN\) all domains have ended|^\(XEN\) PANIC|terminating on signal' "$1" 2>/dev/null &&
            return 1
        sleep 0.2
    done
    return 1
}

# run_qemu NAME SMP MACHINE_EXTRA [qemu args...]: console to $W/NAME.log,
# exit status in RC (124: timed out).
run_qemu() {
    local name=$1 smp=$2 machine=$3
    shift 3
    # INPUT, if set, is typed on the console two seconds after start, or
    # once the console shows a line matching each line of INPUT_AFTER. QEMU's escape key
    # is Ctrl-T (-echr 20), so a Ctrl-A in INPUT reaches the hypervisor.
    rm -f "$W/$name.log"
    { [ -n "${INPUT:-}" ] && wait_for_input_prompt "$W/$name.log" && printf '%s' "$INPUT"; } |
        timeout "$TIMEOUT" qemu-system-aarch64 -M "virt,gic-version=3$machine" -cpu "${QEMU_CPU:-max}" \
            -smp "$smp" -m "${QEMU_MEM:-1G}" -nographic -echr 20 -no-reboot -bios "$UBOOT" \
            -drive "if=pflash,unit=1,format=raw,file=$W/$name.env.img,readonly=on" \
            "$@" > "$W/$name.log" 2>&1
    RC=${PIPESTATUS[1]}
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
# With "summary" as 4th argument only failures and one total line count.
collect_tap() {
    local name=$1 dom=$2 label=$3 mode=${4:-all} line plan count=0 bad=0
    while IFS= read -r line; do
        count=$((count + 1))
        case "$line" in
            "ok "*) [ "$mode" = all ] && ok "$label: ${line#ok * - }" ;;
            *) not_ok "$label: ${line#not ok * - }"; FAILED_RUN=1; bad=$((bad + 1)) ;;
        esac
    done < <(sed -n "s/^(d$dom) \(\(not \)\{0,1\}ok [0-9]* - .*\)$/\1/p" "$W/$name.log")
    [ "$mode" = summary ] && [ "$bad" -eq 0 ] && [ "$count" -gt 0 ] &&
        ok "$label: all $count of its own tests passed"
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

