/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * extract.c - reading an ABI with libclang.
 *
 * The header set is given to clang as in-memory files under a virtual root,
 * so a git revision needs no checkout. One translation unit per target
 * includes every root header and then, for each object-like macro the
 * headers define, a declaration "static const __typeof__((M)) v = (M);".
 * clang evaluates those, which resolves macros defined through other macros
 * exactly as a compiler for that target would; a macro that is not an
 * integer expression fails to compile and is simply not an integer constant.
 */
#include "extract.h"

#include "abi_conf.h"
#include "clang_api.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every libclang call goes through the table loaded on first use. */
#define CL clang_api()

/*
 * The set lives in memory at VROOT/NAME, NAME being its directory's own
 * name: headers installed as /usr/include/linux say <linux/types.h> for
 * each other, so VROOT is an include directory while the set's own top
 * level is not (its features.h must not hide the system's).
 */
#define VROOT "/keel-abi"
#define MAIN_NAME "__keel_abi_main__.c"
#define EVAL_PREFIX "__keel_eval_"

void extract_opts_default(struct extract_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->triples[0] = TRIPLE_AARCH64;
    o->triples[1] = TRIPLE_X86_64;
    o->ntriples = 2;
}

void extract_opts_targets(struct extract_opts *o, const char *which)
{
    o->ntriples = 0;
    if (!strcmp(which, "all")) {
        o->triples[o->ntriples++] = TRIPLE_AARCH64;
        o->triples[o->ntriples++] = TRIPLE_X86_64;
    } else if (!strcmp(which, "aarch64") || !strcmp(which, TRIPLE_AARCH64)) {
        o->triples[o->ntriples++] = TRIPLE_AARCH64;
    } else if (!strcmp(which, "x86_64") || !strcmp(which, TRIPLE_X86_64)) {
        o->triples[o->ntriples++] = TRIPLE_X86_64;
    } else {
        usage_error("--target %s: want aarch64, x86_64 or all", which);
    }
}

struct macro_def {
    char *name;
    size_t file;
    unsigned line;
    CXCursor cur; /* its definition, while the unit lives */
};

struct ctx {
    const struct header_set *hs;
    CXTranslationUnit tu;
    CXFile *files; /* per header of the set; NULL when not part of this parse */
    CXFile *alias_files; /* per alias spelling of a header (header_file.aliases) */
    size_t *alias_idx;   /* ... and the header it is */
    size_t nalias;
    CXFile main;
    int foreign; /* the set carries no @abi tag */
    const struct strlist *roots;
    const struct extract_opts *opts;
    long *line_root; /* main-file line -> the root its #include is for (preludes too), -1 */
    struct abi_target *target;
    struct strlist cands; /* macro names to evaluate, sorted */
    char *cand_bad;       /* 1: the evaluation line did not compile */
    /* Per header, where each line starts, made on first use: lines are looked up per item. */
    struct line_starts {
        size_t *at; /* at[l - 1]: line l's offset */
        unsigned n;
    } *lines;
    unsigned eval_line0;  /* main-file line of candidate 0 */
    struct macro_def *macros;
    size_t nmacros, macros_cap;
};

/* ---- candidates: object-like macros with a body ---- */

static void scan_macros(const struct header_file *f, struct strlist *out)
{
    const char *p = f->text, *end = f->text + f->len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *q = p, *name;

        if (!eol)
            eol = end;
        while (q < eol && isspace((unsigned char)*q))
            q++;
        if (q < eol && *q == '#') {
            q++;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            if (eol - q > 6 && !strncmp(q, "define", 6) && (q[6] == ' ' || q[6] == '\t')) {
                q += 7;
                while (q < eol && (*q == ' ' || *q == '\t'))
                    q++;
                name = q;
                while (q < eol && (isalnum((unsigned char)*q) || *q == '_'))
                    q++;
                /* "NAME(" is function-like; "NAME" alone has no value. */
                if (q > name && q < eol && *q != '(') {
                    const char *r = q;

                    while (r < eol && isspace((unsigned char)*r))
                        r++;
                    if (r < eol)
                        sl_push(out, xstrndup(name, (size_t)(q - name)));
                }
            }
        }
        p = eol + 1;
    }
}

static void dedupe(struct strlist *sl)
{
    size_t out = 0;

    sl_sort(sl);
    for (size_t i = 0; i < sl->n; i++) {
        if (out && !strcmp(sl->v[out - 1], sl->v[i])) {
            free(sl->v[i]);
            continue;
        }
        sl->v[out++] = sl->v[i];
    }
    sl->n = out;
}

/* ---- locations ---- */

static long file_index(struct ctx *c, CXFile f)
{
    if (!f)
        return -1;
    for (size_t i = 0; i < c->hs->n; i++)
        if (c->files[i] == f)
            return (long)i;
    for (size_t i = 0; i < c->nalias; i++)
        if (c->alias_files[i] == f)
            return (long)c->alias_idx[i];
    return -1;
}

static const struct line_starts *line_starts(struct ctx *c, long idx)
{
    struct line_starts *ls;
    const struct header_file *f = &c->hs->files[idx];

    if (!c->lines)
        c->lines = xcalloc(c->hs->n, sizeof(*c->lines));
    ls = &c->lines[idx];
    if (!ls->at) {
        size_t cap = 64;

        ls->at = xmalloc(cap * sizeof(*ls->at));
        ls->at[ls->n++] = 0;
        for (const char *p = f->text, *end = f->text + f->len;
             p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++) {
            if (ls->n == cap) {
                cap *= 2;
                ls->at = xrealloc(ls->at, cap * sizeof(*ls->at));
            }
            ls->at[ls->n++] = (size_t)(p + 1 - f->text);
        }
    }
    return ls;
}

