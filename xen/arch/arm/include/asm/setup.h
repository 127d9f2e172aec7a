/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time layout and the per-CPU facts the backend shares between files. */
#ifndef ASM_ARM_SETUP_H
#define ASM_ARM_SETUP_H

#define STACK_SIZE (16 * 1024)

/* Bytes of struct cpu_user_regs: x0..x30, elr, spsr, padding to 16. */
#define UREGS_SIZE (34 * 8)
#define UREGS_X30 (30 * 8)
#define UREGS_SPSR (32 * 8)
#define UREGS_X16 (16 * 8)

/* Offsets into struct vcpu and VCPU_RUNNING, for entry.S's exit check (checked in traps.c). */
#define VCPU_STATE 16
#define VCPU_EXIT_WORK 72
#define VCPU_RUNNING_ID 2

/*
 * More of struct vcpu and struct domain, for entry.S's assigned-SPI short
 * cut (checked in traps.c): the vCPU's id and domain, the domain's state,
 * and its vGIC distributor's fields (struct vgic_dist in d->arch.vgic).
 */
#define VCPU_ID 0
#define VCPU_DOMAIN 8
#define DOMAIN_STATE 4
#define DOMAIN_RUNNING_ID 2
#define DOMAIN_VGIC 0x3e38
#define DOMAIN_VGIC_CTLR (DOMAIN_VGIC + 0)
#define DOMAIN_VGIC_ENABLED (DOMAIN_VGIC + 4)
#define DOMAIN_VGIC_PENDING (DOMAIN_VGIC + 8)
#define DOMAIN_VGIC_PRIO (DOMAIN_VGIC + 24)
#define DOMAIN_VGIC_ROUTE (DOMAIN_VGIC + 56)
#define DOMAIN_VGIC_HW (DOMAIN_VGIC + 312)
#define VGIC_CTLR_G1_BIT 1 /* GICD_CTLR.EnableGrp1NS (IHI 0069 12.9) */
#define VGIC_SPIS 32       /* VGIC_NR_SPIS */

/*
 * The top UREGS_SIZE bytes of each CPU's stack hold its guest's register
 * frame (built there by vcpu_enter(), saved there by entry.S on every trap):
 * head.S starts C code below them, or vcpu_enter() would overwrite the live
 * frames of its own callers.
 */

#ifndef __ASSEMBLY__
#include <xen/config.h>
#include <xen/types.h>

/* A guest's registers as saved on its physical CPU's stack by entry.S. */
struct cpu_user_regs {
    uint64_t x[31];
    uint64_t elr;  /* ELR_EL2: where the guest resumes */
    uint64_t spsr; /* SPSR_EL2 */
    uint64_t pad;
};

struct memrange {
    uint64_t start, size;
};

#define MAX_MEM_BANKS 8
#define MAX_RESERVED 40

/* What the host device tree told us; filled by dt_parse_host(). */
struct bootinfo {
    struct memrange mem[MAX_MEM_BANKS];
    unsigned int nr_mem;
    struct memrange reserved[MAX_RESERVED]; /* hypervisor, DTB, modules */
    unsigned int nr_reserved;
    uint64_t cpu_mpidr[CONFIG_NR_CPUS];
    unsigned int nr_cpus;
    uint64_t uart_base;
    unsigned int uart_irq; /* GIC INTID of its receive interrupt, 0 if unknown */
    uint64_t gicd_base, gicd_size, gicr_base, gicr_size;
    bool psci_hvc; /* conduit: false = smc */
    unsigned int timer_ppi_virt, timer_ppi_hyp;
};

extern struct bootinfo bootinfo;
extern const void *host_fdt;
extern char _start[], _end[], _stext[], _etext[], _srodata[], _erodata[];
extern char _sdata[], __bss_start[], __bss_end[], __entry_start[];
extern char __note_gnu_build_id_start[], __note_gnu_build_id_end[];

/* entry.S */
void enter_guest(struct cpu_user_regs *regs) __attribute__((noreturn));
extern char hyp_vectors[];

/* head.S */
extern char secondary_entry[];

/* setup.c */
unsigned int smp_processor_id(void);
void cpu_init_el2(void);
void panic(const char *msg) __attribute__((noreturn));

/* bootmem.c: the boot allocator (RAM banks minus bootinfo.reserved) */
void boot_reserve(uint64_t start, uint64_t size);
uint64_t boot_find_free(uint64_t from, uint64_t size, uint64_t align);
/*
 * Whether [pa, pa + size) may be a boot module or static memory: within one
 * RAM bank (else BOOT_RANGE_NOT_RAM) and clear of every bootinfo.reserved
 * entry (else that entry's index: 0 the hypervisor, 1 the DTB, then modules
 * and static memory), own_entry: bar the first entry of exactly this range
 * (the module's own). BOOT_RANGE_OK if usable. No printk: runs MMU off too.
 */
