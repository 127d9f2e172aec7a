// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated MMIO on AArch64: the one place a stage-2 data abort's syndrome
 * is decoded, into the common struct mmio_access; xen/common/mmio.c finds
 * the device model and applies the access size, sign extension and register
 * width of the instruction, so that every emulated load behaves like the
 * instruction the guest ran (an LDRSB of 0xa0 into Xn gives
 * 0xffffffffffffffa0, an LDRB of a word register its low byte) and every
 * store passes only the bytes it stores.
 */
#include <asm/gic.h>
#include <asm/mmio.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <public/arch-arm.h>

/* Syndrome fields beyond asm/sysregs.h (D19.2.43, data abort ISS). */
#define DABT_SSE BIT64(21)
#define DABT_SF BIT64(15)

/* False when the syndrome does not describe the access (ISV clear: e.g. a pair load). */
static bool mmio_decode(uint64_t esr, uint64_t gpa, struct mmio_access *a)
{
    if (!(esr & DABT_ISV))
        return false;
    a->gpa = gpa;
    a->size = 1u << DABT_SAS(esr);
    a->write = esr & DABT_WNR;
    a->reg = DABT_SRT(esr);
    a->sign_extend = esr & DABT_SSE;
    a->sixty_four = (esr & DABT_SF) || a->size == 8;
    return true;
}

bool mmio_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t esr, uint64_t gpa)
{
    struct mmio_access a;
    uint64_t val = 0;

    if (!mmio_decode(esr, gpa, &a))
        return false;
    if (a.write)
        val = mmio_reg_read(regs, a.reg);
    if (!mmio_dispatch(v, &a, &val))
        return false;
    if (!a.write)
        mmio_reg_write(regs, a.reg, val);
    return true;
}

/* The domain's emulated devices, in its region registry (arch_domain_create()). */
int mmio_register_devices(struct domain *d)
{
    const struct guest_map *m = &d->arch.map;
    int rc = mmio_register(d, m->gicd, GUEST_GICV3_GICD_SIZE, vgicd_mmio);

    if (!rc)
        rc = mmio_register(d, m->gicr, (uint64_t)d->nr_vcpus * GICR_FRAME_SIZE, vgicr_mmio);
    if (!rc && d->arch.vpl011)
        rc = mmio_register(d, m->uart, GUEST_PL011_SIZE, vpl011_mmio);
    return rc;
}
