// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch64 part of the hostile guest: SMCCC/PSCI through "hvc #0" and
 * SMC with random function IDs, HVC with foreign immediates, random
 * accesses of every width to the virtual distributor, redistributor and
 * vPL011 windows, and the trapped system registers (ID, PMU, debug,
 * ICC_SGI1R_EL1 with random targets). Exceptions the hypervisor injects
 * are caught by arch.c's handler (exc_skip) and checked here.
 */
#include "../../hostile.h"

#define GICD_BASE 0x03001000UL
#define GICD_SIZE 0x10000UL
#define GICR_BASE 0x03020000UL
#define GICR_SIZE 0x20000UL /* one vCPU: RD_base + SGI_base */
#define VPL011_BASE 0x22000000UL
#define VPL011_SIZE 0x1000UL

/* Exception classes (Arm ARM D19.2.40, ESR_ELx.EC). */
#define EC_UNKNOWN 0x00
#define EC_DABT_CUR 0x25

/* PSCI 1.1 (Arm DEN 0022D) calls that would stop or suspend this vCPU or end the guest. */
#define PSCI_CPU_SUSPEND_32 0x84000001UL
#define PSCI_CPU_SUSPEND_64 0xc4000001UL
#define PSCI_CPU_OFF 0x84000002UL
#define PSCI_SYSTEM_OFF 0x84000008UL
#define PSCI_SYSTEM_RESET 0x84000009UL
/* ... and those the hypervisor implements (vpsci.c), SMCCC_VERSION and ARCH_FEATURES. */
static const uint32_t psci_implemented[] = {0x84000000, 0x84000003, 0xc4000003, 0x84000004,
                                            0xc4000004, 0x84000006, 0x8400000a, 0x80000000,
                                            0x80000001};

extern volatile unsigned int exc_count, exc_last_class;
extern volatile int exc_skip;

const uint64_t *arch_hostile_addresses(unsigned int *n)
{
    static const uint64_t a[] = {
        GICD_BASE,            /* emulated MMIO: not RAM, never a buffer */
        GICR_BASE + 0x100,    VPL011_BASE,
        0x08000000UL,         /* the host's GIC distributor (QEMU virt) */
        0x09000000UL,         /* the host's PL011 */
        0x3ffff000UL,         /* the page below guest RAM */
        0x100000000UL,        /* above the 32-bit IPA space */
        0xffff000008000000UL, /* where a Linux kernel would map itself */
        0x0000ffffffffe000UL, 0x00ff000040000000UL,
    };

    *n = sizeof(a) / sizeof(a[0]);
    return a;
}

static unsigned long smc_call(unsigned long fn, unsigned long a0, unsigned long a1)
{
    register unsigned long x0 __asm__("x0") = fn;
    register unsigned long x1 __asm__("x1") = a0;
    register unsigned long x2 __asm__("x2") = a1;

    __asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : : "x3", "memory");
    return x0;
}

static int is_implemented(uint32_t fn)
{
    unsigned int i;

    for (i = 0; i < sizeof(psci_implemented) / sizeof(psci_implemented[0]); i++)
        if (fn == psci_implemented[i])
            return 1;
    return 0;
}

