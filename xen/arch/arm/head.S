/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry from the boot loader. The first 64 bytes are the arm64 Linux Image
 * header (Documentation/arch/arm64/booting.rst) so U-Boot's booti accepts the
 * file: text_offset 0 and flags bit 3, "may be placed anywhere", because the
 * hypervisor is linked as a PIE at 0 and relocates itself here before any C
 * runs. On entry: MMU off, x0 = physical address of the device tree.
 */
#include <asm/setup.h>
#include <asm/sysregs.h>

    .section .text.head, "ax"
    .global _start
_start:
    b       primary_entry           /* code0 */
    .long   0                       /* code1 */
    .quad   0                       /* text_offset */
    .quad   _image_size             /* image_size, bss included */
    .quad   0xa                     /* flags: LE, 4 KiB pages (bit 1), anywhere (bit 3) */
    .quad   0, 0, 0                 /* res2..res4 */
    .ascii  "ARM\x64"               /* magic */
    .long   0                       /* res5: no PE header */

primary_entry:
    mov     x21, x0                 /* DTB */
    adr     x20, _start             /* where we were loaded */
    bl      place_sections

    /* Stack of CPU 0 (PC-relative: nothing is relocated yet). */
    adrp    x0, cpu_stacks
    add     x0, x0, :lo12:cpu_stacks
    add     x0, x0, #STACK_SIZE
    sub     sp, x0, #UREGS_SIZE     /* below the guest frame (asm/setup.h) */

    mrs     x22, CurrentEL
    cmp     x22, #CURRENTEL_EL2
    b.eq    1f
    /*
     * Wrong exception level: enable FP (libfdt may use it) for whichever
     * level this is, so C can find the UART and say why we stop.
     */
    cmp     x22, #(1 << 2)
    b.ne    2f
    mov     x0, #(3 << 20)          /* CPACR_EL1.FPEN: no trap (D19.2.31) */
    msr     cpacr_el1, x0
    b       3f
2:  msr     cptr_el3, xzr           /* CPTR_EL3.TFP = 0 (D19.2.32) */
    b       3f

1:  /* EL2: FP on (libfdt), EL1 in AArch64, no VHE, no stage 2 yet. */
    mov     x0, #CPTR_EL2_RES1
    msr     cptr_el2, x0
    mov     x0, #HCR_RW
    msr     hcr_el2, x0
    isb

3:  bl      clear_bss
    bl      relocate
    mov     x0, x21
    lsr     x1, x22, #2
    cmp     x22, #CURRENTEL_EL2
    b.ne    wrong_el
    adrp    x2, hyp_vectors
    add     x2, x2, :lo12:hyp_vectors
    msr     vbar_el2, x2
    msr     tpidr_el2, xzr
    isb
    mov     x1, x20
    bl      start_xen
    b       .

wrong_el:
    bl      boot_wrong_el
4:  wfi
    b       4b

/*
 * The file stores the vector table's text (2 KiB-aligned, VBAR_EL2), the
 * read-only and the read-write class each right after what comes before
 * it, without the alignment gaps (xen.lds, AT): move each block up to its
 * place, the highest first, each from its end down, because a block and its
 * new place may overlap. Before .bss is cleared or a relocation applied:
 * both write there. With the MMU off, so mm_enable_mmu() drops stale cache
 * lines of all of it; the moved instructions are never in this CPU's
 * instruction cache, which is invalidated anyway.
 */

/* x0 := where the next block starts in the file: \prev_file + \prev_len, rounded up to 16. */
.macro file_next prev_file, prev_len
    add     x0, \prev_file, \prev_len
    add     x0, x0, #15
    and     x0, x0, #~15
.endm

/* \dst := address of \start, \len := \end - \start rounded up to 16. */
.macro block start, end, dst, len
    adrp    \dst, \start
    add     \dst, \dst, :lo12:\start
    adrp    \len, \end
    add     \len, \len, :lo12:\end
    sub     \len, \len, \dst
    add     \len, \len, #15
    and     \len, \len, #~15
.endm

/* Copy len bytes from src up to dst (dst >= src), from the end down; clobbers x7-x10. */
.macro move_up src, dst, len
    add     x7, \src, \len
    add     x8, \dst, \len
1:  cmp     x7, \src
    b.ls    2f
    ldp     x9, x10, [x7, #-16]!
    stp     x9, x10, [x8, #-16]!
    b       1b
2:
.endm

place_sections:
    adrp    x0, __text_end
    add     x0, x0, :lo12:__text_end
    add     x0, x0, #15
    and     x11, x0, #~15                       /* vector text in the file */
    block   __entry_start, __entry_end, x12, x13
    file_next x11, x13
    mov     x14, x0                             /* read-only class in the file */
    block   _srodata, __rodata_end, x15, x16
    file_next x14, x16
    mov     x17, x0                             /* read-write class in the file */
    block   _sdata, __data_end, x18, x19
    move_up x17, x18, x19
    move_up x14, x15, x16
    move_up x11, x12, x13
    ic      ialluis                             /* the moved vector text, on every CPU */
    dsb     sy
    isb
    ret

/* Zero .bss with 16-byte stores (aligned by the linker script). */
clear_bss:
    adrp    x0, __bss_start
    add     x0, x0, :lo12:__bss_start
    adrp    x1, __bss_end
    add     x1, x1, :lo12:__bss_end
1:  cmp     x0, x1
    b.hs    2f
    stp     xzr, xzr, [x0], #16
    b       1b
2:  ret

/*
 * Apply the PIE's R_AARCH64_RELATIVE relocations for load address x20: ld
 * left each place holding its link-time value (the address at 0), and
 * .relocs lists their offsets, 32 bits each (scripts/gen-relocs.sh):
 * *(x20 + offset) += x20. arch.mk refuses any other relocation type.
 */
relocate:
    adrp    x0, __relocs_start
    add     x0, x0, :lo12:__relocs_start
    adrp    x1, __relocs_end
    add     x1, x1, :lo12:__relocs_end
1:  cmp     x0, x1
    b.hs    2f
    ldr     w2, [x0], #4
    ldr     x3, [x20, x2]
    add     x3, x3, x20
    str     x3, [x20, x2]
    b       1b
2:  ret

/*
 * Secondary CPUs, started by PSCI CPU_ON with context_id = CPU index, at EL2
 * with MMU off. The boot CPU has already relocated the image.
 */
    .global secondary_entry
secondary_entry:
    mov     x19, x0
    mov     x1, #CPTR_EL2_RES1
    msr     cptr_el2, x1
    mov     x1, #HCR_RW
    msr     hcr_el2, x1
    adrp    x1, hyp_vectors
    add     x1, x1, :lo12:hyp_vectors
    msr     vbar_el2, x1
    msr     tpidr_el2, xzr
    adrp    x1, cpu_stacks
    add     x1, x1, :lo12:cpu_stacks
    mov     x2, #STACK_SIZE
    madd    x1, x2, x19, x1
    add     x1, x1, #STACK_SIZE
    sub     sp, x1, #UREGS_SIZE     /* below the guest frame (asm/setup.h) */
    isb
    mov     x0, x19
    bl      start_secondary
    b       .
