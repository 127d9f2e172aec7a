// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt vectors 32..255: one handler per vector, run from the IDT when
 * an interrupt arrives while the hypervisor has interrupts enabled, and
 * from the external-interrupt VM exit (acknowledged on exit, so the vector
 * comes in the exit's interruption information) while a guest runs.
 */
#include <xen/types.h>

#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

#define IRQ_FIRST_VECTOR 32
#define IRQ_STUB_SIZE 16

extern char irq_stubs[];
void set_gate(unsigned int vec, uint64_t handler);

static void (*irq_handlers[256])(void);

/* The legacy 8259 PICs' interrupt mask registers (8259A data sheet, OCW1). */
#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1

void irq_init(void)
{
    unsigned int vec;

    /*
     * The BIOS leaves the PICs delivering the PIT at vector 8 (#DF's), which
     * reaches the CPU however the local APIC's LINT0 is set: mask them all.
     */
    outb(PIC1_DATA, 0xff);
    outb(PIC2_DATA, 0xff);

    for (vec = IRQ_FIRST_VECTOR; vec < 256; vec++)
        set_gate(vec, (uint64_t)irq_stubs + (vec - IRQ_FIRST_VECTOR) * IRQ_STUB_SIZE);
}

void set_irq_handler(unsigned int vector, void (*fn)(void))
{
    if (vector >= IRQ_FIRST_VECTOR && vector < IRQ_VECTOR_SPURIOUS)
        __atomic_store_n(&irq_handlers[vector & 0xff], fn, __ATOMIC_RELEASE);
}

void do_irq(unsigned int vector)
{
    void (*fn)(void);

    /* The spurious vector is not in service: it takes no EOI (SDM Vol. 3A 11.9). */
    if (vector == IRQ_VECTOR_SPURIOUS)
        return;
    fn = __atomic_load_n(&irq_handlers[vector & 0xff], __ATOMIC_ACQUIRE);
    if (fn)
        fn();
    apic_eoi();
}

/* Fixed delivery, physical destination, level assert (SDM Vol. 3A 11.6.1). */
#define ICR_FIXED_ASSERT (1U << 14)

void send_ipi(unsigned int cpu, unsigned int vector)
{
    if (cpu >= nr_online_cpus || vector < IRQ_FIRST_VECTOR || vector > 0xff)
        return;
    apic_icr_write(percpus[cpu].apic_id, ICR_FIXED_ASSERT | vector);
}