static void smccc_tests(unsigned int iterations)
{
    struct hostile_cat c = {"PSCI/SMCCC through hvc #0 and smc, random function IDs", 0, 0};
    unsigned int i;

    for (i = 0; i < iterations; i++) {
        uint64_t fn, a0 = hostile_rand() % 4 ? hostile_rand() : 0, a1 = hostile_pointer();
        long r;

        switch (hostile_rand() % 6) {
        case 0:
            fn = 0x84000000UL | (hostile_rand() % 0x20);
            break;
        case 1:
            fn = 0xc4000000UL | (hostile_rand() % 0x20);
            break;
        case 2:
            fn = 0x80000000UL | (hostile_rand() % 4 ? hostile_rand() % 8 : hostile_rand() & 0xffff);
            break;
        case 3: /* the upper half of x0 is not part of the function ID (SMCCC 1.1, 2.5) */
            fn = (hostile_rand() << 32) | 0x84000000UL | (hostile_rand() % 0x20);
            break;
        default:
            fn = hostile_rand();
            break;
        }
        switch (fn & 0xffffffffUL) {
        case PSCI_CPU_SUSPEND_32:
        case PSCI_CPU_SUSPEND_64:
        case PSCI_CPU_OFF:
        case PSCI_SYSTEM_OFF:
        case PSCI_SYSTEM_RESET:
            fn = 0x8400001fUL; /* not a call this guest wants to survive */
            break;
        }
        r = (long)smccc_call(fn, a0, a1, hostile_rand());
        if (is_implemented((uint32_t)fn))
            hostile_count(&c, r >= -9 && r <= 0x10001, "hvc #0 function %#lx returned %ld",
                          (unsigned long)fn, r);
        else
            hostile_count(&c, r == -1, "hvc #0 unknown function %#lx returned %ld (not -1)",
                          (unsigned long)fn, r);
        r = (long)smc_call(hostile_rand() % 2 ? fn : hostile_rand(), a0, a1);
        hostile_count(&c, r == -1, "smc returned %ld, not NOT_SUPPORTED", r);
    }
    hostile_report(&c, "every answer a PSCI return code");
}