static int line_has_word(struct ctx *c, long idx, unsigned line, const char *word)
{
    const struct header_file *f = &c->hs->files[idx];
    const struct line_starts *ls = line_starts(c, idx);
    const char *p, *end = f->text + f->len, *eol;
    size_t wl = strlen(word);

    if (!line) /* as line 1, as it always was */
        line = 1;
    if (line > ls->n)
        return 0;
    p = f->text + ls->at[line - 1];
    eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
        eol = end;
    for (const char *q = p; wl && q + wl <= eol; q++) {
        if (memcmp(q, word, wl))
            continue;
        if ((q == p || !(isalnum((unsigned char)q[-1]) || q[-1] == '_')) &&
            (q + wl == eol || !(isalnum((unsigned char)q[wl]) || q[wl] == '_')))
            return 1;
    }
    return 0;
}

/* Where a cursor's declaration starts, as the user sees it (after macro expansion). */
static long cursor_place(struct ctx *c, CXCursor cur, unsigned *line, int *derived)
{
    CXSourceLocation start = CL->clang_getRangeStart(CL->clang_getCursorExtent(cur));
    CXFile ef, sf;
    unsigned eline, sline;
    long idx;

    CL->clang_getExpansionLocation(start, &ef, &eline, NULL, NULL);
    idx = file_index(c, ef);
    if (idx < 0)
        return -1;
    *line = eline;
    if (derived) {
        /*
         * libclang 14 reports expansion places as spelling places, so an item
         * made by a macro (a guest handle type) is recognised by its name not
         * being written on the line that declares it.
         */
        CXString ns = CL->clang_getCursorSpelling(cur);

        CL->clang_getExpansionLocation(CL->clang_getCursorLocation(cur), &sf, &sline, NULL, NULL);
        *derived = sf != ef || !line_has_word(c, idx, sline, CL->clang_getCString(ns));
        CL->clang_disposeString(ns);
    }
    return idx;
}

static void set_place(struct ctx *c, struct abi_item *it, long idx, unsigned line)
{
    const struct header_file *f = &c->hs->files[idx];
    const struct abi_tags *t = tags_before(&f->tags, line);

    it->file = xstrdup(f->path);
    it->line = line;
    if (t)
        it->tags = *t;
}

/* ---- type spellings without paths ---- */

/*
 * clang spells anonymous records "union (unnamed union at /path:3:5)"; the
 * path would make the same header look different in a checkout and in a
 * git tree, so every such group becomes "<anonymous>".
 */
static char *clean_spelling(CXString s)
{
    const char *in = CL->clang_getCString(s);
    struct strbuf out;

    sb_init(&out);
    sb_add(&out, "", 0);
    while (in && *in) {
        if (*in == '(' && (starts_with(in, "(unnamed") || starts_with(in, "(anonymous"))) {
            int depth = 0;

            do {
                depth += (*in == '(') - (*in == ')');
                in++;
            } while (*in && depth);
            sb_puts(&out, "<anonymous>");
            continue;
        }
        sb_add(&out, in, 1);
        in++;
    }
    CL->clang_disposeString(s);
    return out.buf;
}

static char *type_spelling(CXType t)
{
    return clean_spelling(CL->clang_getTypeSpelling(t));
}

static int64_t layout_value(long long v)
{
    return v < 0 ? -1 : v;
}

static int record_is_anonymous(CXCursor decl)
{
    CXString s = CL->clang_getCursorSpelling(decl);
    const char *n = CL->clang_getCString(s);
    int anon = !n || !n[0] || strchr(n, '(') != NULL;

    CL->clang_disposeString(s);
    return anon;
}

static int is_record_kind(enum CXCursorKind k)
{
    return k == CXCursor_StructDecl || k == CXCursor_UnionDecl;
}

/* ---- members ---- */

struct field_walk {
    struct abi_item *item;
    const char *prefix;
    uint64_t base_bits;
};

static enum CXVisitorResult visit_field(CXCursor f, CXClientData data)
{
    struct field_walk *w = data;
    CXString ns = CL->clang_getCursorSpelling(f);
    const char *name = CL->clang_getCString(ns);
    CXType type = CL->clang_getCursorType(f);
    CXCursor decl = CL->clang_getTypeDeclaration(CL->clang_getCanonicalType(type));
    long long off = CL->clang_Cursor_getOffsetOfField(f);
    uint64_t bits = w->base_bits + (uint64_t)(off < 0 ? 0 : off);
    int named = name && name[0];
    char *full = xasprintf("%s%s", w->prefix, named ? name : "");

    if (is_record_kind(CL->clang_getCursorKind(decl)) && record_is_anonymous(decl)) {
        /*
         * Members of an anonymous record are flattened under a dotted path:
         * "u.x" through a named member u, "x" through an unnamed one (at
         * any depth: "exit.u.x", never "exit..x").
         */
        char *prefix = named ? xasprintf("%s.", full) : xstrdup(w->prefix);
        struct field_walk sub = {w->item, prefix, bits};

        if (named) {
            struct abi_member *m = abi_add_member(w->item, full);

            m->type = type_spelling(type);
            m->canonical = type_spelling(CL->clang_getCanonicalType(type));
            m->offset_bits = bits;
            m->size = (uint64_t)layout_value(CL->clang_Type_getSizeOf(type));
        }
        CL->clang_Type_visitFields(CL->clang_getCursorType(decl), visit_field, &sub);
        free(prefix);
    } else {
        struct abi_member *m = abi_add_member(w->item, full);

        m->type = type_spelling(type);
        m->canonical = type_spelling(CL->clang_getCanonicalType(type));
        m->offset_bits = bits;
        m->size = (uint64_t)layout_value(CL->clang_Type_getSizeOf(type));
        /* A flexible array member has no size. */
        if (CL->clang_Type_getSizeOf(type) < 0)
            m->size = 0;
        if (CL->clang_Cursor_isBitField(f))
            m->bit_width = CL->clang_getFieldDeclBitWidth(f);
    }
    free(full);
    CL->clang_disposeString(ns);
    return CXVisit_Continue;
}

static void add_members(struct abi_item *it, CXType record)
{
    struct field_walk w = {it, "", 0};

    CL->clang_Type_visitFields(record, visit_field, &w);
}

/* ---- declarations ---- */

static char *cursor_name(CXCursor cur)
{
    CXString s = CL->clang_getCursorSpelling(cur);
    char *n = xstrdup(CL->clang_getCString(s) ? CL->clang_getCString(s) : "");

    CL->clang_disposeString(s);
    return n;
}

static enum CXChildVisitResult visit_decl(CXCursor cur, CXCursor parent, CXClientData data);

static void add_record(struct ctx *c, CXCursor cur, long idx, unsigned line, int derived)
{
    char *name = cursor_name(cur);
    CXType type = CL->clang_getCursorType(cur);
    struct abi_item *it;

    /* Nested definitions are file-scope types in C: look for them too. */
    CL->clang_visitChildren(cur, visit_decl, c);
    if (!CL->clang_isCursorDefinition(cur) || record_is_anonymous(cur)) {
        free(name);
        return;
    }
    it = abi_add_item(c->target,
                      CL->clang_getCursorKind(cur) == CXCursor_UnionDecl ? ITEM_UNION : ITEM_STRUCT,
                      name);
    set_place(c, it, idx, line);
    it->derived = derived;
    it->size = layout_value(CL->clang_Type_getSizeOf(type));
    it->align = layout_value(CL->clang_Type_getAlignOf(type));
    add_members(it, type);
    free(name);
}

struct enum_walk {
    struct ctx *c;
    const char *parent;
    /* A copy: adding enumerators may move the enum's own item. */
    struct abi_tags tags;
    int is_unsigned;
};

static enum CXChildVisitResult visit_enumerator(CXCursor cur, CXCursor parent, CXClientData data)
{
    struct enum_walk *w = data;
    unsigned line;
    int derived;
    long idx;
    char *name;
    struct abi_item *it;

    if (CL->clang_getCursorKind(cur) != CXCursor_EnumConstantDecl)
        return CXChildVisit_Continue;
    idx = cursor_place(w->c, cur, &line, &derived);
    if (idx < 0)
        return CXChildVisit_Continue;
    name = cursor_name(cur);
    it = abi_add_item(w->c->target, ITEM_ENUMERATOR, name);
    set_place(w->c, it, idx, line);
    /* An enumerator without its own tag carries its enum's. */
    if (!it->tags.present && w->tags.present)
        it->tags = w->tags;
    it->derived = derived;
    it->is_unsigned = w->is_unsigned;
    it->value = w->is_unsigned ? (uint64_t)CL->clang_getEnumConstantDeclUnsignedValue(cur)
                               : (uint64_t)CL->clang_getEnumConstantDeclValue(cur);
    if (w->parent)
        it->parent = xstrdup(w->parent);
    free(name);
    return CXChildVisit_Continue;
}

static int type_is_unsigned(CXType t)
{
    switch (CL->clang_getCanonicalType(t).kind) {
    case CXType_Bool:
    case CXType_Char_U:
    case CXType_UChar:
    case CXType_UShort:
    case CXType_UInt:
    case CXType_ULong:
    case CXType_ULongLong:
    case CXType_UInt128:
        return 1;
    default:
        return 0;
    }
}

static void add_enum(struct ctx *c, CXCursor cur, long idx, unsigned line, int derived)
{
    char *name = cursor_name(cur);
    struct enum_walk w = {.c = c, .is_unsigned = type_is_unsigned(CL->clang_getEnumDeclIntegerType(cur))};
    const struct abi_tags *t;
    struct abi_item *it = NULL;

    if (!CL->clang_isCursorDefinition(cur)) {
        free(name);
        return;
    }
    if (!record_is_anonymous(cur)) {
        CXType type = CL->clang_getCursorType(cur);

        it = abi_add_item(c->target, ITEM_ENUM, name);
        set_place(c, it, idx, line);
        it->derived = derived;
        it->size = layout_value(CL->clang_Type_getSizeOf(type));
        it->align = layout_value(CL->clang_Type_getAlignOf(type));
        it->canonical = type_spelling(CL->clang_getEnumDeclIntegerType(cur));
        w.parent = it->name;
        w.tags = it->tags;
    } else if ((t = tags_before(&c->hs->files[idx].tags, line))) {
        w.tags = *t;
    }
    CL->clang_visitChildren(cur, visit_enumerator, &w);
    free(name);
}

static void add_typedef(struct ctx *c, CXCursor cur, long idx, unsigned line, int derived)
{
    char *name = cursor_name(cur);
    CXType under = CL->clang_getTypedefDeclUnderlyingType(cur);
    CXType type = CL->clang_getCursorType(cur);
    CXCursor decl = CL->clang_getTypeDeclaration(CL->clang_getCanonicalType(under));
    struct abi_item *it = abi_add_item(c->target, ITEM_TYPEDEF, name);

    set_place(c, it, idx, line);
    it->derived = derived;
    it->type = type_spelling(under);
    it->canonical = type_spelling(CL->clang_getCanonicalType(under));
    it->size = layout_value(CL->clang_Type_getSizeOf(type));
    it->align = layout_value(CL->clang_Type_getAlignOf(type));
    /* A typedef of an anonymous record is the only name its layout has. */
    if (is_record_kind(CL->clang_getCursorKind(decl)) && record_is_anonymous(decl))
        add_members(it, CL->clang_getCursorType(decl));
    free(name);
}

static void note_macro(struct ctx *c, CXCursor cur, long idx, unsigned line)
{
    struct macro_def *m;

    if (CL->clang_Cursor_isMacroFunctionLike(cur))
        return;
    if (c->nmacros == c->macros_cap) {
        c->macros_cap = c->macros_cap ? c->macros_cap * 2 : 256;
        c->macros = xrealloc(c->macros, c->macros_cap * sizeof(*c->macros));
    }
    m = &c->macros[c->nmacros++];
    m->name = cursor_name(cur);
    m->file = (size_t)idx;
    m->line = line;
    m->cur = cur;
}

static const struct macro_def *find_macro(const struct ctx *c, const char *name)
{
    /* The last definition seen is the one in force at the end of the unit. */
    for (size_t i = c->nmacros; i-- > 0;)
        if (!strcmp(c->macros[i].name, name))
            return &c->macros[i];
    return NULL;
}

static int type_is_integer(CXType t)
{
    enum CXTypeKind k = CL->clang_getCanonicalType(t).kind;

    return (k >= CXType_Bool && k <= CXType_Int128) || k == CXType_Enum;
}

static int type_is_char_array(CXType t)
{
    CXType ct = CL->clang_getCanonicalType(t);
    enum CXTypeKind e;

    if (ct.kind != CXType_ConstantArray)
        return 0;
    e = CL->clang_getCanonicalType(CL->clang_getArrayElementType(ct)).kind;
    return e == CXType_Char_S || e == CXType_Char_U || e == CXType_SChar || e == CXType_UChar;
}

/*
 * The text of a string macro, from the tokens of the definition in force:
 * plain string literals, concatenated, and names of other such macros
 * ("4." XEN_MINOR_STR). libclang does not evaluate string literals; clang
 * has already said the macro is a char array. NULL for anything else
 * (wide or prefixed literals, a function-like macro in the body).
 */
static int macro_string(struct ctx *c, const char *name, int depth, struct strbuf *out)
{
    const struct macro_def *def = find_macro(c, name);
    CXToken *toks;
    unsigned n;
    int ok = 1;

    if (!def || depth > 16)
        return 0;
    CL->clang_tokenize(c->tu, CL->clang_getCursorExtent(def->cur), &toks, &n);
    /* The first token is the macro's own name. */
    for (unsigned i = 1; i < n && ok; i++) {
        CXString sp = CL->clang_getTokenSpelling(c->tu, toks[i]);
        const char *s = CL->clang_getCString(sp);
        size_t len = strlen(s);

        switch (CL->clang_getTokenKind(toks[i])) {
        case CXToken_Punctuation:
            ok = !strcmp(s, "(") || !strcmp(s, ")");
            break;
        case CXToken_Literal:
            ok = len >= 2 && s[0] == '"' && s[len - 1] == '"';
            if (ok)
                sb_add(out, s + 1, len - 2);
            break;
        case CXToken_Identifier:
            ok = macro_string(c, s, depth + 1, out);
            break;
        default:
            ok = 0;
        }
        CL->clang_disposeString(sp);
    }
    CL->clang_disposeTokens(c->tu, toks, n);
    return ok;
}

static void eval_string(struct ctx *c, const struct macro_def *def)
{
    struct strbuf sb;
    struct abi_item *it;

    sb_init(&sb);
    sb_add(&sb, "", 0);
    if (!macro_string(c, def->name, 0, &sb)) {
        sb_free(&sb);
        return;
    }
    it = abi_add_item(c->target, ITEM_MACRO, def->name);
    set_place(c, it, (long)def->file, def->line);
    it->string = sb.buf;
}

static void eval_macro(struct ctx *c, CXCursor cur)
{
    char *name = cursor_name(cur);
    unsigned line;
    long n;
    const struct macro_def *def;
    CXEvalResult r;
    struct abi_item *it;

    CL->clang_getExpansionLocation(CL->clang_getCursorLocation(cur), NULL, &line, NULL, NULL);
    n = strtol(name + strlen(EVAL_PREFIX), NULL, 10);
    free(name);
    if (n < 0 || (size_t)n >= c->cands.n || c->cand_bad[n])
        return;
    def = find_macro(c, c->cands.v[n]);
    if (!def)
        return;
    if (type_is_char_array(CL->clang_getCursorType(cur))) {
        eval_string(c, def);
        return;
    }
    if (!type_is_integer(CL->clang_getCursorType(cur)))
        return;
    r = CL->clang_Cursor_Evaluate(cur);
    if (!r)
        return;
    if (CL->clang_EvalResult_getKind(r) == CXEval_Int) {
        it = abi_add_item(c->target, ITEM_MACRO, def->name);
        set_place(c, it, (long)def->file, def->line);
        it->is_unsigned = CL->clang_EvalResult_isUnsignedInt(r);
        it->value = it->is_unsigned ? (uint64_t)CL->clang_EvalResult_getAsUnsigned(r)
                                    : (uint64_t)CL->clang_EvalResult_getAsLongLong(r);
    }
    CL->clang_EvalResult_dispose(r);
}

static enum CXChildVisitResult visit_decl(CXCursor cur, CXCursor parent, CXClientData data)
{
    struct ctx *c = data;
    enum CXCursorKind kind = CL->clang_getCursorKind(cur);
    unsigned line;
    int derived = 0;
    long idx;

    if (kind == CXCursor_VarDecl) {
        CXFile f;

        CL->clang_getExpansionLocation(CL->clang_getCursorLocation(cur), &f, NULL, NULL, NULL);
        if (f && f == c->main) {
            char *name = cursor_name(cur);

            if (starts_with(name, EVAL_PREFIX))
                eval_macro(c, cur);
            free(name);
        }
        return CXChildVisit_Continue;
    }
    if (kind != CXCursor_MacroDefinition && kind != CXCursor_StructDecl &&
        kind != CXCursor_UnionDecl && kind != CXCursor_EnumDecl &&
        kind != CXCursor_TypedefDecl)
        return CXChildVisit_Continue;
    idx = cursor_place(c, cur, &line, &derived);
    if (idx < 0)
        return CXChildVisit_Continue;
    switch (kind) {
    case CXCursor_MacroDefinition:
        note_macro(c, cur, idx, line);
        break;
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
        add_record(c, cur, idx, line, derived);
        break;
    case CXCursor_EnumDecl:
        add_enum(c, cur, idx, line, derived);
        break;
    case CXCursor_TypedefDecl:
        add_typedef(c, cur, idx, line, derived);
        break;
    default:
        break;
    }
    return CXChildVisit_Continue;
}

/* ---- one translation unit per target ---- */

static char *main_text(struct ctx *c, const struct strlist *roots)
{
    struct strbuf sb;
    unsigned line;

    sb_init(&sb);
    sb_add(&sb, "", 0);
    /*
     * Foreign public headers (Xen's, for one) expect the includer to have
     * the fixed-width types already; ours must include what they use.
     */
    if (c->foreign)
        sb_puts(&sb, "#include <stddef.h>\n#include <stdint.h>\n");
    line = 1 + (c->foreign ? 2 : 0);
    c->roots = roots;
    c->line_root = xcalloc(line + 1, sizeof(*c->line_root));
    for (unsigned l = 0; l < line; l++)
        c->line_root[l] = -1;
    for (size_t i = 0; i < roots->n; i++) {
        struct strlist pre = {0};

        /* A header that expects its includer to have included another one first. */
        abi_conf_preludes(c->opts, roots->v[i], &pre);
        sl_push(&pre, xstrdup(roots->v[i]));
        c->line_root = xrealloc(c->line_root, (line + pre.n + 1) * sizeof(*c->line_root));
        for (size_t k = 0; k < pre.n; k++, line++) {
            /* "<linux/ioctl.h>": a system header the includer is expected to provide. */
            if (pre.v[k][0] == '<')
                sb_printf(&sb, "#include %s\n", pre.v[k]);
            else
                sb_printf(&sb, "#include \"%s\"\n", pre.v[k]);
            c->line_root[line] = (long)i;
        }
        sl_free(&pre);
    }
    c->eval_line0 = line;
    for (size_t i = 0; i < c->cands.n; i++)
        sb_printf(&sb, "static const __typeof__((%s)) " EVAL_PREFIX "%zu = (%s);\n",
                  c->cands.v[i], i, c->cands.v[i]);
    return sb.buf;
}

/* VROOT/NAME for the set: NAME its directory's last component. */
static char *set_top(const struct header_set *hs)
{
    const char *r = hs->display_root, *slash = strrchr(r, '/');
    const char *name = slash ? slash + 1 : r;

    if (!name[0] || !strcmp(name, ".") || !strcmp(name, ".."))
        name = "root";
    return xasprintf("%s/%s", VROOT, name);
}

static int set_has_tags(const struct header_set *hs)
{
    for (size_t i = 0; i < hs->n; i++)
        if (hs->files[i].tags.n)
            return 1;
    return 0;
}

struct unit_error {
    char *at;     /* "dir/file.h:13" */
    char *reason; /* clang's message */
    int want_blame;
    /* The roots whose #include led to an error; empty when that is unclear. */
    struct strlist blamed;
};

/* Every file of the unit, by the main-file line whose #include first brought it in. */
struct inclusions {
    CXFile *files;
    unsigned *lines;
    size_t n, cap;
};

static void visit_inclusion(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data)
{
    struct inclusions *in = data;
    unsigned line;

    if (!len)
        return; /* the main file itself */
    for (size_t i = 0; i < in->n; i++)
        if (in->files[i] == f)
            return;
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 64;
        in->files = xrealloc(in->files, in->cap * sizeof(*in->files));
        in->lines = xrealloc(in->lines, in->cap * sizeof(*in->lines));
    }
    /* The stack runs from the direct #include out to the main file's. */
    CL->clang_getExpansionLocation(stack[len - 1], NULL, &line, NULL, NULL);
    in->files[in->n] = f;
    in->lines[in->n++] = line;
}

/*
 * Which roots the errors come from. A header's error is its including
 * root's; a second definition clashing with another root's is the later
 * root's (it may parse alone). Any error that cannot be placed leaves the
 * list empty.
 */
static void blame_roots(struct ctx *c, struct unit_error *err)
{
    struct inclusions in = {0};
    unsigned n = CL->clang_getNumDiagnostics(c->tu);
    int unclear = 0;

    CL->clang_getInclusions(c->tu, visit_inclusion, &in);
    for (unsigned i = 0; i < n && !unclear; i++) {
        CXDiagnostic d = CL->clang_getDiagnostic(c->tu, i);
        CXFile f;
        unsigned line, mline = 0;
        int found = 0;

        if (CL->clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            CL->clang_getExpansionLocation(CL->clang_getDiagnosticLocation(d), &f, &line, NULL, NULL);
            if (f && f == c->main) {
                mline = line;
                found = 1;
            }
            for (size_t k = 0; !found && k < in.n; k++)
                if (in.files[k] == f) {
                    mline = in.lines[k];
                    found = 1;
                }
            if (found && mline >= c->eval_line0 && mline - c->eval_line0 < c->cands.n) {
                /* an evaluation line: not a header's fault */
            } else if (found && mline < c->eval_line0 && c->line_root[mline] >= 0) {
                const char *r = c->roots->v[c->line_root[mline]];

                if (!sl_contains(&err->blamed, r))
                    sl_push(&err->blamed, xstrdup(r));
            } else {
                unclear = 1;
            }
        }
        CL->clang_disposeDiagnostic(d);
    }
    if (unclear)
        sl_free(&err->blamed);
    free(in.files);
    free(in.lines);
}

