// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86-64 part of the hostile guest: random port I/O of every size,
 * REP OUTS in both directions and across the hypervisor's batch size, CPUID
 * leaves and sub-leaves, RDMSR/WRMSR of random MSRs (the hypervisor injects
 * #GP for those a guest does not have, as hardware does for ones that do
 * not exist), EFER, CR0, CR4 and CR8 writes hardware refuses. Traps are counted by
 * arch.c's guest_trap() (skip_len).
 */
#include "../../hostile.h"

#include <public/arch-x86_64.h>

#define COM1 GUEST_COM1_PORT
#define RTC_DATA 0x71 /* the CMOS RTC's data port (hvm/vrtc.c) */
#define EFER_MSR 0xc0000080U
#define EFER_LME (1UL << 8)
#define VEC_GP 13
#define CPUID1_ECX_VMX (1U << 5)
#define CPUID1_ECX_HYPERVISOR (1U << 31)
#define CPUID1_ECX_XSAVE_AVX (7U << 26) /* XSAVE, OSXSAVE, AVX: XSETBV is not emulated */
#define RFLAGS_DF (1UL << 10)

extern volatile unsigned int trap_count, trap_last, skip_len;

static uint8_t outs_buf[0x10000];

const uint64_t *arch_hostile_addresses(unsigned int *n)
{
    static const uint64_t a[] = {
        0x1000UL,             /* the start info page, unmapped by arch.c */
        0x40000000UL,         /* 1 GiB: beyond what head.S maps */
        0xfee00000UL,         /* the xAPIC page (not mapped, not emulated) */
        0xfec00000UL,         /* an I/O APIC's */
        0xffff800000000000UL, /* the bottom of the upper canonical half */
        0xffff82d080200000UL, /* where Xen's text lives */
        0x0000800000000000UL, /* non-canonical */
        0x0001000000200000UL, /* non-canonical alias of this guest's image */
        0x00007ffffffff000UL,
    };

    *n = sizeof(a) / sizeof(a[0]);
    return a;
}

static void port_tests(unsigned int iterations)
{
    struct hostile_cat c = {"random port I/O of 1, 2 and 4 bytes", 0, 0};
    unsigned int i;

    for (i = 0; i < 2 * iterations; i++) {
        uint16_t port = (uint16_t)hostile_rand();
        unsigned int size = 1u << (hostile_rand() % 3), before = trap_count;
        uint32_t val = (uint32_t)hostile_rand(), all = size == 4 ? ~0u : (1u << (8 * size)) - 1;
        int write = hostile_rand() % 2;

        if (port == COM1 && write)
            port = COM1 + 7; /* the data register would print the byte */
        if (write) {
            if (size == 1)
                __asm__ volatile("outb %b0, %w1" : : "a"(val), "Nd"(port));
            else if (size == 2)
                __asm__ volatile("outw %w0, %w1" : : "a"(val), "Nd"(port));
            else
                __asm__ volatile("outl %0, %w1" : : "a"(val), "Nd"(port));
            hostile_count(&c, trap_count == before, "out%c to %#x: a trap", "bwl"[size / 2],
                          port);
            continue;
        }
        val = 0x5a5a5a5a;
        if (size == 1)
            __asm__ volatile("inb %w1, %b0" : "+a"(val) : "Nd"(port));
        else if (size == 2)
            __asm__ volatile("inw %w1, %w0" : "+a"(val) : "Nd"(port));
        else
            __asm__ volatile("inl %w1, %0" : "+a"(val) : "Nd"(port));
        /*
         * Only COM1 and the RTC's data port (a byte: the time) are there;
         * any other port reads as all ones, the rest of eax kept.
         */
        hostile_count(&c,
                      trap_count == before &&
                          ((port >= COM1 && port <= COM1 + 7) || (port == RTC_DATA && size == 1) ||
                           (val & all) == all) &&
                          (size == 4 || (val & ~all) == (0x5a5a5a5au & ~all)),
                      "in%c from %#x read %#x", "bwl"[size / 2], port, val);
    }
    hostile_report(&c, "every port without a device reading all ones");
}