/* HVC immediates other than 0 (SMCCC) and 0xea1 (hypercalls): undefined instructions. */
#define HVC_UNDEF(imm)                                                                  \
    do {                                                                                \
        unsigned int before = exc_count;                                                \
        exc_skip = 1;                                                                   \
        __asm__ volatile("hvc #" #imm : : : "memory");                                  \
        exc_skip = 0;                                                                   \
        hostile_count(&c, exc_count == before + 1 && exc_last_class == EC_UNKNOWN,      \
                      "hvc #" #imm ": %u exceptions, class %#x", exc_count - before,    \
                      exc_last_class);                                                  \
    } while (0)

static void hvc_tests(unsigned int iterations)
{
    struct hostile_cat c = {"hvc with foreign immediates", 0, 0};
    unsigned int i;

    for (i = 0; i < iterations / 64 + 1; i++) {
        HVC_UNDEF(1);
        HVC_UNDEF(0xea0);
        HVC_UNDEF(0xea2);
        HVC_UNDEF(0x1ea1);
        HVC_UNDEF(0x8000);
        HVC_UNDEF(0xffff);
    }
    hostile_report(&c, "each an undefined-instruction exception in the guest");
}

/*
 * One random access to [base, base + size). Aligned ones trap and are
 * emulated; a misaligned one may take an alignment fault in the guest
 * first (Device memory, MMU off), which is the guest's own business.
 */
static int mmu_on; /* Normal memory: a misaligned access reaches the hypervisor too */

static void mmio_one(struct hostile_cat *c, uint64_t base, uint64_t size, int uart)
{
    unsigned int width = 1u << (hostile_rand() % 4), before = exc_count;
    uint64_t off = hostile_rand() % (size - 8), val = hostile_rand(), addr;
    int misaligned = hostile_rand() % 16 == 0, write = hostile_rand() % 2;

    if (!misaligned)
        off &= ~(uint64_t)(width - 1);
    else if (!(off & (width - 1)))
        off |= 1;
    if (width == 1)
        misaligned = 0;
    if (uart && off < 4)
        val &= ~0xffUL; /* UARTDR: a NUL, which the console drops */
    addr = base + off;
    exc_skip = 1;
    switch (width | (write ? 0x10 : 0)) {
    case 1:
        val = *(volatile uint8_t *)addr;
        break;
    case 2:
        val = *(volatile uint16_t *)addr;
        break;
    case 4:
        val = *(volatile uint32_t *)addr;
        break;
    case 8:
        val = *(volatile uint64_t *)addr;
        break;
    case 0x11:
        *(volatile uint8_t *)addr = (uint8_t)val;
        break;
    case 0x12:
        *(volatile uint16_t *)addr = (uint16_t)val;
        break;
    case 0x14:
        *(volatile uint32_t *)addr = (uint32_t)val;
        break;
    default:
        *(volatile uint64_t *)addr = val;
        break;
    }
    exc_skip = 0;
    hostile_count(c,
                  exc_count == before || (misaligned && !mmu_on && exc_count == before + 1 &&
                                          exc_last_class == EC_DABT_CUR),
                  "%s of %u bytes at %#lx: %u exceptions, class %#x", write ? "write" : "read",
                  width, (unsigned long)addr, exc_count - before, exc_last_class);
}

static void mmio_tests(unsigned int iterations)
{
    struct hostile_cat c = {"vGIC distributor/redistributor and vPL011 random accesses", 0, 0};
    uint32_t typer = *(volatile uint32_t *)(GICD_BASE + 4);
    uint32_t pidr2 = *(volatile uint32_t *)(GICD_BASE + 0xffe8);
    uint64_t rtyper = *(volatile uint64_t *)(GICR_BASE + 8);
    unsigned int i;

    for (i = 0; i < 2 * iterations; i++) {
        switch (hostile_rand() % 3) {
        case 0:
            mmio_one(&c, GICD_BASE, GICD_SIZE, 0);
            break;
        case 1:
            mmio_one(&c, GICR_BASE, GICR_SIZE, 0);
            break;
        default:
            mmio_one(&c, VPL011_BASE, VPL011_SIZE, 1);
            break;
        }
    }
    hostile_count(&c,
                  *(volatile uint32_t *)(GICD_BASE + 4) == typer &&
                      *(volatile uint32_t *)(GICD_BASE + 0xffe8) == pidr2 &&
                      *(volatile uint64_t *)(GICR_BASE + 8) == rtyper,
                  "read-only GICD_TYPER, GICD_PIDR2 or GICR_TYPER changed");
    /* Leave nothing pending or enabled behind. */
    *(volatile uint32_t *)GICD_BASE = 0;
    *(volatile uint32_t *)(GICD_BASE + 0x180 + 4) = ~0u;
    *(volatile uint32_t *)(GICD_BASE + 0x280 + 4) = ~0u;
    *(volatile uint32_t *)(GICR_BASE + 0x10000 + 0x180) = ~0u;
    *(volatile uint32_t *)(GICR_BASE + 0x10000 + 0x280) = ~0u;
    hostile_report(&c, "each emulated, the guest's own alignment faults aside");
}

/* Every ID register the hypervisor traps (op0 3, op1 0, CRn 0, CRm 1..7): no exception. */
#define ID_READ(crm, op2)                                                                   \
    case (crm) << 3 | (op2):                                                                \
        __asm__ volatile("mrs %0, s3_0_c0_c" #crm "_" #op2 : "=r"(v));                     \
        break
#define ID_ROW(crm)                                                                         \
    ID_READ(crm, 0);                                                                        \
    ID_READ(crm, 1);                                                                        \
    ID_READ(crm, 2);                                                                        \
    ID_READ(crm, 3);                                                                        \
    ID_READ(crm, 4);                                                                        \
    ID_READ(crm, 5);                                                                        \
    ID_READ(crm, 6);                                                                        \
    ID_READ(crm, 7)

static uint64_t id_read(unsigned int crm, unsigned int op2)
{
    uint64_t v = ~0UL;

    switch (crm << 3 | op2) {
        ID_ROW(1);
        ID_ROW(2);
        ID_ROW(3);
        ID_ROW(4);
        ID_ROW(5);
        ID_ROW(6);
        ID_ROW(7);
    }
    return v;
}

/*
 * PMU and debug registers the hypervisor makes RAZ/WI: write, then read
 * back 0. Not DBGPRCR_EL1: QEMU 7.2 does not implement it, so the CPU
 * itself makes it undefined before MDCR_EL2.TDOSA could trap it.
 */
#define RAZWI(name)                                                                         \
    do {                                                                                    \
        uint64_t v = hostile_rand(), back;                                                  \
        unsigned int before = exc_count;                                                    \
        exc_skip = 1;                                                                       \
        __asm__ volatile("msr " name ", %0\n\tisb" : : "r"(v));                            \
        __asm__ volatile("mrs %0, " name : "=r"(back));                                    \
        exc_skip = 0;                                                                       \
        hostile_count(&c, exc_count == before && back == 0,                                 \
                      name " after writing %#lx reads %#lx (%u exceptions)",               \
                      (unsigned long)v, (unsigned long)back, exc_count - before);          \
    } while (0)

static void sysreg_tests(unsigned int iterations)
{
    struct hostile_cat c = {"trapped system registers: ID, PMU, debug, ACTLR, set/way, ICC_SGI1R_EL1",
                            0, 0};
    unsigned int i, crm, op2;

    for (crm = 1; crm <= 7; crm++)
        for (op2 = 0; op2 <= 7; op2++) {
            unsigned int before = exc_count;
            uint64_t v;

            exc_skip = 1;
            v = id_read(crm, op2);
            exc_skip = 0;
            hostile_count(&c, exc_count == before, "ID register CRm %u op2 %u: exception (%lx)",
                          crm, op2, (unsigned long)v);
        }
    for (i = 0; i < iterations / 16 + 1; i++) {
        RAZWI("pmcr_el0");
        RAZWI("s3_3_c9_c12_1"); /* PMCNTENSET_EL0 */
        RAZWI("s3_3_c9_c12_5"); /* PMSELR_EL0 */
        RAZWI("s3_3_c9_c13_0"); /* PMCCNTR_EL0 */
        RAZWI("s3_3_c9_c14_0"); /* PMUSERENR_EL0 */
        RAZWI("s3_0_c9_c14_1"); /* PMINTENSET_EL1 */
        RAZWI("s3_3_c14_c8_0"); /* PMEVCNTR0_EL0 */
        RAZWI("s3_3_c14_c12_0"); /* PMEVTYPER0_EL0 */
        RAZWI("s3_3_c14_c15_7"); /* PMCCFILTR_EL0 */
        RAZWI("mdscr_el1");
        RAZWI("s2_0_c0_c0_4"); /* DBGBVR0_EL1 */
        RAZWI("s2_0_c0_c0_5"); /* DBGBCR0_EL1 */
        RAZWI("s2_0_c0_c0_6"); /* DBGWVR0_EL1 */
        RAZWI("s2_0_c0_c0_7"); /* DBGWCR0_EL1 */
        RAZWI("s2_0_c1_c3_4"); /* OSDLR_EL1 */
        RAZWI("s2_0_c0_c2_0"); /* MDCCINT_EL1 */
        RAZWI("actlr_el1"); /* HCR_EL2.TACR: reads as zero, writes ignored */
    }
    /*
     * Set/way maintenance with any operand (HCR_EL2.TSW), then SCTLR_EL1 and
     * CONTEXTIDR_EL1 writes, which HCR_EL2.TVM traps from then on: each must
     * land. The MMU stays off here; mmu_tests() later turns it on through
     * the same traps.
     */
    for (i = 0; i < iterations / 16 + 1; i++) {
        uint64_t sctlr, ctx = hostile_rand() & 0xffffffffUL, back_sctlr, back_ctx;
        unsigned int before = exc_count;

        exc_skip = 1;
        __asm__ volatile("dc cisw, %0\n\tdc isw, %0\n\tdc csw, %0" : : "r"(hostile_rand()) : "memory");
        __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
        __asm__ volatile("msr sctlr_el1, %0\n\tmsr contextidr_el1, %1\n\tisb"
                         :
                         : "r"(sctlr ^ (1UL << 2)), "r"(ctx));
        __asm__ volatile("mrs %0, sctlr_el1\n\tmrs %1, contextidr_el1" : "=r"(back_sctlr), "=r"(back_ctx));
        __asm__ volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr));
        exc_skip = 0;
        hostile_count(&c, exc_count == before && back_sctlr == (sctlr ^ (1UL << 2)) && back_ctx == ctx,
                      "set/way, then SCTLR_EL1.C flipped (%lx) and CONTEXTIDR_EL1 %lx (%u exceptions)",
                      (unsigned long)back_sctlr, (unsigned long)back_ctx, exc_count - before);
    }
    for (i = 0; i < iterations; i++) {
        uint64_t v = hostile_rand();
        unsigned int before = exc_count;

        if (hostile_rand() % 2)
            v &= ~(0xffUL << 16 | 0xffUL << 32 | 0xffUL << 48); /* Aff0 targets only */
        exc_skip = 1;
        __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb" : : "r"(v)); /* ICC_SGI1R_EL1 */
        exc_skip = 0;
        hostile_count(&c, exc_count == before, "ICC_SGI1R_EL1 <- %#lx: an exception",
                      (unsigned long)v);
    }
    /* The SGIs sent to ourselves stay pending: clear them, IRQs stay masked. */
    *(volatile uint32_t *)(GICR_BASE + 0x10000 + 0x280) = ~0u;
    hostile_report(&c, "each emulated without an exception");
}

