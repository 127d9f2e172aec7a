// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data cache maintenance by set/way from guests. DC ISW, CSW and CISW (and
 * their FEAT_MTE2 tag forms, C5.3.14-C5.3.27) act on whatever lines the
 * physical cache holds, the hypervisor's and other guests' included, and name
 * no address that could be translated, so HCR_EL2.TSW traps them.
 *
 * Guests use them to make memory coherent around turning their caches on or
 * off. Like Xen (p2m_set_way_flush / p2m_toggle_cache), the first one cleans
 * and invalidates all of the guest's RAM to the PoC by VA and sets
 * HCR_EL2.TVM; further ones change nothing more until the guest writes
 * SCTLR_EL1 (trapped with the other EL1 virtual memory registers, which are
 * written through): if that turns its caches on or off, its RAM is cleaned and
 * invalidated again, and once they are on TVM goes off. A trap costs at most
 * one 2 MiB chunk of that pass (clean_guest_ram()).
 */
#include <asm/setup.h>
#include <asm/sysregs.h>
#include <asm/vcpu.h>
#include <xen/lib.h>

/* Op0 1, Op1 0, CRn 7: CRm 6 invalidate, 10 clean, 14 clean+invalidate; Op2 2, 4, 6 by set/way. */
static bool is_dc_setway(uint64_t enc)
{
    unsigned int crm = (enc >> 1) & 0xf, op2 = (enc >> 17) & 7;

    if ((enc & ~(SYSREG_ISS(0UL, 0UL, 0UL, 0xfUL, 7UL))) != SYSREG_ISS(1UL, 0UL, 7UL, 0UL, 0UL))
        return false;
    return (crm == 6 || crm == 10 || crm == 14) && (op2 == 2 || op2 == 4 || op2 == 6);
}

/* Caches in effect for the guest's EL1&0 regime: stage 1 and data cache on (D19.2.118). */
static bool caches_on(uint64_t sctlr)
{
    return (sctlr & (SCTLR_M | SCTLR_C)) == (SCTLR_M | SCTLR_C);
}

/*
 * Clean and invalidate the guest's RAM to the PoC by VA (DC CIVAC), a chunk
 * per trap: a large guest would otherwise hold its CPU with interrupts
 * masked (and a live-patch rendezvous waiting) for the whole pass. Until
 * the last chunk is done the trapped instruction is made to run again
 * (ELR back on it), which returns to the guest, lets pending interrupts in
 * and traps straight back here. true once the whole RAM is clean.
 */
#define CLEAN_CHUNK (2UL << 20)

static bool clean_guest_ram(struct vcpu *v, struct cpu_user_regs *regs)
{
    struct domain *d = v->domain;
    uint64_t off = v->arch.ram_clean_next, len = MIN(CLEAN_CHUNK, d->ram_size - off);

    flush_dcache_range(d->ram_hva + off, len);
    if (off + len < d->ram_size) {
        v->arch.ram_clean_next = off + len;
        regs->elr -= 4; /* handle_sysreg() has stepped past it */
        return false;
    }
    v->arch.ram_clean_next = 0;
    return true;
}

static void set_tvm(bool on)
{
    uint64_t hcr = READ_SYSREG(hcr_el2);

    WRITE_SYSREG(hcr_el2, on ? hcr | HCR_TVM : hcr & ~HCR_TVM);
    isb();
}

/* The EL1 virtual memory registers HCR_EL2.TVM traps (D19.2.48), written through. */
static bool vm_reg_write(uint64_t enc, uint64_t val)
{
    switch (enc) {
    case SYSREG_ISS(3, 0, 2, 0, 0):
        WRITE_SYSREG(ttbr0_el1, val);
        break;
    case SYSREG_ISS(3, 0, 2, 0, 1):
        WRITE_SYSREG(ttbr1_el1, val);
        break;
    case SYSREG_ISS(3, 0, 2, 0, 2):
        WRITE_SYSREG(tcr_el1, val);
        break;
    case SYSREG_ISS(3, 0, 5, 1, 0):
        WRITE_SYSREG(afsr0_el1, val);
        break;
    case SYSREG_ISS(3, 0, 5, 1, 1):
        WRITE_SYSREG(afsr1_el1, val);
        break;
    case SYSREG_ISS(3, 0, 5, 2, 0):
        WRITE_SYSREG(esr_el1, val);
        break;
    case SYSREG_ISS(3, 0, 6, 0, 0):
        WRITE_SYSREG(far_el1, val);
        break;
    case SYSREG_ISS(3, 0, 10, 2, 0):
        WRITE_SYSREG(mair_el1, val);
        break;
    case SYSREG_ISS(3, 0, 10, 3, 0):
        WRITE_SYSREG(amair_el1, val);
        break;
    case SYSREG_ISS(3, 0, 13, 0, 1):
        WRITE_SYSREG(contextidr_el1, val);
        break;
    default:
        return false;
    }
    return true;
}

bool vsetway_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t iss)
{
    uint64_t enc = iss & SYSREG_ISS_MASK, val;
    bool tvm = READ_SYSREG(hcr_el2) & HCR_TVM;

    if (iss & SYSREG_ISS_READ)
        return false; /* DC and the TVM traps are writes only */
    if (is_dc_setway(enc)) {
        vsysreg_note_once(v, SYSREG_NOTE_SETWAY,
                          "data cache maintenance by set/way: done by VA over the guest's RAM");
        if (!tvm && clean_guest_ram(v, regs))
            set_tvm(true);
        return true;
    }
    if (!tvm)
        return false;
    val = mmio_reg_read(regs, SYSREG_ISS_RT(iss));
    if (enc == SYSREG_ISS(3, 0, 1, 0, 0)) { /* SCTLR_EL1 */
        /* Written once its RAM is clean: until then the write is run again. */
        if (caches_on(READ_SYSREG(sctlr_el1)) != caches_on(val) && !clean_guest_ram(v, regs))
            return true;
        WRITE_SYSREG(sctlr_el1, val);
        if (caches_on(val))
            set_tvm(false);
        return true;
    }
    return vm_reg_write(enc, val);
}
