// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86-64 test guest. One ELF, three roles chosen by its command line
 * (GRUB's module string, passed through hvm_start_info):
 *   test=abi        every hypercall of DESIGN section 3 through VMCALL, with
 *                   its results and errors, CPUID, port I/O, MSRs, HLT, and
 *                   guest-virtual pointers through the guest's own paging;
 *   test=isolation  control-domain checks, then a store outside its RAM:
 *                   the hypervisor must crash this guest and only this one;
 *   test=triple     a triple fault, which must end only this guest;
 *   spin=N          N TSC ticks of a loop without VM exits (preemption);
 *   bench=N         N null hypercalls timed with the TSC (make bench).
 * Results are TAP lines on the emulated COM1.
 */
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/version.h>

#include "guest.h"

#ifndef KEEL_MAJOR
#error "build with -DKEEL_MAJOR=.. -DKEEL_MINOR=.. -DKEEL_EXTRA=\"..\""
#endif

#define ALIAS_VA 0x40000000UL   /* pdpt[1]: unmapped until map_aliases() */
#define UNMAPPED_VA 0x80000000UL
#define PTE_P 1UL
#define PTE_RW 2UL

extern uint64_t pdpt[512];
extern volatile uint32_t gp_count;
extern char gp_handler[];
volatile uint32_t gp_count;

static uint64_t alias_pd[512] __attribute__((aligned(4096)));
static uint64_t alias_pt[512] __attribute__((aligned(4096)));
static char rw_page[4096] __attribute__((aligned(4096)));
static char ro_page[4096] __attribute__((aligned(4096)));
static uint64_t idt[256 * 2] __attribute__((aligned(16)));
static char buf[1024];

void guest_main(const struct hvm_start_info *si);

static const char *cmdline_of(const struct hvm_start_info *si)
{
    return si->cmdline_paddr ? (const char *)(uintptr_t)si->cmdline_paddr : "";
}

static uint64_t ram_end(const struct hvm_start_info *si)
{
    const struct hvm_memmap_table_entry *m = (const void *)(uintptr_t)si->memmap_paddr;
    uint64_t end = 0;
    uint32_t i;

    for (i = 0; i < si->memmap_entries; i++)
        if (m[i].type == XEN_HVM_MEMMAP_TYPE_RAM && m[i].addr + m[i].size > end)
            end = m[i].addr + m[i].size;
    return end;
}

static void poweroff(void)
{
    struct sched_shutdown s = {SHUTDOWN_poweroff};

    HC(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &s, 0);
    gprintf("guest: still here after SCHEDOP_shutdown\n");
    for (;;)
        __asm__ volatile("cli; hlt");
}

/* ALIAS_VA -> rw_page (writable), ALIAS_VA + 4K -> ro_page (read-only). */
static void map_aliases(void)
{
    alias_pt[0] = (uintptr_t)rw_page | PTE_P | PTE_RW;
    alias_pt[1] = (uintptr_t)ro_page | PTE_P;
    alias_pd[0] = (uintptr_t)alias_pt | PTE_P | PTE_RW;
    pdpt[1] = (uintptr_t)alias_pd | PTE_P | PTE_RW;
    __asm__ volatile("mov %%cr3, %%rax; mov %%rax, %%cr3" : : : "rax", "memory");
}

static void install_gp_handler(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } idtr = {sizeof(idt) - 1, (uintptr_t)idt};
    uint64_t h = (uintptr_t)gp_handler;

    idt[13 * 2] = (h & 0xffff) | (0x08UL << 16) | (0x8eUL << 40) | (((h >> 16) & 0xffff) << 48);
    idt[13 * 2 + 1] = h >> 32;
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

static uint64_t rdmsr_safe(uint32_t msr)
{
    uint32_t lo = 0, hi = 0;

    __asm__ volatile("rdmsr" : "+a"(lo), "+d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static void test_start_info(const struct hvm_start_info *si)
{
    ok(si->magic == XEN_HVM_START_MAGIC_VALUE && si->version >= 1,
       "hvm_start_info magic %x version %u", si->magic, si->version);
    ok(si->memmap_entries >= 1 && ram_end(si) >= (4UL << 20),
       "memory map: %u entries, RAM up to %lx", si->memmap_entries, (unsigned long)ram_end(si));
    ok(strstr(cmdline_of(si), "test=abi") != NULL, "command line \"%s\"", cmdline_of(si));
}

static void test_cpuid(void)
{
    uint32_t a, b, c, d;

    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(XEN_CPUID_FIRST_LEAF), "c"(0));
    ok(b == XEN_CPUID_SIGNATURE_EBX && c == XEN_CPUID_SIGNATURE_ECX &&
       d == XEN_CPUID_SIGNATURE_EDX && a >= XEN_CPUID_FIRST_LEAF + 1,
       "cpuid 0x40000000: XenVMMXenVMM signature, max leaf %x", a);
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(XEN_CPUID_FIRST_LEAF + 1), "c"(0));
    ok(a == (KEEL_MAJOR << 16 | KEEL_MINOR), "cpuid 0x40000001: version %x", a);
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    ok(!(c & (1U << 5)) && (c & (1U << 31)), "cpuid 1: VMX hidden, hypervisor bit set (ecx %x)", c);
}

static void test_xen_version(void)
{
    long v = HC(__HYPERVISOR_xen_version, XENVER_version, 0, 0);
    long rc;

    ok(v == (KEEL_MAJOR << 16 | KEEL_MINOR), "xen_version(version) = %lx", v);
    memset(buf, 'x', sizeof(buf));
    rc = HC(__HYPERVISOR_xen_version, XENVER_extraversion, buf, 0);
    ok(rc == 0 && !memcmp(buf, KEEL_EXTRA, sizeof(KEEL_EXTRA)), "xen_version(extraversion) = \"%s\"", buf);
    rc = HC(__HYPERVISOR_xen_version, XENVER_capabilities, buf, 0);
    ok(rc == 0 && strstr(buf, "hvm-3.0-x86_64"), "xen_version(capabilities) = \"%s\"", buf);
    rc = HC(__HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    ok(rc == 4096, "xen_version(pagesize) = %ld", rc);
    rc = HC(__HYPERVISOR_xen_version, XENVER_extraversion, 0, 0);
    ok(rc == -XEN_EFAULT, "xen_version(extraversion, NULL) = %ld (-EFAULT)", rc);
    rc = HC(__HYPERVISOR_xen_version, XENVER_extraversion, 48UL << 20, 0);
    ok(rc == -XEN_EFAULT, "xen_version(extraversion, mapped beyond RAM) = %ld (-EFAULT)", rc);
    rc = HC(__HYPERVISOR_xen_version, XENVER_extraversion, UNMAPPED_VA, 0);
    ok(rc == -XEN_EFAULT, "xen_version(extraversion, unmapped address) = %ld (-EFAULT)", rc);
    rc = HC(__HYPERVISOR_xen_version, 99, buf, 0);
    ok(rc == -XEN_ENOSYS, "xen_version(99) = %ld (-ENOSYS)", rc);
    memset(buf, 'x', sizeof(buf));
    rc = HC(__HYPERVISOR_xen_version, XENVER_commandline, buf, 0);
    ok(rc == 0 && !memcmp(buf, "<denied>", 9),
       "xen_version(commandline) from a non-control domain reads \"%s\"", buf);
    rc = HC(__HYPERVISOR_xen_version, XENVER_commandline2, buf, 0);
    ok(rc == -XEN_EPERM, "xen_version(commandline2) from a non-control domain = %ld (-EPERM)", rc);
    rc = HC(__HYPERVISOR_xen_version, XENVER_build_id, buf, 0);
    ok(rc == -XEN_EPERM, "xen_version(build_id) from a non-control domain = %ld (-EPERM)", rc);
}

static void test_version_op(void)
{
    uint64_t val = 0;
    long rc, n;

    rc = HC(__HYPERVISOR_version_op, VERSION_version, 0, 0);
    ok(rc == 8, "version_op(version, NULL) asks for %ld bytes", rc);
    rc = HC(__HYPERVISOR_version_op, VERSION_version, &val, 8);
    ok(rc == 8 && val == (KEEL_MAJOR << 16 | KEEL_MINOR), "version_op(version) = %lx", (unsigned long)val);
    rc = HC(__HYPERVISOR_version_op, VERSION_version, &val, 4);
    ok(rc == -XEN_ENOBUFS, "version_op(version, 4-byte buffer) = %ld (-ENOBUFS)", rc);
    n = HC(__HYPERVISOR_version_op, VERSION_capabilities, 0, 0);
    memset(buf, 0, sizeof(buf));
    rc = HC(__HYPERVISOR_version_op, VERSION_capabilities, buf, sizeof(buf));
    ok(n == 14 && rc == n && !memcmp(buf, "hvm-3.0-x86_64", 14), "version_op(capabilities) = \"%s\"", buf);
    rc = HC(__HYPERVISOR_version_op, VERSION_extraversion, buf, 1);
    ok(rc == -XEN_ENOBUFS, "version_op(extraversion, 1 byte) = %ld (-ENOBUFS)", rc);
    rc = HC(__HYPERVISOR_version_op, VERSION_extraversion, 48UL << 20, 64);
    ok(rc == -XEN_EFAULT, "version_op(extraversion, beyond RAM) = %ld (-EFAULT)", rc);
    rc = HC(__HYPERVISOR_version_op, 99, buf, sizeof(buf));
    ok(rc == -XEN_ENOSYS, "version_op(99) = %ld (-ENOSYS)", rc);
    rc = HC(__HYPERVISOR_version_op, VERSION_commandline, buf, sizeof(buf));
    ok(rc == -XEN_EPERM, "version_op(commandline) from a non-control domain = %ld (-EPERM)", rc);
    rc = HC(__HYPERVISOR_version_op, VERSION_build_id, buf, sizeof(buf));
    ok(rc == -XEN_EPERM, "version_op(build_id) from a non-control domain = %ld (-EPERM)", rc);
}

static void test_guest_paging(void)
{
    long rc;

    map_aliases();
    memset(rw_page, 0, sizeof(rw_page));
    rc = HC(__HYPERVISOR_xen_version, XENVER_extraversion, ALIAS_VA, 0);
    ok(rc == 0 && !memcmp(rw_page, KEEL_EXTRA, sizeof(KEEL_EXTRA)),
       "xen_version writes through the guest's page tables (alias %lx)", ALIAS_VA);
    rc = HC(__HYPERVISOR_xen_version, XENVER_extraversion, ALIAS_VA + 4096, 0);
    ok(rc == -XEN_EFAULT, "xen_version into a read-only page = %ld (-EFAULT)", rc);
    memcpy(ro_page, "read-only page\n", 15);
    rc = HC(__HYPERVISOR_console_io, CONSOLEIO_write, 15, ALIAS_VA + 4096);
    ok(rc == 0, "console_io reads a read-only page = %ld", rc);
}

static void test_console_sched_sysctl(void)
{
    struct xen_sysctl sc;
    long rc;

    rc = HC(__HYPERVISOR_console_io, CONSOLEIO_write, 20, "console_io says hi!\n");
    ok(rc == 0, "console_io(write) = %ld", rc);
    rc = HC(__HYPERVISOR_console_io, CONSOLEIO_write, 5, 0);
    ok(rc == -XEN_EFAULT, "console_io(write, NULL) = %ld (-EFAULT)", rc);
    rc = HC(__HYPERVISOR_console_io, CONSOLEIO_read, 16, buf);
    ok(rc == -XEN_EPERM, "console_io(read) from a non-control domain = %ld (-EPERM)", rc);
    rc = HC(__HYPERVISOR_console_io, 7, 0, 0);
    ok(rc == -XEN_ENOSYS, "console_io(7) = %ld (-ENOSYS)", rc);
    memset(&sc, 0, sizeof(sc));
    sc.cmd = XEN_SYSCTL_livepatch_op;
    sc.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    rc = HC(__HYPERVISOR_sysctl, &sc, 0, 0);
    ok(rc == -XEN_EPERM, "sysctl from a non-control domain = %ld (-EPERM)", rc);
    rc = HC(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
    ok(rc == 0, "sched_op(yield) = %ld", rc);
    rc = HC(__HYPERVISOR_sched_op, SCHEDOP_block, 0, 0);
    ok(rc == 0, "sched_op(block) = %ld", rc);
    rc = HC(__HYPERVISOR_sched_op, 99, 0, 0);
    ok(rc == -XEN_ENOSYS, "sched_op(99) = %ld (-ENOSYS)", rc);
    rc = HC(__HYPERVISOR_sched_op, SCHEDOP_shutdown, 0, 0);
    ok(rc == -XEN_EFAULT, "sched_op(shutdown, NULL) = %ld (-EFAULT)", rc);
    rc = HC(99, 0, 0, 0);
    ok(rc == -XEN_ENOSYS, "hypercall 99 = %ld (-ENOSYS)", rc);
    rc = HC(~0UL, 0, 0, 0);
    ok(rc == -XEN_ENOSYS, "hypercall ~0 = %ld (-ENOSYS)", rc);
}

static void test_platform(void)
{
    static const char shutdown[] = "Shutdown";
    uint64_t efer;
    unsigned int i;

    outb(0x3ff, 0x5a);
    ok(inb(0x3ff) == 0x5a && (inb(0x3fd) & 0x60) == 0x60,
       "emulated 16550: scratch register kept, transmitter idle");
    ok(inb(0x80) == 0xff, "a port with no device reads 0xff");
    for (i = 0; i < sizeof(shutdown) - 1; i++)
        outb(0x8900, (uint8_t)shutdown[i]);
    ok(1, "writing \"Shutdown\" to port 0x8900 does not reach the machine");

    install_gp_handler();
    efer = rdmsr_safe(0xc0000080);
    ok((efer & 0x500) == 0x500 && gp_count == 0, "rdmsr(EFER) = %lx: LME and LMA", (unsigned long)efer);
    rdmsr_safe(0x1b); /* IA32_APIC_BASE: not offered */
    ok(gp_count == 1, "rdmsr of an MSR the guest does not have raises #GP (%u)", gp_count);
    __asm__ volatile("sti; hlt; cli");
    ok(1, "hlt with interrupts on returns");
}

static void run_abi(const struct hvm_start_info *si)
{
    unsigned int i;

    gprintf("abi guest: ABI conformance over VMCALL\n");
    test_start_info(si);
    test_cpuid();
    test_xen_version();
    test_version_op();
    test_guest_paging();
    test_console_sched_sysctl();
    test_platform();
    /* Let the other guests run (one crashes) before finishing. */
    for (i = 0; i < 5; i++)
        HC(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
    ok(1, "still running after yielding to the other guests");
    tap_done();
}

static void run_isolation(const struct hvm_start_info *si)
{
    uint64_t outside = ram_end(si) + (1UL << 20);
    long rc;

    gprintf("isolation guest: control-domain checks, then a store outside RAM\n");
    rc = HC(__HYPERVISOR_version_op, VERSION_build_id, 0, 0);
    ok(rc == 20, "version_op(build_id) for the control domain: %ld bytes (SHA-1)", rc);
    memset(buf, 0, sizeof(buf));
    rc = HC(__HYPERVISOR_version_op, VERSION_commandline, buf, sizeof(buf) - 1);
    ok(rc > 0 && strstr(buf, "console=com1"), "version_op(commandline) = \"%s\"", buf);
    rc = HC(__HYPERVISOR_console_io, CONSOLEIO_read, 16, buf);
    ok(rc >= 0, "console_io(read) for the control domain = %ld", rc);
    gprintf("storing to guest-physical %lx, outside this guest's RAM\n", (unsigned long)outside);
    *(volatile uint32_t *)(uintptr_t)outside = 0xdead;
    ok(0, "still alive after a store outside RAM");
    tap_done();
}

/*
 * Spin for about n TSC ticks without a single VM exit: only the
 * hypervisor's preemption timer lets the other guests run meanwhile.
 */
static void run_spin(unsigned long n)
{
    uint64_t t0, t;

    gprintf("spin guest: spinning for %lu ticks without exits\n", n);
    __asm__ volatile("rdtsc; shl $32, %%rdx; or %%rdx, %%rax" : "=a"(t0) : : "rdx");
    do
        __asm__ volatile("rdtsc; shl $32, %%rdx; or %%rdx, %%rax" : "=a"(t) : : "rdx");
    while (t - t0 < n);
    gprintf("spin guest: done spinning\n");
}

/* An empty IDT and an invalid opcode: #UD, #GP, #DF, then a triple fault. */
static void run_triple_fault(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } idtr = {0, 0};

    gprintf("triple-fault guest: ud2 with an empty IDT\n");
    __asm__ volatile("lidt %0; ud2" : : "m"(idtr));
    gprintf("not ok 1 - still alive after a triple fault\n");
}

/* 100 000-ish null hypercalls minus the same loop without them, in TSC ticks. */
static void run_bench(unsigned long n)
{
    uint64_t t0, t1, t2;
    unsigned long i;

    gprintf("bench guest: timing %lu null hypercalls\n", n);
    __asm__ volatile("lfence; rdtsc; lfence; shl $32, %%rdx; or %%rdx, %%rax" : "=a"(t0) : : "rdx");
    for (i = 0; i < n; i++)
        __asm__ volatile("" : : : "memory");
    __asm__ volatile("lfence; rdtsc; lfence; shl $32, %%rdx; or %%rdx, %%rax" : "=a"(t1) : : "rdx");
    for (i = 0; i < n; i++)
        HC(__HYPERVISOR_xen_version, XENVER_version, 0, 0);
    __asm__ volatile("lfence; rdtsc; lfence; shl $32, %%rdx; or %%rdx, %%rax" : "=a"(t2) : : "rdx");
    gprintf("bench: %lu vmcall round trips: %lu ticks, empty loop %lu ticks, %lu per call\n", n,
            (unsigned long)(t2 - t1), (unsigned long)(t1 - t0),
            (unsigned long)((t2 - t1) - (t1 - t0)) / n);
}

static unsigned long opt_number(const char *cl, const char *key)
{
    const char *p = strstr(cl, key);
    unsigned long v = 0;

    if (!p)
        return 0;
    for (p += strlen(key); *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (unsigned long)(*p - '0');
    return v;
}

void guest_main(const struct hvm_start_info *si)
{
    const char *cl = cmdline_of(si);

    if (si->magic != XEN_HVM_START_MAGIC_VALUE) {
        gprintf("not ok 1 - no hvm_start_info (magic %x)\n", si->magic);
        poweroff();
    }
    if (opt_number(cl, "bench="))
        run_bench(opt_number(cl, "bench="));
    else if (opt_number(cl, "spin="))
        run_spin(opt_number(cl, "spin="));
    else if (strstr(cl, "test=triple"))
        run_triple_fault();
    else if (strstr(cl, "test=isolation"))
        run_isolation(si);
    else
        run_abi(si);
    poweroff();
}
