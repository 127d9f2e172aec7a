#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Generates the governance benchmarks' histories (bench-history.sh), with
# records whose entries are really signed (by bench-sign, with the people's
# ssh-keygen keys) and chained exactly as keel-release review writes them.
#
#   bench-history.py history REPO SIGNER KEYDIR COMMITS CHANGES
#       appends COMMITS commits to REPO's main branch with git fast-import:
#       CHANGES governed changes (a public/ change, one in 40 a MAINTAINERS
#       change instead), each followed by a commit of its 3-entry record
#       (nack, withdraw, ack); the rest touch tools/ only. Then one more
#       public change without a record (the "big" change), whose Change-Id
#       is printed.
#   bench-history.py record REPO SIGNER KEYDIR CHANGE-ID ENTRIES
#       writes governance/changes/CHANGE-ID in the work tree: ENTRIES
#       nack/withdraw rounds by Carol, every one signed.
import hashlib
import os
import random
import subprocess
import sys
import textwrap

ALICE = "Alice <alice@example.org>"
BOB = "Bob <bob@example.org>"
CAROL = "Carol <carol@example.org>"
HEIDI = "Heidi Author <heidi@example.org>"
PEOPLE = [ALICE, BOB, CAROL]
NS = "keel-governance"
DATE = "2026-12-01T00:00:00Z"


def email(ident):
    return ident[ident.index("<") + 1:ident.index(">")].lower()


class Signer:
    """bench-sign, one key per person, requests answered in order."""

    def __init__(self, exe, keydir):
        keys = [os.path.join(keydir, email(p)) for p in PEOPLE]
        self.index = {p: i for i, p in enumerate(PEOPLE)}
        self.proc = subprocess.Popen([exe] + keys, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def sign_many(self, requests):
        """requests: (ident, message bytes); answers: armors, in order."""
        out = []
        batch = 64  # both ways under a pipe's 64 KiB: no deadlock
        for i in range(0, len(requests), batch):
            chunk = requests[i:i + batch]
            for ident, msg in chunk:
                self.proc.stdin.write("%d %s %s\n" % (self.index[ident], NS, msg.hex()))
            self.proc.stdin.flush()
            for _ in chunk:
                b64 = self.proc.stdout.readline().strip()
                out.append("\n".join(["-----BEGIN SSH SIGNATURE-----"] + textwrap.wrap(b64, 70) +
                                     ["-----END SSH SIGNATURE-----"]))
        return out


def make_record(signer, cid, entries):
    """entries: (verdict, ident, role, reason or None); the record's text."""
    prev = hashlib.sha256(("keel-governance " + cid).encode()).hexdigest()
    texts, chains, requests = [], [], []
    for n, (verdict, by, role, reason) in enumerate(entries, 1):
        text = "Entry: %d\nVerdict: %s\nBy: %s\nRole: %s\nDate: %s\n" % (n, verdict, by, role, DATE)
        if reason:
            text += "Reason: %s\n" % reason
        prev = hashlib.sha256((prev + "\n" + text).encode()).hexdigest()
        texts.append(text)
        chains.append(prev)
        signed = "keel-governance entry\nChange-Id: %s\nEntry: %d\nChain: %s\n" % (cid, n, prev)
        requests.append((by, signed.encode()))
    sigs = signer.sign_many(requests)
    out = []
    for text, chain, sig in zip(texts, chains, sigs):
        out.append(text + "Chain: " + chain + "\nSignature: " + sig.replace("\n", "\n ") + "\n")
    return "\n".join(out)


def change_id(rng):
    return "I%040x" % rng.getrandbits(160)


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args), check=True, capture_output=True,
                          text=True).stdout


