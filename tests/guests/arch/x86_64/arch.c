// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86-64 side of the test guests: VMCALL, the PVH start info, the
 * guest's own page tables and IDT, the TSC, port I/O and MSRs. The tests
 * themselves are portable C (tests/guests/) and use only guest.h; what only
 * x86 has (CPUID leaves, the emulated 16550, #GP on MSRs, HLT, pointers
 * through the guest's own paging) is tested in arch_tests().
 */
#include "../../guest.h"

#include <public/arch-x86_64.h>
#include <public/features.h>

#define PTE_P 1UL
#define PTE_RW 2UL
#define ALIAS_VA 0x40000000UL /* pdpt[1]: mapped by alias_tests() only */
#define COM1 GUEST_COM1_PORT
#define EFER_MSR 0xc0000080U
#define GS_BASE_MSR 0xc0000101U
/* The local APIC as an x2APIC (SDM Vol. 3A 11.12): its registers are MSRs. */
#define APIC_BASE_MSR 0x1bU
#define APIC_BASE_EXTD (1UL << 10)
#define X2APIC_VERSION 0x803U
#define X2APIC_EOI 0x80bU
#define X2APIC_SVR 0x80fU
#define X2APIC_LVT_TIMER 0x832U
#define X2APIC_TIMER_ICR 0x838U
#define X2APIC_TIMER_DCR 0x83eU
#define TIMER_VECTOR 32
#define EFER_LME_LMA 0x500UL

extern uint64_t pdpt[512], pt0[512];
extern char trap_stubs[];

static char cmdline[256];
static uint64_t ram_end;
static uint32_t si_magic, si_version, si_memmap_entries;
static uint64_t idt[33 * 2] __attribute__((aligned(16)));
static uint64_t alias_pd[512] __attribute__((aligned(4096)));
static uint64_t alias_pt[512] __attribute__((aligned(4096)));
static char rw_page[4096] __attribute__((aligned(4096)));
static char ro_page[4096] __attribute__((aligned(4096)));

/* Traps the current test expects: counted and skipped (by skip_len bytes); hostile_arch.c too. */
volatile unsigned int trap_count, trap_last;
volatile unsigned int skip_len;
volatile unsigned int irq_count;

void arch_start(const struct hvm_start_info *si);
void guest_trap(unsigned long vector, unsigned long *frame);

long hypercall5(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4)
{
    register unsigned long r10 __asm__("r10") = a3;
    register unsigned long r8 __asm__("r8") = a4;
    long ret;

    __asm__ volatile("vmcall"
                     : "=a"(ret), "+D"(a0), "+S"(a1), "+d"(a2), "+r"(r10), "+r"(r8)
                     : "a"(nr)
                     : "memory");
    return ret;
}

/* hypercall5's twin with a nop for the vmcall: the benchmark's empty loop. */
long arch_hypercall_nop(unsigned long nr, unsigned long a0, unsigned long a1)
{
    register unsigned long r10 __asm__("r10") = 0;
    register unsigned long r8 __asm__("r8") = 0;
    unsigned long a2 = 0;
    long ret;

    __asm__ volatile("nop"
                     : "=a"(ret), "+D"(a0), "+S"(a1), "+d"(a2), "+r"(r10), "+r"(r8)
                     : "a"(nr)
                     : "memory");
    return ret;
}

/* There is no firmware to call: the hypercall is the only way out. */
void guest_poweroff(void)
{
    struct sched_shutdown s = {SHUTDOWN_poweroff};

    HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
    for (;;)
        __asm__ volatile("cli; hlt");
}

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static void cpuid(uint32_t leaf, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

uint64_t arch_counter(void)
{
    uint32_t lo, hi;

    __asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/*
 * The TSC's nominal rate: CPUID leaf 0x16's base frequency (SDM Vol. 2A,
 * CPUID), or 1 GHz when the CPU does not say. Bochs reports 3.5 GHz there
 * while its TSC counts instructions, so delays are only roughly right.
 */
uint64_t arch_counter_freq(void)
{
    uint32_t r[4];

    cpuid(0, r);
    if (r[0] >= 0x16) {
        cpuid(0x16, r);
        if (r[0] & 0xffff)
            return (uint64_t)(r[0] & 0xffff) * 1000000;
    }
    return 1000000000;
}

void arch_delay_us(unsigned long us)
{
    uint64_t end = arch_counter() + arch_counter_freq() / 1000000 * us;

    while (arch_counter() < end)
        ;
}

/* Identity mapped below 1 GiB (head.S), pages 0 and 1 aside. */
uint32_t arch_read_phys(uint64_t pa)
{
    return *(volatile uint32_t *)(uintptr_t)pa;
}

void arch_write_phys(uint64_t pa, uint32_t v)
{
    *(volatile uint32_t *)(uintptr_t)pa = v;
}

/* x86 guests have no PL011: the emulated 16550 at COM1 takes its place. */
void arch_vpl011_puts(const char *s)
{
    for (; *s; s++) {
        while (!(inb(COM1 + 5) & 0x20)) /* LSR.THRE */
            ;
        outb(COM1, (uint8_t)*s);
    }
}

/* No second vCPU on x86 yet (a guest has cpus=1). */
int arch_start_spinner(void)
{
    return -1;
}

const char *arch_boot_args(void *boot_info)
{
    return cmdline;
}

uint64_t arch_ram_base(void *boot_info)
{
    return 0;
}

uint64_t arch_ram_end(void *boot_info)
{
    return ram_end;
}

const char *arch_expected_capabilities(void)
{
    return "hvm-3.0-x86_64";
}

/* Under EPT the guest's physical addresses are not the machine's. */
uint32_t arch_expected_features(void)
{
    return 1u << XENFEAT_auto_translated_physmap;
}

/* A 64-bit interrupt gate (SDM Vol. 3A 6.14.1). */
static void set_gate(unsigned int vec, uint64_t h)
{
    idt[vec * 2] = (h & 0xffff) | (0x08UL << 16) | (0x8eUL << 40) | (((h >> 16) & 0xffff) << 48);
    idt[vec * 2 + 1] = h >> 32;
}

/* frame: error code, rip, cs, rflags, rsp, ss. */
void guest_trap(unsigned long vector, unsigned long *frame)
{
    if (vector == TIMER_VECTOR) {
        irq_count++;
        __asm__ volatile("wrmsr" : : "c"(X2APIC_EOI), "a"(0), "d"(0)); /* EOI */
        return;
    }
    trap_count++;
    trap_last = (unsigned int)vector;
    if (skip_len) {
        frame[1] += skip_len;
        return;
    }
    gprintf("guest: unexpected exception %lu error %lx rip %lx\n", vector, frame[0], frame[1]);
    guest_poweroff();
}

/*
 * Copy what guest_main needs out of the start info, then unmap pages 0
 * and 1 (NULL and the start info page) so that the portable tests' pointers
 * to them do not translate, and install the IDT.
 */
void arch_start(const struct hvm_start_info *si)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } idtr = {sizeof(idt) - 1, (uintptr_t)idt};
    unsigned int i;

    si_magic = si->magic;
    si_version = si->version;
    if (si->magic == XEN_HVM_START_MAGIC_VALUE) {
        const struct hvm_memmap_table_entry *m = (const void *)(uintptr_t)si->memmap_paddr;
        const char *c = (const char *)(uintptr_t)si->cmdline_paddr;

        si_memmap_entries = si->memmap_entries;
        for (i = 0; i < si->memmap_entries; i++)
            if (m[i].type == XEN_HVM_MEMMAP_TYPE_RAM && m[i].addr + m[i].size > ram_end)
                ram_end = m[i].addr + m[i].size;
        for (i = 0; c && c[i] && i < sizeof(cmdline) - 1; i++)
            cmdline[i] = c[i];
    }
    pt0[0] = 0;
    pt0[1] = 0;
    __asm__ volatile("invlpg (%0); invlpg (%1)" : : "r"(0UL), "r"(0x1000UL) : "memory");
    for (i = 0; i < 33; i++)
        set_gate(i, (uintptr_t)trap_stubs + i * 16);
    __asm__ volatile("lidt %0" : : "m"(idtr));
    guest_main((void *)si); /* only printed: the page is unmapped now */
}

static uint64_t rdmsr_counting(uint32_t msr, unsigned int *traps)
{
    uint32_t lo = 0, hi = 0;
    unsigned int before = trap_count;

    skip_len = 2;
    __asm__ volatile("rdmsr" : "+a"(lo), "+d"(hi) : "c"(msr) : "memory");
    skip_len = 0;
    *traps = trap_count - before;
    return ((uint64_t)hi << 32) | lo;
}

static void start_info_tests(void)
{
    tap_ok(si_magic == XEN_HVM_START_MAGIC_VALUE && si_version >= 1,
           "hvm_start_info magic %x version %u", si_magic, si_version);
    tap_ok(si_memmap_entries >= 1 && ram_end >= (4UL << 20),
           "memory map: %u entries, RAM up to %lx", si_memmap_entries, (unsigned long)ram_end);
}

static void cpuid_tests(void)
{
    uint32_t r[4];

    cpuid(XEN_CPUID_FIRST_LEAF, r);
    tap_ok(r[1] == XEN_CPUID_SIGNATURE_EBX && r[2] == XEN_CPUID_SIGNATURE_ECX &&
               r[3] == XEN_CPUID_SIGNATURE_EDX && r[0] >= XEN_CPUID_FIRST_LEAF + 1,
           "cpuid 0x40000000: XenVMMXenVMM signature, max leaf %x", r[0]);
    cpuid(XEN_CPUID_FIRST_LEAF + 1, r);
    tap_ok((long)r[0] == HYPERVISOR_xen_version(XENVER_version, NULL),
           "cpuid 0x40000001: the version xen_version gives (%x)", r[0]);
    cpuid(1, r);
    tap_ok(!(r[2] & (1U << 5)) && (r[2] & (1U << 31)),
           "cpuid 1: VMX hidden, hypervisor bit set (ecx %x)", r[2]);
}

static void port_tests(void)
{
    static const char shutdown[] = "Shutdown";
    unsigned int i;

    outb(COM1 + 7, 0x5a);
    tap_ok(inb(COM1 + 7) == 0x5a && (inb(COM1 + 5) & 0x60) == 0x60,
           "emulated 16550: scratch register kept, transmitter idle");
    arch_vpl011_puts("This line went through the emulated 16550\n");
    {
        static const char line[] = "This line went through rep outsb to the emulated 16550\n";
        const char *p = line;
        unsigned long n = sizeof(line) - 1;

        __asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(COM1) : "memory");
        tap_ok(n == 0 && p == line + sizeof(line) - 1,
               "rep outsb to COM1: rsi moved by %lu, rcx counted down to %lu",
               (unsigned long)(p - line), n);
    }
    tap_ok(inb(0x80) == 0xff, "a port with no device reads 0xff");
    for (i = 0; i < sizeof(shutdown) - 1; i++)
        outb(0x8900, (uint8_t)shutdown[i]);
    tap_ok(1, "writing \"Shutdown\" to port 0x8900 does not reach the machine");
}

