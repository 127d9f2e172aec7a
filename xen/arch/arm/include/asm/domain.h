/* SPDX-License-Identifier: GPL-2.0-only */
/* The AArch64 parts of struct domain and struct vcpu. */
#ifndef ASM_ARM_DOMAIN_H
#define ASM_ARM_DOMAIN_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <asm/passthrough.h>

/* Depth of the PL011's receive FIFO (DDI 0183 2.4.3): what UARTFR.RXFF reports. */
#define VPL011_RX_FIFO 32

/*
 * The vPL011's registers (vpl011.c), under lock. Received bytes wait in the
 * domain's console input buffer (<xen/console.h>); the emulated receive
 * FIFO is its first VPL011_RX_FIFO bytes.
 */
struct vpl011 {
    spinlock_t lock;
    uint32_t cr, lcr_h, ibrd, fbrd, ifls, imsc, dmacr;
    uint32_t ris_tx; /* UARTRIS.TXRIS until UARTICR clears it and a write sets it again */
    uint32_t rsr;    /* UARTRSR: OE once input was lost, until the guest clears it */
};

/* SPIs a guest's virtual distributor offers: INTIDs 32..63 (GICD_TYPER.ITLinesNumber 1). */
#define VGIC_NR_SPIS 32

/* The virtual distributor's state (vgic.c). Bit n / entry n is INTID 32 + n. */
struct vgic_dist {
    uint32_t ctlr;              /* GICD_CTLR.EnableGrp1NS */
    uint32_t enabled;           /* GICD_I[SC]ENABLER1 */
    volatile uint32_t pending;  /* edge or software pending, not yet in a list register */
    volatile uint32_t level;    /* line levels driven by emulated devices */
    uint32_t icfgr[2];          /* GICD_ICFGR2..3: bit 2n+1 set = edge-triggered */
    uint8_t prio[VGIC_NR_SPIS]; /* GICD_IPRIORITYR */
    uint64_t route[VGIC_NR_SPIS]; /* GICD_IROUTER: Aff0, or IRM (any vCPU: vCPU 0) */
    /*
     * SPIs of the guest's own devices (passthrough.c), forwarded: a physical
     * SPI stays active while its virtual twin is pending or active, goes in
     * a list register with the HW bit, and the guest's GICD writes for it
     * reach the physical distributor too.
     */
    uint32_t hw;
    unsigned int unknown_logged;  /* unknown register accesses logged so far */
};

/*
 * Where a guest finds its RAM and its emulated devices: Xen's guest layout
 * (public/arch-arm.h), or with "direct-map" the host's own addresses, as
 * Xen gives a direct-mapped domain (RAM at its xen,static-mem address, the
 * vGIC at the host GIC's, the vPL011 at the host UART's with its SPI).
 */
struct guest_map {
    uint64_t ram;          /* IPA of its RAM */
    uint64_t gicd, gicr;   /* vGIC distributor, vCPU 0's redistributor */
    uint64_t gicr_size;    /* addresses kept for redistributors */
    uint64_t uart;         /* vPL011 */
    unsigned int uart_spi; /* the vPL011's INTID */
    bool direct;           /* IPA = PA: the addresses are the host's */
};

struct arch_domain {
    uint64_t vttbr;     /* VMID << 48 | stage-2 root table (VTTBR_EL2, D19.2.160) */
    uint64_t *p2m_root; /* level-1 table covering the 4 GiB IPA space */
    bool vpl011;        /* emulate a PL011 at map.uart */
    struct guest_map map;
    uint64_t entry;     /* IPA where vCPU 0 starts */
    uint64_t dtb;       /* IPA of the guest's device tree (x0) */
    unsigned int sysreg_noted; /* SYSREG_NOTE_* lines already logged (once per domain) */
    struct vgic_dist vgic;
    struct vpl011 uart;  /* the vPL011, when vpl011 is set */
    struct pt_range pt_range[PT_MAX_RANGES]; /* MMIO of its own devices (passthrough.c) */
    unsigned int pt_nr_ranges;
};