/* REP OUTS from this guest's memory, forwards and backwards, to ports other than COM1's data. */
static void outs_tests(unsigned int iterations)
{
    struct hostile_cat c = {"rep outs of every size, both directions", 0, 0};
    unsigned int i;

    for (i = 0; i < iterations / 4 + 1; i++) {
        unsigned int size = 1u << (hostile_rand() % 3), before = trap_count;
        unsigned long n = hostile_rand() % 8 ? hostile_rand() % 64 : 4096 + hostile_rand() % 64;
        uint16_t port = (uint16_t)(COM1 + 1 + hostile_rand() % 7);
        int down = hostile_rand() % 2;
        /* Misaligned, with room for 4160 elements of 4 bytes on either side. */
        unsigned long p0 = (uintptr_t)outs_buf + 0x8000 + hostile_rand() % 0x100;
        unsigned long p = p0, left = n;

        if (hostile_rand() % 2)
            port = (uint16_t)hostile_rand();
        if (port == COM1)
            port = 0x80;
        if (down)
            __asm__ volatile("std" ::: "cc");
        if (size == 1)
            __asm__ volatile("rep outsb" : "+S"(p), "+c"(left) : "d"(port) : "memory");
        else if (size == 2)
            __asm__ volatile("rep outsw" : "+S"(p), "+c"(left) : "d"(port) : "memory");
        else
            __asm__ volatile("rep outsl" : "+S"(p), "+c"(left) : "d"(port) : "memory");
        __asm__ volatile("cld" ::: "cc");
        hostile_count(&c,
                      trap_count == before && left == 0 &&
                          p == (down ? p0 - n * size : p0 + n * size),
                      "rep outs%c of %lu to %#x %s: rcx %lu, rsi moved %ld", "bwl"[size / 2], n,
                      port, down ? "down" : "up", left, (long)(p - p0));
    }
    hostile_report(&c, "rsi and rcx as the hardware leaves them");
}

static void cpuid_tests(unsigned int iterations)
{
    struct hostile_cat c = {"CPUID random leaves and sub-leaves", 0, 0};
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        uint32_t leaf, sub = hostile_rand() % 4 ? (uint32_t)(hostile_rand() % 8)
                                                : (uint32_t)hostile_rand();
        uint32_t a, b, cx, d;

        switch (hostile_rand() % 5) {
        case 0:
            leaf = (uint32_t)(hostile_rand() % 0x20);
            break;
        case 1:
            leaf = 0x80000000U + (uint32_t)(hostile_rand() % 0x20);
            break;
        case 2:
            leaf = 0x40000000U + (uint32_t)(hostile_rand() % 0x200);
            break;
        case 3:
            leaf = hostile_rand() % 2 ? 1 : 0xd;
            break;
        default:
            leaf = (uint32_t)hostile_rand();
            break;
        }
        __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(cx), "=d"(d) : "a"(leaf), "c"(sub));
        if (leaf == 1)
            hostile_count(&c,
                          !(cx & (CPUID1_ECX_VMX | CPUID1_ECX_XSAVE_AVX)) &&
                              (cx & CPUID1_ECX_HYPERVISOR),
                          "cpuid 1 sub-leaf %#x: ecx %#x shows VMX or XSAVE, or hides the "
                          "hypervisor",
                          sub, cx);
        else if (leaf == 0xd)
            hostile_count(&c, !a && !b && !cx && !d, "cpuid 0xd shows XSAVE state components");
        else if (leaf == XEN_CPUID_FIRST_LEAF)
            hostile_count(&c, b == XEN_CPUID_SIGNATURE_EBX, "cpuid 0x40000000: ebx %#x", b);
        else
            hostile_count(&c, 1, "cpuid");
    }
    hostile_report(&c, "VMX and XSAVE never shown");
}

static int rdmsr_trap(uint32_t msr, uint64_t *v)
{
    uint32_t lo = 0, hi = 0;
    unsigned int before = trap_count;

    skip_len = 2;
    __asm__ volatile("rdmsr" : "+a"(lo), "+d"(hi) : "c"(msr) : "memory");
    skip_len = 0;
    *v = (uint64_t)hi << 32 | lo;
    return trap_count == before ? 0 : trap_count == before + 1 && trap_last == VEC_GP ? 1 : -1;
}

