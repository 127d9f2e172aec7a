/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Walking ELF notes (System V gABI, "Note Section"): the hypervisor's own
 * build-id, a live-patch payload's, a PVH kernel's "Xen" notes. The notes
 * come from a payload or a guest's kernel as often as from the hypervisor,
 * so every size is checked against what is left before it is used, without
 * an addition that could wrap.
 */
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/string.h>

/* The header of each note; name and descriptor follow, each padded to 4 bytes. */
struct elf_note_header {
    uint32_t namesz, descsz, type;
};

#define NOTE_ALIGN(x) (((x) + 3) & ~(size_t)3)

void elf_note_walk_init(struct elf_note_walk *w, const void *notes, size_t size)
{
    w->p = notes;
    w->left = notes ? size : 0;
}

int elf_note_next(struct elf_note_walk *w, struct elf_note *n)
{
    struct elf_note_header h;
    size_t name_room, desc_room;

    if (w->left < sizeof(h))
        return 0;
    memcpy(&h, w->p, sizeof(h)); /* notes in a guest's file need not be aligned */
    name_room = NOTE_ALIGN((size_t)h.namesz);
    desc_room = NOTE_ALIGN((size_t)h.descsz);
    if (name_room > w->left - sizeof(h) || desc_room > w->left - sizeof(h) - name_room) {
        w->left = 0;
        return -ENODATA; /* truncated */
    }
    n->name = (const char *)w->p + sizeof(h);
    n->namesz = h.namesz;
    n->type = h.type;
    n->desc = w->p + sizeof(h) + name_room;
    n->descsz = h.descsz;
    w->p += sizeof(h) + name_room + desc_room;
    w->left -= sizeof(h) + name_room + desc_room;
    return 1;
}

bool elf_note_is(const struct elf_note *n, const char *name, uint32_t type)
{
    size_t len = strlen(name) + 1; /* namesz counts the NUL */

    return n->type == type && n->namesz == len && !memcmp(n->name, name, len);
}