#define BOOT_RANGE_OK (-1)
#define BOOT_RANGE_NOT_RAM (-2)
int boot_range_clash(uint64_t pa, uint64_t size, bool own_entry);
uint64_t boot_alloc_pages(uint64_t size);
uint64_t boot_alloc_ram(uint64_t size, uint64_t align);
void boot_free_ram(uint64_t pa, uint64_t size);

/* pl011.c */
void pl011_init(uint64_t base);
void pl011_putc(char c);
void pl011_puts(const char *s);
int pl011_getc(void);
void pl011_enable_rx_irq(void);
void pl011_rx_irq(void);

/* Whether [a, a + as) and [b, b + bs) share an address (boot ranges, MMIO, modules). */
static inline bool ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
    return a < b + bs && b < a + as;
}

/* dt.c */
bool dt_usable(const void *fdt);
int dt_parse_host(const void *fdt);
uint64_t dt_read_cells(const uint32_t *p, int cells);
/* A node's "#address-cells" / "#size-cells" (absent: 2 / 1), or a -FDT_ERR_* code. */
/* fdt_getprop(fdt, node, name, NULL) and fdt_get_name(fdt, node, NULL), out of line. */
const void *dt_prop(const void *fdt, int node, const char *name);
const char *dt_node_name(const void *fdt, int node);
int dt_address_cells(const void *fdt, int node);
int dt_size_cells(const void *fdt, int node);
const char *dt_stdout_uart(const void *fdt, uint64_t *base, unsigned int *irq);
void dt_save_cmdline(const void *fdt);
/* Print what dt_parse_host() found wrong (it runs before printk works). */
void dt_report(void);
/* A NUL-terminated string property: 1 and *out set, 0 absent, -1 malformed. */
int dt_prop_string(const void *fdt, int node, const char *name, const char **out);

/* dom0less.c */
/* Reserve every boot module under /chosen, before anything is allocated. */
void dom0less_reserve_modules(const void *fdt);
unsigned int dom0less_create_domains(const void *fdt);

/*
 * static_mem.c: "xen,static-mem" ranges taken out of the boot allocator
 * (after the modules, before anything is allocated; MMU off); then, per
 * domain node: 0 no such property, 1 *pa its RAM, -1 refused (one line said).
 */
void static_mem_reserve(const void *fdt);
int static_mem_of(const void *fdt, int dom, const char *name, uint64_t mem_kib, uint64_t *pa);

/*
 * direct_map.c: gb->map, the layout the guest of domain node `node` sees:
 * Xen's guest layout, or with "direct-map" the host's (gb->static_pa and
 * gb->vpl011 already set). false: refused, one line printed.
 */
struct guest_boot;
bool guest_map_choose(const void *fdt, int node, const char *name, unsigned int nr_vcpus,
                      uint64_t ram_size, struct guest_boot *gb);

/* dom0less_props.c: false (and one line printed) if dom uses a binding Keel refuses. */
bool dom0less_config_ok(const void *fdt, int dom);
/* false (and one line printed) if a "xen,cpupool" node has a property Keel lacks. */
bool dom0less_cpupool_ok(const void *fdt, int pool);
/* One line for each Xen property or node of /chosen that Keel refuses. */
void dom0less_check_chosen(const void *fdt, int chosen);

/* p2m.c: take the stage-2 table pool from the boot allocator; 0 or -ENOMEM. */
int p2m_pool_init(void);

/* smp.c */
void smp_boot_secondaries(void);
/*
 * Wait, at most max_ms, until every other online CPU has left its guest for
 * the idle loop: a CPU kicked out of a domain that ended still logs its
 * "vCPUn stopped" line, which powering off under it would lose.
 */
void smp_wait_others_idle(unsigned int max_ms);
void cpu_idle_loop(void) __attribute__((noreturn));
extern unsigned int nr_online_cpus;

/* mm.c */
/* Build the boot map (tables from the boot allocator): 0, or -1 if no RAM for them. */
int mm_boot_map(void);
void mm_enable_mmu(bool boot_cpu);
void mm_map_device(uint64_t pa, uint64_t size);
void flush_dcache_range(const void *p, size_t size);

/* psci.c: the host firmware */
uint64_t psci_call(uint64_t fn, uint64_t a0, uint64_t a1, uint64_t a2);
void psci_system_off(void) __attribute__((noreturn));

/* gic.c */
void gic_init(void);
void gic_cpu_init(void);
void gic_send_sgi(unsigned int cpu, unsigned int sgi);
#endif

#endif /* ASM_ARM_SETUP_H */
