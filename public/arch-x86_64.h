/* SPDX-License-Identifier: MIT */
/*
 * arch-x86_64.h - x86-64 calling convention, PVH boot and guest memory map.
 *
 * Hypercalls: "vmcall", number in rax, arguments in rdi, rsi, rdx, r10, r8,
 * result in rax. Pointers are guest virtual addresses (guest-physical while
 * the guest runs with paging off). CPUID leaf XEN_CPUID_FIRST_LEAF returns
 * the signature "XenVMMXenVMM" in ebx, ecx, edx and the highest leaf in eax.
 *
 * Guests are ELF images entered through the PVH entry point named by the
 * XEN_ELFNOTE_PHYS32_ENTRY note: 32-bit protected mode, paging off, ebx
 * pointing at a struct hvm_start_info.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_64_H__

#include <stdint.h>

/* @abi since=1.0 */
typedef uint64_t xen_ulong_t;

/* @abi since=1.0 */
#define XEN_CPUID_FIRST_LEAF 0x40000000
/* "XenV", "MMXe", "nVMM" as little-endian words in ebx, ecx, edx. */
/* @abi since=1.0 */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558
/* @abi since=1.0 */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d
/* @abi since=1.0 */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e

/* ELF note type of the 32-bit PVH entry point (Xen's elfnote.h). */
/* @abi since=1.0 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

/* @abi since=1.0 */
#define XEN_HVM_START_MAGIC_VALUE 0x336ec578

/* Start-of-day information for PVH guests (Xen's hvm/start_info.h, v1). */
/* @abi since=1.0 */
struct hvm_start_info {
    uint32_t magic;          /* XEN_HVM_START_MAGIC_VALUE */
    uint32_t version;        /* 1 */
    uint32_t flags;          /* SIF_* */
    uint32_t nr_modules;     /* entries at modlist_paddr */
    uint64_t modlist_paddr;  /* struct hvm_modlist_entry[nr_modules] */
    uint64_t cmdline_paddr;  /* NUL-terminated command line, or 0 */
    uint64_t rsdp_paddr;     /* ACPI RSDP, or 0 */
    uint64_t memmap_paddr;   /* struct hvm_memmap_table_entry[memmap_entries] */
    uint32_t memmap_entries;
    uint32_t reserved;
};

/* @abi since=1.0 */
struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
    uint64_t reserved;
};

/* @abi since=1.0 */
struct hvm_memmap_table_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type; /* XEN_HVM_MEMMAP_TYPE_* (E820 numbering) */
    uint32_t reserved;
};

/* @abi since=1.0 */
#define XEN_HVM_MEMMAP_TYPE_RAM 1
/* @abi since=1.0 */
#define XEN_HVM_MEMMAP_TYPE_RESERVED 2

/* Guest RAM starts at guest-physical 0; the PVH start info is placed here. */
/* @abi since=1.0 */
#define GUEST_PVH_START_INFO 0x00001000ULL
/* Emulated 16550 UART (COM1) I/O ports. */
/* @abi since=1.0 */
#define GUEST_COM1_PORT 0x3f8

#endif /* __XEN_PUBLIC_ARCH_X86_64_H__ */
