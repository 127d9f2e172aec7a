// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading a PVH guest (DESIGN section 4, Xen's docs/misc/pvh.pandoc): the
 * module is an ELF executable (ELF32 or ELF64, System V gABI) whose notes
 * name the 32-bit entry point (XEN_ELFNOTE_PHYS32_ENTRY). Its PT_LOAD
 * segments are copied to their physical addresses in the guest's RAM, and
 * struct hvm_start_info, the memory map and the command line go to the
 * page at GUEST_PVH_START_INFO, which the memory map marks reserved,
 * with the ramdisk (a kind=ramdisk module) as module 0 and the ACPI
 * tables' RSDP (acpi_build.c).
 */
#include <public/xen.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/acpi_build.h>
#include <asm/page.h>
#include <asm/processor.h>

/* The rest is <xen/elf.h>'s (System V gABI). */
#define ELFCLASS32 1
#define ET_EXEC 2
#define EM_386 3
#define PT_LOAD 1
#define PT_NOTE 4

/* A program header, whichever the class. */
struct phdr {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
};

struct elf_image {
    const uint8_t *p;
    size_t size;
    bool is64;
    uint64_t phoff;
    unsigned int phnum, phentsize;
};

int pvh_load(struct domain *d, const struct x86_guest_image *img);

static uint64_t rd(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    while (n--)
        v = (v << 8) | p[n];
    return v;
}

static int elf_open(struct elf_image *e, const uint8_t *p, size_t size)
{
    e->p = p;
    e->size = size;
    if (size < 52 || memcmp(p, "\177ELF", 4) || p[5] != ELFDATA2LSB)
        return -1;
    e->is64 = p[4] == ELFCLASS64;
    if ((!e->is64 && p[4] != ELFCLASS32) || (e->is64 && size < 64))
        return -1;
    if (rd(p + 16, 2) != ET_EXEC || (rd(p + 18, 2) != EM_X86_64 && rd(p + 18, 2) != EM_386))
        return -1;
    e->phoff = e->is64 ? rd(p + 32, 8) : rd(p + 28, 4);
    e->phentsize = (unsigned int)rd(p + (e->is64 ? 54 : 42), 2);
    e->phnum = (unsigned int)rd(p + (e->is64 ? 56 : 44), 2);
    if (e->phentsize < (e->is64 ? 56U : 32U) || e->phoff > size ||
        (uint64_t)e->phnum * e->phentsize > size - e->phoff)
        return -1;
    return 0;
}

static void elf_phdr(const struct elf_image *e, unsigned int i, struct phdr *ph)
{
    const uint8_t *h = e->p + e->phoff + (uint64_t)i * e->phentsize;

    ph->type = (uint32_t)rd(h, 4);
    if (e->is64) {
        ph->offset = rd(h + 8, 8);
        ph->paddr = rd(h + 24, 8);
        ph->filesz = rd(h + 32, 8);
        ph->memsz = rd(h + 40, 8);
    } else {
        ph->offset = rd(h + 4, 4);
        ph->paddr = rd(h + 12, 4);
        ph->filesz = rd(h + 16, 4);
        ph->memsz = rd(h + 20, 4);
    }
}

/* Look through a PT_NOTE segment for the "Xen" note PHYS32_ENTRY. */
static bool find_pvh_entry(const struct elf_image *e, const struct phdr *ph, uint32_t *entry)
{
    struct elf_note_walk w;
    struct elf_note n;

    if (ph->offset > e->size || ph->filesz > e->size - ph->offset)
        return false;
    elf_note_walk_init(&w, e->p + ph->offset, ph->filesz);
    while (elf_note_next(&w, &n) > 0) {
        if (elf_note_is(&n, "Xen", XEN_ELFNOTE_PHYS32_ENTRY) && (n.descsz == 4 || n.descsz == 8)) {
            *entry = (uint32_t)rd(n.desc, 4);
            return true;
        }
    }
    return false;
}

