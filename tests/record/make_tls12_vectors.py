#!/usr/bin/env python3
"""Capture TLS 1.2 AEAD records from a real OpenSSL session, as test vectors.

Starts `openssl s_server -tls1_2 -rev` (it answers each line reversed) on
127.0.0.1 with a throwaway certificate, relays `openssl s_client` through a
small TCP relay that records both directions, sends one known line, and writes
a text vector file: suite, client/server random and master secret (from the
server's key log) and every encrypted record with its direction and sequence
number. tests/record/tls12_vectors_test.cpp decrypts them with our
Protection12.

usage: make_tls12_vectors.py OUT_FILE [CIPHER ...]
Every wait is bounded; every process started here is stopped here.
"""
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

LINE = b"glasstls record layer test line\n"
DEFAULT_CIPHERS = ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                   "ECDHE-RSA-CHACHA20-POLY1305"]
TIMEOUT = 10.0


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_listening(port, proc, deadline):
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("openssl s_server exited early")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("openssl s_server did not start listening")


class Relay:
    """Accepts one connection and copies bytes both ways, keeping a copy."""

    def __init__(self, server_port):
        self.server_port = server_port
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(TIMEOUT)
        self.port = self.sock.getsockname()[1]
        self.data = {"client": bytearray(), "server": bytearray()}
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def pump(self, src, dst, name):
        try:
            while True:
                b = src.recv(65536)
                if not b:
                    break
                with self.lock:
                    self.data[name] += b
                dst.sendall(b)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def run(self):
        try:
            c, _ = self.sock.accept()
        except OSError:
            return
        s = socket.create_connection(("127.0.0.1", self.server_port), timeout=TIMEOUT)
        c.settimeout(TIMEOUT)
        t1 = threading.Thread(target=self.pump, args=(c, s, "client"), daemon=True)
        t2 = threading.Thread(target=self.pump, args=(s, c, "server"), daemon=True)
        t1.start()
        t2.start()
        t1.join(TIMEOUT)
        t2.join(TIMEOUT)
        c.close()
        s.close()
        self.sock.close()

    def snapshot(self, name):
        with self.lock:
            return bytes(self.data[name])


def split_records(stream):
    out, i = [], 0
    while i + 5 <= len(stream):
        n = (stream[i + 3] << 8) | stream[i + 4]
        if i + 5 + n > len(stream):
            break
        out.append(stream[i:i + 5 + n])
        i += 5 + n
    return out


def encrypted_records(stream):
    """Records after the ChangeCipherSpec: (seq, record)."""
    recs, seen_ccs, seq = [], False, 0
    for r in split_records(stream):
        if r[0] == 20:
            seen_ccs = True
            continue
        if seen_ccs:
            recs.append((seq, r))
            seq += 1
    return recs


def capture(cipher, tmp):
    key, cert = os.path.join(tmp, "key.pem"), os.path.join(tmp, "cert.pem")
    if not os.path.exists(key):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                        "-out", cert, "-days", "1", "-subj", "/CN=localhost"],
                       check=True, capture_output=True, timeout=TIMEOUT)
    keylog = os.path.join(tmp, "keylog-" + cipher)
    port = free_port()
    server = subprocess.Popen(["openssl", "s_server", "-tls1_2", "-cipher", cipher, "-accept",
                               "127.0.0.1:%d" % port, "-key", key, "-cert", cert, "-rev",
                               "-no_ticket", "-keylogfile", keylog],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    client = None
    try:
        wait_listening(port, server, time.time() + TIMEOUT)
        relay = Relay(port)
        client = subprocess.Popen(["openssl", "s_client", "-tls1_2", "-cipher", cipher,
                                   "-connect", "127.0.0.1:%d" % relay.port, "-no_ticket"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        # Wait for the handshake to finish (server's CCS + Finished seen).
        deadline = time.time() + TIMEOUT
        while time.time() < deadline and not encrypted_records(relay.snapshot("server")):
            time.sleep(0.05)
        client.stdin.write(LINE)
        client.stdin.flush()
        # Wait for the reversed line to come back (second encrypted server record).
        while time.time() < deadline and len(encrypted_records(relay.snapshot("server"))) < 2:
            time.sleep(0.05)
        client.stdin.close()  # s_client sends close_notify and exits
        client.wait(timeout=TIMEOUT)
        # The server answers close_notify with its own; give it a moment.
        end = time.time() + 2.0
        while time.time() < end and len(encrypted_records(relay.snapshot("server"))) < 3:
            time.sleep(0.05)
    finally:
        for p in (client, server):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait(timeout=TIMEOUT)
    master = None
    with open(keylog) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "CLIENT_RANDOM":
                client_random, master = parts[1], parts[2]
    if master is None:
        raise RuntimeError("no CLIENT_RANDOM line in the key log")
    c_stream, s_stream = relay.snapshot("client"), relay.snapshot("server")
    # ServerHello is the first handshake message from the server: random at offset 5+4+2.
    server_random = s_stream[11:43].hex()
    if c_stream[11:43].hex() != client_random:
        raise RuntimeError("captured ClientHello random does not match the key log")
    lines = ["suite " + cipher, "client_random " + client_random,
             "server_random " + server_random, "master_secret " + master]
    for side, stream in (("client", c_stream), ("server", s_stream)):
        recs = encrypted_records(stream)
        if len(recs) < 2:
            raise RuntimeError("%s: expected Finished and application data, got %d records"
                               % (side, len(recs)))
        for seq, r in recs:
            lines.append("record %s %d %s" % (side, seq, r.hex()))
    return lines


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    out = sys.argv[1]
    ciphers = sys.argv[2:] or DEFAULT_CIPHERS
    version = subprocess.run(["openssl", "version"], capture_output=True, text=True,
                             timeout=TIMEOUT).stdout.strip()
    text = ["# TLS 1.2 records captured from an OpenSSL session (%s)" % version,
            "# by tests/record/make_tls12_vectors.py; the client sent the line",
            "# %r and s_server -rev answered it reversed." % LINE.decode()]
    with tempfile.TemporaryDirectory() as tmp:
        for c in ciphers:
            text.append("")
            text.extend(capture(c, tmp))
    with open(out, "w") as f:
        f.write("\n".join(text) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
