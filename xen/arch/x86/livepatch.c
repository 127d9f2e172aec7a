// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-64 live-patch hooks: payload memory from a pool inside the image
 * (below 4 MiB, where mm.c maps 4 KiB pages, and within +-2 GiB of the
 * hypervisor for rel32), made W^X once relocated; the patch, "jmp rel32"
 * (E9) or NOPs, written with CR0.WP clear and interrupts off (the text is
 * read-only to ring 0 too), then a serialising CPUID on every CPU (SDM Vol.
 * 3A 8.1.3, "Handling Self- and Cross-Modifying Code"). Relocations are in
 * livepatch_reloc.c. The rendezvous calls every other online CPU in with
 * IRQ_VECTOR_LIVEPATCH (asm/livepatch.h).
 */
#include <asm/livepatch.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <xen/config.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/arch/irq.h>
#include <xen/livepatch.h>
#include <xen/spinlock.h>
#include <xen/string.h>

#define JMP_REL32 0xe9
#define JMP_LEN 5

#define POOL_SIZE (2UL << 20)

static uint8_t pool[POOL_SIZE] __attribute__((aligned(PAGE_SIZE)));

void *arch_livepatch_pool(size_t *size)
{
    *size = POOL_SIZE;
    return pool;
}

int arch_livepatch_protect(void *p, size_t size, enum livepatch_perm perm)
{
    static const uint64_t flags[] = {
        [LP_PERM_RX] = _PAGE_PRESENT,
        [LP_PERM_RO] = _PAGE_PRESENT | _PAGE_NX,
        [LP_PERM_RW] = _PAGE_PRESENT | _PAGE_RW | _PAGE_NX,
    };

    return mm_set_page_flags((uint64_t)p, size, flags[perm]) ? -EINVAL : 0;
}

uint16_t arch_livepatch_machine(void)
{
    return EM_X86_64;
}

unsigned int arch_livepatch_patch_size(void)
{
    return JMP_LEN;
}

int arch_livepatch_verify_func(const struct livepatch_func *f)
{
    int64_t rel = (int64_t)(f->new_addr - (f->old_addr + JMP_LEN));

    if (f->new_addr && rel != (int32_t)rel)
        return -EOVERFLOW;
    return 0;
}

/* The text is read-only to ring 0 too (CR0.WP): write with WP clear, interrupts already off. */
void arch_livepatch_text_write(uint64_t va, const void *src, size_t len)
{
    unsigned long cr0 = read_cr0();

    write_cr0(cr0 & ~X86_CR0_WP);
    memcpy((void *)va, src, len);
    write_cr0(cr0);
}

void arch_livepatch_encode(const struct livepatch_func *f, uint8_t *insn, unsigned int len)
{
    if (f->new_addr) {
        int32_t rel = (int32_t)(f->new_addr - (f->old_addr + JMP_LEN));

        insn[0] = JMP_REL32;
        memcpy(insn + 1, &rel, 4);
    } else {
        memset(insn, 0x90, len); /* NOP */
    }
}

void arch_livepatch_post_action(void)
{
    struct cpuid_regs r;

    cpuid_count(0, 0, &r); /* serialising: no stale prefetched instruction survives */
}

bool arch_livepatch_cpu_online(unsigned int cpu)
{
    return cpu < nr_online_cpus;
}

/*
 * The others take the IPI where the hypervisor lets interrupts in: on an
 * external-interrupt VM exit (their guest was running) or in the idle and
 * preemption windows of schedule.c. Never in the middle of hypervisor code,
 * which runs with interrupts off, so no CPU stops inside bytes being patched.
 */
void arch_livepatch_kick_cpus(void)
{
    unsigned int me = smp_processor_id(), cpu;

    set_irq_handler(IRQ_VECTOR_LIVEPATCH, livepatch_rendezvous_cpu);
    for (cpu = 0; cpu < nr_online_cpus; cpu++)
        if (cpu != me)
            send_ipi(cpu, IRQ_VECTOR_LIVEPATCH);
}

unsigned long arch_irq_save(void)
{
    unsigned long flags;

    __asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
    return flags;
}

void arch_irq_restore(unsigned long flags)
{
    if (flags & X86_EFLAGS_IF)
        __asm__ volatile("sti" : : : "memory");
}
