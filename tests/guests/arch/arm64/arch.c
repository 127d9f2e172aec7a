// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch64 side of the test guests: the hypercall instruction, PSCI, the
 * exception hook, the virtual timer and the GICv3 CPU interface. The tests
 * themselves are portable C (tests/guests/ at the top level) and use only guest.h.
 */
#include "../../guest.h"

long hypercall5(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4)
{
    register unsigned long x0 __asm__("x0") = a0;
    register unsigned long x1 __asm__("x1") = a1;
    register unsigned long x2 __asm__("x2") = a2;
    register unsigned long x3 __asm__("x3") = a3;
    register unsigned long x4 __asm__("x4") = a4;
    register unsigned long x16 __asm__("x16") = nr;

    __asm__ volatile("hvc #0xea1"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x16)
                     :
                     : "memory");
    return (long)x0;
}

unsigned long smccc_call(unsigned long fn, unsigned long a0, unsigned long a1, unsigned long a2)
{
    register unsigned long x0 __asm__("x0") = fn;
    register unsigned long x1 __asm__("x1") = a0;
    register unsigned long x2 __asm__("x2") = a1;
    register unsigned long x3 __asm__("x3") = a2;

    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
    return x0;
}

void guest_poweroff(void)
{
    smccc_call(0x84000008, 0, 0, 0); /* PSCI SYSTEM_OFF */
    for (;;)
        __asm__ volatile("wfi");
}

/* Exceptions the current test expects; anything else is reported and ends the guest. */
volatile unsigned int exc_count, exc_last_class, irq_count, sgi_count;
volatile int exc_skip = 0; /* move ELR past the faulting instruction */

void guest_exception(unsigned long kind, unsigned long esr, unsigned long *elr);
void guest_exception(unsigned long kind, unsigned long esr, unsigned long *elr)
{
    if (kind == 5) {
        arch_irq_handler();
        return;
    }
    exc_count++;
    exc_last_class = (unsigned int)(esr >> 26);
    if (exc_skip) {
        *elr += 4;
        return;
    }
    gprintf("guest: unexpected exception kind %lu ESR %lx ELR %lx\n", kind, esr, *elr);
    guest_poweroff();
}

int arch_hvc_bad_immediate(void)
{
    unsigned int before = exc_count;

    exc_skip = 1;
    __asm__ volatile("hvc #0x1234" : : : "memory");
    exc_skip = 0;
    return exc_count == before + 1 && exc_last_class == 0 ? 0 : -1;
}

uint64_t arch_counter(void)
{
    uint64_t v;

    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v));
    return v;
}