static int wrmsr_trap(uint32_t msr, uint64_t v)
{
    unsigned int before = trap_count;

    skip_len = 2;
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
    skip_len = 0;
    return trap_count == before ? 0 : trap_count == before + 1 && trap_last == VEC_GP ? 1 : -1;
}

static void msr_tests(unsigned int iterations)
{
    struct hostile_cat c = {"RDMSR/WRMSR of random MSRs", 0, 0};
    uint64_t efer = 0, v = 0;
    unsigned int i;
    int r;

    rdmsr_trap(EFER_MSR, &efer);
    for (i = 0; i < iterations; i++) {
        uint32_t msr;

        switch (hostile_rand() % 5) {
        case 0:
            msr = (uint32_t)(hostile_rand() % 0x2000);
            break;
        case 1:
            msr = 0xc0000000U + (uint32_t)(hostile_rand() % 0x2000);
            break;
        case 2:
            msr = 0x800 + (uint32_t)(hostile_rand() % 0x100); /* the x2APIC */
            break;
        case 3:
            msr = 0x40000000U + (uint32_t)(hostile_rand() % 0x100);
            break;
        default:
            msr = (uint32_t)hostile_rand();
            break;
        }
        r = rdmsr_trap(msr, &v);
        hostile_count(&c, r >= 0, "rdmsr %#x: an exception other than #GP", msr);
        if (msr == EFER_MSR)
            continue; /* below, on purpose */
        /*
         * Not the vLAPIC's LVT timer: a random vector there would be
         * requested (IRR) when the timer fires and delivered at the next
         * STI, through an IDT that covers vectors 0-32 only; a vLAPIC that
         * keeps every vector's request as hardware does would then make
         * this guest fault or wait for ever on its own account.
         */
        if (msr == 0x832)
            continue;
        v = hostile_rand();
        r = wrmsr_trap(msr, v);
        hostile_count(&c, r >= 0, "wrmsr %#x <- %#lx: an exception other than #GP", msr,
                      (unsigned long)v);
    }
    /* Clearing LME with paging on, or setting a reserved bit: #GP on hardware (SDM Vol. 3A 9.8.5). */
    hostile_count(&c, wrmsr_trap(EFER_MSR, efer & ~EFER_LME) == 1,
                  "wrmsr EFER without LME in long mode: no #GP");
    hostile_count(&c, wrmsr_trap(EFER_MSR, efer | (1UL << 63)) == 1,
                  "wrmsr EFER with a reserved bit: no #GP");
    hostile_count(&c, rdmsr_trap(EFER_MSR, &v) == 0 && v == efer, "EFER changed to %#lx",
                  (unsigned long)v);
    hostile_count(&c, rdmsr_trap(0x3a, &v) == 1, "IA32_FEATURE_CONTROL readable afterwards");
    hostile_report(&c, "each a result or #GP");
}

/* MOV to CR0/CR4 (3 bytes with rax): 0 done, 1 #GP, -1 anything else. */
static int mov_cr(int cr, uint64_t v)
{
    unsigned int before = trap_count;

    skip_len = 3;
    if (cr == 0)
        __asm__ volatile("mov %0, %%cr0" : : "a"(v) : "memory");
    else
        __asm__ volatile("mov %0, %%cr4" : : "a"(v) : "memory");
    skip_len = 0;
    return trap_count == before ? 0 : trap_count == before + 1 && trap_last == VEC_GP ? 1 : -1;
}

/*
 * Control-register values hardware refuses with #GP (SDM Vol. 2B, MOV to
 * CR): the hypervisor must give the guest the same #GP, not crash it on
 * the next VM entry, and the guest must run on unchanged.
 */