struct include_site {
    struct ctx *c;
    CXFile target;
    char *site; /* "public/foo.h:3": the set's #include that led to target */
};

static void find_include_site(CXFile f, CXSourceLocation *stack, unsigned len, CXClientData data)
{
    struct include_site *s = data;

    if (f != s->target || s->site)
        return;
    /* The stack runs from the direct #include out to the main file's. */
    for (unsigned i = 0; i < len; i++) {
        CXFile inc;
        unsigned line;
        long idx;

        CL->clang_getExpansionLocation(stack[i], &inc, &line, NULL, NULL);
        idx = file_index(s->c, inc);
        if (idx >= 0) {
            char *where = headers_display(s->c->hs, s->c->hs->files[idx].path);

            s->site = xasprintf("%s:%u", where, line);
            free(where);
            return;
        }
    }
}

/*
 * The first error in the headers, if any; errors on evaluation lines only
 * disqualify a macro. An error in a file outside the set (a system header,
 * where an unclosed struct of the set's shows up) names the set's header
 * and line that included it.
 */
static int check_diagnostics(struct ctx *c, struct unit_error *err)
{
    unsigned n = CL->clang_getNumDiagnostics(c->tu);

    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = CL->clang_getDiagnostic(c->tu, i);
        enum CXDiagnosticSeverity sev = CL->clang_getDiagnosticSeverity(d);
        CXFile f;
        unsigned line;
        long idx;
        CXString msg;
        char *where;

        if (sev < CXDiagnostic_Error) {
            CL->clang_disposeDiagnostic(d);
            continue;
        }
        CL->clang_getExpansionLocation(CL->clang_getDiagnosticLocation(d), &f, &line, NULL, NULL);
        if (f && f == c->main && line >= c->eval_line0 &&
            line - c->eval_line0 < c->cands.n && sev != CXDiagnostic_Fatal) {
            c->cand_bad[line - c->eval_line0] = 1;
            CL->clang_disposeDiagnostic(d);
            continue;
        }
        msg = CL->clang_getDiagnosticSpelling(d);
        idx = file_index(c, f);
        if (idx >= 0) {
            where = headers_display(c->hs, c->hs->files[idx].path);
        } else if (f) {
            CXString fn = CL->clang_getFileName(f);

            where = xstrdup(CL->clang_getCString(fn));
            CL->clang_disposeString(fn);
        } else {
            where = xstrdup(c->hs->display_root);
        }
        err->at = xasprintf("%s:%u", where, line);
        err->reason = xstrdup(CL->clang_getCString(msg));
        if (idx < 0 && f && f != c->main) {
            struct include_site s = {.c = c, .target = f};

            CL->clang_getInclusions(c->tu, find_include_site, &s);
            if (s.site) {
                char *r = xasprintf("%s (included from %s)", err->reason, s.site);

                free(err->reason);
                err->reason = r;
                free(s.site);
            }
        }
        free(where);
        CL->clang_disposeString(msg);
        CL->clang_disposeDiagnostic(d);
        return 1;
    }
    return 0;
}

/*
 * One index for every unit: each unit is parsed and disposed of on its own,
 * and check parses hundreds of them.
 */
static CXIndex shared_index(void)
{
    static CXIndex index;

    if (!index)
        index = CL->clang_createIndex(0, 0);
    return index;
}

/*
 * One translation unit of roots for triple. Adds their items to target and
 * returns 0, or returns 1 with err set and adds nothing when clang rejects
 * the headers.
 */
static int extract_unit(const struct header_set *hs, const struct extract_opts *o,
                        const char *triple, const struct strlist *roots,
                        const struct strlist *closure, struct abi_target *target,
                        struct unit_error *err)
{
    struct ctx c = {.hs = hs, .opts = o, .target = target, .foreign = !set_has_tags(hs)};
    struct CXUnsavedFile *uf;
    size_t nuf = hs->n + 1;
    struct strlist args = {0};
    char *top = set_top(hs);
    char *main_path = xasprintf("%s/%s", top, MAIN_NAME), *text;
    CXIndex index;
    enum CXErrorCode code;
    int bad;

    for (size_t i = 0; i < hs->n; i++)
        if (!closure || sl_contains(closure, hs->files[i].path))
            scan_macros(&hs->files[i], &c.cands);
    dedupe(&c.cands);
    c.cand_bad = xcalloc(c.cands.n + 1, 1);
    text = main_text(&c, roots);
    for (size_t i = 0; i < hs->n; i++)
        c.nalias += hs->files[i].aliases.n;
    nuf += c.nalias;
    uf = xcalloc(nuf, sizeof(*uf));
    c.alias_idx = xcalloc(c.nalias + 1, sizeof(*c.alias_idx));
    c.alias_files = xcalloc(c.nalias + 1, sizeof(*c.alias_files));
    for (size_t i = 0, a = hs->n + 1; i < hs->n; i++) {
        uf[i].Filename = xasprintf("%s/%s", top, hs->files[i].path);
        uf[i].Contents = hs->files[i].text;
        uf[i].Length = hs->files[i].len;
        for (size_t k = 0; k < hs->files[i].aliases.n; k++, a++) {
            uf[a].Filename = xasprintf("%s/%s", top, hs->files[i].aliases.v[k]);
            uf[a].Contents = hs->files[i].text;
            uf[a].Length = hs->files[i].len;
            c.alias_idx[a - hs->n - 1] = i;
        }
    }
    uf[hs->n].Filename = main_path;
    uf[hs->n].Contents = text;
    uf[hs->n].Length = strlen(text);

