# SPDX-License-Identifier: GPL-2.0-only
#
# TAP helpers of the live-patch runners (run.sh on ARM64, run-x86_64.sh), to
# be sourced. Checks read the console log named by $log; counters pass, fail
# and n; failed=1 once any check failed (the runner then prints the log).

pass=0 fail=0 n=0 failed=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); fail=$((fail + 1)); failed=1; echo "not ok $n - $*"; }
expect() { if grep -Eq -- "$2" "$log"; then ok "$1"; else not_ok "$1"; fi; }
expect_not() { if grep -Eq -- "$2" "$log"; then not_ok "$1"; else ok "$1"; fi; }

# A guest's own TAP lines "(dN) ok K - ..." become ours; its plan must match.
collect_tap() {
    local dom=$1 label=$2 line count=0 plan
    while IFS= read -r line; do
        count=$((count + 1))
        case "$line" in
            "ok "*) ok "$label: ${line#ok * - }" ;;
            *) not_ok "$label: ${line#not ok * - }" ;;
        esac
    done < <(sed -n "s/^(d$dom) \(\(not \)\{0,1\}ok [0-9]* - .*\)$/\1/p" "$log")
    plan=$(sed -n "s/^(d$dom) 1\.\.\([0-9]*\)$/\1/p" "$log" | tail -n 1)
    if [ -n "$plan" ] && [ "$plan" -eq "$count" ] && [ "$count" -gt 0 ]; then
        ok "$label: all $count planned tests reported"
    else
        not_ok "$label: plan '${plan:-none}' but $count tests reported"
    fi
}

# check_symtab NM ELF: the symbol table linked into ELF, decoded as
# <xen/symbols.h> describes it, names nm's symbols with their addresses and sizes.
check_symtab() {
    local line
    if line=$(python3 "$(dirname "${BASH_SOURCE[0]}")/symtab.py" "$1" "$2"); then
        ok "${line#ok - }"
    else
        not_ok "${line#not ok - }"
    fi
}
