#!/usr/bin/env python3
"""systemd's notification socket for a service started by hand (the install test): receives sd_notify datagrams
on PATH and writes each message on its own line(s) to stdout, closing any file descriptor that came with it, as
systemd does, so sd_notify_barrier() (systemd-notify's BARRIER=1 with a pipe) returns at once.
    notify-socket.py PATH"""
import array
import os
import socket
import sys

path = sys.argv[1]
if os.path.exists(path):
    os.unlink(path)
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
old = os.umask(0)
sock.bind(path)
os.umask(old)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
while True:
    data, ancillary, _flags, _addr = sock.recvmsg(65536, socket.CMSG_SPACE(64 * 4) + socket.CMSG_SPACE(12))
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(payload[: len(payload) - (len(payload) % fds.itemsize)])
            for fd in fds:
                os.close(fd)
    sys.stdout.write(data.decode("utf-8", "replace").rstrip("\n") + "\n")
    sys.stdout.flush()
