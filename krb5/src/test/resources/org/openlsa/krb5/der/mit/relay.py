#!/usr/bin/python3
"""A recording TCP relay for Kerberos (RFC 4120 7.2.2 framing: 4-byte big-endian length, then the message).

Usage: relay.py LISTEN_PORT KDC_PORT OUT_DIR
Every request and reply is written to OUT_DIR as NN-req.der / NN-rep.der (without the length prefix),
NN counting connections. Loopback only; runs until killed.
"""
import os
import socket
import struct
import sys
import threading

listen_port, kdc_port, out_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
counter = [0]
lock = threading.Lock()


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def read_message(sock):
    (length,) = struct.unpack(">I", read_exact(sock, 4))
    return read_exact(sock, length)


def serve(client):
    with lock:
        counter[0] += 1
        n = counter[0]
    try:
        with client, socket.create_connection(("127.0.0.1", kdc_port)) as kdc:
            while True:
                try:
                    req = read_message(client)
                except EOFError:
                    return
                with open(os.path.join(out_dir, "%02d-req.der" % n), "wb") as f:
                    f.write(req)
                kdc.sendall(struct.pack(">I", len(req)) + req)
                rep = read_message(kdc)
                with open(os.path.join(out_dir, "%02d-rep.der" % n), "wb") as f:
                    f.write(rep)
                client.sendall(struct.pack(">I", len(rep)) + rep)
    except (EOFError, OSError) as e:
        print("connection %d: %s" % (n, e), file=sys.stderr)


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen(5)
print("relay ready", flush=True)
while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