static void cr_tests(void)
{
    struct hostile_cat c = {"MOV to CR0/CR4 with values hardware refuses", 0, 0};
    uint64_t cr0, cr4;
    static const struct {
        int cr;
        uint64_t set, clear;
        const char *what;
    } bad[] = {
        {0, 0, 1UL << 31, "CR0 without PG in 64-bit mode"},
        {0, 1UL << 29, 1UL << 30, "CR0.NW without CD"},
        {0, 1UL << 32, 0, "CR0 bit 32"},
        {0, 0, 1UL << 0, "CR0 with PG but without PE"},
        {4, 0, 1UL << 5, "CR4 without PAE in long mode"},
        {4, 1UL << 13, 0, "CR4.VMXE (CPUID shows no VMX)"},
        {4, 1UL << 40, 0, "CR4 bit 40"},
    };
    unsigned int i;

    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    __asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint64_t old = bad[i].cr ? cr4 : cr0;
        int r = mov_cr(bad[i].cr, (old | bad[i].set) & ~bad[i].clear);

        hostile_count(&c, r == 1, "%s: %s", bad[i].what, r ? "not #GP" : "accepted");
    }
    hostile_count(&c, mov_cr(0, cr0) == 0 && mov_cr(4, cr4) == 0,
                  "writing back CR0 %#lx and CR4 %#lx faulted", (unsigned long)cr0,
                  (unsigned long)cr4);
    hostile_count(&c, HYPERVISOR_xen_version(XENVER_version, NULL) > 0,
                  "no hypercall after the CR writes");
    hostile_report(&c, "each a #GP, the guest running on");
}

/*
 * Page tables a hypercall pointer is walked through (SDM Vol. 3A 4.5):
 * a page directory outside RAM, a 1 GiB page outside RAM, RAM read-only
 * through a PDPTE without R/W, and a PDPTE pointing back at the PDPT.
 */
extern uint64_t pdpt[512], pd[512];

static void page_table_tests(void)
{
    struct hostile_cat c = {"pointers through hostile page tables", 0, 0};
    static uint8_t buf[64];
    long r;

    pdpt[2] = 0x7ff00000UL | 3;                /* 2 GiB: a PD beyond RAM */
    pdpt[3] = 0xc0000000UL | 3 | 0x80;         /* 3 GiB: a 1 GiB page beyond RAM */
    pdpt[4] = (uintptr_t)pd | 1;               /* 4 GiB: the low GiB again, read-only */
    pdpt[5] = (uintptr_t)pdpt | 3;             /* 5 GiB: the PDPT used as a PD */
    __asm__ volatile("mov %%cr3, %%rax; mov %%rax, %%cr3" : : : "rax", "memory");
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)0x80001000UL);
    hostile_count(&c, r == -14, "through a PD beyond RAM: %ld", r);
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)0xc0001000UL);
    hostile_count(&c, r == -14, "into a 1 GiB page beyond RAM: %ld", r);
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)(0x100000000UL + (uintptr_t)buf));
    hostile_count(&c, r == -14, "into RAM mapped read-only by its PDPTE: %ld", r);
    memset(buf, 0, sizeof(buf));
    r = HYPERVISOR_console_io(CONSOLEIO_write, sizeof(buf),
                              (void *)(0x100000000UL + (uintptr_t)buf));
    hostile_count(&c, r == 0, "console_io from RAM mapped read-only: %ld", r);
    /* Reads a page table as data: pt0's first entries are zero (pages 0 and 1 unmapped). */
    r = HYPERVISOR_console_io(CONSOLEIO_write, 16, (void *)0x140000000UL);
    hostile_count(&c, r == 0 || r == -14, "through a PDPT used as a PD: %ld", r);
    pdpt[2] = pdpt[3] = pdpt[4] = pdpt[5] = 0;
    __asm__ volatile("mov %%cr3, %%rax; mov %%rax, %%cr3" : : : "rax", "memory");
    hostile_report(&c, "-EFAULT where nothing writable translates to RAM");
}

/*
 * The vLAPIC timer firing as fast as it can (periodic, divide by 1) while
 * this guest takes its interrupts, makes hypercalls and halts: it may only
 * cost this guest its own time, never the other guest's turns.
 */
