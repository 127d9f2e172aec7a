#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# headers-check: every public header must compile on its own as C89, C99 and
# C++ with -Wall -Wextra -Werror, for the aarch64 and x86_64 targets, and the
# ABI's layouts (tests/headers/layout.c) must hold on both. One TAP line per
# compile; the last line is "headers: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

flags="-Wall -Wextra -Werror -fsyntax-only"
# compiler label | command. clang is used for C++ on aarch64 (no cross g++).
compilers=(
    "gcc x86_64|gcc"
    "gcc aarch64|aarch64-linux-gnu-gcc"
)
cxx_compilers=(
    "g++ x86_64|g++"
    "clang++ aarch64|clang++ --target=aarch64-linux-gnu -ffreestanding"
)

n=0 pass=0 fail=0
report() { # status description [log]
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then
        pass=$((pass + 1)); echo "ok $n - $2"
    else
        fail=$((fail + 1)); echo "not ok $n - $2"; sed 's/^/#   /' <<<"$3"
    fi
}

for h in public/*.h; do
    for c in "${compilers[@]}"; do
        for std in c89 c99; do
            log=$(echo "#include \"$PWD/$h\"" | ${c#*|} -x c -std=$std $flags - 2>&1)
            report $? "$h $std ${c%%|*}" "$log"
        done
    done
    for c in "${cxx_compilers[@]}"; do
        for std in c++98 c++11; do
            log=$(echo "#include \"$PWD/$h\"" | ${c#*|} -x c++ -std=$std $flags - 2>&1)
            report $? "$h $std ${c%%|*}" "$log"
        done
    done
done
for c in "${compilers[@]}"; do
    log=$(${c#*|} -std=c11 $flags tests/headers/layout.c 2>&1)
    report $? "ABI layouts ${c%%|*}" "$log"
done
echo "headers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
