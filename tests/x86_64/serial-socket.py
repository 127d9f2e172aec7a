#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""COM1 of a Bochs run with input: serial-socket.py LOG PORTFILE INPUT [AFTER]
                                or serial-socket.py LOG PORTFILE --interactive

Bochs's "file" mode only writes; its socket modes carry both directions.
This listens on a free localhost port (written to PORTFILE for the bochsrc's
"com1: mode=socket-client"), takes Bochs's connection, appends every byte it
sends to LOG (as the file mode would) and, once LOG matches every line of
AFTER (extended regexes, one a line; none: at once), types INPUT once, a byte
at a time as a person would. Ends when Bochs closes the connection, or after
an hour at most (the runner's own timeout ends Bochs long before).
--interactive: the terminal instead, in raw mode (so that Ctrl-A reaches the
hypervisor's focus switch), keys to COM1 and COM1 to the screen and LOG;
Ctrl-] ends the session.
"""
import os
import re
import select
import socket
import sys
import termios
import time
import tty

log_path, port_path, text = sys.argv[1], sys.argv[2], sys.argv[3].encode()
after = [re.compile(p.encode()) for p in (sys.argv[4] if len(sys.argv) > 4 else "").splitlines() if p]

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
with open(port_path + ".tmp", "w") as f:
    f.write(str(srv.getsockname()[1]))
os.rename(port_path + ".tmp", port_path)
srv.settimeout(3600)
conn, _ = srv.accept()

if text == b"--interactive":
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    try:
        with open(log_path, "ab", buffering=0) as log:
            while True:
                ready, _, _ = select.select([conn, fd], [], [])
                if conn in ready:
                    data = conn.recv(65536)
                    if not data:
                        break
                    log.write(data)
                    os.write(sys.stdout.fileno(), data)
                if fd in ready:
                    key = os.read(fd, 64)
                    if b"\x1d" in key:  # Ctrl-]
                        break
                    conn.sendall(key)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    sys.exit(0)

seen = b""
typed = False
deadline = time.time() + 3600
with open(log_path, "ab", buffering=0) as log:
    while time.time() < deadline:
        ready, _, _ = select.select([conn], [], [], 0.2)
        if ready:
            data = conn.recv(65536)
            if not data:
                break
            log.write(data)
            seen += data.replace(b"\r", b"")
        if not typed and all(p.search(seen) for p in after):
            typed = True
            for b in text:
                conn.sendall(bytes([b]))
                time.sleep(0.05)
