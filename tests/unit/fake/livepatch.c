/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fake arch's live-patch hooks. Payload memory comes from a page-aligned
 * pool inside this binary, so a payload's PC-relative references reach the
 * hypervisor functions it calls, and arch_livepatch_protect() really
 * mprotect()s it: a test can call a loaded function, and a write to its
 * text would fault. Relocations: the x86-64 backend's own relocator
 * (xen/arch/x86/livepatch_reloc.c).
 * APPLY really rewrites the first bytes of a function of this binary with a
 * jmp rel32, so a test sees the patched behaviour through the hypercalls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <xen/config.h>

#include <xen/errno.h>
#include <xen/arch/irq.h>
#include <xen/livepatch.h>
#include <xen/version.h>

#include "fake.h"

#define POOL_SIZE (16u << 20)
#define PAGE 4096u

static uint8_t pool[POOL_SIZE] __attribute__((aligned(PAGE)));
unsigned int fake_lp_protects[3]; /* calls per permission */
int fake_lp_fail_alloc_after = -1; /* fail the Nth next allocation (0: the next) */

static size_t round_page(size_t n)
{
    return (n + PAGE - 1) & ~(size_t)(PAGE - 1);
}

/* Asked at every allocation: no region for the one a test wants to fail. */
void *arch_livepatch_pool(size_t *size)
{
    if (fake_lp_fail_alloc_after == 0) {
        fake_lp_fail_alloc_after = -1;
        return NULL;
    }
    if (fake_lp_fail_alloc_after > 0)
        fake_lp_fail_alloc_after--;
    *size = POOL_SIZE;
    return pool;
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

/* ---- patching the test binary's own text ---- */

void arch_livepatch_text_write(uint64_t addr, const void *src, size_t len)
{
    uintptr_t page = (uintptr_t)addr & ~(uintptr_t)(PAGE - 1);
    size_t span = round_page((uintptr_t)addr + len - page);

    if (mprotect((void *)page, span, PROT_READ | PROT_WRITE | PROT_EXEC)) {
        perror("fake livepatch: mprotect text");
        abort();
    }
    memcpy((void *)(uintptr_t)addr, src, len);
    mprotect((void *)page, span, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)(uintptr_t)addr, (char *)(uintptr_t)addr + len);
}

int arch_livepatch_verify_func(const struct livepatch_func *f)
{
    int64_t rel = (int64_t)(f->new_addr - (f->old_addr + 5));

    if (f->new_addr && rel != (int32_t)rel)
        return -EOVERFLOW;
    return 0;
}

unsigned int fake_lp_applies, fake_lp_post_actions;

/* Once per function applied (reverting writes the saved bytes back without it). */
void arch_livepatch_encode(const struct livepatch_func *f, uint8_t *insn, unsigned int len)
{
    if (f->new_addr) {
        int32_t rel = (int32_t)(f->new_addr - (f->old_addr + 5));

        insn[0] = 0xe9; /* jmp rel32 */
        memcpy(insn + 1, &rel, 4);
    } else {
        memset(insn, 0x90, len); /* nop */
    }
    fake_lp_applies++;
}

void arch_livepatch_post_action(void)
{
    __atomic_fetch_add(&fake_lp_post_actions, 1, __ATOMIC_RELAXED);
}

/* ---- CPUs: the test thread is CPU 0; a test may start more as threads ---- */

__thread unsigned int fake_cpu;
bool fake_cpu_online[CONFIG_NR_CPUS] = {true};
void (*fake_kick)(void);

bool arch_livepatch_cpu_online(unsigned int cpu)
{
    return cpu < CONFIG_NR_CPUS && fake_cpu_online[cpu];
}

void arch_livepatch_kick_cpus(void)
{
    if (fake_kick)
        fake_kick();
}


unsigned long arch_irq_save(void)
{
    return 0;
}

void arch_irq_restore(unsigned long flags)
{
}

/* The note the test payloads' .livepatch.xen_depends carries. */
static const struct {
    uint32_t namesz, descsz, type;
    char name[4];
    uint8_t id[20];
} test_xen_note = {4, 20, 3, "GNU", {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
                                     0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01, 0x02, 0x03, 0x04, 0x05}};

int fake_build_id_init(void)
{
    return build_id_init(&test_xen_note, sizeof(test_xen_note));
}
