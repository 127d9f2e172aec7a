// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-only test guest (issue 12, item 4): two of it ("tag=1", "tag=2")
 * share one CPU. Each puts values of its own in CR2 (through a page fault
 * first, then MOV) and in DR0-DR3, DR6 and DR7, none of which the VMCS
 * holds for it except DR7, and in IA32_KERNEL_GS_BASE through SWAPGS (a
 * WRMSR exits and is kept in the vCPU, SWAPGS changes only the CPU's
 * register; GS.base is in the VMCS), then yields "rounds=N" times and after every
 * turn of the other checks that it still finds exactly its own values:
 * never the other guest's, never lost. Each turn is a line ("turn N"):
 * the runner checks the two guests' lines alternate, which they do only if
 * SCHEDOP_yield hands the CPU over at once (the hypercall fast path must
 * not return to the guest that yielded).
 */
#include "x2apic.h"

extern volatile unsigned int trap_count, trap_last, skip_len;

/* DR6 B0-B3 (SDM Vol. 3A 17.2.3); DR7 R/W0-1, LEN0-1 with no enable bit (17.2.4). */
#define DR6_B 0xfUL
#define DR7_FIXED 0x400UL
/* IA32_GS_BASE, IA32_KERNEL_GS_BASE (SDM Vol. 4 table 2-2). */
#define MSR_GS_BASE 0xc0000101U
#define MSR_KERNEL_GS_BASE 0xc0000102U

struct dbg {
    unsigned long cr2, dr[4], dr6, dr7;
    unsigned long gs, kgs; /* GS.base, KERNEL_GS_BASE */
};

#define READ_DR(n, v) __asm__ volatile("mov %%db" #n ", %0" : "=r"(v))
#define WRITE_DR(n, v) __asm__ volatile("mov %0, %%db" #n : : "r"(v))

static void read_all(struct dbg *d)
{
    __asm__ volatile("mov %%cr2, %0" : "=r"(d->cr2));
    READ_DR(0, d->dr[0]);
    READ_DR(1, d->dr[1]);
    READ_DR(2, d->dr[2]);
    READ_DR(3, d->dr[3]);
    READ_DR(6, d->dr6);
    READ_DR(7, d->dr7);
    d->dr6 &= DR6_B;
    d->gs = x2apic_rdmsr(MSR_GS_BASE);
    d->kgs = x2apic_rdmsr(MSR_KERNEL_GS_BASE);
}

static void write_all(const struct dbg *d)
{
    __asm__ volatile("mov %0, %%cr2" : : "r"(d->cr2));
    WRITE_DR(0, d->dr[0]);
    WRITE_DR(1, d->dr[1]);
    WRITE_DR(2, d->dr[2]);
    WRITE_DR(3, d->dr[3]);
    WRITE_DR(6, d->dr6 | 0xffff0ff0UL);
    WRITE_DR(7, d->dr7);
    /* Swapped in: KERNEL_GS_BASE gets its value without a VM exit. */
    x2apic_wrmsr(MSR_GS_BASE, d->kgs);
    x2apic_wrmsr(MSR_KERNEL_GS_BASE, d->gs);
    __asm__ volatile("swapgs" : : : "memory");
}

static int differs(const struct dbg *a, const struct dbg *b)
{
    return a->cr2 != b->cr2 || a->dr[0] != b->dr[0] || a->dr[1] != b->dr[1] ||
           a->dr[2] != b->dr[2] || a->dr[3] != b->dr[3] || a->dr6 != b->dr6 || a->dr7 != b->dr7 ||
           a->gs != b->gs || a->kgs != b->kgs;
}

void guest_main(void *boot_info)
{
    unsigned long tag = guest_arg(boot_info, "tag=", 1) & 0xf;
    unsigned long rounds = guest_arg(boot_info, "rounds=", 100), i, bad = 0;
    unsigned long fault_va = 0x1000UL * (tag & 1) + 0x10 * tag; /* pages 0 and 1 are unmapped */
    struct dbg want, got;
    unsigned int before = trap_count;

    /* A read of an unmapped page: #PF, CR2 = its address. */
    skip_len = 2; /* mov (%rax), %eax */
    __asm__ volatile("mov (%%rax), %%eax" : : "a"(fault_va) : "memory");
    skip_len = 0;
    __asm__ volatile("mov %%cr2, %0" : "=r"(got.cr2));
    tap_ok(trap_count == before + 1 && trap_last == 14 && got.cr2 == fault_va,
           "a page fault at %#lx leaves CR2 = %#lx", fault_va, got.cr2);

    want.cr2 = 0xc2c2000000UL | tag;
    for (i = 0; i < 4; i++)
        want.dr[i] = 0xdb00000000UL | (i << 12) | tag;
    want.dr6 = 1UL << (tag & 3);
    want.dr7 = DR7_FIXED | (0xdUL << (16 + 4 * (tag & 1))); /* R/W = write, LEN = 4 */
    want.gs = 0x6500000000UL | tag;
    want.kgs = 0x6b00000000UL | tag;
    write_all(&want);
    read_all(&got);
    tap_ok(!differs(&got, &want),
           "CR2, DR0-DR3, DR6, DR7, GS.base and KERNEL_GS_BASE hold this guest's values (tag %lu)",
           tag);
    for (i = 0; i < rounds; i++) {
        gprintf("turn %lu\n", i);
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        read_all(&got);
        if (differs(&got, &want) && !bad++)
            gprintf("after yield %lu: cr2 %lx dr0 %lx dr1 %lx dr2 %lx dr3 %lx dr6.B %lx dr7 %lx "
                    "gs %lx kgs %lx\n",
                    i, got.cr2, got.dr[0], got.dr[1], got.dr[2], got.dr[3], got.dr6, got.dr7,
                    got.gs, got.kgs);
        write_all(&want);
    }
    tap_ok(bad == 0, "after %lu turns of the other guest, its own values every time (%lu not)",
           rounds, bad);
    tap_plan_end();
    /*
     * "halt": end as a guest with nothing left to do may, HLT with
     * interrupts off (Xen takes the vCPU offline and, with none left,
     * powers the domain off); the hypercall below is never reached then.
     */
    if (guest_arg(boot_info, "halt=", 0))
        __asm__ volatile("cli; hlt" : : : "memory");
    guest_shutdown(SHUTDOWN_poweroff);
}
