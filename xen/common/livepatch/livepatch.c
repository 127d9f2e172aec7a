/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live-patch state machine behind sysctl XEN_SYSCTL_livepatch_op, with
 * the rules of Xen's common/livepatch.c:
 *   UPLOAD   checks and loads a payload: state CHECKED. A name or build-id
 *            already loaded is -EEXIST.
 *   GET      one payload's state and the result of its last action.
 *   LIST     the payloads in upload order, paged, with a generation counter
 *            that changes whenever the list does.
 *   ACTION   APPLY (CHECKED -> APPLIED; its .livepatch.depends must be the
 *            build-id of the top applied payload, or of the hypervisor when
 *            none is), REVERT (only the top of the applied stack, else
 *            -EBUSY), REPLACE (revert every applied payload and apply this
 *            one, in one rendezvous; depends on the hypervisor), UNLOAD
 *            (only CHECKED). An action not allowed in the payload's state is
 *            -EINVAL.
 * Hooks: pre-apply/pre-revert hooks return int and a non-zero result vetoes
 * the action with nothing changed; load hooks run when a payload is applied
 * and unload hooks when it is reverted (as in Xen); post hooks run after.
 * Every operation holds one lock, so they are serialised.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/livepatch.h>
#include <xen/sections.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/version.h>

/* As many payloads as Xen lets LIST report in one call. */
#define LIVEPATCH_MAX_PAYLOADS 64
#define LIVEPATCH_MAX_LIST 1024

static spinlock_t lp_lock = SPINLOCK_INIT;
static struct payload *payloads[LIVEPATCH_MAX_PAYLOADS]; /* upload order */
static unsigned int payload_cnt;
static uint32_t payload_version = 1;
static struct payload *applied[LIVEPATCH_MAX_PAYLOADS]; /* bottom .. top */
static unsigned int applied_cnt;

/* Copy and check a name: size includes the NUL, which must be the last byte. */
static int get_name(const struct xen_livepatch_name *name, char n[XEN_LIVEPATCH_NAME_SIZE])
{
    if (!name->size || name->size > XEN_LIVEPATCH_NAME_SIZE || name->pad[0] || name->pad[1] ||
        name->pad[2])
        return -EINVAL;
    if (copy_from_guest(n, name->name.q, name->size))
        return -EFAULT;
    if (n[name->size - 1] != '\0' || strlen(n) != (size_t)name->size - 1 || !n[0])
        return -EINVAL;
    return 0;
}

static struct payload *find_payload(const char *name)
{
    unsigned int i;

    for (i = 0; i < payload_cnt; i++)
        if (!strcmp(payloads[i]->name, name))
            return payloads[i];
    return NULL;
}

static bool same_id(const struct livepatch_id *a, const struct livepatch_id *b)
{
    return a->len && a->len == b->len && !memcmp(a->bytes, b->bytes, a->len);
}

int livepatch_symbols_lookup(const char *name, uint64_t *addr)
{
    unsigned int i, k;

    for (i = 0; i < payload_cnt; i++)
        for (k = 0; k < payloads[i]->nsyms; k++)
            if (!strcmp(payloads[i]->syms[k].name, name)) {
                *addr = payloads[i]->syms[k].addr;
                return 0;
            }
    return -ENOENT;
}

bool livepatch_in_payload_text(uint64_t addr, size_t len)
{
    unsigned int i;

    for (i = 0; i < payload_cnt; i++) {
        uint64_t base = (uint64_t)(uintptr_t)payloads[i]->text.base;

        if (base && addr >= base && addr - base <= payloads[i]->text.size &&
            len <= payloads[i]->text.size - (addr - base))
            return true;
    }
    return false;
}

static void free_payload(struct payload *p)
{
    livepatch_unload(p);
    livepatch_free(p, sizeof(*p));
}

static int do_upload(struct xen_sysctl_livepatch_upload *up, struct payload **out);

/* The control domain's tools only see a number: say which payload and why here. */
static int livepatch_upload(struct xen_sysctl_livepatch_upload *up)
{
    struct payload *p = NULL;
    int rc = do_upload(up, &p);

    if (rc)
        printk("livepatch: upload of a %lu-byte payload refused: %d\n", (unsigned long)up->size,
               rc);
    else
        printk("livepatch: %s uploaded (%u functions)\n", p->name, p->nfuncs);
    return rc;
}

