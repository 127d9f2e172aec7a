/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake arch's live-patch hooks. Payload memory comes from a page-aligned
 * pool inside this binary, so a payload's PC-relative references reach the
 * hypervisor functions it calls, and arch_livepatch_protect() really
 * mprotect()s it: a test can call a loaded function, and a write to its
 * text would fault. Relocations are the x86-64 subset host-built payloads use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xen/errno.h>
#include <xen/livepatch.h>
#include <xen/version.h>

#include "fake.h"

#define POOL_SIZE (16u << 20)
#define PAGE 4096u

static uint8_t pool[POOL_SIZE] __attribute__((aligned(PAGE)));
static size_t pool_used;
size_t fake_lp_outstanding;     /* bytes allocated and not freed */
unsigned int fake_lp_protects[3]; /* calls per permission */
int fake_lp_fail_alloc_after = -1; /* fail the Nth next allocation (0: the next) */

static size_t round_page(size_t n)
{
    return (n + PAGE - 1) & ~(size_t)(PAGE - 1);
}

void *arch_livepatch_alloc(size_t size)
{
    uint8_t *p;

    if (fake_lp_fail_alloc_after == 0) {
        fake_lp_fail_alloc_after = -1;
        return NULL;
    }
    if (fake_lp_fail_alloc_after > 0)
        fake_lp_fail_alloc_after--;
    /* With nothing outstanding the pool starts over. */
    if (fake_lp_outstanding == 0) {
        mprotect(pool, POOL_SIZE, PROT_READ | PROT_WRITE);
        pool_used = 0;
    }
    size = round_page(size);
    if (size > POOL_SIZE - pool_used)
        return NULL;
    p = pool + pool_used;
    pool_used += size;
    fake_lp_outstanding += size;
    memset(p, 0, size);
    return p;
}

void arch_livepatch_free(void *p, size_t size)
{
    fake_lp_outstanding -= round_page(size);
    mprotect(p, round_page(size), PROT_READ | PROT_WRITE);
}

int arch_livepatch_protect(void *p, size_t size, enum livepatch_perm perm)
{
    static const int prot[] = {PROT_READ | PROT_EXEC, PROT_READ, PROT_READ | PROT_WRITE};

    fake_lp_protects[perm]++;
    return mprotect(p, round_page(size), prot[perm]) ? -EINVAL : 0;
}

uint16_t arch_livepatch_machine(void)
{
    return EM_X86_64;
}

unsigned int arch_livepatch_patch_size(void)
{
    return 5; /* jmp rel32 */
}

/* System V AMD64 ABI, "Relocation Types". */
#define R_X86_64_64 1
#define R_X86_64_PC32 2
#define R_X86_64_PLT32 4
#define R_X86_64_32 10
#define R_X86_64_32S 11

int arch_livepatch_apply_rela(uint8_t *loc, uint64_t place, uint32_t type, uint64_t value,
                              size_t room)
{
    int64_t rel = (int64_t)(value - place);

    switch (type) {
    case R_X86_64_64:
        if (room < 8)
            return -EINVAL;
        memcpy(loc, &value, 8);
        return 0;
    case R_X86_64_PC32:
    case R_X86_64_PLT32: /* no PLT: the target is called directly */
        if (room < 4)
            return -EINVAL;
        if (rel != (int32_t)rel)
            return -EOVERFLOW;
        memcpy(loc, &(int32_t){(int32_t)rel}, 4);
        return 0;
    case R_X86_64_32:
        if (room < 4)
            return -EINVAL;
        if (value > UINT32_MAX)
            return -EOVERFLOW;
        memcpy(loc, &(uint32_t){(uint32_t)value}, 4);
        return 0;
    case R_X86_64_32S:
        if (room < 4)
            return -EINVAL;
        if ((int64_t)value != (int32_t)value)
            return -EOVERFLOW;
        memcpy(loc, &(int32_t){(int32_t)value}, 4);
        return 0;
    default:
        return -EOPNOTSUPP;
    }
}

/* The "hypervisor" symbols payloads may use: real functions of xen/common. */
int symbols_lookup_by_name(const char *name, uint64_t *addr)
{
    static const struct {
        const char *name;
        const void *addr;
    } table[] = {
        {"xen_extra_version", (const void *)xen_extra_version},
        {"xen_changeset", (const void *)xen_changeset},
        {"xen_major_version", (const void *)xen_major_version},
    };
    unsigned int i;

    for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (!strcmp(table[i].name, name)) {
            *addr = (uint64_t)(uintptr_t)table[i].addr;
            return 0;
        }
    }
    return -ENOENT;
}
