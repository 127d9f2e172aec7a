#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# gen-relocs.sh READELF ELF > relocs.S
# The R_AARCH64_RELATIVE relocations of a PIE linked at 0, as head.S applies
# them: one 32-bit offset each (the image is far below 4 GiB), in section
# .relocs between __relocs_start and __relocs_end. A 24-byte Elf64_Rela
# each in the Image would be six times that: ld leaves each place holding
# its link-time value (AArch64's default --apply-dynamic-relocs), so the
# offset is all head.S needs (*(base + offset) += base). Any other type
# stops the link in arch.mk.
set -eu
printf '    .section .relocs, "a"\n    .balign 4\n    .globl __relocs_start, __relocs_end\n__relocs_start:\n'
"$1" -rW "$2" | LC_ALL=C awk '$3 == "R_AARCH64_RELATIVE" { printf "    .long 0x%s\n", $1 }'
printf '__relocs_end:\n'
