// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest that shares its CPU with others (the rr policy) and checks that
 * nothing of its state is lost or leaks across the context switches:
 *  1. at start, every EL1 register, FP/SIMD register, FPCR/FPSR and timer
 *     compare value it can read is still at reset (zero): nothing another
 *     guest that ran on this CPU before left behind;
 *  2. it then fills the general registers x9..x28, the 32 V registers,
 *     FPCR, FPSR and its EL1 system registers with values made from its
 *     seed, and spins for a while (IRQs masked), comparing each register
 *     with its expected value on every iteration and noting every gap in
 *     CNTVCT_EL0 longer than a millisecond (it was off its CPU);
 *  3. it arms its virtual timer 2 ms ahead and waits in WFI, ROUNDS times:
 *     each wait must end with the timer's interrupt within 100 ms, also
 *     while it is switched out (blocked) and the other vCPU of its CPU runs
 *     alone without a slice, or is blocked too.
 * Bootargs: "seed=N" (1..255), "spin=MS" (the spin's length).
 */
#include "gicv3_guest.h"

#define ROUNDS 20

/* What ctxsw_spin() reads and writes (offsets used by the assembly below). */
struct spin_ctx {
    uint64_t q[64];      /*   0: expected V0..V31 (low, high) */
    uint64_t x[32];      /* 512: expected x9..x28 at x[9..28] */
    uint64_t end;        /* 768: stop when CNTVCT reaches it */
    uint64_t gap;        /* 776: a gap this long means it was switched out */
    uint64_t gaps;       /* 784: out: how many */
    uint64_t maxgap;     /* 792: out: the longest */
    uint64_t bad;        /* 800: out: 0, or 1 + the number of the first register wrong */
    uint64_t iters;      /* 808: out */
    uint64_t fpcr, fpsr; /* 816, 824: expected */
    uint64_t save[12];   /* 832: x19..x30 of the caller */
} __attribute__((aligned(16)));

_Static_assert(__builtin_offsetof(struct spin_ctx, x) == 512, "spin_ctx layout");
_Static_assert(__builtin_offsetof(struct spin_ctx, end) == 768, "spin_ctx layout");
_Static_assert(__builtin_offsetof(struct spin_ctx, fpcr) == 816, "spin_ctx layout");
_Static_assert(__builtin_offsetof(struct spin_ctx, save) == 832, "spin_ctx layout");

void ctxsw_spin(struct spin_ctx *c);
uint64_t fp_nonzero(void);

/*
 * Compare Vn's two halves with c->q[2n], c->q[2n+1] (x0 = c); 1 + 32 + n when wrong.
 * x8, x29, x30 are the scratch registers; x9..x28 hold the pattern throughout.
 */
#define CHECK_V(n)                                                           \
    "umov x8, v" #n ".d[0]\n\tldr x29, [x0, #16*" #n "]\n\tcmp x8, x29\n\t"   \
    "mov x30, #(33+" #n ")\n\tb.ne 9f\n\t"                                   \
    "umov x8, v" #n ".d[1]\n\tldr x29, [x0, #16*" #n "+8]\n\tcmp x8, x29\n\t" \
    "b.ne 9f\n\t"
#define CHECK_X(n)                                                           \
    "ldr x8, [x0, #512+8*" #n "]\n\tcmp x8, x" #n "\n\tmov x30, #(1+" #n ")\n\tb.ne 9f\n\t"

__asm__(".text\n\t.global ctxsw_spin\n"
        "ctxsw_spin:\n\t"
        "add x8, x0, #832\n\t"
        "stp x19, x20, [x8, #0]\n\tstp x21, x22, [x8, #16]\n\t"
        "stp x23, x24, [x8, #32]\n\tstp x25, x26, [x8, #48]\n\t"
        "stp x27, x28, [x8, #64]\n\tstp x29, x30, [x8, #80]\n\t"
        /* the pattern: V0..V31, FPCR, FPSR, x9..x28 */
        "ldp q0, q1, [x0, #0]\n\tldp q2, q3, [x0, #32]\n\tldp q4, q5, [x0, #64]\n\t"
        "ldp q6, q7, [x0, #96]\n\tldp q8, q9, [x0, #128]\n\tldp q10, q11, [x0, #160]\n\t"
        "ldp q12, q13, [x0, #192]\n\tldp q14, q15, [x0, #224]\n\tldp q16, q17, [x0, #256]\n\t"
        "ldp q18, q19, [x0, #288]\n\tldp q20, q21, [x0, #320]\n\tldp q22, q23, [x0, #352]\n\t"
        "ldp q24, q25, [x0, #384]\n\tldp q26, q27, [x0, #416]\n\tldp q28, q29, [x0, #448]\n\t"
        "ldp q30, q31, [x0, #480]\n\t"
        "ldr x8, [x0, #816]\n\tmsr fpcr, x8\n\tldr x8, [x0, #824]\n\tmsr fpsr, x8\n\t"
        "add x8, x0, #512\n\t"
        "ldr x9, [x8, #72]\n\tldp x10, x11, [x8, #80]\n\tldp x12, x13, [x8, #96]\n\t"
        "ldp x14, x15, [x8, #112]\n\tldp x16, x17, [x8, #128]\n\tldp x18, x19, [x8, #144]\n\t"
        "ldp x20, x21, [x8, #160]\n\tldp x22, x23, [x8, #176]\n\tldp x24, x25, [x8, #192]\n\t"
        "ldp x26, x27, [x8, #208]\n\tldr x28, [x8, #224]\n\t"
        "ldr x1, [x0, #768]\n\tldr x2, [x0, #776]\n\t"
        "mov x5, #0\n\tmov x6, #0\n\tmov x7, #0\n\t"
        "isb\n\tmrs x3, cntvct_el0\n"
        "1:\n\t"
        "isb\n\tmrs x4, cntvct_el0\n\tsub x8, x4, x3\n\tmov x3, x4\n\t"
        "cmp x8, x6\n\tcsel x6, x8, x6, hi\n\t"
        "cmp x8, x2\n\tcinc x5, x5, hs\n\tadd x7, x7, #1\n\t"
        CHECK_X(9) CHECK_X(10) CHECK_X(11) CHECK_X(12) CHECK_X(13) CHECK_X(14) CHECK_X(15)
        CHECK_X(16) CHECK_X(17) CHECK_X(18) CHECK_X(19) CHECK_X(20) CHECK_X(21) CHECK_X(22)
        CHECK_X(23) CHECK_X(24) CHECK_X(25) CHECK_X(26) CHECK_X(27) CHECK_X(28)
        CHECK_V(0) CHECK_V(1) CHECK_V(2) CHECK_V(3) CHECK_V(4) CHECK_V(5) CHECK_V(6) CHECK_V(7)
        CHECK_V(8) CHECK_V(9) CHECK_V(10) CHECK_V(11) CHECK_V(12) CHECK_V(13) CHECK_V(14)
        CHECK_V(15) CHECK_V(16) CHECK_V(17) CHECK_V(18) CHECK_V(19) CHECK_V(20) CHECK_V(21)
        CHECK_V(22) CHECK_V(23) CHECK_V(24) CHECK_V(25) CHECK_V(26) CHECK_V(27) CHECK_V(28)
        CHECK_V(29) CHECK_V(30) CHECK_V(31)
        "mrs x8, fpcr\n\tldr x29, [x0, #816]\n\tcmp x8, x29\n\tmov x30, #65\n\tb.ne 9f\n\t"
        "mrs x8, fpsr\n\tldr x29, [x0, #824]\n\tcmp x8, x29\n\tmov x30, #66\n\tb.ne 9f\n\t"
        "cmp x4, x1\n\tb.lo 1b\n\t"
        "mov x30, #0\n"
        "9:\n\t"
        "str x30, [x0, #800]\n\tstr x5, [x0, #784]\n\tstr x6, [x0, #792]\n\tstr x7, [x0, #808]\n\t"
        "add x8, x0, #832\n\t"
        "ldp x19, x20, [x8, #0]\n\tldp x21, x22, [x8, #16]\n\t"
        "ldp x23, x24, [x8, #32]\n\tldp x25, x26, [x8, #48]\n\t"
        "ldp x27, x28, [x8, #64]\n\tldp x29, x30, [x8, #80]\n\t"
        "ret\n\t"
        /* fp_nonzero(): the OR of every V register's halves, FPCR and FPSR */
        ".global fp_nonzero\n"
        "fp_nonzero:\n\t"
        "mrs x0, fpcr\n\tmrs x1, fpsr\n\torr x0, x0, x1\n\t"
        ".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n\t"
        "umov x1, v\\n\\().d[0]\n\torr x0, x0, x1\n\tumov x1, v\\n\\().d[1]\n\torr x0, x0, x1\n\t"
        ".endr\n\t"
        "ret\n");

#define RD(reg)                                                                \
    ({                                                                         \
        uint64_t _v;                                                           \
        __asm__ volatile("mrs %0, " #reg : "=r"(_v));                          \
        _v;                                                                    \
    })
#define WR(reg, val) __asm__ volatile("msr " #reg ", %0\n\tisb" : : "r"((uint64_t)(val)))

/* The EL1 registers checked: written from the seed, read back as the CPU keeps them. */
#define SYSREGS(X)                                                                 \
    X(tpidr_el0, 0x1111) X(tpidrro_el0, 0x2222) X(tpidr_el1, 0x3333)               \
    X(contextidr_el1, 0x44) X(ttbr0_el1, 0x5000) X(ttbr1_el1, 0x6000)              \
    X(mair_el1, 0x7777) X(tcr_el1, 0x10) X(far_el1, 0x8888) X(par_el1, 0x9000)     \
    X(sp_el0, 0xaaaa) X(elr_el1, 0xbbbb) X(esr_el1, 0xcc) X(cntkctl_el1, 0x3)      \
    X(cntp_cval_el0, 0xdddd) X(afsr0_el1, 0xee) X(afsr1_el1, 0xff) X(amair_el1, 0x12)
#define N_SYSREGS 18

static const char *const sysreg_names[N_SYSREGS] = {
#define NAME(reg, m) #reg,
    SYSREGS(NAME)
};
static uint64_t sysreg_expect[N_SYSREGS];

/* A value for a register from the seed, within the bits m picks out (as a pattern). */
static uint64_t make(uint64_t seed, uint64_t m, unsigned int i)
{
    uint64_t v = (seed * 0x9e3779b97f4a7c15UL) ^ ((uint64_t)i << 40) ^ (m * 0x1000193UL);

    return v;
}

static void sysregs_fill(uint64_t seed)
{
    unsigned int i = 0;

    /* CONTEXTIDR_EL1 is 32 bits; TCR_EL1 gets a valid T0SZ/T1SZ; the rest take what they keep. */
#define FILL(reg, m)                                                          \
    {                                                                         \
        uint64_t v = make(seed, m, i);                                        \
        if (!__builtin_strcmp(#reg, "tcr_el1"))                               \
            v = (16 + seed % 16) | (uint64_t)(16 + seed % 16) << 16;          \
        if (!__builtin_strcmp(#reg, "cntkctl_el1"))                           \
            v = seed & 3;                                                     \
        WR(reg, v);                                                           \
        sysreg_expect[i++] = RD(reg);                                         \
    }
    SYSREGS(FILL)
}

/*
 * The first register not as written (its index), or -1. After taking
 * interrupts (exceptions), ELR_EL1 and ESR_EL1 are the exceptions' own.
 */
static int sysregs_check(bool exceptions_taken)
{
    unsigned int i = 0;
    int bad = -1;

#define CHECK(reg, m)                                                         \
    {                                                                         \
        bool exc = !__builtin_strcmp(#reg, "elr_el1") || !__builtin_strcmp(#reg, "esr_el1"); \
        if (bad < 0 && !(exc && exceptions_taken) && RD(reg) != sysreg_expect[i]) \
            bad = (int)i;                                                     \
        i++;                                                                  \
    }
    SYSREGS(CHECK)
    return bad;
}

/* Registers at reset: the first that is not zero (index), or -1. */
static int sysregs_fresh(void)
{
    unsigned int i = 0;
    int bad = -1;

#define FRESH(reg, m)                                                         \
    {                                                                         \
        /* ELR/ESR_EL1 may hold our own boot's exceptions; the rest must be 0. */ \
        if (bad < 0 && RD(reg) != 0 && __builtin_strcmp(#reg, "elr_el1") &&  \
            __builtin_strcmp(#reg, "esr_el1"))                                \
            bad = (int)i;                                                     \
        i++;                                                                  \
    }
    SYSREGS(FRESH)
    return bad;
}

static uint64_t arg(const char *args, const char *key, uint64_t def)
{
    const char *p = strstr_simple(args, key);
    uint64_t v = 0;

    if (!p)
        return def;
    for (p += strlen(key); *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (uint64_t)(*p - '0');
    return v;
}

static struct spin_ctx ctx;

/*
 * Arm the virtual timer ahead ticks from now and wait for its interrupt in
 * WFI; give up limit ticks after the deadline. The interrupt count, or 0
 * when it came after that (the vCPU was only woken when it next had its
 * turn for some other reason).
 */
static unsigned int timer_wait(uint64_t ahead, uint64_t limit)
{
    uint64_t give_up;

    gic_cpu_on(0xff);
    mmio_wr32(GICR_SGI + GICR_ISENABLER0, 1u << VTIMER_PPI);
    irq_count = 0;
    vtimer_arm(ahead);
    give_up = arch_counter() + ahead + limit;
    /* Check and sleep with IRQs masked: WFI still wakes on a pending interrupt. */
    while (!irq_count && arch_counter() < give_up) {
        if (!irq_count)
            __asm__ volatile("wfi");
        irqs_on();
        irqs_off();
    }
    vtimer_off();
    /* An interrupt that came only once the vCPU ran again for another reason is late. */
    return arch_counter() <= give_up ? irq_count : 0;
}

/*
 * make bench: n SCHEDOP_yield calls to the other guest on this CPU, which
 * does the same; each round trip from here is two switches and the other
 * guest's hypercall return. Under -icount shift=0 a nanosecond is one
 * instruction (the counter ticks every 16).
 */
static void yield_bench(unsigned int n)
{
    uint64_t total = 0, min = ~0UL, max = 0, freq = arch_counter_freq();
    unsigned int i;

    for (i = 0; i < n + 10; i++) {
        uint64_t t0 = arch_counter(), t;

        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        t = (arch_counter() - t0) * 1000000000UL / freq;
        if (i < 10)
            continue; /* the other guest may not have started yet */
        total += t;
        min = t < min ? t : min;
        max = t > max ? t : max;
    }
    gprintf("ctxsw: yield round trip %lu ns mean (min %lu, max %lu) over %u\n",
            (unsigned long)(total / n), (unsigned long)min, (unsigned long)max, n);
    guest_shutdown(SHUTDOWN_poweroff);
}

void guest_main(void *boot_info)
{
    const char *args = arch_boot_args(boot_info);
    uint64_t seed = arg(args, "seed=", 1), spin_ms = arg(args, "spin=", 200);
    uint64_t ms = arch_counter_freq() / 1000, cval;
    unsigned int i, woke = 0;
    int bad;

    if (strstr_simple(args, "yieldbench="))
        yield_bench((unsigned int)arg(args, "yieldbench=", 100));
    /* 1. Nothing of anyone else's. */
    bad = sysregs_fresh();
    tap_ok(bad < 0, "seed %lu: EL1 registers at reset when first entered%s%s", (unsigned long)seed,
           bad < 0 ? "" : ": not ", bad < 0 ? "" : sysreg_names[bad]);
    tap_ok(fp_nonzero() == 0, "seed %lu: V0..V31, FPCR and FPSR at reset (zero)",
           (unsigned long)seed);
    cval = RD(cntv_cval_el0);
    tap_ok(cval == 0, "seed %lu: CNTV_CVAL_EL0 at reset (%#lx)", (unsigned long)seed,
           (unsigned long)cval);

    /* 2. Registers across switches. */
    sysregs_fill(seed);
    for (i = 0; i < 64; i++)
        ctx.q[i] = make(seed, i + 100, i) | 1;
    for (i = 9; i <= 28; i++)
        ctx.x[i] = make(seed, i + 200, i);
    /* FPCR: RMode [23:22], FZ [24], DN [25]; FPSR: cumulative flags [4:0] (Arm ARM C5.2.8-9). */
    ctx.fpcr = (seed & 0xf) << 22;
    ctx.fpsr = (seed * 7) & 0x1f;
    ctx.gap = ms;
    ctx.end = arch_counter() + spin_ms * ms;
    ctxsw_spin(&ctx);
    gprintf("ctxsw seed %lu: %lu iterations, %lu gaps over 1 ms, longest %lu us\n",
            (unsigned long)seed, (unsigned long)ctx.iters, (unsigned long)ctx.gaps,
            (unsigned long)(ctx.maxgap * 1000 / ms));
    if (ctx.bad)
        gprintf("first register wrong: %lu (1 + x-number, 33 + V-number, 65 FPCR, 66 FPSR)\n",
                (unsigned long)ctx.bad);
    tap_ok(ctx.bad == 0, "seed %lu: x9..x28, V0..V31, FPCR, FPSR kept through the spin",
           (unsigned long)seed);
    bad = sysregs_check(false);
    tap_ok(bad < 0, "seed %lu: EL1 system registers kept through the spin%s%s",
           (unsigned long)seed, bad < 0 ? "" : ": not ", bad < 0 ? "" : sysreg_names[bad]);

    /* 3. The virtual timer wakes it from WFI, switched out or not. */
    for (i = 0; i < ROUNDS; i++)
        if (timer_wait(2 * ms, 100 * ms) == 1)
            woke++;
    tap_ok(woke == ROUNDS, "seed %lu: %u of %u virtual timer waits in WFI ended by the timer",
           (unsigned long)seed, woke, ROUNDS);
    bad = sysregs_check(true);
    tap_ok(bad < 0, "seed %lu: EL1 system registers kept through the waits%s%s",
           (unsigned long)seed, bad < 0 ? "" : ": not ", bad < 0 ? "" : sysreg_names[bad]);
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
