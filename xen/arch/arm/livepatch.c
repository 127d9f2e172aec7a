// SPDX-License-Identifier: GPL-2.0-only
/*
 * ARM64 live-patch hooks: payload memory from a pool taken from RAM at
 * boot within B/BL reach of the text, mapped page by page and made W^X once a payload is
 * relocated; the patch itself, a "B imm26" (or NOPs) written through a
 * temporary writable alias of the text page; cache maintenance so every CPU
 * fetches the new instruction (Arm ARM B2.4.4, "Concurrent modification and
 * execution of instructions": clean D-cache to PoU, invalidate I-cache to
 * PoU, DSB, then ISB on each CPU); and the rendezvous plumbing (an SGI,
 * DAIF, the generic counter). Relocations are in livepatch_reloc.c.
 */
#include <asm/gic.h>
#include <asm/livepatch.h>
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/config.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/arch/irq.h>
#include <xen/livepatch.h>
#include <xen/spinlock.h>
#include <xen/string.h>

#define INSN_SIZE 4
#define INSN_NOP 0xd503201fU /* NOP (C6.2.238) */
#define INSN_B 0x14000000U   /* B imm26 (C6.2.26) */
#define B_RANGE (128UL << 20)

/* NULL (no payload can be loaded) until livepatch_pool_init() finds RAM. */
uint8_t *livepatch_pool;

/*
 * The lowest free 4 MiB from which every byte of the pool and of the text
 * are within B/BL range of each other: payloads call the hypervisor, and
 * the patched text branches into payloads.
 */
void livepatch_pool_init(void)
{
    uint64_t text = (uint64_t)_stext, etext = (uint64_t)_etext, pa;

    pa = boot_find_free(etext > B_RANGE ? etext - B_RANGE : 0, LIVEPATCH_POOL_SIZE, PAGE_SIZE);
    if (!pa || MAX(etext, pa + LIVEPATCH_POOL_SIZE) - MIN(text, pa) > B_RANGE)
        return;
    boot_reserve(pa, LIVEPATCH_POOL_SIZE);
    livepatch_pool = (uint8_t *)pa;
}

void *arch_livepatch_pool(size_t *size)
{
    *size = LIVEPATCH_POOL_SIZE;
    return livepatch_pool;
}

/* Make instructions written at [p, p + size) visible to instruction fetch. */
static void sync_icache(uint64_t va, uint64_t write_va, size_t size)
{
    uint64_t ctr = READ_SYSREG(ctr_el0);
    uint64_t dline = 4UL << ((ctr >> 16) & 0xf), iline = 4UL << (ctr & 0xf), a;

    for (a = write_va & ~(dline - 1); a < write_va + size; a += dline)
        __asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
    dsb_ish();
    for (a = va & ~(iline - 1); a < va + size; a += iline)
        __asm__ volatile("ic ivau, %0" : : "r"(a) : "memory");
    dsb_ish();
    isb();
}

int arch_livepatch_protect(void *p, size_t size, enum livepatch_perm perm)
{
    static const enum mm_perm map[] = {MM_PERM_RX, MM_PERM_RO, MM_PERM_RW};

    if (perm == LP_PERM_RX)
        sync_icache((uint64_t)p, (uint64_t)p, size);
    return mm_set_perm((uint64_t)p, size, map[perm]) ? -EINVAL : 0;
}

uint16_t arch_livepatch_machine(void)
{
    return EM_AARCH64;
}

unsigned int arch_livepatch_patch_size(void)
{
    return INSN_SIZE;
}

int arch_livepatch_verify_func(const struct livepatch_func *f)
{
    int64_t off = (int64_t)(f->new_addr - f->old_addr);

    if ((f->old_addr & (INSN_SIZE - 1)) || (f->new_addr & (INSN_SIZE - 1)))
        return -EINVAL;
    if (!f->new_addr && (f->new_size % INSN_SIZE))
        return -EINVAL;
    if (f->new_addr && (off < -(int64_t)B_RANGE || off >= (int64_t)B_RANGE))
        return -EOVERFLOW;
    return 0;
}

/* Through a writable alias of the text page, then to instruction fetch on every CPU. */
void arch_livepatch_text_write(uint64_t va, const void *src, size_t len)
{
    uint8_t *alias = mm_map_alias(va);

    memcpy(alias, src, len);
    sync_icache(va, (uint64_t)alias, len);
    mm_unmap_alias();
}

void arch_livepatch_encode(const struct livepatch_func *f, uint8_t *insn, unsigned int len)
{
    uint32_t word = INSN_NOP;
    unsigned int i;

    if (f->new_addr)
        word = INSN_B | (uint32_t)(((f->new_addr - f->old_addr) >> 2) & 0x3ffffff);
    /* len is one B, or whole NOPs (arch_livepatch_verify_func()). */
    for (i = 0; i + INSN_SIZE <= len; i += INSN_SIZE)
        memcpy(insn + i, &word, INSN_SIZE);
}

void arch_livepatch_post_action(void)
{
    /* The master's IC IVAU reached every CPU (Inner Shareable); drop what we prefetched. */
    dsb_ish();
    isb();
}

bool arch_livepatch_cpu_online(unsigned int cpu)
{
    return pcpu_is_online(cpu);
}

void arch_livepatch_kick_cpus(void)
{
    unsigned int me = smp_processor_id(), cpu;

    for (cpu = 0; cpu < CONFIG_NR_CPUS; cpu++)
        if (cpu != me && pcpu_is_online(cpu))
            gic_send_sgi(cpu, SGI_LIVEPATCH);
    /* Idle CPUs wait in WFE, which a masked interrupt does not end: an event does. */
    sev();
}

unsigned long arch_irq_save(void)
{
    unsigned long daif = READ_SYSREG(daif);

    __asm__ volatile("msr daifset, #2" : : : "memory"); /* mask IRQ */
    return daif;
}

void arch_irq_restore(unsigned long flags)
{
    WRITE_SYSREG(daif, flags);
}