static int do_upload(struct xen_sysctl_livepatch_upload *up, struct payload **out)
{
    struct livepatch_elf e;
    struct payload *p;
    uint8_t *raw;
    unsigned int i;
    int rc;

    p = livepatch_alloc(sizeof(*p));
    if (!p)
        return -ENOMEM;
    rc = get_name(&up->name, p->name);
    if (!rc && find_payload(p->name))
        rc = -EEXIST;
    if (!rc && !up->size)
        rc = -EINVAL;
    if (!rc && up->size > LIVEPATCH_MAX_SIZE)
        rc = -E2BIG;
    if (!rc && payload_cnt == LIVEPATCH_MAX_PAYLOADS)
        rc = -ENOMEM;
    if (rc) {
        livepatch_free(p, sizeof(*p));
        return rc;
    }
    /* The image is read once into hypervisor memory: the guest cannot change it underneath. */
    raw = livepatch_alloc(up->size);
    if (!raw) {
        livepatch_free(p, sizeof(*p));
        return -ENOMEM;
    }
    rc = copy_from_guest(raw, up->payload.q, up->size);
    if (!rc)
        rc = livepatch_elf_check(&e, raw, up->size, arch_livepatch_machine());
    if (!rc)
        rc = livepatch_load(p, &e);
    livepatch_free(raw, up->size);
    if (rc) {
        livepatch_free(p, sizeof(*p));
        return rc;
    }
    for (i = 0; i < payload_cnt; i++) {
        if (same_id(&payloads[i]->id, &p->id)) {
            free_payload(p);
            return -EEXIST;
        }
    }
    p->state = LIVEPATCH_STATE_CHECKED;
    p->rc = 0;
    payloads[payload_cnt++] = p;
    payload_version++;
    *out = p;
    return 0;
}

static int livepatch_get(struct xen_sysctl_livepatch_get *get)
{
    char n[XEN_LIVEPATCH_NAME_SIZE];
    const struct payload *p;
    int rc = get_name(&get->name, n);

    if (rc)
        return rc;
    p = find_payload(n);
    if (!p)
        return -ENOENT;
    get->status.state = p->state;
    get->status.rc = p->rc;
    return 0;
}

static int livepatch_list(struct xen_sysctl_livepatch_list *list)
{
    unsigned int i, n = 0;

    if (list->nr > LIVEPATCH_MAX_LIST)
        return -E2BIG;
    if (list->pad)
        return -EINVAL;
    if (list->nr && (!list->status.q || !list->name.q || !list->len.q))
        return -EINVAL;
    if (list->idx >= payload_cnt && payload_cnt)
        return -EINVAL;

    list->name_total_size = 0;
    list->metadata_total_size = 0;
    for (i = list->idx; i < payload_cnt && n < list->nr; i++, n++) {
        const struct payload *p = payloads[i];
        struct xen_livepatch_status st = {p->state, p->rc};
        uint32_t len = (uint32_t)strlen(p->name) + 1, zero = 0;

        if (copy_to_guest(list->name.q + (uint64_t)n * XEN_LIVEPATCH_NAME_SIZE, p->name, len) ||
            copy_to_guest(list->len.q + n * sizeof(len), &len, sizeof(len)) ||
            copy_to_guest(list->status.q + n * sizeof(st), &st, sizeof(st)) ||
            (list->metadata_len.q &&
             copy_to_guest(list->metadata_len.q + n * sizeof(zero), &zero, sizeof(zero))))
            return -EFAULT;
        list->name_total_size += len;
    }
    /*
     * As Xen: nr comes back as the number of payloads after those reported;
     * none when idx was already past the end (only possible on an empty list).
     */
    list->nr = i < payload_cnt ? payload_cnt - i : 0;
    list->version = payload_version;
    return (int)n;
}

unsigned int livepatch_patch_len(const struct livepatch_func *f)
{
    return f->new_addr ? arch_livepatch_patch_size() : f->new_size;
}

bool livepatch_in_hypervisor_text(uint64_t addr, size_t len)
{
    return addr >= (uint64_t)(uintptr_t)_stext && addr + len >= addr &&
           addr + len <= (uint64_t)(uintptr_t)_etext;
}

/* With every other CPU parked: keep the bytes at old_addr, then write the branch or NOPs. */
static void patch_func(struct livepatch_func *f)
{
    uint8_t insn[LIVEPATCH_OPAQUE_SIZE];
    unsigned int len = livepatch_patch_len(f);

    memcpy(f->opaque, (const void *)(uintptr_t)f->old_addr, len);
    arch_livepatch_encode(f, insn, len);
    arch_livepatch_text_write(f->old_addr, insn, len);
}

static void unpatch_func(const struct livepatch_func *f)
{
    arch_livepatch_text_write(f->old_addr, f->opaque, livepatch_patch_len(f));
}

/* Pre-flight checks of each function: arch limits, expectations. */
static int check_funcs(const struct payload *p)
{
    unsigned int k;
    int rc;

    for (k = 0; k < p->nfuncs; k++) {
        const struct livepatch_func *f = &p->funcs[k];
        unsigned int len = livepatch_patch_len(f);

        if (!len || len > LIVEPATCH_OPAQUE_SIZE || len > f->old_size)
            return -EINVAL;
        rc = arch_livepatch_verify_func(f);
        if (rc)
            return rc;
        if (f->expect.flags & LIVEPATCH_EXPECT_ENABLED) {
            unsigned int n = (f->expect.flags & LIVEPATCH_EXPECT_LEN_MASK) >>
                             LIVEPATCH_EXPECT_LEN_SHIFT;

            if (memcmp((const void *)(uintptr_t)f->old_addr, f->expect.data, n) != 0)
                return -EINVAL;
        }
    }
    return 0;
}

static void run_hooks(const struct payload *p, enum livepatch_hook h)
{
    unsigned int k;

    for (k = 0; k < p->nhooks[h]; k++)
        ((void (*)(void))(uintptr_t)p->hooks[h][k])();
}

/* The pre hooks of kind h: the first non-zero result vetoes. */
static int run_pre_hooks(const struct payload *p, enum livepatch_hook h)
{
    unsigned int k;
    int rc;

    for (k = 0; k < p->nhooks[h]; k++) {
        rc = ((int (*)(void))(uintptr_t)p->hooks[h][k])();
        if (rc)
            return rc;
    }
    return 0;
}

static void apply_payload(struct payload *p)
{
    unsigned int k;

    for (k = 0; k < p->nfuncs; k++) {
        patch_func(&p->funcs[k]);
        p->funcs[k].applied = 1;
    }
    run_hooks(p, LP_HOOK_LOAD);
    p->state = LIVEPATCH_STATE_APPLIED;
    applied[applied_cnt++] = p;
}

static void revert_payload(struct payload *p)
{
    unsigned int k;

    /* Last patched first, so a function patched twice gets its first bytes back. */
    for (k = p->nfuncs; k-- > 0;) {
        unpatch_func(&p->funcs[k]);
        p->funcs[k].applied = 0;
    }
    run_hooks(p, LP_HOOK_UNLOAD);
    p->state = LIVEPATCH_STATE_CHECKED;
    applied_cnt--;
}

struct lp_work {
    unsigned int cmd;
    struct payload *p;
};

/* Runs on one CPU with all others stopped. */
static int do_action(void *arg)
{
    struct lp_work *w = arg;

    switch (w->cmd) {
    case LIVEPATCH_ACTION_APPLY:
        apply_payload(w->p);
        break;
    case LIVEPATCH_ACTION_REVERT:
        revert_payload(w->p);
        break;
    case LIVEPATCH_ACTION_REPLACE:
        while (applied_cnt)
            revert_payload(applied[applied_cnt - 1]);
        apply_payload(w->p);
        break;
    }
    return 0;
}

/* The build-id p must stack on: the top applied payload's, else the hypervisor's. */
static int check_depends(const struct payload *p, bool on_hypervisor)
{
    struct livepatch_id base;
    const uint8_t *id;
    unsigned int len;

    if (!on_hypervisor && applied_cnt) {
        base = applied[applied_cnt - 1]->id;
    } else {
        if (xen_build_id(&id, &len) || len > LIVEPATCH_BUILD_ID_MAX)
            return -EINVAL;
        memcpy(base.bytes, id, len);
        base.len = len;
    }
    return same_id(&p->depends, &base) ? 0 : -EINVAL;
}

static int action_apply(struct payload *p, const struct xen_sysctl_livepatch_action *a)
{
    struct lp_work w = {a->cmd, p};
    bool replace = a->cmd == LIVEPATCH_ACTION_REPLACE;
    static struct payload *reverted[LIVEPATCH_MAX_PAYLOADS]; /* under lp_lock */
    unsigned int i, n_before;
    int rc;

    if (p->state != LIVEPATCH_STATE_CHECKED)
        return -EINVAL;
    if (applied_cnt == LIVEPATCH_MAX_PAYLOADS)
        return -ENOMEM;
    if (replace || !(a->flags & LIVEPATCH_ACTION_APPLY_NODEPS)) {
        rc = check_depends(p, replace);
        if (rc)
            return rc;
    }
    rc = check_funcs(p);
    if (rc)
        return rc;
    if (replace) {
        for (i = applied_cnt; i-- > 0;) {
            rc = run_pre_hooks(applied[i], LP_HOOK_PRE_REVERT);
            if (rc)
                return rc;
        }
    }
    rc = run_pre_hooks(p, LP_HOOK_PRE_APPLY);
    if (rc)
        return rc;
    n_before = applied_cnt;
    memcpy(reverted, applied, sizeof(reverted));
    rc = livepatch_rendezvous(do_action, &w, a->timeout ? a->timeout
                                                         : LIVEPATCH_DEFAULT_TIMEOUT_NS);
    if (rc)
        return rc;
    /* REPLACE reverted everything that was applied before it, top first. */
    for (i = n_before; replace && i-- > 0;)
        run_hooks(reverted[i], LP_HOOK_POST_REVERT);
    run_hooks(p, LP_HOOK_POST_APPLY);
    return 0;
}

