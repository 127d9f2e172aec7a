// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-only test guest (issue 16, items 2-4), with two vCPUs ("cpus=2"):
 * NMI and lowest-priority IPIs between them (x2APIC ICR, SDM Vol. 3A
 * 11.6.1, 11.12.9). v0 starts v1 with INIT and STARTUP IPIs (a real-mode
 * trampoline at 0x8000 that goes through 32-bit protected mode to long mode
 * on this guest's page tables), then, while v1 runs a loop of commands it
 * gives it:
 *   - NMI IPIs to v1 halted in HLT and to v1 busy with interrupts off, and
 *     to itself (self shorthand); each vCPU's NMI handler (IDT vector 2,
 *     IRET) counts them;
 *   - two NMIs to v1 while its handler runs: held until its IRET, then one
 *     taken, the other lost (one NMI latched at most, 7.7.1); no nesting;
 *   - lowest-priority IPIs (11.6.2.4) to a logical destination naming both
 *     vCPUs: taken exactly once, by v0 while both priorities are equal
 *     (Keel's rule: the lowest-numbered of the lowest class), by v1 once
 *     v0's TPR is higher; a fixed IPI to the same destination by both;
 *   - random interrupt commands, every mode, reserved bits among them;
 *   - v1 goes offline (HLT with interrupts off) with its TPR raised and
 *     its timer armed; INIT and STARTUP start it again, and its local
 *     APIC is in the state INIT leaves (11.4.7.3): TPR 0, SVR 0xff, the
 *     timer's LVT masked and its count 0.
 * Waits give up after WAIT ticks, so a lost interrupt is a failed check,
 * not a hang. Run on one CPU (the vCPUs take turns) and on two (the IPIs
 * cross CPUs).
 */
#include "x2apic.h"

#define X2APIC_ID 0x802U
#define X2APIC_EOI 0x80bU
#define X2APIC_ICR 0x830U
#define ICR_FIXED (0UL << 8)
#define ICR_LOWEST (1UL << 8)
#define ICR_NMI (4UL << 8)
#define ICR_INIT (5UL << 8)
#define ICR_STARTUP (6UL << 8)
#define ICR_LOGICAL (1UL << 11)
#define ICR_ASSERT (1UL << 14)
#define ICR_SELF (1UL << 18)
#define ICR_DEST(id) ((uint64_t)(id) << 32)
#define BOTH_LOGICAL 0x3U   /* cluster 0, members 0 and 1: v0's and v1's LDR bits (11.12.10.2) */
#define IPI_VECTOR 33       /* priority class 2 */
#define TRAMPOLINE 0x8000UL /* STARTUP vector 8 */
#define WAIT 50000000UL     /* ticks after which a wait gives up */

enum { CMD_PING = 1, CMD_HALT, CMD_SPIN, CMD_TPR, CMD_SELF_NMI, CMD_OFFLINE };

void nmi_handler(const unsigned long *frame);
void ipi_handler(const unsigned long *frame);
void ap_main(void);
extern char ap_tramp[], ap_tramp_end[], nmi_stub[], ipi_stub[], trap_stubs[];
extern volatile unsigned int trap_count, trap_last, skip_len; /* arch.c: #GP counted and skipped */

uint8_t ap_stack[16384] __attribute__((aligned(16)));
static uint64_t idt[256 * 2] __attribute__((aligned(16)));
static volatile unsigned int nmi_count[2], ipi_count[2], in_nmi[2], nested;
static volatile unsigned int hold, held, release;
static volatile unsigned long nmi_rip[2], held_rip; /* where the last NMI, the held one, came in */
static volatile unsigned int ap_up, cmd, arg, seq, done, halting, spinning, spin_by_nmi;
/* v1's TPR, SVR, timer LVT and initial count as each start finds them. */
static volatile uint64_t ap_tpr, ap_svr, ap_lvt_timer, ap_tmict;

/*
 * v1's way from real mode to long mode: a GDT with 32-bit and 64-bit code,
 * PE, then PAE, CR3 = this guest's page tables (head.S), EFER.LME and PG
 * (SDM Vol. 3A 10.8.5), then ap_main on its own stack. Only the 16-bit part
 * is copied below 1 MiB; its lgdtl takes a 32-bit base.
 */
__asm__(".pushsection .text\n"
        "    .code16\n"
        "ap_tramp:\n"
        "    cli\n"
        "    lgdtl %cs:(ap_gdtr - ap_tramp)\n"
        "    mov %cr0, %eax\n"
        "    or $1, %eax\n"
        "    mov %eax, %cr0\n"
        "    ljmpl $0x18, $ap_pm32\n"
        "ap_gdtr:\n"
        "    .word ap_gdt_end - ap_gdt - 1\n"
        "    .long ap_gdt\n"
        "ap_tramp_end:\n"
        "    .code32\n"
        "ap_pm32:\n"
        "    mov $0x10, %eax\n"
        "    mov %eax, %ds\n"
        "    mov %eax, %es\n"
        "    mov %eax, %ss\n"
        "    mov %cr4, %eax\n"
        "    or $0x20, %eax\n"
        "    mov %eax, %cr4\n"
        "    mov $pml4, %eax\n"
        "    mov %eax, %cr3\n"
        "    mov $0xc0000080, %ecx\n"
        "    rdmsr\n"
        "    or $0x100, %eax\n"
        "    wrmsr\n"
        "    mov %cr0, %eax\n"
        "    or $0x80010000, %eax\n"
        "    mov %eax, %cr0\n"
        "    ljmp $0x08, $ap_long64\n"
        "    .code64\n"
        "ap_long64:\n"
        "    mov $0x10, %eax\n"
        "    mov %eax, %ds\n"
        "    mov %eax, %es\n"
        "    mov %eax, %ss\n"
        "    lea ap_stack+16384(%rip), %rsp\n"
        "    call ap_main\n"
        "1:  cli\n"
        "    hlt\n"
        "    jmp 1b\n"
        /* Interrupt stubs: the CPU's frame leaves rsp 8 off 16; nine pushes align it for the call. */
        ".macro KEEL_STUB name, fn\n"
        "\\name:\n"
        "    push %rax\n push %rcx\n push %rdx\n push %rsi\n push %rdi\n"
        "    push %r8\n push %r9\n push %r10\n push %r11\n"
        "    lea 72(%rsp), %rdi\n" /* the CPU's frame: rip first */
        "    call \\fn\n"
        "    pop %r11\n pop %r10\n pop %r9\n pop %r8\n"
        "    pop %rdi\n pop %rsi\n pop %rdx\n pop %rcx\n pop %rax\n"
        "    iretq\n"
        ".endm\n"
        "    KEEL_STUB nmi_stub, nmi_handler\n"
        "    KEEL_STUB ipi_stub, ipi_handler\n"
        ".popsection\n"
        ".pushsection .data\n"
        "    .balign 8\n"
        "ap_gdt:\n"
        "    .quad 0\n"
        "    .quad 0x00af9a000000ffff\n" /* 0x08: 64-bit code, as head.S's (the IDT's gates name it) */
        "    .quad 0x00cf92000000ffff\n" /* 0x10: data */
        "    .quad 0x00cf9a000000ffff\n" /* 0x18: 32-bit code, for the way there */
        "ap_gdt_end:\n"
        ".popsection\n");

static uint64_t now(void)
{
    return arch_counter();
}

/* A 64-bit interrupt gate (SDM Vol. 3A 7.14.1). */
static void set_gate(unsigned int vec, const void *h)
{
    uint64_t a = (uintptr_t)h;

    idt[vec * 2] = (a & 0xffff) | (0x08UL << 16) | (0x8eUL << 40) | (((a >> 16) & 0xffff) << 48);
    idt[vec * 2 + 1] = a >> 32;
}

static void load_idt(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } idtr = {sizeof(idt) - 1, (uintptr_t)idt};

    __asm__ volatile("lidt %0" : : "m"(idtr));
}

