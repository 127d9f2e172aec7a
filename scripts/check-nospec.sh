#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-nospec.sh ARCH OBJDUMP XEN-SYMS SITES
#
# Fails (exit 1, naming the function) when a function of SITES that indexes
# a table with a guest-chosen value does not hold its array_index_nospec()
# masks in the linked hypervisor, or (order "first") loads through an index
# register before the first mask. The masks are asm (xen/include/xen/nospec.h), so a compiler
# cannot delete them; this check is what notices when someone drops one, or
# when a plain-C mask comes back and is folded away.
#
# What it recognises, by architecture:
#   arm64   mask: CSEL immediately followed by CSDB
#           indexed load: LDR* with a register offset, [Xn, Xm|Wm ...]
#   x86_64  mask: SBB of a register from itself
#           indexed load: a non-LEA instruction with a (base,index,scale)
#           memory operand, and an indirect JMP/CALL through one
# It reads instructions in address order, not control flow: a function
# listed here is small and straight-line up to its table access.
set -euo pipefail

arch=$1 objdump=$2 image=$3 sites=$4
fail=0

check_function() {
    local fn=$1 min=$2 order=$3 dis
    dis=$("$objdump" -d --no-show-raw-insn --disassemble="$fn" "$image" 2>/dev/null |
          sed -n '/^[0-9a-f]* <'"$fn"'>:$/,/^$/p')
    if [ -z "$dis" ]; then
        echo "check-nospec: $image: function $fn not found (renamed or inlined?): update $sites" >&2
        return 1
    fi
    awk -v arch="$arch" -v fn="$fn" -v min="$min" -v order="$order" -v image="$image" '
        function insn(line,   t) { t = line; sub(/^ *[0-9a-f]+:\t/, "", t); return t }
        /^ *[0-9a-f]+:\t/ {
            t = insn($0)
            if (arch == "arm64") {
                if (prev ~ /^csel\t/ && t ~ /^csdb/) masks++
                indexed = (t ~ /^ldr[a-z]*\t[^[]*\[x[0-9]+, [xw][0-9]+/)
            } else {
                if (t ~ /^sbb[a-z]* +%[a-z0-9]+,%[a-z0-9]+/) {
                    split(t, f, /[ ,]+/)
                    if (f[2] == f[3]) masks++
                }
                indexed = (t !~ /^(lea|nop|cs nop)/ && t ~ /\(%?[a-z0-9]*,%[a-z0-9]+,[1248]\)/)
            }
            if (order == "first" && indexed && masks == 0) {
                printf "check-nospec: %s: %s loads through an index before any mask: %s\n",
                       image, fn, t > "/dev/stderr"
                bad = 1
            }
            prev = t
        }
        END {
            if (masks < min) {
                printf "check-nospec: %s: %s has %d array_index_nospec() mask(s), needs %d\n",
                       image, fn, masks, min > "/dev/stderr"
                bad = 1
            }
            exit bad
        }' <<<"$dis"
}

while read -r fn arches min order _; do
    case $fn in ''|'#'*) continue ;; esac
    case $order in first|any) ;; *)
        echo "check-nospec: $sites: $fn: order must be \"first\" or \"any\", not \"$order\"" >&2
        fail=1; continue ;;
    esac
    if [ "$arches" != all ] && [[ ",$arches," != *",$arch,"* ]]; then
        continue
    fi
    check_function "$fn" "$min" "$order" || fail=1
done < "$sites"

if [ "$arch" = x86_64 ]; then
    # A switch's jump table (jmp *table(,%reg,8)) is a guest-indexed
    # indirect branch when the switch is over a guest's value: the
    # hypervisor is built with -fno-jump-tables, and this keeps it so.
    tables=$("$objdump" -d --no-show-raw-insn "$image" | grep -E '\bjmp +\*0x[0-9a-f]+\(,%r[a-z0-9]+,8\)' || true)
    if [ -n "$tables" ]; then
        echo "check-nospec: $image: indirect branches through a table:" >&2
        echo "$tables" >&2
        fail=1
    fi
fi
exit $fail
