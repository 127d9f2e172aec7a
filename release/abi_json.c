/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi_json.c - ABI dump files: the model as JSON, and back.
 *
 * Values that do not fit a JSON integer (unsigned above INT64_MAX) are
 * written as decimal strings so that no tool along the way rounds them.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "util.h"

static json_t *tags_to_json(const struct abi_tags *t)
{
    json_t *o = json_object();

    json_object_set_new(o, "line", json_integer(t->line));
    if (t->since[0])
        json_object_set_new(o, "since", json_string(t->since));
    if (t->deprecated[0])
        json_object_set_new(o, "deprecated", json_string(t->deprecated));
    if (t->removed[0])
        json_object_set_new(o, "removed", json_string(t->removed));
    if (t->replacement[0])
        json_object_set_new(o, "replacement", json_string(t->replacement));
    return o;
}

static json_t *item_to_json(const struct abi_item *it)
{
    json_t *o = json_object();

    json_object_set_new(o, "kind", json_string(item_kind_name(it->kind)));
    json_object_set_new(o, "name", json_string(it->name));
    json_object_set_new(o, "file", json_string(it->file ? it->file : ""));
    json_object_set_new(o, "line", json_integer(it->line));
    if (it->derived)
        json_object_set_new(o, "derived", json_true());
    if (it->tags.present)
        json_object_set_new(o, "tags", tags_to_json(&it->tags));
    if (it->string) {
        json_object_set_new(o, "string", json_string(it->string));
        return o;
    }
    if (item_is_constant(it)) {
        if (it->is_unsigned && it->value > INT64_MAX) {
            char buf[32];

            snprintf(buf, sizeof(buf), "%" PRIu64, it->value);
            json_object_set_new(o, "value", json_string(buf));
        } else {
            json_object_set_new(o, "value", json_integer((json_int_t)it->value));
        }
        if (it->is_unsigned)
            json_object_set_new(o, "unsigned", json_true());
        if (it->parent)
            json_object_set_new(o, "enum", json_string(it->parent));
        return o;
    }
    json_object_set_new(o, "size", json_integer(it->size));
    json_object_set_new(o, "align", json_integer(it->align));
    if (it->type)
        json_object_set_new(o, "type", json_string(it->type));
    if (it->canonical)
        json_object_set_new(o, "canonical", json_string(it->canonical));
    if (it->nmembers) {
        json_t *a = json_array();

        for (size_t i = 0; i < it->nmembers; i++) {
            const struct abi_member *m = &it->members[i];
            json_t *mo = json_object();

            json_object_set_new(mo, "name", json_string(m->name));
            json_object_set_new(mo, "type", json_string(m->type));
            json_object_set_new(mo, "canonical", json_string(m->canonical));
            json_object_set_new(mo, "offset", json_integer((json_int_t)(m->offset_bits / 8)));
            if (m->offset_bits % 8 || m->bit_width >= 0)
                json_object_set_new(mo, "offset_bits", json_integer((json_int_t)m->offset_bits));
            json_object_set_new(mo, "size", json_integer((json_int_t)m->size));
            if (m->bit_width >= 0)
                json_object_set_new(mo, "bit_width", json_integer(m->bit_width));
            json_array_append_new(a, mo);
        }
        json_object_set_new(o, "members", a);
    }
    return o;
}