static unsigned int my_id(void)
{
    return (unsigned int)x2apic_rdmsr(X2APIC_ID) & 1;
}

static void yield(void)
{
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

/* Until *p >= want, yielding meanwhile (on one CPU the other vCPU runs then); 0 if it gave up. */
static int wait_ge(volatile unsigned int *p, unsigned int want)
{
    uint64_t end = now() + WAIT;

    while (*p < want) {
        if (now() > end)
            return 0;
        yield();
    }
    return 1;
}

/* Let ticks pass, yielding. */
static void linger(uint64_t ticks)
{
    uint64_t end = now() + ticks;

    while (now() < end)
        yield();
}

/*
 * NMI (vector 2, an interrupt gate: IF off until IRET). "hold": the first
 * NMI of v1 waits in here until v0 says it has sent two more, then a while
 * longer: they must not nest (NMIs stay blocked until IRET).
 */
void nmi_handler(const unsigned long *frame)
{
    unsigned int me = my_id();

    if (in_nmi[me])
        nested++;
    in_nmi[me] = 1;
    nmi_count[me]++;
    nmi_rip[me] = frame[0];
    if (me == 1 && hold) {
        hold = 0;
        held = 1;
        held_rip = frame[0];
        wait_ge(&release, 1);
        linger(WAIT / 50);
    }
    in_nmi[me] = 0;
}

void ipi_handler(const unsigned long *frame)
{
    (void)frame;
    ipi_count[my_id()]++;
    x2apic_wrmsr(X2APIC_EOI, 0);
}

/*
 * An IRET to the next instruction. Debian's Bochs 2.7 keeps virtual-NMI
 * blocking per CPU, not per VMCS: its VM entry sets the blocking from the
 * guest's interruptibility state but never clears it (later Bochs clears
 * it first), so a vCPU entered on a CPU where another's NMI handler has
 * just exited inherits the blocking until it executes an IRET itself,
 * which ends it (SDM Vol. 3C 26.3), and takes it into its own VMCS at its
 * next exit. So v1 does one before each command, and v0 after a test that
 * left a handler waiting, as any guest does at its next interrupt's return.
 */
static void iret_to_self(void)
{
    __asm__ volatile("mov %%ss, %%eax\n push %%rax\n push %%rsp\n addq $8, (%%rsp)\n pushfq\n"
                     "mov %%cs, %%eax\n push %%rax\n lea 1f(%%rip), %%rax\n push %%rax\n iretq\n1:"
                     : : : "rax", "memory", "cc");
}

static void open_irq_window(void)
{
    __asm__ volatile("sti; nop; cli" : : : "memory");
}

/* v1: the commands v0 gives it, one at a time (seq), each acknowledged (done). */
void ap_main(void)
{
    load_idt();
    ap_tpr = x2apic_rdmsr(X2APIC_TPR);
    ap_svr = x2apic_rdmsr(X2APIC_SVR);
    ap_lvt_timer = x2apic_rdmsr(X2APIC_LVT_TIMER);
    ap_tmict = x2apic_rdmsr(X2APIC_TIMER_ICR);
    x2apic_wrmsr(X2APIC_SVR, 0x1ff);
    seq = done = 0;
    ap_up = ap_up + 1;
    for (;;) {
        unsigned int s = seq, n;
        uint64_t end;

        if (s == done) {
            yield();
            open_irq_window();
            continue;
        }
        iret_to_self(); /* see there: no blocking inherited from another vCPU */
        switch (cmd) {
        case CMD_HALT: /* woken by whatever comes: HLT with interrupts on */
            halting = 1;
            __asm__ volatile("sti; hlt; cli" : : : "memory");
            halting = 0;
            break;
        case CMD_SPIN: /* busy, interrupts off, no VM exit: only an NMI ends it early */
            n = nmi_count[1];
            end = now() + WAIT;
            spinning = 1;
            while (nmi_count[1] == n && now() < end)
                __asm__ volatile("pause" : : : "memory");
            spin_by_nmi = nmi_count[1] != n;
            spinning = 0;
            break;
        case CMD_TPR:
            x2apic_wrmsr(X2APIC_TPR, arg);
            break;
        case CMD_OFFLINE: /* state INIT must reset, then HLT with interrupts off: offline */
            x2apic_wrmsr(X2APIC_TPR, 0x30);
            x2apic_wrmsr(X2APIC_LVT_TIMER, X2APIC_TIMER_VECTOR);
            x2apic_wrmsr(X2APIC_TIMER_ICR, 0x7fffffff);
            done = s;
            __asm__ volatile("cli; hlt" : : : "memory");
            break; /* not reached: INIT and STARTUP enter ap_main afresh */
        case CMD_SELF_NMI: /* its handler comes in right after the WRMSR */
            x2apic_wrmsr(X2APIC_ICR, ICR_SELF | ICR_NMI);
            break;
        default: /* CMD_PING: take what is pending */
            open_irq_window();
            break;
        }
        done = s;
    }
}

/* Give v1 a command; wait: wait for its acknowledgement (0: gave up). */
static int command(unsigned int c, unsigned int a, int wait)
{
    cmd = c;
    arg = a;
    seq = seq + 1;
    return wait ? wait_ge(&done, seq) : 1;
}

static void icr(uint64_t v)
{
    x2apic_wrmsr(X2APIC_ICR, v);
}

static void start_v1(void)
{
    unsigned long n = (unsigned long)(ap_tramp_end - ap_tramp), i;

    for (i = 0; i < n; i++)
        ((volatile char *)TRAMPOLINE)[i] = ap_tramp[i];
    icr(ICR_DEST(1) | ICR_INIT | ICR_ASSERT);
    icr(ICR_DEST(1) | ICR_STARTUP | (TRAMPOLINE >> 12));
    tap_ok(wait_ge(&ap_up, 1), "v1 started by INIT and STARTUP IPIs, in long mode with its IDT");
}

static void nmi_tests(void)
{
    unsigned int n;
    int ok;

    /* v1 halted (HLT, interrupts on): the NMI wakes it. */
    command(CMD_HALT, 0, 0);
    wait_ge(&halting, 1);
    linger(WAIT / 100); /* v1 gets from its flag to HLT and blocks */
    n = nmi_count[1];
    icr(ICR_DEST(1) | ICR_NMI);
    ok = wait_ge(&done, seq);
    tap_ok(ok && nmi_count[1] == n + 1, "NMI IPI to v1 halted in HLT: woken, its NMI handler ran once (%u)",
           nmi_count[1] - n);
    if (!ok) { /* get it out of HLT for the rest */
        icr(ICR_DEST(1) | ICR_FIXED | IPI_VECTOR);
        wait_ge(&done, seq);
    }

    /* v1 busy with interrupts off and no exits: the NMI still gets in. */
    command(CMD_SPIN, 0, 0);
    wait_ge(&spinning, 1);
    n = nmi_count[1];
    icr(ICR_DEST(1) | ICR_NMI);
    ok = wait_ge(&done, seq);
    tap_ok(ok && spin_by_nmi && nmi_count[1] == n + 1,
           "NMI IPI to v1 spinning with interrupts off: its handler ran once and ended the spin (%u)",
           nmi_count[1] - n);

    /* To itself, with interrupts off: taken before the instruction after the WRMSR. */
    n = nmi_count[0];
    icr(ICR_SELF | ICR_NMI);
    tap_ok(nmi_count[0] == n + 1, "NMI IPI to itself (self shorthand): taken at once, interrupts off");
    n = nmi_count[0];
    icr(ICR_DEST(0) | ICR_NMI);
    tap_ok(nmi_count[0] == n + 1, "NMI IPI to its own APIC ID: taken at once");

    /* Two more while v1's handler runs: held until IRET, then one; the other is lost. */
    n = nmi_count[1];
    nested = 0;
    hold = 1;
    icr(ICR_DEST(1) | ICR_NMI);
    ok = wait_ge(&held, 1);
    icr(ICR_DEST(1) | ICR_NMI);
    icr(ICR_DEST(1) | ICR_NMI);
    release = 1;
    ok = ok && wait_ge(&nmi_count[1], n + 2);
    ok = ok && command(CMD_PING, 0, 1);
    linger(WAIT / 50);
    tap_ok(ok && nested == 0 && nmi_count[1] == n + 2,
           "two NMIs sent while v1's NMI handler ran: none nested, one taken after its IRET, one "
           "lost (%u handler runs, %u nested)",
           nmi_count[1] - n, nested);

    /*
     * The same with v1's own NMI, which comes in at a known place (after
     * its WRMSR): the one held must come in there too, right at the IRET
     * (NMI-window exiting), not at some later VM exit of v1's.
     */
    iret_to_self();
    n = nmi_count[1];
    held = release = 0;
    hold = 1;
    command(CMD_SELF_NMI, 0, 0);
    ok = wait_ge(&held, 1);
    icr(ICR_DEST(1) | ICR_NMI);
    release = 1;
    ok = ok && wait_ge(&nmi_count[1], n + 2) && wait_ge(&done, seq);
    tap_ok(ok && nested == 0 && nmi_count[1] == n + 2 && nmi_rip[1] == held_rip,
           "NMI held during v1's handler of its own: taken right at IRET (rip %lx, first %lx; "
           "%u runs, %u nested%s)",
           nmi_rip[1], held_rip, nmi_count[1] - n, nested, ok ? "" : ", a wait gave up");
    iret_to_self();
}

static void lowest_priority_tests(void)
{
    unsigned int a, b;
    int ok;

    ipi_count[0] = ipi_count[1] = 0;
    icr(ICR_DEST(BOTH_LOGICAL) | ICR_LOGICAL | ICR_LOWEST | IPI_VECTOR);
    open_irq_window();
    ok = command(CMD_PING, 0, 1);
    linger(WAIT / 100);
    ok = ok && command(CMD_PING, 0, 1);
    open_irq_window();
    a = ipi_count[0];
    b = ipi_count[1];
    tap_ok(ok && a + b == 1 && a == 1,
           "lowest-priority IPI to both (logical %#x), equal priorities: taken once, by v0 (v0 %u, v1 %u)",
           BOTH_LOGICAL, a, b);

    ipi_count[0] = ipi_count[1] = 0;
    write_cr8(1); /* TPR 0x10: class 1, below the vector's 2, so v0 could still take it */
    icr(ICR_DEST(BOTH_LOGICAL) | ICR_LOGICAL | ICR_LOWEST | IPI_VECTOR);
    open_irq_window();
    ok = command(CMD_PING, 0, 1);
    linger(WAIT / 100);
    ok = ok && command(CMD_PING, 0, 1);
    write_cr8(0);
    open_irq_window();
    a = ipi_count[0];
    b = ipi_count[1];
    tap_ok(ok && a + b == 1 && b == 1,
           "lowest-priority IPI to both with v0's TPR at 0x10: taken once, by v1 (v0 %u, v1 %u)", a, b);

    ipi_count[0] = ipi_count[1] = 0;
    ok = command(CMD_TPR, 0x10, 1);
    icr(ICR_DEST(0xffffffffU) | ICR_LOWEST | IPI_VECTOR); /* the broadcast ID, physical */
    open_irq_window();
    ok = ok && command(CMD_PING, 0, 1);
    linger(WAIT / 100);
    ok = ok && command(CMD_TPR, 0, 1) && command(CMD_PING, 0, 1);
    open_irq_window();
    a = ipi_count[0];
    b = ipi_count[1];
    tap_ok(ok && a + b == 1 && a == 1,
           "lowest-priority IPI to the broadcast ID with v1's TPR at 0x10: taken once, by v0 (v0 %u, v1 %u)",
           a, b);

    ipi_count[0] = ipi_count[1] = 0;
    icr(ICR_DEST(BOTH_LOGICAL) | ICR_LOGICAL | ICR_FIXED | IPI_VECTOR);
    open_irq_window();
    ok = command(CMD_PING, 0, 1);
    linger(WAIT / 100);
    ok = ok && command(CMD_PING, 0, 1);
    open_irq_window();
    tap_ok(ok && ipi_count[0] == 1 && ipi_count[1] == 1,
           "a fixed IPI to the same destination: taken by both (v0 %u, v1 %u)", ipi_count[0],
           ipi_count[1]);
}

static uint64_t rnd_state = 0x2026;

static uint64_t rnd(void) /* xorshift64: the same sequence every run */
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

/*
 * Hostile interrupt commands from v0: every delivery mode (SMI, ExtINT and
 * the reserved ones too), physical, logical and broadcast destinations,
 * IDs no vCPU has, every shorthand, the level and trigger bits, and one in
 * eight with a reserved bit (31:20). The vector is IPI_VECTOR, so that
 * what is delivered lands on a handler. Keel must #GP exactly the writes
 * with a reserved bit, deliver or drop the others, and both vCPUs carry
 * on: v1 still answers, and NMI and lowest-priority IPIs still arrive.
 */
static void icr_storm(unsigned int n)
{
    static const uint32_t dests[] = {0, 1, BOTH_LOGICAL, 0xffffffffU, 2, 0x10001};
    unsigned int i, gp = 0, want_gp = 0, m;
    int ok;

    for (i = 0; i < n; i++) {
        uint64_t r = rnd(), v = IPI_VECTOR | (r & (7UL << 8 | ICR_LOGICAL | ICR_ASSERT | 1UL << 15 | 3UL << 18));
        uint32_t dest = (r >> 24) % 8 < 6 ? dests[(r >> 24) % 8] : (uint32_t)rnd();
        unsigned int before = trap_count;

        if ((r >> 32) % 8 == 0) {
            v |= 1UL << (20 + (r >> 40) % 12);
            want_gp++;
        }
        skip_len = 2;
        x2apic_wrmsr(X2APIC_ICR, ICR_DEST(dest) | v);
        skip_len = 0;
        gp += trap_count == before + 1 && trap_last == 13;
        open_irq_window();
    }
    tap_ok(gp == want_gp, "%u random interrupt commands: the %u with a reserved bit #GP (%u did)", n,
           want_gp, gp);
    ok = command(CMD_PING, 0, 1);
    tap_ok(ok, "v1 still answers after them");
    iret_to_self();
    m = nmi_count[1];
    icr(ICR_DEST(1) | ICR_NMI);
    ok = ok && wait_ge(&nmi_count[1], m + 1) && command(CMD_PING, 0, 1);
    ipi_count[0] = ipi_count[1] = 0;
    write_cr8(1);
    icr(ICR_DEST(BOTH_LOGICAL) | ICR_LOGICAL | ICR_LOWEST | IPI_VECTOR);
    ok = ok && command(CMD_PING, 0, 1);
    write_cr8(0);
    open_irq_window();
    tap_ok(ok && nmi_count[1] == m + 1 && ipi_count[1] == 1 && ipi_count[0] == 0,
           "and still takes an NMI (%u) and a lowest-priority IPI (v0 %u, v1 %u)", nmi_count[1] - m,
           ipi_count[0], ipi_count[1]);
}

/* v1 offline and started again: INIT left its local APIC as at power-up (11.4.7.3). */
static void restart_test(void)
{
    int ok;

    command(CMD_OFFLINE, 0, 1);
    linger(WAIT / 100); /* from its acknowledgement to the HLT */
    icr(ICR_DEST(1) | ICR_INIT | ICR_ASSERT);
    icr(ICR_DEST(1) | ICR_STARTUP | (TRAMPOLINE >> 12));
    ok = wait_ge(&ap_up, 2);
    tap_ok(ok, "v1 offline (HLT, interrupts off), then started again by INIT and STARTUP IPIs");
    tap_ok(ok && ap_tpr == 0 && ap_svr == 0xff && ap_lvt_timer == 0x10000 && ap_tmict == 0,
           "and INIT reset its local APIC: TPR %#lx, SVR %#lx, timer LVT %#lx, count %#lx "
           "(0, 0xff, 0x10000, 0)", (unsigned long)ap_tpr, (unsigned long)ap_svr,
           (unsigned long)ap_lvt_timer, (unsigned long)ap_tmict);
    tap_ok(ok && command(CMD_PING, 0, 1), "v1 takes commands again");
}

void guest_main(void *boot_info)
{
    unsigned int i;

    (void)boot_info;
    for (i = 0; i < 33; i++)
        set_gate(i, trap_stubs + i * 16); /* arch.c's: exceptions, and vector 32 */
    set_gate(2, nmi_stub);
    set_gate(IPI_VECTOR, ipi_stub);
    load_idt();
    x2apic_enable();
    x2apic_wrmsr(X2APIC_SVR, 0x1ff);
    start_v1();
    if (ap_up) {
        nmi_tests();
        lowest_priority_tests();
        icr_storm(500);
        restart_test();
    }
    tap_plan_end();
    guest_shutdown(SHUTDOWN_poweroff);
}
