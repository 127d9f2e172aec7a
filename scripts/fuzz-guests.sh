#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make fuzz-guests: the hostile guests with random seeds for FUZZ_SECONDS
# (default 600), arm64 (QEMU, beside a victim guest) and x86_64 (Bochs,
# beside a bystander) in turn. Each run is the one make test runs with its
# fixed seed; any failure (a hypervisor fault, a changed victim, a hang)
# stops the campaign and prints the seed that replays it:
#   arm64:  HOSTILE_SEED=N tests/arm64/run.sh hostile
#   x86_64: FUZZ_SEED=N FUZZ_SECONDS=1 FUZZ_ARCHES=x86_64 scripts/fuzz-guests.sh
# FUZZ_SEED=N runs that seed first; FUZZ_ARCHES limits the architectures.
set -uo pipefail
cd "$(dirname "$0")/.."

O=${O:-out}
seconds=${FUZZ_SECONDS:-600}
arches=${FUZZ_ARCHES:-arm64 x86_64}
end=$((SECONDS + seconds))
runs=0
next_seed=${FUZZ_SEED:-}

seed() {
    if [ -n "$next_seed" ]; then echo "$next_seed"; next_seed=""; else echo $(( (RANDOM << 15 | RANDOM) + 1 )); fi
}

fail() {
    echo "fuzz-guests: FAILED on $1 with seed $2 after $runs runs; replay: $3" >&2
    exit 1
}

run_arm64() {
    local s=$1 out
    out=$(O=$O HOSTILE_SEED=$s tests/arm64/run.sh hostile 2>&1)
    if ! grep -qE '^arm64: [0-9]+ passed, 0 failed$' <<<"$out"; then
        grep -E '^not ok' <<<"$out" | head -20
        fail arm64 "$s" "HOSTILE_SEED=$s tests/arm64/run.sh hostile"
    fi
}

run_x86_64() {
    local s=$1 w=$O/x86_64/fuzz-guests log
    mkdir -p "$w"
    log=$w/serial.log
    tests/x86_64/mkiso.sh "$w/hostile.iso" multiboot2 "$O/x86_64/xen" "console=com1 loglvl=info" \
        "$O/x86_64/guests/hostile.elf name=hostile mem=16M cpus=1 caps=1 control seed=$s iterations=1000 final" \
        "$O/x86_64/guests/abi_test.elf name=bystander mem=16M cpus=1 plain" >/dev/null 2>&1 ||
        fail x86_64 "$s" "(could not build the ISO)"
    tests/x86_64/run-bochs.sh "$w/hostile.iso" "$log" 150 >/dev/null 2>&1
    sed -i 's/\r$//' "$log"
    # The victim passes all it planned, d1 ends crashed by its last step only,
    # the machine powers off, no hypervisor fault.
    local plan oks
    plan=$(sed -n 's/^(d2) 1\.\.\([0-9]*\)$/\1/p' "$log" | tail -n 1)
    oks=$(grep -c '^(d2) ok ' "$log")
    if [ -z "$plan" ] || [ "$oks" != "$plan" ] || grep -q '^(d2) not ok' "$log" ||
        grep -q FATAL "$log" || ! grep -q 'all domains have ended (2, 1 crashed): d1:crash d2:poweroff' "$log"; then
        tail -n 40 "$log"
        fail x86_64 "$s" "FUZZ_SEED=$s FUZZ_SECONDS=1 FUZZ_ARCHES=x86_64 scripts/fuzz-guests.sh"
    fi
}

while [ "$SECONDS" -lt "$end" ] || [ "$runs" -eq 0 ]; do
    for a in $arches; do
        s=$(seed)
        echo "fuzz-guests: $a seed $s"
        "run_$a" "$s"
        runs=$((runs + 1))
        [ "$SECONDS" -lt "$end" ] || break
    done
done
echo "fuzz-guests: $runs runs, no failure, in $SECONDS s"
