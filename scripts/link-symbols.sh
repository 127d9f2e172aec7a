#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# link-symbols.sh OUT NM CC LD [ld arguments...]
# Link OUT with its own symbol table, in passes as Xen does: first with an
# empty table, then with the table of the link before, until the table
# generated from a link equals the one linked into it (a table that does not
# describe its own image would name the wrong functions). The table's
# entries are of variable length (gen-symbols.sh), so its size can move what
# follows it by a few bytes more than once: usually three links, at most
# five, or the link fails. With RELOCS_READELF set (arm64), each pass also
# links the relocation list of the link before (gen-relocs.sh), and the
# passes end when both the table and the list describe their own image.
set -eu
out=$1 nm=$2 cc=$3
shift 3
relocs() {
    if [ -n "${RELOCS_READELF:-}" ]; then
        "$(dirname "$0")/gen-relocs.sh" "$RELOCS_READELF" "$1"
    fi
}
dir=$(dirname "$out")/.symbols
mkdir -p "$dir"
here=$(dirname "$0")
asm() { "$cc" -c -x assembler "$1" -o "$2"; }

printf '    .section .rodata.symbols, "a"\n    .balign 8\n    .globl symbols_count, symbols_base, symbols_blocks, symbols_entries\n    .globl symbols_strings, symbols_pairs\nsymbols_base:\n    .quad 0\nsymbols_count:\n    .long 0\nsymbols_blocks:\nsymbols_pairs:\n    .fill 512\nsymbols_entries:\nsymbols_strings:\n    .byte 0\n    .globl symbols_end\nsymbols_end:\n    .section .note.GNU-stack, "", %%progbits\n' >"$dir/pass0.S"
[ -z "${RELOCS_READELF:-}" ] ||
    printf '    .section .relocs, "a"\n    .globl __relocs_start, __relocs_end\n__relocs_start:\n__relocs_end:\n' >>"$dir/pass0.S"
asm "$dir/pass0.S" "$dir/pass0.o"
"$@" -o "$dir/pass0.elf" "$dir/pass0.o"
pass=0
while :; do
    next=$((pass + 1))
    { "$here/gen-symbols.sh" "$nm" "$dir/pass$pass.elf"; relocs "$dir/pass$pass.elf"; } >"$dir/pass$next.S"
    [ $pass -gt 0 ] && cmp -s "$dir/pass$pass.S" "$dir/pass$next.S" && break
    if [ $next -gt 5 ]; then
        echo "$out: the symbol table is not stable between link passes:" >&2
        diff "$dir/pass$pass.S" "$dir/pass$next.S" | head -20 >&2
        exit 1
    fi
    asm "$dir/pass$next.S" "$dir/pass$next.o"
    "$@" -o "$dir/pass$next.elf" "$dir/pass$next.o"
    pass=$next
done
mv "$dir/pass$pass.elf" "$out"