/*
 * A second vCPU, when the guest has one, hammers the hypervisor at the
 * same time as vCPU 0: the shared vGIC state, SGIs at vCPU 0, version
 * calls and live-patch sysctls (one lock) from two CPUs at once. It takes
 * no exceptions on purpose (exc_skip is vCPU 0's) and keeps its own PRNG.
 */
#define HOSTILE_CONTEXT 0x4057UL
#define GICR1_BASE (GICR_BASE + 0x20000UL)
extern char secondary_entry[];
void arch_hostile_secondary(void) __attribute__((noreturn));
static volatile unsigned long v1_stop, v1_calls, v1_bad, v1_running;
static uint8_t v1_buf[4096] __attribute__((aligned(16)));

void arch_hostile_secondary(void)
{
    uint64_t x = 0x9e3779b97f4a7c15UL ^ v1_calls;

    v1_running = 1;
    while (!v1_stop) {
        struct xen_sysctl *op = (struct xen_sysctl *)v1_buf;
        long r = 0;

        x ^= x << 13; /* xorshift64 (Marsaglia 2003) */
        x ^= x >> 7;
        x ^= x << 17;
        switch (x % 6) {
        case 0:
            if (x & 0x100)
                *(volatile uint32_t *)(GICD_BASE + ((x >> 16) % GICD_SIZE & ~3UL)) = (uint32_t)x;
            else
                (void)*(volatile uint32_t *)(GICD_BASE + ((x >> 16) % GICD_SIZE & ~3UL));
            break;
        case 1:
            *(volatile uint32_t *)(GICR1_BASE + ((x >> 16) % GICR_SIZE & ~3UL)) = (uint32_t)x;
            break;
        case 2: /* SGIs at vCPU 0, or at everyone but us */
            __asm__ volatile("msr s3_0_c12_c11_5, %0\n\tisb"
                             :
                             : "r"(((x >> 8) & 0xf) << 24 | (x & 0x200 ? 1UL << 40 : 1)));
            break;
        case 3:
            r = HYPERVISOR_xen_version((int)((x >> 8) % 16), x & 0x400 ? v1_buf : (void *)x);
            break;
        case 4:
            r = HYPERVISOR_version_op((x >> 8) % 12, x & 0x400 ? v1_buf : NULL, (x >> 32) % 512);
            break;
        default: /* live patching: GET, LIST or ACTION with a name nothing has */
            memset(op, 0, sizeof(*op));
            op->cmd = XEN_SYSCTL_livepatch_op;
            op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
            op->u.livepatch.cmd = 1 + (x >> 8) % 3;
            memcpy(v1_buf + 512, "vcpu1-name", 11);
            op->u.livepatch.u.get.name.name.q = (uintptr_t)(v1_buf + 512);
            op->u.livepatch.u.get.name.size = 11;
            op->u.livepatch.u.action.cmd = 1 + (x >> 16) % 4;
            r = HYPERVISOR_sysctl(op);
            break;
        }
        if (!hostile_xen_result(r))
            v1_bad++;
        v1_calls++;
    }
    smccc_call(0x84000002, 0, 0, 0); /* PSCI CPU_OFF: does not return */
    for (;;)
        ;
}

