/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry from a multiboot loader: 32-bit protected mode, paging off,
 * eax = loader magic, ebx = info block (Multiboot 1 spec 3.2, Multiboot2
 * spec 3.3). Zero .bss, identity-map the first 4 GiB with 2 MiB pages, turn
 * on long mode (SDM Vol. 3A 9.8.5) and call start_xen(magic, info) on the
 * boot stack. mm.c later replaces these page tables with W^X ones.
 */
#include <asm/desc.h>

#define MB1_MAGIC 0x1badb002
#define MB1_FLAGS 0x00000003 /* bit 0: page-align modules, bit 1: memory info */
#define MB2_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0

        .section .text.head, "ax", @progbits
        .code32
        .globl _start
_start:
        jmp     start32

        /* Multiboot 1 header: 4-byte aligned, in the first 8 KiB. */
        .balign 4
multiboot1_header:
        .long   MB1_MAGIC
        .long   MB1_FLAGS
        .long   -(MB1_MAGIC + MB1_FLAGS)

        /* Multiboot2 header: 8-byte aligned, in the first 32 KiB. */
        .balign 8
multiboot2_header:
        .long   MB2_MAGIC
        .long   MB2_ARCH_I386
        .long   multiboot2_header_end - multiboot2_header
        .long   -(MB2_MAGIC + MB2_ARCH_I386 + (multiboot2_header_end - multiboot2_header))
        /* Module alignment tag (type 6): modules start on a page. */
        .short  6, 0
        .long   8
        /* End tag. */
        .short  0, 0
        .long   8
multiboot2_header_end:

start32:
        cli
        cld
        mov     %eax, %ebp              /* magic: cpuid and rep stos keep ebp, esi */
        mov     %ebx, %esi              /* info */

        /* The loader zeroes .bss of an ELF image, but say so ourselves. */
        mov     $__bss_start, %edi
        mov     $_end, %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb

        mov     $boot_stack_top, %esp

        /* Long mode must exist (CPUID.80000001H:EDX.LM[bit 29]). */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      no_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx
        jnc     no_long_mode

        /* boot_l4[0] -> boot_l3; boot_l3[0..3] -> boot_l2 (4 pages). */
        mov     $boot_l3, %eax
        or      $3, %eax
        mov     %eax, boot_l4
        mov     $boot_l2, %eax
        or      $3, %eax
        xor     %ecx, %ecx
1:      mov     %eax, boot_l3(,%ecx,8)
        add     $4096, %eax
        inc     %ecx
        cmp     $4, %ecx
        jb      1b
        /* 2048 2 MiB pages: present, writable, PS. */
        mov     $0x83, %eax
        xor     %ecx, %ecx
1:      mov     %eax, boot_l2(,%ecx,8)
        movl    $0, boot_l2+4(,%ecx,8)
        add     $0x200000, %eax
        inc     %ecx
        cmp     $2048, %ecx
        jb      1b

        lgdt    gdt_desc

        mov     %cr4, %eax
        or      $(1 << 5), %eax         /* PAE */
        mov     %eax, %cr4
        mov     $boot_l4, %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* IA32_EFER: LME and NXE */
        rdmsr
        or      $((1 << 8) | (1 << 11)), %eax
        wrmsr
        mov     %cr0, %eax
        or      $((1 << 31) | (1 << 16) | (1 << 5) | 1), %eax /* PG, WP, NE, PE */
        mov     %eax, %cr0
        ljmp    $GDT_CS64, $start64

no_long_mode:
        /* No console yet: a CPU without long mode just stops. */
        cli
        hlt
        jmp     no_long_mode

        .code64
start64:
        mov     $GDT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        mov     $boot_stack_top, %rsp
        mov     %ebp, %edi              /* zero-extends: start_xen(magic, info) */
        mov     %esi, %esi
        call    start_xen
1:      cli
        hlt
        jmp     1b

        .section .data, "aw", @progbits
        .balign 16
        .globl gdt_table
gdt_table:
        .quad   0
        .quad   0x00af9a000000ffff      /* GDT_CS64: long mode code, DPL 0 */
        .quad   0x00cf92000000ffff      /* GDT_DS: flat data */
        .quad   0x00cf9a000000ffff      /* GDT_CS32: flat 32-bit code */
        .quad   0, 0                    /* GDT_TSS: filled by cpu_init() */
gdt_table_end:
        .balign 8
        .globl gdt_desc
gdt_desc:
        .short  gdt_table_end - gdt_table - 1
        .quad   gdt_table

        .section .bss, "aw", @nobits
        .balign 4096
boot_l4:
        .skip   4096
boot_l3:
        .skip   4096
boot_l2:
        .skip   4 * 4096
        .globl boot_stack_top
boot_stack:
        .skip   16384
boot_stack_top:
