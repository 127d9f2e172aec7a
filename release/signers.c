/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * signers.c - reading governance/allowed_signers and checking who signed.
 */
#include "signers.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The next blank-separated word of *p (a quoted "..." part kept whole). */
static char *next_word(char **p)
{
    char *s = *p, *start;
    int quoted = 0;

    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return NULL;
    start = s;
    for (; *s && (quoted || (*s != ' ' && *s != '\t')); s++)
        if (*s == '"')
            quoted = !quoted;
    if (*s)
        *s++ = '\0';
    *p = s;
    return start;
}

static void split_list(const char *text, struct strlist *out, int lower)
{
    char *copy = xstrdup(text), *save = NULL;

    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        char *v = xstrdup(t);

        for (char *c = v; lower && *c; c++)
            *c = (char)tolower((unsigned char)*c);
        sl_push(out, v);
    }
    free(copy);
}

static char *parse_line(struct signer *sg, char *line)
{
    char *principals = next_word(&line), *w, *err = NULL;

    if (!principals || !(w = next_word(&line)))
        return xasprintf("want \"principals [options] ssh-ed25519 KEY\"");
    if (strpbrk(principals, "*?!"))
        return xasprintf("principal patterns are not allowed (\"%s\"): list each address", principals);
    split_list(principals, &sg->principals, 1);
    for (size_t i = 0; i < sg->principals.n; i++)
        if (!strchr(sg->principals.v[i], '@'))
            return xasprintf("principal \"%s\" is not an email address", sg->principals.v[i]);
    if (strncmp(w, "ssh-", 4) && strncmp(w, "ecdsa-", 6) && strncmp(w, "sk-", 3)) {
        /* Options come before the key type, separated by commas outside quotes. */
        for (char *o = w, *end; o; o = end) {
            int quoted = 0;
            size_t n;

            for (end = o; *end && (quoted || *end != ','); end++)
                quoted ^= *end == '"';
            end = *end ? (*end = '\0', end + 1) : NULL;
            if (strncasecmp(o, "namespaces=\"", 12) || (n = strlen(o)) < 13 || o[n - 1] != '"')
                return xasprintf("option \"%s\" is not supported (only namespaces=\"...\")", o);
            o[n - 1] = '\0';
            split_list(o + 12, &sg->namespaces, 0);
        }
        if (!(w = next_word(&line)))
            return xasprintf("no key type after the options");
    }
    if (strcmp(w, "ssh-ed25519"))
        return xasprintf("key type \"%s\" is not supported (only ssh-ed25519)", w);
    if (!(w = next_word(&line)))
        return xasprintf("no key after \"ssh-ed25519\"");
    if (ssh_ed25519_key(w, sg->pub, &err)) {
        char *m = xasprintf("%s", err);

        free(err);
        return m;
    }
    return NULL; /* anything after the key is a comment */
}

static void signer_free(struct signer *sg)
{
    sl_free(&sg->principals);
    sl_free(&sg->namespaces);
}

char *signers_parse(struct signers *s, const char *text, const char *what)
{
    char *copy = xstrdup(text), *line = copy, *next, *err = NULL;
    unsigned lineno = 0;

    memset(s, 0, sizeof(*s));
    for (; line && !err; line = next) {
        struct signer sg = {0};
        char *msg, *t = line;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        while (*t == ' ' || *t == '\t')
            t++;
        if (!*t || *t == '#')
            continue;
        sg.line = lineno;
        msg = parse_line(&sg, t);
        if (msg) {
            err = xasprintf("%s:%u: %s", what, lineno, msg);
            free(msg);
            signer_free(&sg);
            break;
        }
        s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
        s->v[s->n++] = sg;
    }
    free(copy);
    if (err)
        signers_free(s);
    return err;
}

void signers_free(struct signers *s)
{
    for (size_t i = 0; i < s->n; i++)
        signer_free(&s->v[i]);
    free(s->v);
    memset(s, 0, sizeof(*s));
}

static int may_sign_in(const struct signer *sg, const char *ns)
{
    return !sg->namespaces.n || sl_contains(&sg->namespaces, ns);
}

char *signers_check(const struct signers *s, const struct sshsig *sig, const char *email,
                    const char *ns, const void *msg, size_t len)
{
    const struct signer *other = NULL;
    char *fp;

    if (!sshsig_verify(sig, ns, msg, len))
        return xasprintf("the signature does not verify (not over this entry, or not in "
                         "namespace %s)",
                         ns);
    for (size_t i = 0; i < s->n; i++) {
        const struct signer *sg = &s->v[i];

        if (memcmp(sg->pub, sig->pub, ED25519_KEY_LEN))
            continue;
        if (sl_contains(&sg->principals, email)) {
            if (may_sign_in(sg, ns))
                return NULL;
            return xasprintf("%s:%u: the key of %s may not sign in namespace %s", SIGNERS_PATH,
                             sg->line, email, ns);
        }
        other = sg;
    }
    fp = ssh_key_fingerprint(sig->pub);
    if (other) {
        char *m = xasprintf("signed by the key of %s (%s:%u, %s), not by %s: wrongly attributed",
                            other->principals.v[0], SIGNERS_PATH, other->line, fp, email);

        free(fp);
        return m;
    }
    {
        char *m = xasprintf("signed by key %s, which %s does not list", fp, SIGNERS_PATH);

        free(fp);
        return m;
    }
}