static int vcpu1_state(void)
{
    return (int)smccc_call(0xc4000004, 1, 0, 0); /* AFFINITY_INFO: 0 on, 1 off, 2 pending */
}

static int wait_vcpu1_off(void)
{
    uint64_t end = arch_counter() + 2 * arch_counter_freq();

    while (vcpu1_state() != 1 && arch_counter() < end)
        ;
    return vcpu1_state() == 1;
}

static int start_vcpu1(void)
{
    long r = (long)smccc_call(0xc4000003, 1, (unsigned long)secondary_entry, HOSTILE_CONTEXT);
    uint64_t end = arch_counter() + arch_counter_freq();

    while (r == 0 && !v1_running && arch_counter() < end)
        ;
    return r == 0 && v1_running;
}

/* Stop vCPU 1, then start and stop it over and over, racing CPU_ON with itself. */
static void vcpu1_finish(void)
{
    struct hostile_cat c = {"a second vCPU hammering at the same time, then CPU_ON/CPU_OFF churn",
                            0, 0};
    unsigned int i, k;

    v1_stop = 1;
    hostile_count(&c, wait_vcpu1_off(), "vCPU 1 did not switch itself off");
    c.calls += (unsigned int)v1_calls;
    c.bad += (unsigned int)v1_bad;
    if (v1_bad)
        gprintf("hostile: vCPU 1: %lu of %lu calls returned something else than a Xen errno\n",
                v1_bad, v1_calls);
    for (i = 0; i < 50; i++) {
        for (k = 0; k < 3; k++) {
            long r = (long)smccc_call(0xc4000003, 1, (unsigned long)secondary_entry,
                                      HOSTILE_CONTEXT);

            /* The first is SUCCESS (or ALREADY_ON if it has not gone off yet), then ALREADY_ON or ON_PENDING. */
            hostile_count(&c, r == 0 || r == -4 || r == -5, "CPU_ON of vCPU 1 returned %ld", r);
        }
        hostile_count(&c, wait_vcpu1_off(), "vCPU 1 did not switch itself off (round %u)", i);
    }
    hostile_report(&c, "every error a Xen errno or PSCI code");
}

