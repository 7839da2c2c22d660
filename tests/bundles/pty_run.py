#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and types a passphrase whenever it asks for one.

The stock `age` reads passphrases only from a terminal (/dev/tty), never from a pipe, so the
interop tests drive it through a pty:   pty_run.py PASSFILE -- age -d -o out file.age
Output must go to a file (-o); the terminal's text is discarded. Exits with the command's
status (124 on a timeout).
"""
import os
import pty
import select
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.stderr.write("usage: pty_run.py PASSFILE -- COMMAND [ARGS...]\n")
        return 64
    with open(sys.argv[1], "rb") as f:
        passphrase = f.read().split(b"\n")[0]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[3], sys.argv[3:])
    seen = b""
    answered = 0
    deadline = time.time() + 120
    while True:
        if time.time() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return 124
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                break
            seen += chunk
            # age asks "Enter passphrase…" and, when encrypting, "Confirm passphrase…".
            prompts = seen.lower().count(b"passphrase:") + seen.lower().count(b"passphrase (")
            while answered < prompts:
                os.write(fd, passphrase + b"\n")
                answered += 1
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
