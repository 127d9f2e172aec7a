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
#define VPL011 0x22000000UL
#define VPL011_SPI 32
static volatile unsigned int spi_count;
/* A test guest's own handler (the vGIC tests): nonzero when it has ended the interrupt. */
int arch_irq_custom(uint64_t iar) __attribute__((weak));

void arch_irq_handler(void)
{
    uint64_t iar;

    __asm__ volatile("mrs %0, s3_0_c12_c12_0" : "=r"(iar)); /* ICC_IAR1_EL1 */
    if (arch_irq_custom && arch_irq_custom(iar))
        return;
    if ((iar & 0xffffff) < 16)
        sgi_count++;
    if ((iar & 0xffffff) == VPL011_SPI) {
        spi_count++;
        *(volatile uint32_t *)(VPL011 + 0x038) = 0; /* UARTIMSC: mask, the line drops */
    }
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
    __asm__ volatile("msr s3_0_c12_c12_7, %0" : : "r"(1UL));  /* ICC_IGRPEN1_EL1 */
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
uint32_t fdt_be32(const void *p)
{
    const uint8_t *b = p;

    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/*
 * The first property called prop in a node whose name starts with node at
 * depth 1 (enough for the trees the hypervisor writes), or, any_depth, in a
 * node called exactly node anywhere (a partial device tree's /passthrough
 * children). *len gets its size. No libfdt here: the guest is the thing
 * under test, not a DT library.
 */
static const void *fdt_walk(const void *fdt, const char *node, const char *prop, uint32_t *len,
                            bool any_depth)
{
    const uint8_t *base = fdt;
    const uint8_t *p, *strings;
    int depth = 0, in_node = 0;

    if (!fdt || fdt_be32(base) != 0xd00dfeed)
        return NULL;
    p = base + fdt_be32(base + 8);
    strings = base + fdt_be32(base + 12);
    for (;;) {
        uint32_t tok = fdt_be32(p);

        p += 4;
        if (tok == 1) { /* FDT_BEGIN_NODE */
            const char *name = (const char *)p;

            depth++;
            in_node = any_depth ? !strcmp(name, node)
                                : depth == 2 && !strncmp(name, node, strlen(node));
            p += (strlen(name) + 4) & ~3UL;
        } else if (tok == 2) { /* FDT_END_NODE */
            depth--;
            in_node = 0;
        } else if (tok == 3) { /* FDT_PROP */
            uint32_t plen = fdt_be32(p), nameoff = fdt_be32(p + 4);

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

const void *fdt_find(const void *fdt, const char *node, const char *prop, uint32_t *len)
{
    return fdt_walk(fdt, node, prop, len, false);
}

const void *fdt_find_any(const void *fdt, const char *node, const char *prop, uint32_t *len)
{
    return fdt_walk(fdt, node, prop, len, true);
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

    return r && len == 16 ? ((uint64_t)fdt_be32(r) << 32) | fdt_be32(r + 4) : 0;
}

uint64_t arch_ram_end(void *boot_info)
{
    uint32_t len;
    const uint8_t *r = fdt_find(boot_info, "memory", "reg", &len);

    if (!r || len != 16)
        return 0;
    return (((uint64_t)fdt_be32(r) << 32) | fdt_be32(r + 4)) +
           (((uint64_t)fdt_be32(r + 8) << 32) | fdt_be32(r + 12));
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
#define SLEEPER_CONTEXT 0x5eeeUL
#define RESTART_CONTEXT 0x5678UL
#define RACE_CONTEXT 0x7ace0000UL /* + 2 * round (the winner) or + 2 * round + 1 (the loser) */
static volatile uint64_t secondary_v7 = 1;
/* vCPU 1 of the hostile guest (hostile_arch.c, linked into that guest only). */
#define HOSTILE_CONTEXT 0x4057UL
void arch_hostile_secondary(void) __attribute__((weak, noreturn));

void guest_secondary(unsigned long context)
{
    unsigned long mpidr;

    if (context == HOSTILE_CONTEXT && arch_hostile_secondary)
        arch_hostile_secondary(); /* ends with PSCI CPU_OFF */
    if (context == SPINNER_CONTEXT) {
        /* Spin without ever trapping: only the hypervisor's kick can stop us. */
        secondary_seen = context;
        for (;;)
            secondary_mpidr++;
    }
    if (context == SLEEPER_CONTEXT) {
        /* Wait with every interrupt masked: only the hypervisor's kick can wake the CPU. */
        __asm__ volatile("msr daifset, #0xf");
        secondary_seen = context;
        for (;;)
            __asm__ volatile("wfi");
    }
    if ((context & ~0xffffUL) == RACE_CONTEXT) {
        /* Started by the CPU_ON race test: say with which context, and go off again. */
        secondary_seen = context;
        smccc_call(0x84000002, 0, 0, 0); /* PSCI CPU_OFF */
    }
    if (context == RESTART_CONTEXT) {
        /* Started again after CPU_OFF: FP/SIMD state must not survive. */
        uint64_t v7;

        __asm__ volatile("fmov %0, d7" : "=r"(v7));
        secondary_v7 = v7;
        secondary_seen = context;
        smccc_call(0x84000002, 0, 0, 0); /* PSCI CPU_OFF */
    }
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    secondary_mpidr = mpidr;
    gprintf("secondary vCPU running, MPIDR %lx, context %lx\n", mpidr, context);
    /* Take SGI 3 through this vCPU's own redistributor frame (the second one). */
    *(volatile uint32_t *)(GICR_SGI_ISENABLER0 + 0x20000) = 1u << 3;
    __asm__ volatile("msr s3_0_c12_c12_5, %0\n\tisb" : : "r"(1UL)); /* ICC_SRE_EL1 */
    __asm__ volatile("msr s3_0_c4_c6_0, %0" : : "r"(0xffUL));       /* ICC_PMR_EL1 */
    __asm__ volatile("msr s3_0_c12_c12_7, %0\n\tisb" : : "r"(1UL)); /* ICC_IGRPEN1_EL1 */
    __asm__ volatile("msr daifclr, #2");
    __asm__ volatile("dsb sy");
    secondary_seen = context;
    while (!secondary_go) /* no WFI: nothing would wake it when go is set */
        ;
    __asm__ volatile("msr daifset, #2");
    /* Leave a mark in an FP/SIMD register for the restart to look for. */
    __asm__ volatile("movi v7.16b, #0x5a" : : : "v7");
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

/* Start vCPU 1 waiting in WFI, interrupts masked; 0 once it got there. */
int arch_start_sleeper(void)
{
    if (smccc_call(0xc4000003, 1, (unsigned long)secondary_entry, SLEEPER_CONTEXT))
        return -1;
    return wait_until(&secondary_seen, SLEEPER_CONTEXT) ? 0 : -1;
}

/*
 * A second CPU_ON right behind a successful one, while vCPU 1 may still be
 * waiting to start: it must answer ON_PENDING or ALREADY_ON and must not
 * change where vCPU 1 starts. Round after round, vCPU 1 has to report the
 * winner's context; the rounds where the second call saw ON_PENDING are the
 * ones that would have shown an overwrite.
 */
static void cpu_on_race_tests(void)
{
    unsigned int round, wrong = 0, pending = 0, bad_rc = 0;
    unsigned long r, state = 0;
    uint64_t end;

    for (round = 0; round < 32; round++) {
        unsigned long won = RACE_CONTEXT + 2 * round, expect = won;

        secondary_seen = 0;
        r = smccc_call(0xc4000003, 1, (unsigned long)secondary_entry, won);
        if (r) {
            bad_rc++;
            break;
        }
        r = smccc_call(0xc4000003, 1, (unsigned long)secondary_entry, won + 1);
        if ((long)r == -5) /* ON_PENDING */
            pending++;
        else if (r == 0) /* vCPU 1 had already run and gone off: it starts again */
            expect = won + 1;
        else if ((long)r != -4) /* ALREADY_ON */
            bad_rc++;
        end = arch_counter() + arch_counter_freq();
        while (secondary_seen != expect && arch_counter() < end)
            ;
        if (secondary_seen != expect)
            wrong++;
        while (arch_counter() < end && (state = smccc_call(0xc4000004, 1, 0, 0)) != 1)
            ;
        if (state != 1)
            break;
    }
    tap_ok(round == 32 && !wrong && !bad_rc,
           "a 2nd CPU_ON keeps the 1st's entry (%u rounds, %u wrong, %u bad, %u ON_PENDING)",
           round, wrong, bad_rc, pending);
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
    r = smccc_call(0xc4000003, 1, (unsigned long)secondary_entry, RESTART_CONTEXT);
    tap_ok(r == 0 && wait_until(&secondary_seen, RESTART_CONTEXT),
           "PSCI CPU_ON starts vCPU 1 again after its CPU_OFF");
    tap_ok(secondary_v7 == 0, "vCPU 1 restarts with zeroed FP/SIMD registers (d7 %lx)",
           (unsigned long)secondary_v7);
    end = arch_counter() + arch_counter_freq();
    while (arch_counter() < end && (state = smccc_call(0xc4000004, 1, 0, 0)) != 1)
        ;
    tap_ok(state == 1, "PSCI AFFINITY_INFO(vCPU 1) is OFF after its second CPU_OFF");
    cpu_on_race_tests();
}

static uint64_t be64(const void *p)
{
    const uint8_t *b = p;

    return ((uint64_t)fdt_be32(b) << 32) | fdt_be32(b + 4);
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

/* PSCI 1.1 and SMCCC 1.1 functions beyond CPU_ON/OFF (Arm DEN 0022D, DEN 0028B). */
static void psci_smccc_tests(void)
{
    unsigned long r;

    r = smccc_call(0x80000000, 0, 0, 0);
    tap_ok(r == 0x10001, "SMCCC_VERSION is 1.1 (got %lx)", r);
    r = smccc_call(0x8400000a, 0x80000000, 0, 0);
    tap_ok(r == 0, "PSCI FEATURES(SMCCC_VERSION) is supported");
    r = smccc_call(0x80000001, 0x80000001, 0, 0);
    tap_ok(r == 0, "SMCCC_ARCH_FEATURES(SMCCC_ARCH_FEATURES) is supported");
    r = smccc_call(0x80000001, 0x80008000, 0, 0);
    tap_ok((long)r == -1, "SMCCC_ARCH_FEATURES(ARCH_WORKAROUND_1) is NOT_SUPPORTED");
    r = smccc_call(0x80000001, 0x80007fff, 0, 0);
    tap_ok((long)r == -1, "SMCCC_ARCH_FEATURES(ARCH_WORKAROUND_2) is NOT_SUPPORTED");
    r = smccc_call(0x84000050, 0, 0, 0);
    tap_ok((long)r == -1, "TRNG_VERSION is NOT_SUPPORTED");
    r = smccc_call(0x8600ff01, 0, 0, 0);
    tap_ok((long)r == -1, "vendor hypervisor service UID is NOT_SUPPORTED");
    r = smccc_call(0x84000006, 0, 0, 0);
    tap_ok(r == 2, "PSCI MIGRATE_INFO_TYPE: no Trusted OS to migrate (got %lx)", r);
    r = smccc_call(0x8400000a, 0xc4000001, 0, 0);
    tap_ok(r == 0, "PSCI FEATURES(CPU_SUSPEND) is supported, original power_state format");
    r = smccc_call(0x8400000a, 0x84000009, 0, 0);
    tap_ok(r == 0, "PSCI FEATURES(SYSTEM_RESET) is supported");
}

#define SCTLR_UCI (1UL << 26) /* EL0 cache maintenance by VA: harmless to flip at EL1 */
#define ID_FIELD(reg, shift) (((reg) >> (shift)) & 0xf)
#define READ_REG(name)                                                                             \
    ({                                                                                             \
        uint64_t _v;                                                                               \
        __asm__ volatile("mrs %0, " #name : "=r"(_v));                                             \
        _v;                                                                                        \
    })

/* Exceptions taken by running fn (each skipped); class of the last in *cls. */
#define COUNT_EXCEPTIONS(cls, insn)                                                                \
    ({                                                                                             \
        unsigned int _before = exc_count;                                                          \
        exc_skip = 1;                                                                              \
        insn;                                                                                      \
        exc_skip = 0;                                                                              \
        *(cls) = exc_last_class;                                                                   \
        exc_count - _before;                                                                       \
    })

/*
 * What acts on the physical core traps (HCR_EL2.TACR, TSW): ACTLR_EL1 reads
 * as zero and ignores writes, set/way cache maintenance completes, and the
 * EL1 memory control registers written after it (then trapped by
 * HCR_EL2.TVM) still hold what was written; tests/arm64/run.sh checks that
 * the hypervisor saw the traps. (HCR_EL2.TIDCP is not tested: QEMU before
 * 8.1 does not implement it, and its -cpu max lets EL1 read Cortex-A57's
 * CPUACTLR_EL1 whatever the bit says.)
 */
static void trapped_cpu_controls_tests(void)
{
    uint64_t sctlr = READ_REG(sctlr_el1), ttbr0 = READ_REG(ttbr0_el1);
    uint64_t mair = READ_REG(mair_el1), ctxid = READ_REG(contextidr_el1);
    unsigned int n, cls;

    __asm__ volatile("msr actlr_el1, %0\n\tisb" : : "r"(0xffffUL));
    tap_ok(READ_REG(actlr_el1) == 0, "ACTLR_EL1 reads as zero and ignores writes");
    n = COUNT_EXCEPTIONS(&cls, __asm__ volatile("dc cisw, %0\n\tdc csw, %0\n\tdc isw, %0"
                                                :
                                                : "r"(2UL)
                                                : "memory"));
    tap_ok(n == 0, "DC CISW, CSW and ISW (set/way) complete without an exception (%u)", n);
    __asm__ volatile("msr ttbr0_el1, %0\n\tmsr mair_el1, %1\n\tmsr contextidr_el1, %2\n\t"
                     "msr sctlr_el1, %3\n\tisb"
                     :
                     : "r"(0x1234000UL), "r"(0x44ff00UL), "r"(0x55UL), "r"(sctlr | SCTLR_UCI));
    tap_ok(READ_REG(ttbr0_el1) == 0x1234000UL && READ_REG(mair_el1) == 0x44ff00UL &&
               READ_REG(contextidr_el1) == 0x55 && READ_REG(sctlr_el1) == (sctlr | SCTLR_UCI),
           "TTBR0, MAIR, CONTEXTIDR and SCTLR_EL1 hold what was written after set/way");
    __asm__ volatile("msr ttbr0_el1, %0\n\tmsr mair_el1, %1\n\tmsr contextidr_el1, %2\n\t"
                     "msr sctlr_el1, %3\n\tisb"
                     :
                     : "r"(ttbr0), "r"(mair), "r"(ctxid), "r"(sctlr));
}

/*
 * The CPU the hypervisor shows (HCR_EL2.TID3, MDCR_EL2): under QEMU's
 * -cpu max the host has SVE, SME, MTE, pointer authentication, a PMU and
 * EL2/EL3; none of that may show through.
 */
static void cpu_view_tests(void)
{
    uint64_t pfr0 = READ_REG(id_aa64pfr0_el1), pfr1 = READ_REG(id_aa64pfr1_el1);
    uint64_t isar1 = READ_REG(id_aa64isar1_el1), dfr0 = READ_REG(id_aa64dfr0_el1);
    uint64_t mmfr0 = READ_REG(id_aa64mmfr0_el1), zfr0 = READ_REG(s3_0_c0_c4_4);

    tap_ok(!ID_FIELD(pfr0, 8) && !ID_FIELD(pfr0, 12),
           "ID_AA64PFR0_EL1 shows no EL2 and no EL3 (%lx)", (unsigned long)pfr0);
    tap_ok(!ID_FIELD(pfr0, 32) && !zfr0, "ID_AA64PFR0_EL1 and ID_AA64ZFR0_EL1 show no SVE");
    tap_ok(ID_FIELD(pfr0, 16) != 0xf && ID_FIELD(pfr0, 24) == 1,
           "FP/SIMD and the GIC system register interface are offered");
    tap_ok(!ID_FIELD(pfr1, 8) && !ID_FIELD(pfr1, 24),
           "ID_AA64PFR1_EL1 shows no MTE and no SME (%lx)", (unsigned long)pfr1);
    tap_ok(!ID_FIELD(isar1, 4) && !ID_FIELD(isar1, 8) && !ID_FIELD(isar1, 24) &&
               !ID_FIELD(isar1, 28),
           "ID_AA64ISAR1_EL1 shows no pointer authentication (%lx)", (unsigned long)isar1);
    tap_ok(ID_FIELD(dfr0, 0) == 6 && !ID_FIELD(dfr0, 8) && !ID_FIELD(dfr0, 32),
           "ID_AA64DFR0_EL1: Armv8.0 debug, no PMU, no SPE (%lx)", (unsigned long)dfr0);
    trapped_cpu_controls_tests();
    tap_ok(ID_FIELD(mmfr0, 0) == 0, "ID_AA64MMFR0_EL1.PARange is 32 bits (the IPA space)");
    tap_ok(READ_REG(pmcr_el0) == 0, "PMCR_EL0 reads as zero (PMU trapped, RAZ)");
    __asm__ volatile("msr mdscr_el1, %0\n\tisb" : : "r"(1UL << 15));
    tap_ok(READ_REG(mdscr_el1) == 0, "MDSCR_EL1 ignores writes (debug trapped, RAZ/WI)");
    __asm__ volatile("msr pmcr_el0, %0\n\tisb" : : "r"(1UL));
    tap_ok(READ_REG(pmcr_el0) == 0, "PMCR_EL0 ignores writes");
    {
        uint64_t x = 0x3ff8000000000000UL; /* 1.5 */

        __asm__ volatile("fmov d0, %0\n\tfadd d0, d0, d0\n\tfmov %0, d0" : "+r"(x) : : "v0");
        tap_ok(x == 0x4008000000000000UL, "FP/SIMD instructions run in the guest (1.5 + 1.5)");
    }
}

/*
 * Turn the MMU on with a stage-1 table whose second level for VAs
 * 0x80000000-0xbfffffff sits at IPA 0x10000000, which is not this guest's:
 * a load from VA 0x80000123 faults at stage 2 during the stage-1 walk
 * (ESR ISS.S1PTW). The hypervisor must crash this guest and say which
 * register held what: FAR the VA, HPFAR the table's page; there is no IPA
 * of the access. 4 KiB granule, T0SZ 32: the walk starts at level 1.
 */
static uint64_t walk_l1[512] __attribute__((aligned(4096)));

static void stage1_walk_fault(void)
{
    /* TCR_EL1 (D19.2.139): T0SZ 32, IRGN0/ORGN0 WB, SH0 inner, TG0 4K, EPD1. */
    uint64_t tcr = 32 | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23);
    uint64_t sctlr = READ_REG(sctlr_el1);

    /* L1[1]: 1 GiB block, identity (our RAM and code); AF, inner shareable, MAIR index 0. */
    walk_l1[1] = 0x40000000UL | (1UL << 10) | (3UL << 8) | 1;
    /* L1[2]: a table descriptor pointing outside our RAM. */
    walk_l1[2] = 0x10000000UL | 3;
    tap_plan_end();
    gprintf("stage-1 walk: loading from VA 0x80000123 through a table at IPA 0x10000000\n");
    __asm__ volatile("msr mair_el1, %0\n\tmsr tcr_el1, %1\n\tmsr ttbr0_el1, %2\n\t"
                     "dsb sy\n\ttlbi vmalle1\n\tdsb nsh\n\tisb\n\t"
                     "msr sctlr_el1, %3\n\tisb"
                     :
                     : "r"(0xffUL), "r"(tcr), "r"((uint64_t)(uintptr_t)walk_l1), "r"(sctlr | 1)
                     : "memory");
    (void)*(volatile uint32_t *)0x80000123UL;
    __asm__ volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr));
    gprintf("stage-1 walk: the load returned\n");
}

#define GICD(off) (*(volatile uint32_t *)(0x03001000UL + (off)))
#define GICD64(off) (*(volatile uint64_t *)(0x03001000UL + (off)))

/*
 * A single plain load: only those have a syndrome the hypervisor can emulate
 * (the compiler's post-indexed loads have none, and crash the guest).
 */
static uint32_t mmio_read32(uint64_t addr)
{
    uint32_t v;

    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}

static void mmio_write32(uint64_t addr, uint32_t v)
{
    __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

/*
 * A hostile guest: all ones written to every word of the distributor, of its
 * redistributor and of the vPL011, with interrupts masked. Last of the tests:
 * this guest's GIC is in no state to deliver anything afterwards.
 */
static void gic_write_sweep(void)
{
    unsigned long off;

    __asm__ volatile("msr daifset, #2");
    for (off = 0; off < 0x10000; off += 4)
        mmio_write32(0x03001000UL + off, 0xffffffffu);
    for (off = 0; off < 0x20000; off += 4)
        mmio_write32(0x03020000UL + off, 0xffffffffu);
    for (off = 0; off < 0x1000; off += 4)
        if (off != 0) /* not UARTDR: no 0xff bytes on the console */
            mmio_write32(0x22000000UL + off, 0xffffffffu);
    tap_ok(mmio_read32(0x03001000UL + 0x4) == GICD(0x4),
           "all ones written to every vGIC and vPL011 word: the hypervisor carries on");
}

/* The virtual distributor's SPI registers, and an unknown register. */
static void vgic_dist_tests(void)
{
    tap_ok((GICD(0x4) & 0x1f) == 1 && ((GICD(0x4) >> 19) & 0x1f) == 9,
           "GICD_TYPER: 64 INTIDs, 10 ID bits (%x)", GICD(0x4));
    tap_ok((GICD(0xffe8) >> 4 & 0xf) == 3, "GICD_PIDR2 says GICv3");
    *(volatile uint8_t *)(0x03001000UL + 0x400 + 40) = 0x60;
    tap_ok(GICD(0x400 + 40) == 0xa0a0a060u, "GICD_IPRIORITYR: byte write of SPI 40 reads back");
    GICD(0xc00 + 8) = 0x2u << 4;
    tap_ok(GICD(0xc00 + 8) == 0x2u << 4, "GICD_ICFGR2: SPI 34 set edge-triggered");
    GICD(0xc00 + 8) = 0;
    GICD64(0x6000 + 8 * 40) = 0x80000000UL;
    tap_ok(GICD64(0x6000 + 8 * 40) == 0x80000000UL, "GICD_IROUTER40 (IRM) reads back");
    GICD(0x100 + 4) = 1u << 8;
    tap_ok(GICD(0x100 + 4) == 1u << 8 && GICD(0x180 + 4) == 1u << 8,
           "GICD_ISENABLER1/ICENABLER1 enable SPI 40");
    GICD(0x180 + 4) = 1u << 8;
    tap_ok(GICD(0x100 + 4) == 0, "GICD_ICENABLER1 disables it again");
    tap_ok(GICD(0x8000) == 0, "an unknown GICD register reads as zero");
    GICD(0x8000) = 1;
    {
        /* Every word of the distributor and of our redistributor: no fault, no hang. */
        unsigned long off, n = 0;

        for (off = 0; off < 0x10000; off += 4)
            n += mmio_read32(0x03001000UL + off) != 0xdeadbeefu;
        for (off = 0; off < 0x20000; off += 4)
            n += mmio_read32(0x03020000UL + off) != 0xdeadbeefu;
        tap_ok(n == 0x30000 / 4, "every GICD and GICR word can be read (%lu reads)", n);
    }
}

#define UART(off) (*(volatile uint32_t *)(VPL011 + (off)))

/* Wait (IRQs unmasked) until the interrupt handler has seen n vPL011 SPIs. */
static bool wait_spis(unsigned int n)
{
    uint64_t deadline = arch_counter() + arch_counter_freq() / 10;

    __asm__ volatile("msr daifclr, #2\n\tisb");
    while (spi_count < n && arch_counter() < deadline)
        ;
    __asm__ volatile("msr daifset, #2\n\tisb");
    return spi_count >= n;
}

/* The vPL011's transmit interrupt as an SPI through the virtual distributor. */
static void vpl011_irq_tests(void)
{
    __asm__ volatile("msr s3_0_c12_c12_5, %0\n\tisb" : : "r"(1UL)); /* ICC_SRE_EL1.SRE */
    __asm__ volatile("msr s3_0_c4_c6_0, %0" : : "r"(0xffUL));       /* ICC_PMR_EL1 */
    __asm__ volatile("msr s3_0_c12_c12_7, %0\n\tisb" : : "r"(1UL)); /* ICC_IGRPEN1_EL1 */
    GICD(0x0) = 0x12;                    /* GICD_CTLR: ARE_NS, EnableGrp1NS */
    GICD64(0x6000 + 8 * VPL011_SPI) = 0; /* GICD_IROUTER32: vCPU 0 */
    GICD(0x100 + 4) = 1u << (VPL011_SPI - 32);
    spi_count = 0;
    tap_ok((UART(0x03c) & (1u << 5)) && !(UART(0x040) & (1u << 5)),
           "vPL011: UARTRIS.TXRIS set (FIFO empty), UARTMIS clear while masked");
    tap_ok(wait_spis(1) == false, "vPL011: no SPI while the transmit interrupt is masked");
    UART(0x038) = 1u << 5; /* UARTIMSC.TXIM */
    tap_ok(wait_spis(1), "vPL011: unmasking TXIM raises SPI 32 through the vGIC");
    UART(0x044) = 1u << 5; /* UARTICR.TXIC */
    tap_ok(!(UART(0x03c) & (1u << 5)), "vPL011: UARTICR clears TXRIS");
    UART(0x038) = 1u << 5;
    tap_ok(!wait_spis(2), "vPL011: no SPI while TXRIS is clear");
    {
        const char *s = "vPL011 transmit interrupt test line\n";

        while (*s)
            UART(0x000) = (uint32_t)*s++;
    }
    tap_ok(wait_spis(2), "vPL011: a write to UARTDR sets TXRIS again and raises SPI 32 again");
    tap_ok((UART(0x018) & 0x90) == 0x90, "vPL011: UARTFR says TX FIFO empty, RX FIFO empty");
    GICD(0x180 + 4) = 1u << (VPL011_SPI - 32);
}

/* PSCI and SMCCC through "hvc #0", SMC, and an HVC with a foreign immediate. */
void arch_tests(void *boot_info)
{
    unsigned long r;
    unsigned int irqs = 0;
    uint64_t t0, t1;

    r = smccc_call(0x84000000, 0, 0, 0);
    tap_ok(r == 0x10001, "PSCI VERSION is 1.1 (got %lx)", r);
    psci_smccc_tests();
    cpu_view_tests();
    vgic_dist_tests();
    if (strstr_simple(arch_boot_args(boot_info), "vpl011"))
        vpl011_irq_tests();
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

    /* PSCI CPU_SUSPEND (standby) waits like WFI: until the timer, 2 ms ahead. */
    irq_count = 0;
    t0 = arch_counter();
    __asm__ volatile("msr cntv_tval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb"
                     :
                     : "r"(arch_counter_freq() / 500), "r"(1UL));
    r = smccc_call(0xc4000001, 0, 0, 0);
    t1 = arch_counter();
    __asm__ volatile("msr daifclr, #2\n\tisb\n\tnop\n\tnop\n\tmsr daifset, #2");
    tap_ok(r == 0 && t1 - t0 >= arch_counter_freq() / 1000 && irq_count == 1,
           "PSCI CPU_SUSPEND returns once the timer interrupt is pending (%lu ticks, %u irq)",
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

    /*
     * A self-SGI the guest has disabled waits in the vGIC (the hypervisor's
     * short path for self-SGIs must not put it in a list register), and
     * arrives once, when enabled; sent twice meanwhile, it is still one.
     */
    {
        unsigned int before;
        uint64_t stop;

        *(volatile uint32_t *)(GICR_SGI_ISENABLER0 + 0x80) = 1u << 7; /* GICR_ICENABLER0 */
        sgi_count = 0;
        __asm__ volatile("msr daifclr, #2");
        __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"((7UL << 24) | 1));
        __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"((7UL << 24) | 1));
        stop = arch_counter() + arch_counter_freq() / 100;
        while (arch_counter() < stop)
            ;
        before = sgi_count;
        *(volatile uint32_t *)GICR_SGI_ISENABLER0 = 1u << 7;
        stop = arch_counter() + arch_counter_freq();
        while (!sgi_count && arch_counter() < stop)
            ;
        stop = arch_counter() + arch_counter_freq() / 100;
        while (arch_counter() < stop)
            ;
        __asm__ volatile("msr daifset, #2");
        tap_ok(before == 0 && sgi_count == 1,
               "a disabled self-SGI waits, and arrives once when enabled (%u before, %u after)",
               before, sgi_count);
        sgi_count = 0;
    }

    if (strstr_simple(arch_boot_args(boot_info), "smp"))
        smp_tests();
    if (strstr_simple(arch_boot_args(boot_info), "initrd"))
        initrd_tests(boot_info);
    if (strstr_simple(arch_boot_args(boot_info), "gicsweep"))
        gic_write_sweep();
    if (strstr_simple(arch_boot_args(boot_info), "s1walk"))
        stage1_walk_fault();
    if (strstr_simple(arch_boot_args(boot_info), "offlast")) {
        /* The only vCPU turns itself off: the hypervisor has to end the domain. */
        tap_plan_end();
        gprintf("the last vCPU calls PSCI CPU_OFF\n");
        smccc_call(0x84000002, 0, 0, 0);
        gprintf("PSCI CPU_OFF returned\n");
    }
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
