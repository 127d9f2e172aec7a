/* SPDX-License-Identifier: GPL-2.0-only */
/* What the x86 boot files tell each other. */
#ifndef ASM_X86_SETUP_H
#define ASM_X86_SETUP_H

#include <xen/types.h>

struct sched_cpu;
struct vcpu;

#define MAX_BOOT_MODULES 8
#define MAX_MEMMAP 32

struct boot_module {
    uint64_t start, end;     /* physical, [start, end) */
    const char *cmdline;     /* GRUB's module string */
};

struct memmap_entry {
    uint64_t addr, size;
    uint32_t type;           /* E820/multiboot numbering: 1 = RAM */
};

struct boot_info {
    const char *loader;      /* "multiboot2" or "multiboot" */
    const char *cmdline;
    unsigned int nr_modules, nr_memmap;
    struct boot_module mod[MAX_BOOT_MODULES];
    struct memmap_entry memmap[MAX_MEMMAP];
    uint64_t info_start, info_end; /* the loader's info block */
};

/* Per physical CPU; GS base points here, so curr must stay first. */
struct percpu {
    struct vcpu *curr;
    struct vcpu *loaded;     /* whose VMCS is current on this CPU */
    struct percpu *self;     /* this block's address (GS base) */
    struct sched_cpu *sched; /* the common scheduler's block for this CPU */
    unsigned int cpu;        /* smp_processor_id() */
    uint32_t apic_id;
    bool idle_said;          /* "no runnable vCPU" printed already */
    unsigned int selftest_irqs; /* IRQ_VECTOR_SELFTEST interrupts taken */
    uint8_t selftest_exit;      /* enum selftest_exit_state */
    unsigned int selftest_exit_before;
};

/*
 * The boot check of the external-interrupt exit path, once per CPU: a
 * self-IPI goes out right before entering a vCPU whose RFLAGS.IF is set
 * (see schedule.c for why IF matters in Bochs), and the exit it causes
 * reports.
 */
enum selftest_exit_state { SELFTEST_EXIT_ARMED, SELFTEST_EXIT_SENT, SELFTEST_EXIT_DONE };

extern struct percpu percpus[];

static inline struct percpu *this_cpu(void)
{
    struct percpu *p;

    __asm__ volatile("mov %%gs:%c1, %0" : "=r"(p) : "i"(__builtin_offsetof(struct percpu, self)));
    return p;
}

extern struct boot_info boot_info;

/* Linker script symbols. */
extern char _start[], _etext[], _srodata[], _erodata[], _sdata[], _end[];
extern char __note_gnu_build_id_start[], __note_gnu_build_id_end[];
extern char boot_stack_top[];

/* multiboot.c: fill boot_info from the loader's magic and info pointer. */
int multiboot_parse(uint32_t magic, uint64_t info);

/* setup.c: a loader command line without the image path in front. */
const char *skip_image_path(const char *s);

/* uart16550.c */
void uart_init(void);
void uart_drain(void);
/* Console input: what COM1 received, to the focused domain (boot CPU only). */
void uart_poll_input(void);
/* How often an idle boot CPU looks at COM1 for input. */
#define CONSOLE_POLL_NS 10000000UL
extern bool console_enabled;

/* cpu.c: GDT/TSS/IDT, per-CPU block (cpu_init(0) on the boot CPU). */
void cpu_init(unsigned int cpu);
uint64_t cpu_tss_base(void);
uint64_t cpu_gdt_base(void);
uint64_t cpu_idt_base(void);

/* apic.c: this CPU's local APIC (xAPIC registers, SDM Vol. 3A 11.4). */
void apic_init(void);
uint32_t apic_id(void);
void apic_eoi(void);
void apic_icr_write(uint32_t dest_apic_id, uint32_t low);
bool apic_timer_deadline(uint64_t tsc);

/* irq.c: vectors 32..255 and their handlers. */
void irq_init(void);
void do_irq(unsigned int vector);

/* smpboot.c: bring up the application processors; CPU n's block. */
void smp_boot_cpus(void);
void smp_release_cpus(void);

/* mm.c: W^X page tables and the boot allocator (contiguous, never freed). */
void mm_init(void);
void *alloc_pages(uint64_t bytes, uint64_t align);

/* domain.c: a domain's exitstats=1 line, printed once. */
struct domain;
void print_exit_stats(struct domain *d);
uint64_t alloc_mark(void);
void alloc_release(uint64_t mark);
uint64_t alloc_free_bytes(void);

/* domain_build.c: guests from the boot modules. */
void create_boot_domains(void);

/* schedule.c: run what the common scheduler names on this CPU; never returns. */
void __attribute__((noreturn)) schedule_loop(void);

/* switch_regs.c: CR2, DR0-DR3, DR6 and the IBPB of a vCPU switch. */
void switch_regs_init(void);
void switch_regs(struct vcpu *next);

/* Debug messages, shown with loglvl=debug (or all). */
extern int opt_loglvl_debug;
#define dprintk(...)                                                           \
    do {                                                                       \
        if (opt_loglvl_debug)                                                  \
            printk(__VA_ARGS__);                                               \
    } while (0)

#endif /* ASM_X86_SETUP_H */