    sl_push(&args, xstrdup("-xc"));
    sl_push(&args, xstrdup("-std=gnu11"));
    sl_push(&args, xstrdup("-ffreestanding"));
    sl_push(&args, xasprintf("--target=%s", triple));
    sl_push(&args, xstrdup("-ferror-limit=0"));
    sl_push(&args, xstrdup("-Wno-everything"));
    /* Quoted includes only: <features.h> must stay the system's, not a header of the set. */
    sl_push(&args, xstrdup("-iquote"));
    sl_push(&args, xstrdup(top));
    sl_push(&args, xstrdup("-I" VROOT));
    for (size_t i = 0; i < o->include_dirs.n; i++)
        sl_push(&args, xasprintf("-I%s", o->include_dirs.v[i]));
    for (size_t i = 0; i < o->defines.n; i++)
        sl_push(&args, xasprintf("-D%s", o->defines.v[i]));

    index = shared_index();
    code = CL->clang_parseTranslationUnit2(index, main_path, (const char *const *)args.v,
                                       (int)args.n, uf, (unsigned)nuf,
                                       CXTranslationUnit_DetailedPreprocessingRecord |
                                           CXTranslationUnit_SkipFunctionBodies,
                                       &c.tu);
    if (code != CXError_Success)
        fatal("%s: libclang could not parse the headers for %s (error %d)", hs->display_root,
              triple, (int)code);
    c.main = CL->clang_getFile(c.tu, main_path);
    c.files = xcalloc(hs->n, sizeof(*c.files));
    for (size_t i = 0; i < hs->n; i++)
        c.files[i] = CL->clang_getFile(c.tu, uf[i].Filename);
    for (size_t a = 0; a < c.nalias; a++)
        c.alias_files[a] = CL->clang_getFile(c.tu, uf[hs->n + 1 + a].Filename);
    bad = check_diagnostics(&c, err);
    if (bad && err->want_blame)
        blame_roots(&c, err);
    if (!bad)
        CL->clang_visitChildren(CL->clang_getTranslationUnitCursor(c.tu), visit_decl, &c);

    CL->clang_disposeTranslationUnit(c.tu);
    for (size_t i = 0; i < c.nmacros; i++)
        free(c.macros[i].name);
    free(c.macros);
    free(c.files);
    free(c.cand_bad);
    for (size_t i = 0; c.lines && i < hs->n; i++)
        free(c.lines[i].at);
    free(c.lines);
    free(c.line_root);
    sl_free(&c.cands);
    sl_free(&args);
    for (size_t i = 0; i < nuf; i++)
        if (i != hs->n)
            free((char *)uf[i].Filename);
    free(uf);
    free(c.alias_files);
    free(c.alias_idx);
    free(main_path);
    free(top);
    free(text);
    return bad;
}

static void add_unique(struct strlist *sl, const char *s)
{
    if (!sl_contains(sl, s))
        sl_push(sl, xstrdup(s));
}

/* check parses many revisions: say each skip once. Takes the message. */
static void warn_once(char *msg)
{
    static struct strlist said;

    if (sl_contains(&said, msg)) {
        free(msg);
        return;
    }
    warn("%s", msg);
    sl_push(&said, msg);
}

/* A header skipped in its own right (another entry than k) is listed there. */
static int skipped_root(const struct abi_target *t, const char *path, size_t k)
{
    for (size_t i = 0; i < t->nskipped; i++)
        if (i != k && !strcmp(t->skipped[i].file, path))
            return 1;
    return 0;
}

/* Parses one root alone; 0 and its items, or a skip entry and a warning. */
static int extract_root(const struct header_set *hs, const struct extract_opts *o,
                        const char *triple, const char *root, const struct strlist *closure,
                        struct abi_target *target, struct strlist *reach)
{
    struct strlist one = {0}, all = {0};
    struct unit_error e = {0};
    int bad;

    sl_push(&one, xstrdup(root));
    headers_closure(hs, root, &all);
    for (size_t i = 0; i < all.n; i++)
        if (!closure || sl_contains(closure, all.v[i]))
            sl_push(reach, xstrdup(all.v[i]));
    bad = extract_unit(hs, o, triple, &one, reach, target, &e);
    if (bad) {
        abi_add_skip(target, root, e.at, e.reason);
        warn_once(xasprintf("%s: clang (%s): %s: skipped %s", e.at, triple, e.reason, root));
    }
    free(e.at);
    free(e.reason);
    sl_free(&one);
    sl_free(&all);
    return bad;
}

/*
 * Foreign headers: roots that do not parse with the others are parsed on
 * their own. The ones that parse give their items; the others are skipped
 * with clang's reason. A header only a skipped root reaches (memory.h behind
 * sysctl.h, which wants __XEN_TOOLS__) is then tried as a root itself, so
 * only what really does not parse is lost. reached: the files the roots
 * already parsed cover.
 */
static void extract_each_root(const struct header_set *hs, const struct extract_opts *o,
                              const char *triple, const struct strlist *roots,
                              const struct strlist *closure, struct abi_target *target,
                              struct strlist *reached)
{
    struct strlist tried = {0}, queue = {0};