static void wrmsr_counting(uint32_t msr, uint64_t v, unsigned int *traps)
{
    unsigned int before = trap_count;

    skip_len = 2;
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
    skip_len = 0;
    *traps = trap_count - before;
}

static void msr_hlt_tests(void)
{
    unsigned int traps, traps2;
    uint64_t efer = rdmsr_counting(EFER_MSR, &traps), v;

    tap_ok((efer & EFER_LME_LMA) == EFER_LME_LMA && traps == 0, "rdmsr(EFER) = %lx: LME and LMA",
           (unsigned long)efer);
    rdmsr_counting(0x3a, &traps); /* IA32_FEATURE_CONTROL: not offered */
    tap_ok(traps == 1 && trap_last == 13, "rdmsr of an MSR the guest does not have raises #GP");
    /* FS.base and GS.base are the guest's own (the MSR bitmap passes them through). */
    wrmsr_counting(GS_BASE_MSR, 0x12345000UL, &traps);
    v = rdmsr_counting(GS_BASE_MSR, &traps2);
    tap_ok(traps == 0 && traps2 == 0 && v == 0x12345000UL,
           "wrmsr/rdmsr of GS.base work without #GP (%lx)", (unsigned long)v);
    __asm__ volatile("sti; hlt; cli");
    tap_ok(1, "hlt with interrupts on returns");
}