static void storm_tests(void)
{
    struct hostile_cat c = {"x2APIC timer interrupt storm with hypercalls and HLT", 0, 0};
    uint64_t base = 0, end;
    unsigned int i;

    rdmsr_trap(0x1b, &base);
    hostile_count(&c, wrmsr_trap(0x1b, base | 1UL << 10) == 0, "x2APIC mode refused");
    hostile_count(&c,
                  wrmsr_trap(0x80f, 0x1ff) == 0 && wrmsr_trap(0x83e, 0xb) == 0 &&
                      wrmsr_trap(0x832, 32 | 1UL << 17) == 0 && wrmsr_trap(0x838, 20000) == 0,
                  "arming the periodic timer faulted");
    irq_count = 0;
    end = arch_counter() + 20000000;
    while (arch_counter() < end) {
        long r;

        __asm__ volatile("sti; nop; nop; cli" : : : "memory");
        r = HYPERVISOR_xen_version(XENVER_version, NULL);
        hostile_count(&c, r > 0, "xen_version during the storm: %ld", r);
    }
    for (i = 0; i < 50; i++)
        __asm__ volatile("sti; hlt; cli" : : : "memory");
    hostile_count(&c, irq_count > 50, "only %u timer interrupts", irq_count);
    wrmsr_trap(0x832, 1UL << 16); /* masked */
    wrmsr_trap(0x838, 0);
    hostile_report(&c, "the guest running on");
}

/* MOV to CR8 (4 bytes: REX.R 0f 22 /r): 0 done, 1 #GP, -1 anything else. */
static int mov_cr8(uint64_t v)
{
    unsigned int before = trap_count;

    skip_len = 4;
    __asm__ volatile("mov %0, %%cr8" : : "a"(v) : "memory");
    skip_len = 0;
    return trap_count == before ? 0 : trap_count == before + 1 && trap_last == VEC_GP ? 1 : -1;
}

/*
 * CR8, the guest's task priority (SDM Vol. 3A 11.8.6.1): random values, a
 * bit above 3:0 being #GP (SDM Vol. 2B, MOV to CR8); then 15 while it makes
 * hypercalls for a while, and to the end. It is this vCPU's vLAPIC TPR
 * only: the guests sharing the CPU run on and sleep on their timers, the
 * hypervisor's own vectors stay open.
 */
static void cr8_tests(unsigned int iterations)
{
    struct hostile_cat c = {"MOV to and from CR8 with random values", 0, 0};
    uint64_t end, cr8 = 0;
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        uint64_t v = hostile_rand(), got;
        int r;

        if (v & 1) /* half of them in range */
            v = (v >> 1) & 0xf;
        r = mov_cr8(v);
        __asm__ volatile("mov %%cr8, %0" : "=r"(got));
        if (v < 16) {
            hostile_count(&c, r == 0 && got == v, "CR8 %#lx: %s, reads %#lx", (unsigned long)v,
                          r ? "faulted" : "done", (unsigned long)got);
            cr8 = v;
        } else {
            hostile_count(&c, r == 1 && got == cr8, "CR8 %#lx: %s, reads %#lx", (unsigned long)v,
                          r ? "not #GP" : "accepted", (unsigned long)got);
        }
    }
    mov_cr8(15);
    end = arch_counter() + 5000000;
    while (arch_counter() < end)
        hostile_count(&c, HYPERVISOR_xen_version(XENVER_version, NULL) > 0,
                      "xen_version with CR8 = 15 failed");
    /* Left at 15: the guest ends with it, and the guests after it must not notice. */
    hostile_count(&c, mov_cr8(15) == 0, "CR8 15 again faulted");
    hostile_report(&c, "each a result or #GP, the guest running on");
}

/*
 * x87 and SSE registers across turns on a shared CPU: each hostile guest
 * (the runner boots two on one CPU) loads its own values, yields, and
 * must find them unchanged, and the first time it looks, the FNINIT and
 * reset values, never another guest's (SDM Vol. 1 8.1.5, 10.2.3).
 */