uint64_t arch_counter_freq(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

/* --- virtual timer through the virtual GICv3 --- */
#define GICR_SGI_ISENABLER0 (0x03020000UL + 0x10000 + 0x100)
#define VTIMER_PPI 27

void arch_irq_handler(void)
{
    uint64_t iar;

    __asm__ volatile("mrs %0, s3_0_c12_c12_0" : "=r"(iar)); /* ICC_IAR1_EL1 */
    if ((iar & 0xffffff) < 16)
        sgi_count++;
    if ((iar & 0xffffff) == VTIMER_PPI) {
        irq_count++;
        __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"(2UL)); /* IMASK: stop asserting */
    }
    __asm__ volatile("msr s3_0_c12_c12_1, %0\n\tisb" : : "r"(iar)); /* ICC_EOIR1_EL1 */
}

/* Arm the virtual timer ticks_ahead from now and wait for its interrupt. */
int arch_timer_irq_test(uint64_t ticks_ahead, unsigned int *irqs)
{
    uint64_t deadline;

    *(volatile uint32_t *)GICR_SGI_ISENABLER0 = 1u << VTIMER_PPI;
    __asm__ volatile("msr s3_0_c12_c12_5, %0" : : "r"(1UL)); /* ICC_SRE_EL1.SRE */
    __asm__ volatile("isb");
    __asm__ volatile("msr s3_0_c4_c6_0, %0" : : "r"(0xffUL)); /* ICC_PMR_EL1 */
    __asm__ volatile("msr s3_0_c12_c12_7, %0" : : "r"(1UL)); /* ICC_IGRPEN1_EL1 */
    __asm__ volatile("isb");
    irq_count = 0;
    __asm__ volatile("msr cntv_tval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb"
                     :
                     : "r"(ticks_ahead), "r"(1UL));
    __asm__ volatile("msr daifclr, #2");
    deadline = arch_counter() + ticks_ahead * 100 + 100000;
    /*
     * Check and sleep with IRQs masked: an interrupt taken between the check
     * and the WFI would otherwise leave us asleep with nothing to wake us.
     * WFI still wakes on a masked pending interrupt.
     */
    while (!irq_count && arch_counter() < deadline) {
        __asm__ volatile("msr daifset, #2");
        if (!irq_count)
            __asm__ volatile("wfi");
        __asm__ volatile("msr daifclr, #2\n\tisb");
    }
    __asm__ volatile("msr daifset, #2");
    __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"(0UL));
    *irqs = irq_count;
    return irq_count ? 0 : -1;
}

/* A load from a guest-physical address (MMU off: VA = IPA). */
uint32_t arch_read_phys(uint64_t pa)
{
    return *(volatile uint32_t *)pa;
}

void arch_write_phys(uint64_t pa, uint32_t v)
{
    *(volatile uint32_t *)pa = v;
}

/* Write a string to the vPL011, if the guest has one. */
void arch_vpl011_puts(const char *s)
{
    volatile uint32_t *uart = (volatile uint32_t *)0x22000000UL;

    for (; *s; s++) {
        while (uart[0x18 / 4] & (1u << 5))
            ;
        uart[0] = (uint8_t)*s;
    }
}

/* --- the boot information: a flattened device tree (big-endian) --- */
static uint32_t be32(const void *p)
{
    const uint8_t *b = p;

    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/*
 * The first property called prop in a node whose name starts with node
 * (depth 1 only, enough for the trees the hypervisor writes). *len gets its
 * size. No libfdt here: the guest is the thing under test, not a DT library.
 */
static const void *fdt_find(const void *fdt, const char *node, const char *prop, uint32_t *len)
{
    const uint8_t *base = fdt;
    const uint8_t *p, *strings;
    int depth = 0, in_node = 0;

    if (!fdt || be32(base) != 0xd00dfeed)
        return NULL;
    p = base + be32(base + 8);
    strings = base + be32(base + 12);
    for (;;) {
        uint32_t tok = be32(p);

        p += 4;
        if (tok == 1) { /* FDT_BEGIN_NODE */
            const char *name = (const char *)p;

            depth++;
            in_node = depth == 2 && !strncmp(name, node, strlen(node));
            p += (strlen(name) + 4) & ~3UL;
        } else if (tok == 2) { /* FDT_END_NODE */
            depth--;
            in_node = 0;
        } else if (tok == 3) { /* FDT_PROP */
            uint32_t plen = be32(p), nameoff = be32(p + 4);

            if (in_node && !strncmp((const char *)strings + nameoff, prop, strlen(prop) + 1)) {
                *len = plen;
                return p + 8;
            }
            p += 8 + ((plen + 3) & ~3UL);
        } else if (tok != 4) { /* FDT_NOP; anything else ends the walk */
            return NULL;
        }
    }
}

const char *arch_boot_args(void *boot_info)
{
    uint32_t len;
    const char *s = fdt_find(boot_info, "chosen", "bootargs", &len);

    return s ? s : "";
}

uint64_t arch_ram_base(void *boot_info)
{
    uint32_t len;
    const uint8_t *r = fdt_find(boot_info, "memory", "reg", &len);

    return r && len == 16 ? ((uint64_t)be32(r) << 32) | be32(r + 4) : 0;
}

uint64_t arch_ram_end(void *boot_info)
{
    uint32_t len;
    const uint8_t *r = fdt_find(boot_info, "memory", "reg", &len);

    if (!r || len != 16)
        return 0;
    return (((uint64_t)be32(r) << 32) | be32(r + 4)) +
           (((uint64_t)be32(r + 8) << 32) | be32(r + 12));
}

const char *arch_expected_capabilities(void)
{
    return "xen-3.0-aarch64";
}

uint32_t arch_expected_features(void)
{
    return 1u << XENFEAT_ARM_SMCCC_supported;
}

/* --- a second vCPU through PSCI CPU_ON / CPU_OFF --- */
extern char secondary_entry[];
static volatile unsigned long secondary_seen, secondary_mpidr, secondary_go;
void guest_secondary(unsigned long context);

#define SPINNER_CONTEXT 0x5917UL

void guest_secondary(unsigned long context)
{
    unsigned long mpidr;

    if (context == SPINNER_CONTEXT) {
        /* Spin without ever trapping: only the hypervisor's kick can stop us. */
        secondary_seen = context;
        for (;;)
            secondary_mpidr++;
    }
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    secondary_mpidr = mpidr;
    gprintf("secondary vCPU running, MPIDR %lx, context %lx\n", mpidr, context);
    /* Take SGI 3 through this vCPU's own redistributor frame (the second one). */
    *(volatile uint32_t *)(GICR_SGI_ISENABLER0 + 0x20000) = 1u << 3;
    __asm__ volatile("msr s3_0_c12_c12_5, %0\n\tisb" : : "r"(1UL)); /* ICC_SRE_EL1 */
    __asm__ volatile("msr s3_0_c4_c6_0, %0" : : "r"(0xffUL));        /* ICC_PMR_EL1 */
    __asm__ volatile("msr s3_0_c12_c12_7, %0\n\tisb" : : "r"(1UL)); /* ICC_IGRPEN1_EL1 */
    __asm__ volatile("msr daifclr, #2");
    __asm__ volatile("dsb sy");
    secondary_seen = context;
    while (!secondary_go) /* no WFI: nothing would wake it when go is set */
        ;
    __asm__ volatile("msr daifset, #2");
    smccc_call(0x84000002, 0, 0, 0); /* PSCI CPU_OFF: does not return */
    for (;;)
        ;
}

static int wait_until(volatile unsigned long *flag, unsigned long value)
{
    uint64_t end = arch_counter() + arch_counter_freq();

    while (*flag != value && arch_counter() < end)
        ;
    return *flag == value;
}

/* Start vCPU 1 in a loop that never leaves the guest; 0 once it runs. */
int arch_start_spinner(void)
{
    if (smccc_call(0xc4000003, 1, (unsigned long)secondary_entry, SPINNER_CONTEXT))
        return -1;
    return wait_until(&secondary_seen, SPINNER_CONTEXT) ? 0 : -1;
}

static void smp_tests(void)
{
    unsigned long r, state = 0;
    uint64_t end;

    r = smccc_call(0xc4000004, 1, 0, 0);
    tap_ok(r == 1, "PSCI AFFINITY_INFO(vCPU 1) is OFF before CPU_ON (%lx)", r);
    r = smccc_call(0xc4000003, 1, (unsigned long)secondary_entry, 0x1234);
    tap_ok(r == 0, "PSCI CPU_ON(vCPU 1) succeeds (%lx)", r);
    tap_ok(wait_until(&secondary_seen, 0x1234),
           "vCPU 1 runs at the entry point with its context id");
    tap_ok((secondary_mpidr & 0xff) == 1, "vCPU 1 reads MPIDR Aff0 = 1 (%lx)", secondary_mpidr);
    r = smccc_call(0xc4000003, 1, (unsigned long)secondary_entry, 0);
    tap_ok((long)r == -4, "PSCI CPU_ON of a running vCPU is ALREADY_ON (%ld)", (long)r);
    r = smccc_call(0xc4000004, 1, 0, 0);
    tap_ok(r == 0, "PSCI AFFINITY_INFO(vCPU 1) is ON while it runs (%lx)", r);
    /* An SGI from vCPU 0 to vCPU 1 (ICC_SGI1R_EL1: INTID 3, target list {1}). */
    {
        uint64_t sgi = (3UL << 24) | (1UL << 1);
        uint64_t stop = arch_counter() + arch_counter_freq();

        __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"(sgi));
        while (!sgi_count && arch_counter() < stop)
            ;
        tap_ok(sgi_count == 1, "SGI 3 from vCPU 0 reaches vCPU 1 through the vGIC (%u)", sgi_count);
    }
    secondary_go = 1;
    end = arch_counter() + arch_counter_freq();
    while (arch_counter() < end && (state = smccc_call(0xc4000004, 1, 0, 0)) != 1)
        ;
    tap_ok(state == 1, "PSCI AFFINITY_INFO(vCPU 1) is OFF after its CPU_OFF");
}

static uint64_t be64(const void *p)
{
    const uint8_t *b = p;

    return ((uint64_t)be32(b) << 32) | be32(b + 4);
}

/* The runner gives this guest a ramdisk that starts with a known text. */
static void initrd_tests(void *boot_info)
{
    static const char magic[] = "KEEL-RAMDISK";
    uint32_t l1 = 0, l2 = 0;
    const void *s = fdt_find(boot_info, "chosen", "linux,initrd-start", &l1);
    const void *e = fdt_find(boot_info, "chosen", "linux,initrd-end", &l2);
    uint64_t start = s && l1 == 8 ? be64(s) : 0, end = e && l2 == 8 ? be64(e) : 0;

    tap_ok(start && end > start && start >= arch_ram_base(boot_info) &&
               end <= arch_ram_end(boot_info),
           "ramdisk at %lx-%lx inside guest RAM (from /chosen)", (unsigned long)start,
           (unsigned long)end);
    tap_ok(start && !memcmp((const void *)(uintptr_t)start, magic, sizeof(magic) - 1),
           "ramdisk content was copied into guest RAM");
}

/* PSCI and SMCCC through "hvc #0", SMC, and an HVC with a foreign immediate. */
void arch_tests(void *boot_info)
{
    unsigned long r;
    unsigned int irqs = 0;
    uint64_t t0, t1;

    r = smccc_call(0x84000000, 0, 0, 0);
    tap_ok(r == 0x10000, "PSCI VERSION is 1.0 (got %lx)", r);
    r = smccc_call(0x8400000a, 0xc4000003, 0, 0);
    tap_ok(r == 0, "PSCI FEATURES(CPU_ON) is supported");
    r = smccc_call(0x8400000a, 0x84000012, 0, 0);
    tap_ok((long)r == -1, "PSCI FEATURES(unknown) is NOT_SUPPORTED");
    r = smccc_call(0xc4000004, 0, 0, 0);
    tap_ok(r == 0, "PSCI AFFINITY_INFO(vCPU 0) is ON");
    r = smccc_call(0xc4000003, 7, 0x40000000, 0);
    tap_ok((long)r == -2, "PSCI CPU_ON of a vCPU that does not exist is INVALID_PARAMETERS");
    r = smccc_call(0x8400ffff, 0, 0, 0);
    tap_ok((long)r == -1, "unknown SMCCC function is NOT_SUPPORTED");
    {
        register unsigned long x0 __asm__("x0") = 0x84000000;

        __asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
        tap_ok((long)x0 == -1, "SMC from the guest answers NOT_SUPPORTED");
    }
    tap_ok(arch_hvc_bad_immediate() == 0,
           "hvc with an unknown immediate injects an undefined-instruction exception");

    /* The virtual timer through the vGIC: 1 ms ahead. */
    r = (unsigned long)arch_timer_irq_test(arch_counter_freq() / 1000, &irqs);
    tap_ok(r == 0 && irqs == 1, "virtual timer interrupt (PPI 27) delivered through the vGIC (%u)",
           irqs);

    /* SCHEDOP_block returns once an interrupt is pending (the timer, 2 ms ahead). */
    __asm__ volatile("msr daifset, #2");
    irq_count = 0;
    t0 = arch_counter();
    __asm__ volatile("msr cntv_tval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb"
                     :
                     : "r"(arch_counter_freq() / 500), "r"(1UL));
    r = (unsigned long)HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    t1 = arch_counter();
    __asm__ volatile("msr daifclr, #2\n\tisb\n\tnop\n\tnop\n\tmsr daifset, #2");
    tap_ok(r == 0 && t1 - t0 >= arch_counter_freq() / 1000 && irq_count == 1,
           "SCHEDOP_block sleeps until the timer interrupt (%lu ticks, %u irq)",
           (unsigned long)(t1 - t0), irq_count);
    __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"(0UL));

    /*
     * Six SGIs to ourselves while IRQs are masked: more than the four list
     * registers, so the last two need the maintenance interrupt to get in.
     */
    {
        unsigned int n;
        uint64_t stop;

        *(volatile uint32_t *)GICR_SGI_ISENABLER0 = 0x7eu;
        sgi_count = 0;
        __asm__ volatile("msr daifset, #2");
        for (n = 1; n <= 6; n++)
            __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"(((uint64_t)n << 24) | 1));
        __asm__ volatile("msr daifclr, #2");
        stop = arch_counter() + arch_counter_freq();
        while (sgi_count < 6 && arch_counter() < stop)
            ;
        __asm__ volatile("msr daifset, #2");
        tap_ok(sgi_count == 6,
               "6 SGIs pending at once all arrive (4 list registers + maintenance IRQ): %u",
               sgi_count);
        sgi_count = 0;
    }

    if (strstr_simple(arch_boot_args(boot_info), "smp"))
        smp_tests();
    if (strstr_simple(arch_boot_args(boot_info), "initrd"))
        initrd_tests(boot_info);
}

/* hypercall5's twin with a nop for the hvc: the benchmark's empty loop. */
long arch_hypercall_nop(unsigned long nr, unsigned long a0, unsigned long a1)
{
    register unsigned long x0 __asm__("x0") = a0;
    register unsigned long x1 __asm__("x1") = a1;
    register unsigned long x2 __asm__("x2") = 0;
    register unsigned long x3 __asm__("x3") = 0;
    register unsigned long x4 __asm__("x4") = 0;
    register unsigned long x16 __asm__("x16") = nr;

    __asm__ volatile("nop"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x16)
                     :
                     : "memory");
    return (long)x0;
}

void arch_delay_us(unsigned long us)
{
    uint64_t end = arch_counter() + arch_counter_freq() / 1000000 * us;

    while (arch_counter() < end)
        ;
}
