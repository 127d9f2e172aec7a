#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# link-symbols.sh OUT NM CC LD [ld arguments...]
# Link OUT with its own symbol table, in three passes as Xen does: first with
# an empty table, then with the table of that link (whose addresses are off by
# the table's size), then with the table of the second link, which has the
# final layout. The table of the third link must equal the one linked into
# it, or the link fails: a table that does not describe its own image would
# name the wrong functions.
set -eu
out=$1 nm=$2 cc=$3
shift 3
dir=$(dirname "$out")/.symbols
mkdir -p "$dir"
here=$(dirname "$0")
asm() { "$cc" -c -x assembler "$1" -o "$2"; }

printf '    .section .rodata.symbols, "a"\n    .balign 8\n    .globl symbols_count, symbols_base, symbols_offs, symbols_sizes\n    .globl symbols_name_offs, symbols_strings, symbols_token_offs, symbols_tokens\n    .globl symbols_nr_big, symbols_big, symbols_block_offs, symbols_nr_far, symbols_far\nsymbols_base:\n    .quad 0\nsymbols_count:\n    .long 0\nsymbols_big:\nsymbols_nr_big:\n    .long 0\nsymbols_far:\nsymbols_nr_far:\n    .long 0\nsymbols_block_offs:\nsymbols_offs:\nsymbols_sizes:\nsymbols_token_offs:\nsymbols_name_offs:\nsymbols_tokens:\nsymbols_strings:\n    .byte 0\n    .globl symbols_end\nsymbols_end:\n    .section .note.GNU-stack, "", %%progbits\n' >"$dir/pass0.S"
asm "$dir/pass0.S" "$dir/pass0.o"
"$@" -o "$dir/pass0.elf" "$dir/pass0.o"
for pass in 1 2; do
    prev=$((pass - 1))
    "$here/gen-symbols.sh" "$nm" "$dir/pass$prev.elf" >"$dir/pass$pass.S"
    asm "$dir/pass$pass.S" "$dir/pass$pass.o"
    "$@" -o "$dir/pass$pass.elf" "$dir/pass$pass.o"
done
"$here/gen-symbols.sh" "$nm" "$dir/pass2.elf" >"$dir/check.S"
if ! cmp -s "$dir/pass2.S" "$dir/check.S"; then
    echo "$out: the symbol table is not stable between link passes:" >&2
    diff "$dir/pass2.S" "$dir/check.S" | head -20 >&2
    exit 1
fi
mv "$dir/pass2.elf" "$out"