/* Append the memory-map entry [addr, end) of type, unless it is empty. */
static unsigned int memmap_add(struct hvm_memmap_table_entry *mm, unsigned int n, uint64_t addr,
                               uint64_t end, uint32_t type)
{
    if (end <= addr)
        return n;
    mm[n] = (struct hvm_memmap_table_entry){addr, end - addr, type, 0};
    return n + 1;
}

/*
 * The start info page: struct hvm_start_info, the module list (the
 * ramdisk, if any), the memory map, then the command line in what is left.
 * Memory map: RAM, this page reserved, RAM; with 1 MiB of RAM or more the
 * legacy BIOS hole 0xa0000-0xfffff is reserved too and holds the ACPI
 * tables (acpi_build.c).
 */
static void build_start_info(struct domain *d, const char *cmdline, uint64_t rd_gpa,
                             uint64_t rd_size, uint64_t rsdp)
{
    uint8_t *page = d->ram_hva + GUEST_PVH_START_INFO;
    struct hvm_start_info *si = (struct hvm_start_info *)page;
    struct hvm_modlist_entry *mod = (struct hvm_modlist_entry *)(si + 1);
    struct hvm_memmap_table_entry *mm = (struct hvm_memmap_table_entry *)(mod + 1);
    char *cl = (char *)(mm + 5);
    size_t room = PAGE_SIZE - (size_t)((uint8_t *)cl - page);
    const uint64_t si_end = GUEST_PVH_START_INFO + PAGE_SIZE;
    unsigned int n = 0;

    n = memmap_add(mm, n, 0, GUEST_PVH_START_INFO, XEN_HVM_MEMMAP_TYPE_RAM);
    n = memmap_add(mm, n, GUEST_PVH_START_INFO, si_end, XEN_HVM_MEMMAP_TYPE_RESERVED);
    if (d->ram_size >= LEGACY_HOLE_END) {
        n = memmap_add(mm, n, si_end, LEGACY_HOLE_START, XEN_HVM_MEMMAP_TYPE_RAM);
        n = memmap_add(mm, n, LEGACY_HOLE_START, LEGACY_HOLE_END, XEN_HVM_MEMMAP_TYPE_RESERVED);
        n = memmap_add(mm, n, LEGACY_HOLE_END, d->ram_size, XEN_HVM_MEMMAP_TYPE_RAM);
    } else {
        n = memmap_add(mm, n, si_end, d->ram_size, XEN_HVM_MEMMAP_TYPE_RAM);
    }
    strlcpy(cl, cmdline ? cmdline : "", room);
    si->magic = XEN_HVM_START_MAGIC_VALUE;
    si->version = 1;
    si->cmdline_paddr = GUEST_PVH_START_INFO + (uint64_t)((uint8_t *)cl - page);
    si->memmap_paddr = GUEST_PVH_START_INFO + (uint64_t)((uint8_t *)mm - page);
    si->memmap_entries = n;
    si->rsdp_paddr = rsdp;
    if (rd_size) {
        *mod = (struct hvm_modlist_entry){rd_gpa, rd_size, 0, 0};
        si->nr_modules = 1;
        si->modlist_paddr = GUEST_PVH_START_INFO + (uint64_t)((uint8_t *)mod - page);
    }
}

/*
 * The ramdisk goes to the top of RAM, page aligned, above every segment
 * (Linux's PVH entry takes module 0 for its initrd and reserves it).
 */
static int place_ramdisk(struct domain *d, const struct x86_guest_image *img, uint64_t seg_end,
                         uint64_t *gpa)
{
    uint64_t size = img->ramdisk_size;

    *gpa = 0;
    if (!img->ramdisk || !size)
        return 0;
    if (size > d->ram_size || ((d->ram_size - size) & ~(PAGE_SIZE - 1)) < seg_end ||
        ((d->ram_size - size) & ~(PAGE_SIZE - 1)) < LEGACY_HOLE_END) {
        printk("d%u: %s: the %llu KiB ramdisk does not fit above the kernel in its RAM\n",
               d->domain_id, d->name, (unsigned long long)(size >> 10));
        return -EINVAL;
    }
    *gpa = (d->ram_size - size) & ~(PAGE_SIZE - 1);
    memcpy(d->ram_hva + *gpa, img->ramdisk, size);
    return 0;
}

