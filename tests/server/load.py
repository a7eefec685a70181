#!/usr/bin/env python3
"""Load peers for tests/server/load.sh (127.0.0.1 only, every wait bounded).

  load.py hold PORT N PKI LIMIT       open N idle mutual-TLS connections, print "READY ..." with
                                      handshakes/s, keep them until stdin closes or LIMIT s pass
  load.py rate PORT SECONDS PKI       full mutual-TLS handshakes one after another; print per second
  load.py slow PORT N SECONDS         N raw TCP clients dripping a ClientHello one byte every 2 s,
                                      reconnecting when cut off
  load.py legit PORT SECONDS PKI DL   mutual-TLS handshake + one echo every 0.2 s; print the worst
                                      latency and how many exceeded DL seconds
  load.py keyupdates PORT SECONDS PKI openssl s_client sending KeyUpdate(update_requested) every 2 ms
  load.py phaflood PORT SECONDS PKI   GET /pha, then data instead of the client's certificate
  load.py flood PORT SECONDS PKI      mutual TLS, then application data as fast as it can be sent
                                      without reading the echo
  load.py expensive PORT SECONDS DIR  handshakes one after another presenting DIR/chain.pem: a leaf
                                      and 15 P-384 CAs sharing its issuer's name and key identifier,
                                      so path building must try a signature per candidate
"""
import os, select, socket, ssl, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rawpeer import client_hello  # noqa: E402


def context(pki):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(pki + "/ca.pem")
    ctx.load_cert_chain(pki + "/client.pem", pki + "/client.key")
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    return ctx


def connect(ctx, port, timeout=10):
    raw = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return ctx.wrap_socket(raw, server_hostname="localhost")


