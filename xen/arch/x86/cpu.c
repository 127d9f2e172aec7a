// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot CPU's descriptor tables: a TSS in the GDT (VM entry needs a
 * non-zero host TR, SDM Vol. 3C 26.2.3), an IDT whose exception gates
 * report hypervisor faults, and the per-CPU block behind GS.
 */
#include <xen/lib.h>
#include <xen/sched-if.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/symbols.h>
#include <xen/types.h>

#include <asm/desc.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

/* 64-bit TSS (SDM Vol. 3A 8.7, figure 8-11). */
struct __attribute__((packed)) tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
};

struct __attribute__((packed)) desc_ptr {
    uint16_t limit;
    uint64_t base;
};

struct exception_frame {
    uint64_t vector, error, rip, cs, rflags, rsp, ss;
};

extern uint64_t gdt_table[GDT_ENTRIES];
extern char exception_stubs[];

static struct tss64 tss[NR_CPUS] __attribute__((aligned(16)));
static uint64_t cpu_gdt[NR_CPUS][GDT_ENTRIES] __attribute__((aligned(16)));
uint64_t idt[256 * 2] __attribute__((aligned(16)));
struct percpu percpus[NR_CPUS];

static const char *const exception_names[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#MF(9)", "#TS",
    "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
};

void do_exception(const struct exception_frame *f);
void do_exception(const struct exception_frame *f)
{
    const char *name = f->vector < 32 ? exception_names[f->vector] : NULL;
    char where[96];

    printk("FATAL: hypervisor exception %s (vector %llu) error %#llx at rip %#llx (%s) rsp %#llx "
           "cr2 %#lx\n",
           name ? name : "?", (unsigned long long)f->vector, (unsigned long long)f->error,
           (unsigned long long)f->rip, symbols_format(where, sizeof(where), f->rip),
           (unsigned long long)f->rsp, read_cr2());
    uart_drain();
    halt_forever();
}

/* A 16-byte system descriptor (SDM Vol. 3A 8.2.3, figure 8-4). */
static void set_tss_desc(uint64_t *slot, uint64_t base, uint32_t limit)
{
    slot[0] = (limit & 0xffffUL) | ((base & 0xffffffUL) << 16) |
              (0x89UL << 40) /* present, type 9: available 64-bit TSS */ |
              ((uint64_t)(limit >> 16) << 48) | (((base >> 24) & 0xffUL) << 56);
    slot[1] = base >> 32;
}

/* A 64-bit interrupt gate (SDM Vol. 3A 6.14.1, figure 6-8). */
void set_gate(unsigned int vec, uint64_t handler);
void set_gate(unsigned int vec, uint64_t handler)
{
    idt[vec * 2] = (handler & 0xffffUL) | ((uint64_t)GDT_CS64 << 16) |
                   (0x8eUL << 40) /* present, DPL 0, interrupt gate */ |
                   (((handler >> 16) & 0xffffUL) << 48);
    idt[vec * 2 + 1] = handler >> 32;
}

void cpu_init(unsigned int cpu)
{
    struct desc_ptr idtr = {sizeof(idt) - 1, (uint64_t)idt};
    struct desc_ptr gdtr = {sizeof(cpu_gdt[0]) - 1, (uint64_t)cpu_gdt[cpu]};
    struct percpu *pc = &percpus[cpu];
    unsigned int vec;

    /* head.S's code and data descriptors, this CPU's TSS. */
    memcpy(cpu_gdt[cpu], gdt_table, sizeof(cpu_gdt[cpu]));
    tss[cpu].iomap_base = sizeof(tss[cpu]); /* no I/O bitmap */
    set_tss_desc(&cpu_gdt[cpu][GDT_TSS / 8], (uint64_t)&tss[cpu], sizeof(tss[cpu]) - 1);
    __asm__ volatile("lgdt %0" : : "m"(gdtr));
    __asm__ volatile("ltr %w0" : : "r"(GDT_TSS));

    if (cpu == 0)
        for (vec = 0; vec < 32; vec++)
            set_gate(vec, (uint64_t)exception_stubs + vec * 16);
    __asm__ volatile("lidt %0" : : "m"(idtr));

    pc->self = pc;
    pc->sched = &sched_cpus[cpu];
    pc->cpu = cpu;
    wrmsr(MSR_GS_BASE, (uint64_t)pc);
}

uint64_t cpu_tss_base(void)
{
    return (uint64_t)&tss[smp_processor_id()];
}

uint64_t cpu_gdt_base(void)
{
    return (uint64_t)cpu_gdt[smp_processor_id()];
}

uint64_t cpu_idt_base(void)
{
    return (uint64_t)idt;
}

unsigned int smp_processor_id(void)
{
    return this_cpu()->cpu;
}

void arch_cpu_relax(void)
{
    __asm__ volatile("pause");
}
