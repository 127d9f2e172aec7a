// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small virtual GICv3 for each vCPU: SGIs and PPIs only (the architected
 * timer, IPIs), delivered through the CPU interface's list registers, so the
 * guest acknowledges and ends them with its own ICC_* system registers at no
 * trap. The distributor and redistributor frames are emulated just far enough
 * for a guest to discover them and enable its private interrupts.
 */
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/lib.h>

#define VGIC_PRIO 0xa0UL

void vgic_vcpu_init(struct vcpu *v)
{
    v->arch.vppi_enabled = 0;
    v->arch.vppi_pending = 0;
}

void vgic_inject(struct vcpu *v, unsigned int irq)
{
    if (irq >= 32)
        return;
    __atomic_fetch_or(&v->arch.vppi_pending, 1u << irq, __ATOMIC_RELEASE);
    if (v != current)
        vcpu_kick(v);
}

void vgic_inject_hw(struct vcpu *v, unsigned int irq)
{
    vgic_inject(v, irq);
}

static bool lr_holds(unsigned int irq)
{
    unsigned int i;

    for (i = 0; i < gic_nr_lrs(); i++) {
        uint64_t lr = gic_read_lr(i);

        if ((lr & ICH_LR_STATE_MASK) && (lr & 0xffffffffUL) == irq)
            return true;
    }
    return false;
}

/*
 * Move enabled pending interrupts into free list registers (on v's CPU).
 * When more are pending than there are free list registers, ask for the
 * maintenance interrupt (ICH_HCR_EL2.UIE): it fires once the guest has
 * drained the list registers, and its trap exit comes back here.
 */
void vgic_flush(struct vcpu *v)
{
    uint32_t todo = v->arch.vppi_pending & v->arch.vppi_enabled;
    unsigned int i;

    if (!todo) /* the common case on every trap exit */
        return;
    for (i = 0; todo && i < gic_nr_lrs(); i++) {
        unsigned int irq = __builtin_ctz(todo);
        uint64_t lr;

        if (lr_holds(irq)) {
            /* Still pending or active in a list register: nothing to add. */
            todo &= ~(1u << irq);
            __atomic_fetch_and(&v->arch.vppi_pending, ~(1u << irq), __ATOMIC_ACQ_REL);
            i--;
            continue;
        }
        if (gic_read_lr(i) & ICH_LR_STATE_MASK)
            continue;
        lr = irq | ICH_LR_GROUP1 | ICH_LR_PENDING | (VGIC_PRIO << ICH_LR_PRIO_SHIFT);
        if (irq == bootinfo.timer_ppi_virt)
            lr |= ICH_LR_HW | ((uint64_t)irq << ICH_LR_PINTID_SHIFT);
        gic_write_lr(i, lr);
        todo &= ~(1u << irq);
        __atomic_fetch_and(&v->arch.vppi_pending, ~(1u << irq), __ATOMIC_ACQ_REL);
    }
    WRITE_SYSREG(ich_hcr_el2, ICH_HCR_EN | (todo ? ICH_HCR_UIE : 0));
    isb();
}

bool vgic_has_pending(struct vcpu *v)
{
    unsigned int i;

    if (v->arch.vppi_pending & v->arch.vppi_enabled)
        return true;
    for (i = 0; i < gic_nr_lrs(); i++)
        if ((gic_read_lr(i) & ICH_LR_STATE_MASK) == ICH_LR_PENDING)
            return true;
    return false;
}

static uint64_t vgicd_read(struct domain *d, uint64_t off)
{
    switch (off) {
    case GICD_CTLR:
        return GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1;
    case GICD_TYPER:
        return (9u << 19) | 1; /* 10 INTID bits, 64 interrupt lines */
    case GICD_IIDR:
        return 0x4b454c; /* "KEL" */
    case GICD_PIDR2:
        return 0x30; /* GICv3 */
    default:
        return 0;
    }
}

static uint64_t vgicr_read(struct domain *d, unsigned int vcpu, uint64_t off)
{
    const struct vcpu *t = &d->vcpu[vcpu];

    switch (off) {
    case GICR_TYPER:
        return ((uint64_t)vcpu << 32) | (vcpu << 8) |
               (vcpu + 1 == d->nr_vcpus ? GICR_TYPER_LAST : 0);
    case GICR_TYPER + 4:
        return vcpu;
    case GICR_IIDR:
        return 0x4b454c;
    case GICR_PIDR2:
        return 0x30;
    case GICR_SGI_BASE + GICR_IGROUPR0:
        return 0xffffffffu;
    case GICR_SGI_BASE + GICR_ISENABLER0:
    case GICR_SGI_BASE + GICR_ICENABLER0:
        return t->arch.vppi_enabled;
    case GICR_SGI_BASE + GICR_ISPENDR0:
    case GICR_SGI_BASE + GICR_ICPENDR0:
        return t->arch.vppi_pending;
    default:
        return 0;
    }
}

static void vgicr_write(struct domain *d, unsigned int vcpu, uint64_t off, uint64_t val)
{
    struct vcpu *t = &d->vcpu[vcpu];

    switch (off) {
    case GICR_SGI_BASE + GICR_ISENABLER0:
        __atomic_fetch_or(&t->arch.vppi_enabled, (uint32_t)val, __ATOMIC_ACQ_REL);
        break;
    case GICR_SGI_BASE + GICR_ICENABLER0:
        __atomic_fetch_and(&t->arch.vppi_enabled, ~(uint32_t)val, __ATOMIC_ACQ_REL);
        break;
    case GICR_SGI_BASE + GICR_ICPENDR0:
        __atomic_fetch_and(&t->arch.vppi_pending, ~(uint32_t)val, __ATOMIC_ACQ_REL);
        break;
    default:
        break; /* priorities, groups, configuration: fixed */
    }
}

bool vgic_mmio(struct vcpu *v, struct cpu_user_regs *regs, uint64_t ipa, uint64_t esr)
{
    struct domain *d = v->domain;
    unsigned int rt = DABT_SRT(esr);
    bool write = esr & DABT_WNR;

    if (!(esr & DABT_ISV))
        return false;
    if (ipa >= GUEST_GICV3_GICD_BASE && ipa < GUEST_GICV3_GICD_BASE + GUEST_GICV3_GICD_SIZE) {
        if (!write)
            mmio_reg_write(regs, rt, vgicd_read(d, ipa - GUEST_GICV3_GICD_BASE));
        return true;
    }
    if (ipa >= GUEST_GICV3_GICR0_BASE &&
        ipa < GUEST_GICV3_GICR0_BASE + (uint64_t)d->nr_vcpus * GICR_FRAME_SIZE) {
        uint64_t off = ipa - GUEST_GICV3_GICR0_BASE;
        unsigned int vcpu = off / GICR_FRAME_SIZE;

        off %= GICR_FRAME_SIZE;
        if (write)
            vgicr_write(d, vcpu, off, mmio_reg_read(regs, rt));
        else
            mmio_reg_write(regs, rt, vgicr_read(d, vcpu, off));
        return true;
    }
    return false;
}