/*
 * With the MMU on (VMSAv8-64, 4 KiB granule, 39-bit VAs, level 1 blocks;
 * Arm ARM D8): hypercall pointers now go through this guest's stage 1.
 * TTBR0 maps the device gigabyte as Normal memory (so misaligned accesses
 * reach the hypervisor instead of faulting in the guest), RAM 1:1, RAM
 * again read-only at 2 GiB, and IPA 3 GiB (not RAM) at 3 GiB. TTBR1's
 * table is at an IPA stage 2 does not map: translating a pointer through
 * it faults in the walk itself, which must come back as -EFAULT.
 */
#define BLOCK_NORMAL (1UL | 1UL << 2 | 3UL << 8 | 1UL << 10) /* block, AttrIndx 1, inner shareable, AF */
#define BLOCK_RO (2UL << 6)                                   /* AP[2:1] = 10: EL1 read-only */
#define RO_ALIAS(p) ((uint64_t)(p) + 0x40000000UL)
#define TTBR1_TABLE_IPA 0x10000000UL
#define TTBR1_VA 0xffffff8000001000UL

static uint64_t l1_table[512] __attribute__((aligned(4096)));
static uint8_t mmu_buf[64] __attribute__((aligned(64)));

static void mmu_enable(void)
{
    /* TCR_EL1 (D17.2.131): T0SZ = T1SZ = 25, walks write-back inner shareable, TG1 4 KiB, IPS 32 bits. */
    uint64_t tcr = 25 | 1UL << 8 | 1UL << 10 | 3UL << 12 | 25UL << 16 | 1UL << 24 | 1UL << 26 |
                   3UL << 28 | 2UL << 30;
    uint64_t sctlr;

    l1_table[0] = 0x00000000UL | BLOCK_NORMAL;
    l1_table[1] = 0x40000000UL | BLOCK_NORMAL;
    l1_table[2] = 0x40000000UL | BLOCK_NORMAL | BLOCK_RO;
    l1_table[3] = 0xc0000000UL | BLOCK_NORMAL;
    __asm__ volatile("dsb ishst\n\t"
                     "msr mair_el1, %0\n\t"
                     "msr tcr_el1, %1\n\t"
                     "msr ttbr0_el1, %2\n\t"
                     "msr ttbr1_el1, %3\n\t"
                     "isb\n\t"
                     "tlbi vmalle1\n\t"
                     "dsb ish\n\t"
                     "isb"
                     :
                     : "r"(0xffUL << 8), "r"(tcr), "r"((uint64_t)l1_table), "r"(TTBR1_TABLE_IPA)
                     : "memory");
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr = (sctlr | 1UL << 0 | 1UL << 2 | 1UL << 12) & ~(1UL << 1); /* M, C, I on; A off */
    __asm__ volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr) : "memory");
}