static void fpu_tests(void)
{
    struct hostile_cat c = {"x87/SSE registers across turns with another guest", 0, 0};
    uint64_t cr0, cr4, mine = hostile_rand() | 1, x0 = 0, x15 = 0;
    uint16_t fcw = 0, my_fcw = 0x27f | (uint16_t)(hostile_rand() & 0xc00);
    uint32_t mxcsr = 0, my_mxcsr = 0x1f80 | (uint32_t)(hostile_rand() & 0x6000);
    unsigned int i;

    /* CR0.EM off, MP on; CR4.OSFXSR and OSXMMEXCPT on: SSE allowed (SDM Vol. 3A 13.1.3). */
    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    __asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
    __asm__ volatile("mov %0, %%cr0" : : "r"((cr0 & ~4UL) | 2UL));
    __asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | 3UL << 9));
    __asm__ volatile("fnstcw %0; stmxcsr %1" : "=m"(fcw), "=m"(mxcsr));
    hostile_count(&c, fcw == 0x37f && mxcsr == 0x1f80,
                  "first look: FCW %#x MXCSR %#x, not the reset values", fcw, mxcsr);
    for (i = 0; i < 40; i++) {
        __asm__ volatile("movq %0, %%xmm0; movq %0, %%xmm15; fldcw %1; ldmxcsr %2"
                         :
                         : "r"(mine + i), "m"(my_fcw), "m"(my_mxcsr)); /* -mno-sse: not the compiler's */
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        arch_delay_us(200); /* long enough to be preempted too */
        __asm__ volatile("movq %%xmm0, %0; movq %%xmm15, %1; fnstcw %2; stmxcsr %3"
                         : "=r"(x0), "=r"(x15), "=m"(fcw), "=m"(mxcsr));
        hostile_count(&c, x0 == mine + i && x15 == mine + i && fcw == my_fcw && mxcsr == my_mxcsr,
                      "turn %u: xmm0 %#lx xmm15 %#lx FCW %#x MXCSR %#x, not this guest's", i,
                      (unsigned long)x0, (unsigned long)x15, fcw, mxcsr);
    }
    hostile_report(&c, "each time its own registers");
}

/*
 * Interrupt commands (x2APIC ICR, MSR 0x830) in every delivery mode to APIC
 * IDs this one-vCPU guest does not have (physical IDs 1 .. 0xfffffffe,
 * logical destinations without its own cluster 0 bit 0, "all excluding
 * self"), and INIT and STARTUP to itself: Keel looks only at this domain's
 * vCPUs, so each is dropped with a line (an INIT to itself too: it runs),
 * or #GP for a reserved bit; the bystander guest, whose vCPU has APIC ID 0
 * as well, must never notice. Fixed IPIs to itself are left out: a random
 * vector would be delivered through the 33-entry IDT.
 */
static void ipi_tests(unsigned int iterations)
{
    struct hostile_cat c = {"x2APIC ICR writes to APIC IDs it does not have, every delivery mode",
                            0, 0};
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        uint64_t r = hostile_rand(), mode = r % 8, icr = (r >> 8) & 0xff, dest;
        int rc;

        icr |= mode << 8 | (r & (1UL << 11 | 1UL << 14 | 1UL << 15)); /* logical, level, trigger */
        if ((r >> 16) % 16 == 0)
            icr |= 1UL << (20 + (r >> 20) % 12); /* a reserved bit: #GP */
        switch ((r >> 32) % 4) {
        case 0: /* all excluding self */
            icr |= 3UL << 18;
            dest = 0;
            break;
        case 1: /* INIT or STARTUP to itself, by its ID */
            icr = (icr & ~(7UL << 8 | 1UL << 11)) | (5UL + (r >> 40) % 2) << 8;
            dest = 0;
            break;
        default:
            dest = (uint32_t)hostile_rand();
            if (icr & (1UL << 11))
                dest = (dest & ~0xffff0001UL) | (1 + dest % 0xfffe) << 16; /* not cluster 0 bit 0 */
            else if (dest == 0 || dest == 0xffffffffUL)
                dest = 1;
            break;
        }
        rc = wrmsr_trap(0x830, dest << 32 | icr);
        hostile_count(&c, rc >= 0, "ICR %#lx: an exception other than #GP", dest << 32 | icr);
    }
    hostile_report(&c, "each dropped or #GP, the guest running on");
}

void arch_hostile_tests(void *boot_info, unsigned int iterations)
{
    port_tests(iterations);
    outs_tests(iterations);
    cpuid_tests(iterations);
    msr_tests(iterations);
    cr_tests();
    page_table_tests();
    storm_tests();
    ipi_tests(iterations);
    cr8_tests(iterations);
}

/* First thing, so that two hostile guests booted together overlap here. */
void arch_hostile_early(void)
{
    fpu_tests();
}

/* REP OUTSB from an address this guest does not map: the hypervisor crashes the guest. */
void arch_hostile_final(void)
{
    unsigned long p = 0x40000000UL, n = 16;

    __asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(0x80) : "memory");
    gprintf("hostile: rep outsb from %lx returned, rcx %lu\n", p, n);
}