def hold(port, n, pki, limit):
    ctx = context(pki)
    conns, lock, errors = [], threading.Lock(), []
    per = (n + 3) // 4
    start = time.monotonic()

    def worker(k):
        for _ in range(k):
            try:
                c = connect(ctx, port)
            except Exception as e:  # noqa: BLE001
                errors.append(str(e))
                return
            with lock:
                conns.append(c)
    ts = [threading.Thread(target=worker, args=(min(per, n - i * per),)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    dt = time.monotonic() - start
    print("READY held %d in %.1f s (%.0f handshakes/s)%s" %
          (len(conns), dt, len(conns) / dt, (" errors: %s" % errors[:3]) if errors else ""),
          flush=True)
    select.select([sys.stdin], [], [], limit)
    for c in conns:
        c.close()


def rate(port, seconds, pki):
    ctx = context(pki)
    end = time.monotonic() + seconds
    n = 0
    start = time.monotonic()
    while time.monotonic() < end:
        c = connect(ctx, port)
        c.close()
        n += 1
    print("%.0f" % (n / (time.monotonic() - start)))


def slow(port, n, seconds):
    hello = client_hello()
    socks = {}
    end = time.monotonic() + seconds
    opened = 0

    def fresh():
        nonlocal opened
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.setblocking(False)
        opened += 1
        return s
    for i in range(n):
        socks[i] = (fresh(), 0)
    while time.monotonic() < end:
        for i, (s, sent) in list(socks.items()):
            try:
                s.send(hello[sent % len(hello):sent % len(hello) + 1])
                try:
                    if s.recv(4096) == b"":
                        raise ConnectionResetError
                except BlockingIOError:
                    pass
                socks[i] = (s, sent + 1)
            except OSError:
                s.close()
                try:
                    socks[i] = (fresh(), 0)
                except OSError:
                    del socks[i]
        time.sleep(2)
    print("slow clients: %d held, %d connections opened" % (len(socks), opened))


def legit(port, seconds, pki, deadline):
    ctx = context(pki)
    end = time.monotonic() + seconds
    worst, late, n, failed = 0.0, 0, 0, 0
    while time.monotonic() < end:
        t = time.monotonic()
        try:
            c = connect(ctx, port, timeout=deadline + 5)
            c.sendall(b"ping\n")
            got = c.recv(100)
            c.close()
            if got != b"ping\n":
                failed += 1
        except OSError:
            failed += 1
        d = time.monotonic() - t
        worst = max(worst, d)
        late += d > deadline
        n += 1
        time.sleep(0.2)
    print("legit %d served, worst %.3f s, %d over %.1f s, %d failed" % (n, worst, late, deadline,
                                                                      failed))


def flood(port, seconds, pki):
    c = connect(context(pki), port)
    c.setblocking(False)
    end = time.monotonic() + seconds
    sent = 0
    chunk = b"x" * 16384
    while time.monotonic() < end:
        try:
            sent += c.send(chunk)
        except (ssl.SSLWantWriteError, BlockingIOError):
            time.sleep(0.01)
        except OSError:
            break
    print("flood: %d bytes sent before the server stopped reading" % sent)


def phaflood(port, seconds, pki):
    """Asks for GET /pha, then sends data instead of reading the CertificateRequest."""
    ctx = context(pki)
    ctx.post_handshake_auth = True
    c = connect(ctx, port)
    c.sendall(b"GET /pha HTTP/1.0\r\n\r\n")
    c.setblocking(False)
    end = time.monotonic() + seconds
    sent = 0
    while time.monotonic() < end:
        try:
            sent += c.send(b"y" * 16384)
        except (ssl.SSLWantWriteError, BlockingIOError):
            time.sleep(0.01)
        except OSError:
            break
    print("pha flood: %d bytes sent" % sent)


def keyupdates(port, seconds, pki):
    """openssl s_client sends a KeyUpdate with update_requested for each line "K"."""
    import subprocess
    p = subprocess.Popen(["openssl", "s_client", "-connect", "127.0.0.1:%d" % port, "-tls1_3",
                          "-cert", pki + "/client.pem", "-key", pki + "/client.key",
                          "-CAfile", pki + "/ca.pem", "-servername", "localhost"],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    end = time.monotonic() + seconds
    sent = 0
    try:
        while time.monotonic() < end and p.poll() is None:
            p.stdin.write(b"K\n")
            p.stdin.flush()
            sent += 1
            time.sleep(0.002)
    except BrokenPipeError:
        pass
    cut = p.poll() is not None
    p.kill()
    p.wait()
    print("keyupdate flood: %d KeyUpdate requests, %s" %
          (sent, "the server ended the connection" if cut else "connection still open"))


def expensive(port, seconds, evil):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.load_cert_chain(evil + "/chain.pem", evil + "/leaf.key")
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    end = time.monotonic() + seconds
    tries = refused = 0
    while time.monotonic() < end:
        tries += 1
        try:
            c = connect(ctx, port)
            c.sendall(b"ping\n")
            c.settimeout(5)
            if not c.recv(16):  # TLS 1.3: the verdict on our chain comes after our Finished
                refused += 1
            c.close()
        except (OSError, ssl.SSLError):
            refused += 1
    print("expensive certificates: %d handshakes with a 16-certificate P-384 chain, %d refused" %
          (tries, refused))


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "hold":
        hold(port, int(sys.argv[3]), sys.argv[4], float(sys.argv[5]))
    elif mode == "rate":
        rate(port, float(sys.argv[3]), sys.argv[4])
    elif mode == "slow":
        slow(port, int(sys.argv[3]), float(sys.argv[4]))
    elif mode == "legit":
        legit(port, float(sys.argv[3]), sys.argv[4], float(sys.argv[5]))
    elif mode == "keyupdates":
        keyupdates(port, float(sys.argv[3]), sys.argv[4])
    elif mode == "phaflood":
        phaflood(port, float(sys.argv[3]), sys.argv[4])
    elif mode == "expensive":
        expensive(port, float(sys.argv[3]), sys.argv[4])
    elif mode == "flood":
        flood(port, float(sys.argv[3]), sys.argv[4])


if __name__ == "__main__":
    main()