static void mmu_tests(unsigned int iterations)
{
    struct hostile_cat c = {"MMU on: pointers through stage 1, misaligned MMIO", 0, 0};
    long r;
    unsigned int i;

    mmu_enable();
    memset(mmu_buf, 0, sizeof(mmu_buf));
    r = HYPERVISOR_xen_version(XENVER_extraversion, mmu_buf);
    hostile_count(&c, r == 0 && mmu_buf[0], "xen_version into a mapped buffer: %ld", r);
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)RO_ALIAS(mmu_buf));
    hostile_count(&c, r == -14, "xen_version into a read-only alias: %ld, not -EFAULT", r);
    memset(mmu_buf, 0, sizeof(mmu_buf));
    r = HYPERVISOR_console_io(CONSOLEIO_write, sizeof(mmu_buf), (void *)RO_ALIAS(mmu_buf));
    hostile_count(&c, r == 0, "console_io from a read-only alias: %ld, not 0", r);
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)TTBR1_VA);
    hostile_count(&c, r == -14, "xen_version through a table stage 2 does not map: %ld", r);
    r = HYPERVISOR_console_io(CONSOLEIO_write, 8, (void *)TTBR1_VA);
    hostile_count(&c, r == -14, "console_io through a table stage 2 does not map: %ld", r);
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)0xc0000000UL);
    hostile_count(&c, r == -14, "xen_version to a mapped VA whose IPA is not RAM: %ld", r);
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)0x7ffffff000UL);
    hostile_count(&c, r == -14, "xen_version to an unmapped VA: %ld", r);
    r = HYPERVISOR_xen_version(XENVER_extraversion, (void *)(0x40000000UL - 8));
    hostile_count(&c, r == -14, "xen_version across from the device block into RAM: %ld", r);
    mmu_on = 1;
    for (i = 0; i < iterations; i++) {
        if (hostile_rand() % 2)
            mmio_one(&c, GICD_BASE, GICD_SIZE, 0);
        else
            mmio_one(&c, VPL011_BASE, VPL011_SIZE, 1);
    }
    hostile_report(&c, "-EFAULT for what does not translate, every MMIO access emulated");
}

/* Each vCPU has a CPU of its own here: no registers are shared with another guest. */
void arch_hostile_early(void)
{
}

void arch_hostile_tests(void *boot_info, unsigned int iterations)
{
    int smp;

    __asm__ volatile("msr daifset, #2"); /* random SGIs and SPIs must not be taken */
    smp = vcpu1_state() == 1 && start_vcpu1();
    smccc_tests(iterations);
    hvc_tests(iterations);
    mmio_tests(iterations);
    sysreg_tests(iterations);
    if (smp)
        vcpu1_finish();
    mmu_tests(iterations); /* last: vCPU 1 runs with its MMU off, so nothing is shared from here */
}

/* A pair load from the distributor: no syndrome to emulate it with, so this guest is crashed. */
void arch_hostile_final(void)
{
    uint64_t a, b;

    __asm__ volatile("ldp %0, %1, [%2]" : "=r"(a), "=r"(b) : "r"(GICD_BASE) : "memory");
    gprintf("hostile: ldp from the distributor returned %lx %lx\n", (unsigned long)a,
            (unsigned long)b);
}