    for (size_t r = 0; r < roots->n; r++)
        sl_push(&queue, xstrdup(roots->v[r]));
    while (queue.n) {
        struct strlist next = {0}, lost = {0};

        for (size_t r = 0; r < queue.n; r++) {
            struct strlist reach = {0};

            sl_push(&tried, xstrdup(queue.v[r]));
            if (!extract_root(hs, o, triple, queue.v[r], closure, target, &reach))
                for (size_t i = 0; i < reach.n; i++)
                    add_unique(reached, reach.v[i]);
            sl_free(&reach);
        }
        /* Not reached by anything that parsed, not tried yet. */
        for (size_t i = 0; i < hs->n; i++) {
            const char *p = hs->files[i].path;

            if ((!closure || sl_contains(closure, p)) && !sl_contains(reached, p) &&
                !sl_contains(&tried, p) && abi_conf_wants(o, triple, p))
                sl_push(&lost, xstrdup(p));
        }
        /* Of those, the ones no other lost file includes are the next roots. */
        for (size_t i = 0; i < lost.n; i++) {
            int inner = 0;

            for (size_t k = 0; k < lost.n && !inner; k++)
                inner = k != i && sl_contains(&headers_find(hs, lost.v[k])->includes, lost.v[i]);
            if (!inner)
                sl_push(&next, xstrdup(lost.v[i]));
        }
        if (!next.n && lost.n) /* an include cycle: take them all */
            for (size_t i = 0; i < lost.n; i++)
                sl_push(&next, xstrdup(lost.v[i]));
        sl_free(&lost);
        sl_free(&queue);
        queue = next;
    }
    /* What each skipped root leaves out: the files of it nothing parsed reaches. */
    for (size_t k = 0; k < target->nskipped; k++) {
        struct strlist all = {0};

        headers_closure(hs, target->skipped[k].file, &all);
        for (size_t i = 0; i < all.n; i++)
            if ((!closure || sl_contains(closure, all.v[i])) &&
                !sl_contains(reached, all.v[i]) && !skipped_root(target, all.v[i], k))
                add_unique(&target->skipped[k].lost, all.v[i]);
        sl_free(&all);
    }
    sl_free(&queue);
    sl_free(&tried);
}

static void remove_str(struct strlist *sl, const char *s)
{
    for (size_t i = 0; i < sl->n; i++) {
        if (!strcmp(sl->v[i], s)) {
            free(sl->v[i]);
            memmove(&sl->v[i], &sl->v[i + 1], (sl->n - i - 1) * sizeof(*sl->v));
            sl->n--;
            return;
        }
    }
}

static void extract_target(const struct header_set *hs, const struct extract_opts *o,
                           const char *triple, const struct strlist *all_roots,
                           const struct strlist *closure, struct abi_target *target)
{
    struct unit_error e = {0};
    struct strlist pending = {0}, alone = {0}, reached = {0}, mine = {0};
    const struct strlist *roots = &mine;
    int whole;

    /* The headers of the target's set (release/abi.conf): another arch's are not compiled. */
    for (size_t i = 0; i < all_roots->n; i++)
        if (abi_conf_wants(o, triple, all_roots->v[i]))
            sl_push(&mine, xstrdup(all_roots->v[i]));
    /* One unit for the whole set first: the common case, and the fastest. */
    e.want_blame = 1;
    if (!mine.n || !extract_unit(hs, o, triple, roots, closure, target, &e)) {
        sl_free(&mine);
        return;
    }
    /* Our own headers must all parse: a header clang rejects is bad input. */
    if (!o->keep_going && set_has_tags(hs))
        fatal("%s: clang (%s): %s", e.at, triple, e.reason);
    /*
     * Take the roots the errors come from out of the unit until the rest
     * parses together; those are then tried one by one. When an error cannot
     * be placed, every root is tried on its own (slower, same answer).
     */
    for (size_t i = 0; i < roots->n; i++)
        sl_push(&pending, xstrdup(roots->v[i]));
    for (;;) {
        if (!e.blamed.n) {
            for (size_t i = 0; i < pending.n; i++)
                sl_push(&alone, xstrdup(pending.v[i]));
            sl_free(&pending);
        }
        for (size_t i = 0; i < e.blamed.n; i++) {
            remove_str(&pending, e.blamed.v[i]);
            sl_push(&alone, xstrdup(e.blamed.v[i]));
        }
        free(e.at);
        free(e.reason);
        sl_free(&e.blamed);
        memset(&e, 0, sizeof(e));
        e.want_blame = 1;
        if (!pending.n)
            break;
        whole = !extract_unit(hs, o, triple, &pending, closure, target, &e);
        if (whole)
            break;
    }
    for (size_t r = 0; r < pending.n; r++) {
        struct strlist all = {0};

        headers_closure(hs, pending.v[r], &all);
        for (size_t i = 0; i < all.n; i++)
            if (!closure || sl_contains(closure, all.v[i]))
                add_unique(&reached, all.v[i]);
        sl_free(&all);
    }
    extract_each_root(hs, o, triple, &alone, closure, target, &reached);
    free(e.at);
    free(e.reason);
    sl_free(&e.blamed);
    sl_free(&pending);
    sl_free(&alone);
    sl_free(&reached);
    sl_free(&mine);
}

struct abi *extract_abi(const struct header_set *hs, const struct extract_opts *o,
                        const struct strlist *roots, const struct strlist *closure)
{
    struct abi *abi = abi_new(hs->display_root);
    struct strlist all = {0};

    if (!roots) {
        headers_roots(hs, NULL, &all, NULL);
        roots = &all;
    }
    if (hs->commit)
        abi->commit = xstrdup(hs->commit);
    for (size_t i = 0; i < hs->n; i++)
        abi_add_file(abi, hs->files[i].path, hs->files[i].hash);
    for (size_t t = 0; t < o->ntriples; t++)
        extract_target(hs, o, o->triples[t], roots, closure,
                       abi_add_target(abi, o->triples[t]));
    abi_finish(abi);
    sl_free(&all);
    return abi;
}
