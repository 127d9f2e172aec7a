#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Turns an ABI dump into a C file of _Static_asserts: for every item of the
# given headers on one target, the size and alignment of each type, the
# offset of each member (not bit-fields) and the value of each constant. A
# compiler for that target then checks keel-release's libclang answers
# independently (gcc, aarch64-linux-gnu-gcc).
#   layout-check.py DUMP TRIPLE HEADER... > check.c   (prints the count on stderr)
# $INCLUDES: more headers to include first, without checks (where the
# structures a header only names are defined).
import json
import os
import sys

dump, triple, headers = sys.argv[1], sys.argv[2], sys.argv[3:]
doc = json.load(open(dump))
items = doc["targets"][triple]
lines = ["#include <stddef.h>", "#include <stdint.h>"]
lines += ['#include "%s"' % h for h in os.environ.get("INCLUDES", "").split() + headers]
n = 0


def check(expr, what):
    global n
    n += 1
    lines.append('_Static_assert(%s, "%s");' % (expr, what.replace('"', "'")))


def literal(it):
    v = int(it["value"])
    if it.get("unsigned"):
        return "%dULL" % v
    return "(%dLL)" % v if v < 0 else "%dLL" % v


for it in items:
    if it["file"] not in headers or it.get("derived"):
        continue
    kind, name = it["kind"], it["name"]
    if kind == "macro" and "string" in it:
        # A string macro: its length (escapes are kept as spelt, so only plain text).
        if "\\" not in it["string"]:
            check("sizeof(%s) == %d" % (name, len(it["string"].encode()) + 1), "sizeof %s" % name)
        continue
    if kind == "macro":
        check("(%s) == %s" % (name, literal(it)), "%s = %s" % (name, it["value"]))
        continue
    if kind == "enumerator":
        check("%s == %s" % (name, literal(it)), "%s = %s" % (name, it["value"]))
        continue
    ctype = {"struct": "struct ", "union": "union ", "enum": "enum "}.get(kind, "") + name
    if it["size"] >= 0:
        check("sizeof(%s) == %d" % (ctype, it["size"]), "sizeof %s" % ctype)
        check("_Alignof(%s) == %d" % (ctype, it["align"]), "alignof %s" % ctype)
    for m in it.get("members", []):
        if "bit_width" in m or not m["name"] or kind == "typedef":
            continue
        check("offsetof(%s, %s) == %d" % (ctype, m["name"], m["offset"]),
              "offsetof %s.%s" % (ctype, m["name"]))
print("\n".join(lines))
print("%d" % n, file=sys.stderr)
