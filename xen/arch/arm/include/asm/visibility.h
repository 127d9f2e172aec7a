/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included first in every arm64 hypervisor object (arch.mk, -include).
 * -fvisibility=hidden covers what a file defines, not what it declares
 * extern; under -fpie GCC then reaches every extern object (the linker
 * script's _stext, another file's table) through a GOT slot, a load and a
 * relocation each. The image links statically with nothing to interpose,
 * so every declaration is hidden too and the code uses ADRP/ADD directly.
 */
#ifndef ASM_ARM_VISIBILITY_H
#define ASM_ARM_VISIBILITY_H

#ifndef __ASSEMBLY__
#pragma GCC visibility push(hidden)
#endif

#endif /* ASM_ARM_VISIBILITY_H */
