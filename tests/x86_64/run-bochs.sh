#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-bochs.sh ISO SERIAL_LOG TIMEOUT_SECONDS [--tee]
#
# Boot ISO in Bochs (DESIGN section 5: corei7_skylake_x with VMX, EPT, VPID
# and unrestricted guest) with COM1 written to SERIAL_LOG. Bochs starts in
# its debugger, so an -rc file continues and quits; it has no headless
# display here, so the RFB (VNC) one waits for nobody (it picks the next
# free port itself when several runs share the machine). Bochs always
# exits with status 1: the caller judges the run by the serial log. The
# run ends when the hypervisor writes "Shutdown" to port 0x8900, or at the
# timeout. Prints the wall time from Bochs start to the first guest line.
#
# Environment: BOCHS_CPU picks another CPU model (default corei7_skylake_x);
# BOCHS_CPUS the number of CPUs (default 1; Debian's Bochs is built with SMP);
# BOCHS_MEGS its RAM in MiB (default 128);
# BOCHS_STOP, an extended regex, ends the run once the log matches it (for
# runs that end with the CPU halted rather than the machine off);
# BOCHS_INPUT, text typed on COM1 once the log matches every line of
# BOCHS_INPUT_AFTER (extended regexes): COM1 then goes through a socket to
# serial-socket.py, which writes the same log (Bochs's file mode has no input).
set -uo pipefail
cpu=${BOCHS_CPU:-corei7_skylake_x}
cpus=${BOCHS_CPUS:-1}
stop=${BOCHS_STOP:-}

iso=$1 log=$2 limit=$3 tee=${4:-}
dir=$(dirname "$log")
mkdir -p "$dir"
rm -f "$log"
: >"$log"

com1="mode=file, dev=\"$(realpath "$log")\""
helper=""
if [ -n "${BOCHS_INPUT:-}" ]; then
    rm -f "$dir/com1.port"
    # BOCHS_INPUT=--interactive: the user's terminal (a background job's stdin is /dev/null).
    if [ "$BOCHS_INPUT" = --interactive ]; then
        python3 "$(dirname "$0")/serial-socket.py" "$log" "$dir/com1.port" --interactive </dev/tty &
    else
        python3 "$(dirname "$0")/serial-socket.py" "$log" "$dir/com1.port" "$BOCHS_INPUT" \
            "${BOCHS_INPUT_AFTER:-}" &
    fi
    helper=$!
    for _ in $(seq 100); do [ -s "$dir/com1.port" ] && break; sleep 0.1; done
    com1="mode=socket-client, dev=localhost:$(cat "$dir/com1.port")"
fi

cat >"$dir/bochsrc" <<BOCHSRC
megs: ${BOCHS_MEGS:-128}
cpu: model=$cpu, count=$cpus, ips=200000000
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/bochs/VGABIOS-lgpl-latest
ata0-master: type=cdrom, path="$(realpath "$iso")", status=inserted
boot: cdrom
com1: enabled=1, $com1
display_library: rfb, options="timeout=0"
clock: sync=none, time0=local
log: $dir/bochs.log
panic: action=fatal
error: action=report
info: action=ignore
debug: action=ignore
BOCHSRC
printf 'c\nquit\n' >"$dir/bochs.rc"

start=$(date +%s.%N)
timeout --kill-after=5 "$limit" bochs -q -f "$dir/bochsrc" -rc "$dir/bochs.rc" \
    >"$dir/bochs.out" 2>&1 &
pid=$!
first=""
if [ "$tee" = --tee ]; then
    tail -n +1 -f "$log" --pid=$pid &
fi
while kill -0 $pid 2>/dev/null; do
    if [ -n "$helper" ] && ! kill -0 "$helper" 2>/dev/null; then
        kill -TERM $pid 2>/dev/null # COM1's other end is gone (Ctrl-] in a session)
        break
    fi
    if [ -z "$first" ] && grep -q '^(d[0-9]*) ' "$log" 2>/dev/null; then
        first=$(date +%s.%N)
    fi
    if [ -n "$stop" ] && grep -qE "$stop" "$log" 2>/dev/null; then
        sleep 0.5 # the rest of the line
        kill -TERM $pid 2>/dev/null
        break
    fi
    sleep 0.1
done
wait $pid
rc=$?
if [ -n "$helper" ]; then
    kill "$helper" 2>/dev/null
    wait "$helper" 2>/dev/null
fi
end=$(date +%s.%N)
[ -z "$first" ] && grep -q '^(d[0-9]*) ' "$log" && first=$end
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "run-bochs: timed out after ${limit}s" >>"$dir/bochs.out"
fi
awk -v s="$start" -v f="$first" -v e="$end" 'BEGIN {
    printf "run-bochs: %.1f s in Bochs", e - s
    if (f != "") printf ", first guest line after %.1f s", f - s
    printf "\n" }' >"$dir/timing"
exit 0
