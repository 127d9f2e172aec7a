/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical CPUs: numbering, inter-processor interrupts and interrupt
 * handlers. CPU numbers are dense (0 = the boot CPU, then the application
 * processors in the order they came up); the local APIC ID behind each is
 * smpboot.c's business.
 */
#ifndef ASM_X86_SMP_H
#define ASM_X86_SMP_H

#define NR_CPUS 8

#ifndef __ASSEMBLY__

/* This CPU's number (0 .. nr_online_cpus - 1). */
unsigned int smp_processor_id(void);

/* CPUs that are up and running the hypervisor. */
extern unsigned int nr_online_cpus;

/*
 * A fixed interrupt with this vector (32..254) to that CPU (itself
 * included). Returns at once; the target runs its handler when it next
 * takes interrupts: in the hypervisor with interrupts enabled, or at once
 * through an external-interrupt VM exit if it is running a guest.
 */
void send_ipi(unsigned int cpu, unsigned int vector);

/*
 * fn runs on whichever CPU takes vector, with interrupts off, before the
 * local APIC gets its EOI; in both places an interrupt arrives: through
 * the IDT while the hypervisor runs, or on an external-interrupt VM exit
 * (acknowledged on exit) while a guest runs. NULL removes the handler.
 */
void set_irq_handler(unsigned int vector, void (*fn)(void));

#endif /* __ASSEMBLY__ */

/* Vectors the hypervisor itself uses. */
#define IRQ_VECTOR_TIMER 0xef    /* this CPU's LAPIC timer: wakes an idle CPU */
#define IRQ_VECTOR_SELFTEST 0xf0 /* smpboot.c's boot-time IPI check */
#define IRQ_VECTOR_SPURIOUS 0xff /* the local APIC's spurious vector: no EOI */

#endif /* ASM_X86_SMP_H */