char *abi_to_json(const struct abi *abi)
{
    json_t *root = json_object(), *files = json_object(), *targets = json_object();
    char *text, *out;

    json_object_set_new(root, "format", json_string(ABI_FORMAT));
    json_object_set_new(root, "root", json_string(abi->root));
    if (abi->release)
        json_object_set_new(root, "release", json_string(abi->release));
    if (abi->commit)
        json_object_set_new(root, "commit", json_string(abi->commit));
    for (size_t i = 0; i < abi->nfiles; i++)
        json_object_set_new(files, abi->files[i].path, json_string(abi->files[i].hash));
    json_object_set_new(root, "files", files);
    for (size_t t = 0; t < abi->ntargets; t++) {
        json_t *a = json_array();

        for (size_t i = 0; i < abi->targets[t].nitems; i++)
            json_array_append_new(a, item_to_json(&abi->targets[t].items[i]));
        json_object_set_new(targets, abi->targets[t].triple, a);
    }
    json_object_set_new(root, "targets", targets);
    /* Only foreign header sets have skips: our baselines keep their bytes. */
    if (abi_nskipped(abi)) {
        json_t *sk = json_object();

        for (size_t t = 0; t < abi->ntargets; t++) {
            const struct abi_target *tg = &abi->targets[t];
            json_t *a = json_array();

            for (size_t i = 0; i < tg->nskipped; i++) {
                json_t *o = json_object(), *lost = json_array();

                json_object_set_new(o, "file", json_string(tg->skipped[i].file));
                json_object_set_new(o, "at", json_string(tg->skipped[i].at));
                json_object_set_new(o, "reason", json_string(tg->skipped[i].reason));
                for (size_t k = 0; k < tg->skipped[i].lost.n; k++)
                    json_array_append_new(lost, json_string(tg->skipped[i].lost.v[k]));
                json_object_set_new(o, "lost", lost);
                json_array_append_new(a, o);
            }
            if (tg->nskipped)
                json_object_set_new(sk, tg->triple, a);
            else
                json_decref(a);
        }
        json_object_set_new(root, "skipped", sk);
    }
    text = json_dumps(root, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(root);
    if (!text)
        fatal("cannot format JSON");
    out = xasprintf("%s\n", text);
    free(text);
    return out;
}

/* Reading: every accessor names the item so that a bad dump is easy to fix. */
static const char *get_str(json_t *o, const char *key, int required, const char *what)
{
    json_t *v = json_object_get(o, key);

    if (!v && !required)
        return NULL;
    if (!json_is_string(v))
        fatal("%s: \"%s\" missing or not a string", what, key);
    return json_string_value(v);
}

static json_int_t get_int(json_t *o, const char *key, const char *what)
{
    json_t *v = json_object_get(o, key);

    if (!json_is_integer(v))
        fatal("%s: \"%s\" missing or not an integer", what, key);
    return json_integer_value(v);
}

static void copy_tag(char *dst, size_t len, json_t *o, const char *key, const char *what)
{
    const char *s = get_str(o, key, 0, what);

    if (s)
        snprintf(dst, len, "%s", s);
}

static void item_from_json(struct abi_target *t, json_t *o, const char *what)
{
    enum item_kind kind;
    const char *kname = get_str(o, "kind", 1, what);
    struct abi_item *it;
    json_t *tags, *v, *members;
    char *where;

    if (item_kind_parse(kname, &kind))
        fatal("%s: unknown item kind \"%s\"", what, kname);
    it = abi_add_item(t, kind, get_str(o, "name", 1, what));
    where = xasprintf("%s: %s", what, it->name);
    it->file = xstrdup(get_str(o, "file", 1, where));
    it->line = (unsigned)get_int(o, "line", where);
    it->derived = json_is_true(json_object_get(o, "derived"));
    tags = json_object_get(o, "tags");
    if (tags) {
        it->tags.present = 1;
        it->tags.line = (unsigned)get_int(tags, "line", where);
        copy_tag(it->tags.since, sizeof(it->tags.since), tags, "since", where);
        copy_tag(it->tags.deprecated, sizeof(it->tags.deprecated), tags, "deprecated", where);
        copy_tag(it->tags.removed, sizeof(it->tags.removed), tags, "removed", where);
        copy_tag(it->tags.replacement, sizeof(it->tags.replacement), tags, "replacement",
                 where);
    }
    if (it->kind == ITEM_MACRO && get_str(o, "string", 0, where)) {
        it->string = xstrdup(get_str(o, "string", 0, where));
        free(where);
        return;
    }
    if (item_is_constant(it)) {
        v = json_object_get(o, "value");
        if (json_is_integer(v))
            it->value = (uint64_t)json_integer_value(v);
        else if (json_is_string(v))
            it->value = strtoull(json_string_value(v), NULL, 10);
        else
            fatal("%s: \"value\" missing", where);
        it->is_unsigned = json_is_true(json_object_get(o, "unsigned"));
        if (get_str(o, "enum", 0, where))
            it->parent = xstrdup(get_str(o, "enum", 0, where));
        free(where);
        return;
    }
    it->size = get_int(o, "size", where);
    it->align = get_int(o, "align", where);
    if (get_str(o, "type", 0, where))
        it->type = xstrdup(get_str(o, "type", 0, where));
    if (get_str(o, "canonical", 0, where))
        it->canonical = xstrdup(get_str(o, "canonical", 0, where));
    members = json_object_get(o, "members");
    for (size_t i = 0; members && i < json_array_size(members); i++) {
        json_t *mo = json_array_get(members, i);
        struct abi_member *m = abi_add_member(it, get_str(mo, "name", 1, where));

        m->type = xstrdup(get_str(mo, "type", 1, where));
        m->canonical = xstrdup(get_str(mo, "canonical", 1, where));
        if (json_object_get(mo, "offset_bits"))
            m->offset_bits = (uint64_t)get_int(mo, "offset_bits", where);
        else
            m->offset_bits = (uint64_t)get_int(mo, "offset", where) * 8;
        m->size = (uint64_t)get_int(mo, "size", where);
        if (json_object_get(mo, "bit_width"))
            m->bit_width = (int)get_int(mo, "bit_width", where);
    }
    free(where);
}

struct abi *abi_from_json(const char *text, const char *what)
{
    json_error_t err;
    json_t *root = json_loads(text, 0, &err), *files, *targets, *v;
    const char *key, *fmt;
    struct abi *abi;

    if (!root)
        fatal("%s:%d: not JSON: %s", what, err.line, err.text);
    fmt = json_string_value(json_object_get(root, "format"));
    if (!fmt || strcmp(fmt, ABI_FORMAT))
        fatal("%s: not a keel-release ABI dump (format \"%s\", want \"%s\")", what,
              fmt ? fmt : "", ABI_FORMAT);
    abi = abi_new(get_str(root, "root", 1, what));
    if (get_str(root, "release", 0, what))
        abi->release = xstrdup(get_str(root, "release", 0, what));
    if (get_str(root, "commit", 0, what))
        abi->commit = xstrdup(get_str(root, "commit", 0, what));
    files = json_object_get(root, "files");
    json_object_foreach(files, key, v)
    {
        if (!json_is_string(v))
            fatal("%s: files.%s is not a string", what, key);
        abi_add_file(abi, key, json_string_value(v));
    }
    targets = json_object_get(root, "targets");
    if (!json_is_object(targets))
        fatal("%s: \"targets\" missing", what);
    json_object_foreach(targets, key, v)
    {
        struct abi_target *t = abi_add_target(abi, key);

        if (!json_is_array(v))
            fatal("%s: targets.%s is not an array", what, key);
        for (size_t i = 0; i < json_array_size(v); i++) {
            char *w = xasprintf("%s: targets.%s[%zu]", what, key, i);

            item_from_json(t, json_array_get(v, i), w);
            free(w);
        }
    }
    json_object_foreach(json_object_get(root, "skipped"), key, v)
    {
        struct abi_target *t = (struct abi_target *)abi_target(abi, key);

        if (!t || !json_is_array(v))
            fatal("%s: skipped.%s: not a target of the dump", what, key);
        for (size_t i = 0; i < json_array_size(v); i++) {
            json_t *o = json_array_get(v, i), *lost = json_object_get(o, "lost");
            char *w = xasprintf("%s: skipped.%s[%zu]", what, key, i);
            struct abi_skip *k = abi_add_skip(t, get_str(o, "file", 1, w), get_str(o, "at", 1, w),
                                              get_str(o, "reason", 1, w));

            for (size_t j = 0; j < json_array_size(lost); j++)
                if (json_is_string(json_array_get(lost, j)))
                    sl_push(&k->lost, xstrdup(json_string_value(json_array_get(lost, j))));
            free(w);
        }
    }
    json_decref(root);
    abi_finish(abi);
    return abi;
}
