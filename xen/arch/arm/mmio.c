// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emulated MMIO: the one place a stage-2 data abort's syndrome is decoded.
 * The device models see a struct mmio_access and a value; the access size,
 * sign extension and register width of the instruction are applied here,
 * so that every emulated load behaves like the instruction the guest ran
 * (an LDRSB of 0xa0 into Xn gives 0xffffffffffffffa0, an LDRB of a word
 * register its low byte) and every store passes only the bytes it stores.
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

static uint64_t size_mask(unsigned int size)
{
    return size >= 8 ? ~0UL : (1UL << (8 * size)) - 1;
}

/* A loaded item as the register receives it: truncated, sign- or zero-extended. */
static uint64_t load_extend(const struct mmio_access *a, uint64_t val)
{
    unsigned int bits = 8 * a->size;

    val &= size_mask(a->size);
    if (a->sign_extend && bits < 64 && (val >> (bits - 1)) & 1)
        val |= ~0UL << bits;
    if (!a->sixty_four)
        val &= 0xffffffffUL; /* a write to Wn clears bits 63:32 of Xn */
    return val;
}

/* The device model at gpa, its base in *base; NULL: none. */
static mmio_handler_t mmio_find(const struct domain *d, uint64_t gpa, uint64_t *base)
{
    if (d->arch.vpl011 && gpa >= GUEST_PL011_BASE && gpa < GUEST_PL011_BASE + GUEST_PL011_SIZE) {
        *base = GUEST_PL011_BASE;
        return vpl011_mmio;
    }
    if (gpa >= GUEST_GICV3_GICD_BASE && gpa < GUEST_GICV3_GICD_BASE + GUEST_GICV3_GICD_SIZE) {
        *base = GUEST_GICV3_GICD_BASE;
        return vgicd_mmio;
    }
    if (gpa >= GUEST_GICV3_GICR0_BASE &&
        gpa < GUEST_GICV3_GICR0_BASE + (uint64_t)d->nr_vcpus * GICR_FRAME_SIZE) {
        *base = GUEST_GICV3_GICR0_BASE;
        return vgicr_mmio;
    }
    return NULL;
}

bool mmio_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t esr, uint64_t gpa)
{
    struct mmio_access a;
    mmio_handler_t handler;
    uint64_t base = 0, val = 0;

    if (!mmio_decode(esr, gpa, &a))
        return false;
    handler = mmio_find(v->domain, gpa, &base);
    if (!handler)
        return false;
    /*
     * A misaligned access to a device register (only possible when the guest
     * maps it as Normal memory) is IMPLEMENTATION DEFINED on hardware: here
     * it reads as zero and writes are ignored, for every device model.
     */
    if (gpa & (a.size - 1)) {
        if (!a.write)
            mmio_reg_write(regs, a.reg, 0);
        return true;
    }
    if (a.write)
        val = mmio_reg_read(regs, a.reg) & size_mask(a.size);
    if (!handler(v, &a, gpa - base, &val))
        return false;
    if (!a.write)
        mmio_reg_write(regs, a.reg, load_extend(&a, val));
    return true;
}
