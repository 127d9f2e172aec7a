// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot loader's information block, Multiboot2 (spec 3.6) or Multiboot 1
 * (spec 3.3), reduced to what Keel uses: the command line, the memory map
 * and the modules (one per guest). The block and its strings stay where the
 * loader put them; mm.c keeps the allocator away from them.
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/types.h>

#include <asm/setup.h>

#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define MB1_BOOTLOADER_MAGIC 0x2badb002

/* Multiboot2 tag types (spec 3.6.1 onwards). */
#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6

/* Multiboot 1 info flags (spec 3.3). */
#define MB1_INFO_MEM (1U << 0)
#define MB1_INFO_CMDLINE (1U << 2)
#define MB1_INFO_MODS (1U << 3)
#define MB1_INFO_MMAP (1U << 6)

struct mb2_tag {
    uint32_t type, size;
};

struct mb2_tag_module {
    uint32_t type, size, mod_start, mod_end;
    char string[];
};

struct mb2_tag_mmap {
    uint32_t type, size, entry_size, entry_version;
};

struct mb2_mmap_entry {
    uint64_t addr, len;
    uint32_t type, reserved;
};

struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
};

struct mb1_module {
    uint32_t mod_start, mod_end, string, reserved;
};

struct __attribute__((packed)) mb1_mmap_entry {
    uint32_t size; /* of the rest of the entry */
    uint64_t addr, len;
    uint32_t type;
};

struct boot_info boot_info;

static void add_memmap(uint64_t addr, uint64_t size, uint32_t type)
{
    if (boot_info.nr_memmap == MAX_MEMMAP) {
        printk("memory map: more than %u entries, ignoring the rest\n", MAX_MEMMAP);
        return;
    }
    boot_info.memmap[boot_info.nr_memmap++] = (struct memmap_entry){addr, size, type};
}

static void add_module(uint64_t start, uint64_t end, const char *cmdline)
{
    if (boot_info.nr_modules == MAX_BOOT_MODULES) {
        printk("more than %u modules, ignoring the rest\n", MAX_BOOT_MODULES);
        return;
    }
    boot_info.mod[boot_info.nr_modules++] = (struct boot_module){start, end, cmdline};
}

/* Multiboot 1 scatters its tables: the allocator must stay above all of them. */
static void extend_info(uint64_t end)
{
    if (end > boot_info.info_end)
        boot_info.info_end = end;
}

static int parse_mb2(uint64_t info)
{
    uint32_t total = *(const uint32_t *)info;
    uint64_t p = info + 8, end = info + total;

    boot_info.loader = "multiboot2";
    boot_info.info_end = end;
    while (p + sizeof(struct mb2_tag) <= end) {
        const struct mb2_tag *tag = (const struct mb2_tag *)p;

        if (tag->type == MB2_TAG_END || tag->size < sizeof(*tag))
            break;
        if (tag->type == MB2_TAG_CMDLINE) {
            boot_info.cmdline = (const char *)(p + 8);
        } else if (tag->type == MB2_TAG_MODULE) {
            const struct mb2_tag_module *m = (const void *)tag;

            add_module(m->mod_start, m->mod_end, m->string);
        } else if (tag->type == MB2_TAG_MMAP) {
            const struct mb2_tag_mmap *mm = (const void *)tag;
            uint64_t e;

            for (e = p + sizeof(*mm); mm->entry_size && e + mm->entry_size <= p + tag->size;
                 e += mm->entry_size) {
                const struct mb2_mmap_entry *me = (const void *)e;

                add_memmap(me->addr, me->len, me->type);
            }
        }
        p += (tag->size + 7) & ~7U; /* tags are 8-byte aligned */
    }
    return 0;
}

static int parse_mb1(uint64_t info)
{
    const struct mb1_info *mbi = (const struct mb1_info *)info;
    uint32_t i;

    boot_info.loader = "multiboot";
    boot_info.info_end = info + sizeof(*mbi);
    if (mbi->flags & MB1_INFO_CMDLINE)
        boot_info.cmdline = (const char *)(uint64_t)mbi->cmdline;
    if (mbi->flags & MB1_INFO_MODS) {
        const struct mb1_module *m = (const struct mb1_module *)(uint64_t)mbi->mods_addr;

        extend_info((uint64_t)mbi->mods_addr + mbi->mods_count * sizeof(*m));
        for (i = 0; i < mbi->mods_count; i++)
            add_module(m[i].mod_start, m[i].mod_end, (const char *)(uint64_t)m[i].string);
    }
    if (mbi->flags & MB1_INFO_MMAP) {
        uint64_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

        extend_info(end);
        while (p + sizeof(struct mb1_mmap_entry) <= end) {
            const struct mb1_mmap_entry *me = (const struct mb1_mmap_entry *)p;

            add_memmap(me->addr, me->len, me->type);
            p += me->size + sizeof(me->size);
        }
    } else if (mbi->flags & MB1_INFO_MEM) {
        /* No map: lower memory and the RAM above 1 MiB, as the spec gives them. */
        add_memmap(0, (uint64_t)mbi->mem_lower << 10, 1);
        add_memmap(0x100000, (uint64_t)mbi->mem_upper << 10, 1);
    }
    return 0;
}

int multiboot_parse(uint32_t magic, uint64_t info)
{
    int rc;

    boot_info.info_start = info;
    if (magic == MB2_BOOTLOADER_MAGIC)
        rc = parse_mb2(info);
    else if (magic == MB1_BOOTLOADER_MAGIC)
        rc = parse_mb1(info);
    else
        return -1;
    if (!boot_info.cmdline)
        boot_info.cmdline = "";
    return rc;
}