int pvh_load(struct domain *d, const struct x86_guest_image *img)
{
    const uint64_t si_start = GUEST_PVH_START_INFO, si_end = si_start + PAGE_SIZE;
    uint64_t seg_end = 0, rd_gpa;
    struct elf_image e;
    struct phdr ph;
    uint32_t entry = 0;
    bool have_entry = false;
    unsigned int i;

    if (elf_open(&e, img->elf, img->size)) {
        printk("d%u: %s: the module is not an x86 ELF executable\n", d->domain_id, d->name);
        return -EINVAL;
    }
    for (i = 0; i < e.phnum && !have_entry; i++) {
        elf_phdr(&e, i, &ph);
        if (ph.type == PT_NOTE)
            have_entry = find_pvh_entry(&e, &ph, &entry);
    }
    if (!have_entry) {
        printk("d%u: %s: no XEN_ELFNOTE_PHYS32_ENTRY note: not a PVH kernel\n", d->domain_id,
               d->name);
        return -EINVAL;
    }
    if (entry >= d->ram_size) {
        printk("d%u: %s: PVH entry %#x is outside its %llu KiB of RAM\n", d->domain_id, d->name,
               entry, (unsigned long long)(d->ram_size >> 10));
        return -EINVAL;
    }

    for (i = 0; i < e.phnum; i++) {
        elf_phdr(&e, i, &ph);
        if (ph.type != PT_LOAD || !ph.memsz)
            continue;
        if (ph.filesz > ph.memsz || ph.offset > e.size || ph.filesz > e.size - ph.offset ||
            ph.paddr > d->ram_size || ph.memsz > d->ram_size - ph.paddr) {
            printk("d%u: %s: segment at %#llx (%llu bytes) does not fit its RAM or the file\n",
                   d->domain_id, d->name, (unsigned long long)ph.paddr,
                   (unsigned long long)ph.memsz);
            return -EINVAL;
        }
        if (ph.paddr < si_end && ph.paddr + ph.memsz > si_start) {
            printk("d%u: %s: segment at %#llx overlaps the start info page\n", d->domain_id,
                   d->name, (unsigned long long)ph.paddr);
            return -EINVAL;
        }
        if (d->ram_size >= LEGACY_HOLE_END && ph.paddr < LEGACY_HOLE_END &&
            ph.paddr + ph.memsz > LEGACY_HOLE_START) {
            printk("d%u: %s: segment at %#llx overlaps the legacy hole 0xa0000-0xfffff\n",
                   d->domain_id, d->name, (unsigned long long)ph.paddr);
            return -EINVAL;
        }
        if (ph.paddr + ph.memsz > seg_end)
            seg_end = ph.paddr + ph.memsz;
        /* RAM comes zeroed from the allocator: that is the .bss part. */
        memcpy(d->ram_hva + ph.paddr, e.p + ph.offset, ph.filesz);
    }
    if (place_ramdisk(d, img, seg_end, &rd_gpa))
        return -EINVAL;
    d->arch.entry = entry;
    d->arch.xen_leaves = img->xen_leaves;
    d->arch.exit_stats = img->exit_stats;
    d->arch.start_tsc = rdtsc();
    build_start_info(d, img->cmdline, rd_gpa, img->ramdisk_size,
                     d->ram_size >= LEGACY_HOLE_END ? acpi_build(d) : 0);
    if (rd_gpa)
        printk("d%u: %s: ramdisk of %llu KiB at %#llx\n", d->domain_id, d->name,
               (unsigned long long)(img->ramdisk_size >> 10), (unsigned long long)rd_gpa);
    return 0;
}