/*
 * A vCPU's EL1 and virtual-interface state while it is off its CPU
 * (context_switch.c saves it when another vCPU takes the CPU and loads it
 * back). While the vCPU runs, all of it lives in the CPU's registers.
 */
struct vcpu_ctxt {
    uint64_t regs[34];  /* the trap frame (struct cpu_user_regs): x0..x30, ELR, SPSR */
    /* EL1 system registers (Arm ARM D19.2) and the special-purpose ones (C5.2). */
    uint64_t sctlr, cpacr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
    uint64_t tpidr_el0, tpidrro_el0, tpidr_el1, sp_el0, sp_el1, elr_el1, spsr_el1;
    uint64_t esr, far, afsr0, afsr1, par, csselr, cntkctl;
    uint64_t hcr;       /* HCR_EL2: TVM changes per vCPU (vsetway.c) */
    /* Generic Timer (Arm ARM D11): EL1 virtual and physical timers. */
    uint64_t cntv_ctl, cntv_cval, cntp_ctl, cntp_cval;
    /* GICv3 virtual CPU interface (IHI 0069 12.4/12.5: ICH_* registers). */
    uint64_t lr[16];
    uint64_t vmcr, ich_hcr;
    uint32_t ap0r[4], ap1r[4];
    bool vtimer_active; /* the virtual timer's physical PPI was active (HW list register) */
    /* FP/SIMD (Arm ARM C5.2: FPCR, FPSR; the V registers): q[2n], q[2n+1] = Vn. */
    uint64_t q[64];     /* 8-byte aligned is enough: SCTLR_EL2.A is 0 (mm.c) */
    uint64_t fpsr, fpcr;
};

struct arch_vcpu {
    /*
     * Non-zero: something changed for this vCPU that its list registers may
     * have to follow (an interrupt injected or queued for it, a vGIC write,
     * a list register evicted, a maintenance interrupt). The exit path runs
     * vgic_flush() only then; every change above sets it before the kick
     * that makes the vCPU's CPU look (vgic.c). entry.S reads it at
     * VCPU_EXIT_WORK.
     */
    volatile uint32_t exit_work;
    uint64_t start_pc;    /* where it starts when it next comes online ... */
    uint64_t start_x0;    /* ... and x0 (context id or DT address) */
    uint64_t vmpidr;      /* the MPIDR_EL1 the guest reads */
    uint32_t vppi_enabled;  /* vGIC: SGIs/PPIs the guest enabled (GICR_ISENABLER0) */
    volatile uint32_t vppi_pending; /* vGIC: SGIs/PPIs waiting for a list register */
    uint8_t vppi_prio[32];  /* GICR_IPRIORITYR0..7 */
    uint32_t vppi_icfgr1;   /* GICR_ICFGR1 (PPIs) */
    uint32_t vgicr_waker;   /* GICR_WAKER.ProcessorSleep */
    /*
     * State changes the guest asked for that touch v's list registers, which
     * only v's own CPU can reach: applied by vgic_flush() on the way back in.
     */
    volatile uint32_t vppi_unpend; /* GICR_ICPENDR0: take the pending state out */
    volatile uint32_t vppi_deact;  /* GICR_ICACTIVER0 */
    volatile uint32_t vppi_act;    /* GICR_ISACTIVER0 */
    volatile uint32_t vgic_resync; /* enable, priority or routing changed: recheck the LRs */
    uint64_t ram_clean_next; /* vsetway.c: RAM cleaned so far by a restarted instruction */
    /* context_switch.c: its state is in ctxt (it ran and was switched out), not fresh. */
    bool saved;
    uint64_t switches;      /* times it was switched out while still alive */
    struct vcpu_ctxt ctxt;
};

#endif /* ASM_ARM_DOMAIN_H */
