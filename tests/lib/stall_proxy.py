"""A TCP proxy on loopback to a PostgreSQL Unix socket that can stall: while
the file STALL exists, it accepts connections and never answers them (a
server that hangs), counting them in STALL; while the file FREEZE exists,
connections made before it pass nothing either way (the network to the
server is gone), while new ones (a cancel request) still go through.
Writes its port to PORT-FILE.
Usage: python3 stall_proxy.py PORT-FILE SOCKET STALL FREEZE"""
import os
import socket
import sys
import threading
import time

port_file, target, stall, freeze = sys.argv[1:5]
held = []  # stalled connections: kept open, never read


def frozen(since):
    try:
        return os.stat(freeze).st_mtime >= since
    except FileNotFoundError:
        return False


def pipe(src, dst, since):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            while frozen(since):
                time.sleep(0.05)
            dst.sendall(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(16)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.getsockname()[1]))
os.rename(port_file + ".tmp", port_file)
while True:
    client, _ = server.accept()
    if os.path.exists(stall):
        held.append(client)
        with open(stall, "a") as f:
            f.write("stalled\n")
        continue
    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    upstream.connect(target)
    since = time.time()
    for a, b in ((client, upstream), (upstream, client)):
        threading.Thread(target=pipe, args=(a, b, since), daemon=True).start()