/* Pointers through the guest's own page tables: an alias and a read-only page. */
static void alias_tests(void)
{
    long r;

    alias_pt[0] = (uintptr_t)rw_page | PTE_P | PTE_RW;
    alias_pt[1] = (uintptr_t)ro_page | PTE_P;
    alias_pd[0] = (uintptr_t)alias_pt | PTE_P | PTE_RW;
    pdpt[1] = (uintptr_t)alias_pd | PTE_P | PTE_RW;
    __asm__ volatile("mov %%cr3, %%rax; mov %%rax, %%cr3" : : : "rax", "memory");
    memset(rw_page, 0, sizeof(rw_page));
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)ALIAS_VA);
    tap_ok(r == 0 && rw_page[0] != 0,
           "xen_version writes through the guest's page tables (alias %lx)", ALIAS_VA);
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)(ALIAS_VA + 4096));
    tap_ok(r == -14, "xen_version into a read-only page is -EFAULT (%ld)", r);
    memcpy(ro_page, "read-only page\n", 15);
    r = HYPERVISOR_console_io(CONSOLEIO_write, 15, (void *)(ALIAS_VA + 4096));
    tap_ok(r == 0, "console_io reads a read-only page (%ld)", r);
}

static void wrmsr_plain(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

/* Arm the x2APIC timer: one-shot, vector 32, divide by 1, ticks counts. */
static void timer_arm(uint32_t ticks)
{
    wrmsr_plain(X2APIC_SVR, 0x1ff);
    wrmsr_plain(X2APIC_TIMER_DCR, 0xb);
    wrmsr_plain(X2APIC_LVT_TIMER, TIMER_VECTOR);
    wrmsr_plain(X2APIC_TIMER_ICR, ticks);
}

/*
 * A guest busy making hypercalls, IF=1 only for a moment after each, gets
 * its timer interrupt after the first hypercall past the deadline: the
 * hypervisor's fast VMCALL return must notice the timer is due, or the
 * interrupt waits for the next exit the fast path does not take (the
 * preemption timer's, thousands of hypercalls later). Counted in
 * hypercalls, not timed: the guest's deadline is a little late (it reads
 * the counter after the WRMSR that armed the timer), never early.
 */
static void hypercall_timer_test(void)
{
    uint64_t deadline, end;
    unsigned int late = 0;

    irq_count = 0;
    timer_arm(300000);
    deadline = arch_counter() + 300000;
    end = deadline + 100000000;
    while (!irq_count && arch_counter() < end) {
        late += arch_counter() >= deadline;
        HYPERVISOR_xen_version(XENVER_version, NULL);
        __asm__ volatile("sti; nop; cli" : : : "memory");
    }
    tap_ok(irq_count == 1 && late <= 2,
           "x2APIC timer interrupt taken right after the first hypercall past its deadline "
           "(%u hypercalls late, %u irq)",
           late, irq_count);
}

/* The virtual x2APIC's timer, and SCHEDOP_block woken by it. */
static void vlapic_tests(void)
{
    unsigned int traps, traps2;
    uint64_t base = rdmsr_counting(APIC_BASE_MSR, &traps), ver, t0, t1, end;
    long r;

    wrmsr_counting(APIC_BASE_MSR, base | APIC_BASE_EXTD, &traps2);
    ver = rdmsr_counting(X2APIC_VERSION, &traps);
    tap_ok(traps == 0 && traps2 == 0 && (base & 0xfffff000UL) == 0xfee00000UL &&
               (ver & 0xff) == 0x14,
           "x2APIC mode on (APIC base %lx, version %lx)", (unsigned long)base, (unsigned long)ver);

    /* Sleep in HLT with interrupts on: the timer wakes the vCPU and is delivered. */
    irq_count = 0;
    timer_arm(1000000);
    end = arch_counter() + 100000000;
    while (!irq_count && arch_counter() < end)
        __asm__ volatile("sti; hlt; cli" : : : "memory");
    tap_ok(irq_count == 1, "x2APIC timer interrupt (vector %u) wakes HLT and is delivered (%u)",
           TIMER_VECTOR, irq_count);

    /* SCHEDOP_block with interrupts off returns once the timer's interrupt is pending. */
    irq_count = 0;
    t0 = arch_counter();
    timer_arm(2000000);
    r = HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    t1 = arch_counter();
    __asm__ volatile("sti; nop; nop; cli" : : : "memory");
    tap_ok(r == 0 && t1 - t0 >= 2000000 && irq_count == 1,
           "SCHEDOP_block sleeps until the timer interrupt (%lu ticks, %u irq)",
           (unsigned long)(t1 - t0), irq_count);
    hypercall_timer_test();
    wrmsr_plain(X2APIC_LVT_TIMER, 1UL << 16); /* masked */
}

void arch_tests(void *boot_info)
{
    unsigned int i;

    start_info_tests();
    cpuid_tests();
    port_tests();
    msr_hlt_tests();
    alias_tests();
    vlapic_tests();
    /* Let the other guests run (one of them crashes) before finishing. */
    for (i = 0; i < 5; i++)
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}