class Stream:
    def __init__(self):
        self.parts = []
        self.when = 1764547200

    def blob(self, path, text):
        data = text.encode()
        self.parts.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))

    def commit(self, author, msg, files, parent=None):
        self.when += 60
        data = msg.encode()
        head = b"commit refs/heads/main\n"
        for who in (b"author", b"committer"):
            head += b"%s %s %d +0000\n" % (who, author.encode(), self.when)
        head += b"data %d\n%s\n" % (len(data), data)
        if parent:
            head += b"from %s\n" % parent.encode()
        self.parts.append(head)
        for path, text in files:
            self.blob(path, text)
        self.parts.append(b"\n")


def history(repo, exe, keydir, ncommits, nchanges):
    rng = random.Random(19)
    signer = Signer(exe, keydir)
    version = git(repo, "show", "HEAD:public/version.h")
    maint = git(repo, "show", "HEAD:MAINTAINERS")
    s = Stream()
    parent = git(repo, "rev-parse", "HEAD").strip()
    every = ncommits // nchanges
    changes, records = 0, []
    for k in range(ncommits):
        if k % every == 0 and changes < nchanges:
            changes += 1
            cid = change_id(rng)
            if changes % 40 == 0:
                # A change to the rules: judged under its parent's MAINTAINERS.
                cut = maint.index("S:\tSupported")
                maint = maint[:cut] + "R:\tReviewer %d <rev%d@example.org>\n" % (changes, changes) + maint[cut:]
                files = [("MAINTAINERS", maint)]
                role = "maintainer (THE REST)"
                subject = "MAINTAINERS: reviewer %d" % changes
            else:
                cut = version.rstrip().rfind("#endif")
                version = (version[:cut] + "/* @abi since=1.1 */\n#define XENVER_bench_%d %d\n\n" %
                           (changes, 100 + changes) + version[cut:])
                files = [("public/version.h", version)]
                role = "maintainer (PUBLIC ABI)"
                subject = "version: bench item %d" % changes
            s.commit(HEIDI, "%s\n\nChange-Id: %s\n" % (subject, cid), files, parent)
            records.append((cid, role))
        elif k % every == 1 and records and records[-1][0] is not None:
            cid, role = records[-1]
            rec = make_record(signer, cid, [("nack", ALICE, role, "naming"),
                                            ("withdraw", ALICE, role, None),
                                            ("ack", BOB, role, None)])
            s.commit(BOB, "governance: record of %s" % cid, [("governance/changes/" + cid, rec)],
                     parent)
            records[-1] = (None, None)
        else:
            n = k % 50
            s.commit(HEIDI, "tools: bench commit %d" % k,
                     [("tools/bench_%d.c" % n, "/* bench commit %d */\nint bench_%d = %d;\n" % (k, n, k))],
                     parent)
        parent = None
    big = change_id(rng)
    cut = version.rstrip().rfind("#endif")
    version = version[:cut] + "/* @abi since=1.1 */\n#define XENVER_bench_big 99999\n\n" + version[cut:]
    s.commit(HEIDI, "version: the change with a long record\n\nChange-Id: %s\n" % big,
             [("public/version.h", version)], parent)
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input=b"".join(s.parts), check=True)
    git(repo, "reset", "-q", "--hard", "main")
    print(big)


def record(repo, exe, keydir, cid, n):
    signer = Signer(exe, keydir)
    entries = [("nack" if i % 2 == 0 else "withdraw", CAROL, "maintainer (PUBLIC ABI)",
                "round %d" % (i // 2 + 1) if i % 2 == 0 else None) for i in range(n)]
    path = os.path.join(repo, "governance", "changes", cid)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(make_record(signer, cid, entries))


def main():
    cmd, repo, exe, keydir = sys.argv[1:5]
    if cmd == "history":
        history(repo, exe, keydir, int(sys.argv[5]), int(sys.argv[6]))
    elif cmd == "record":
        record(repo, exe, keydir, sys.argv[5], int(sys.argv[6]))
    else:
        sys.exit("bench-history.py: unknown command " + cmd)


if __name__ == "__main__":
    main()