static int action_revert(struct payload *p, const struct xen_sysctl_livepatch_action *a)
{
    struct lp_work w = {a->cmd, p};
    int rc;

    if (p->state != LIVEPATCH_STATE_APPLIED)
        return -EINVAL;
    if (applied[applied_cnt - 1] != p)
        return -EBUSY; /* only the top of the stack may go */
    rc = run_pre_hooks(p, LP_HOOK_PRE_REVERT);
    if (rc)
        return rc;
    rc = livepatch_rendezvous(do_action, &w, a->timeout ? a->timeout
                                                         : LIVEPATCH_DEFAULT_TIMEOUT_NS);
    if (!rc)
        run_hooks(p, LP_HOOK_POST_REVERT);
    return rc;
}

static int action_unload(struct payload *p)
{
    unsigned int i;

    if (p->state != LIVEPATCH_STATE_CHECKED)
        return -EINVAL;
    for (i = 0; payloads[i] != p; i++)
        ;
    for (; i + 1 < payload_cnt; i++)
        payloads[i] = payloads[i + 1];
    payload_cnt--;
    payload_version++;
    free_payload(p);
    return 0;
}

static int livepatch_action(struct xen_sysctl_livepatch_action *a)
{
    char n[XEN_LIVEPATCH_NAME_SIZE];
    struct payload *p;
    int rc = get_name(&a->name, n);

    if (rc)
        return rc;
    if (a->pad || (a->flags & ~LIVEPATCH_ACTION_APPLY_NODEPS))
        return -EINVAL;
    p = find_payload(n);
    if (!p)
        return -ENOENT;
    switch (a->cmd) {
    case LIVEPATCH_ACTION_UNLOAD:
        return action_unload(p); /* p is gone on success */
    case LIVEPATCH_ACTION_REVERT:
        rc = action_revert(p, a);
        break;
    case LIVEPATCH_ACTION_APPLY:
    case LIVEPATCH_ACTION_REPLACE:
        rc = action_apply(p, a);
        break;
    default:
        return -EOPNOTSUPP;
    }
    p->rc = rc;
    if (rc)
        printk("livepatch: action %u on %s refused: %d\n", a->cmd, p->name, rc);
    if (!rc) {
        char where[96];

        /* The first function by its place in the hypervisor's symbol table. */
        printk("livepatch: %s %s (%s): %u CPUs quiesced for %lu ns\n",
               a->cmd == LIVEPATCH_ACTION_REVERT ? "reverted" : "applied", p->name,
               symbols_format(where, sizeof(where), p->funcs[0].old_addr), livepatch_last_cpus(),
               (unsigned long)livepatch_last_quiesce_ns());
    }
    return rc;
}

int livepatch_op(struct xen_sysctl_livepatch_op *op)
{
    int rc;

    if (op->pad)
        return -EINVAL;
    spin_lock(&lp_lock);
    switch (op->cmd) {
    case XEN_SYSCTL_LIVEPATCH_UPLOAD:
        rc = livepatch_upload(&op->u.upload);
        break;
    case XEN_SYSCTL_LIVEPATCH_GET:
        rc = livepatch_get(&op->u.get);
        break;
    case XEN_SYSCTL_LIVEPATCH_LIST:
        rc = livepatch_list(&op->u.list);
        break;
    case XEN_SYSCTL_LIVEPATCH_ACTION:
        rc = livepatch_action(&op->u.action);
        break;
    default:
        rc = -EOPNOTSUPP;
        break;
    }
    spin_unlock(&lp_lock);
    return rc;
}

void livepatch_reset(void)
{
    while (applied_cnt)
        revert_payload(applied[applied_cnt - 1]);
    while (payload_cnt)
        free_payload(payloads[--payload_cnt]);
    applied_cnt = 0;
    payload_version++;
}
