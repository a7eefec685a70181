#!/usr/bin/env python3
"""Raw TCP peers for the server abuse tests (127.0.0.1 only, every wait bounded).

  rawpeer.py silent PORT LIMIT        connect, send nothing; print seconds until the server closed
  rawpeer.py drip PORT LIMIT          send one byte of a ClientHello header every 0.5 s; same
  rawpeer.py listen PORTFILE LIMIT    accept connections and never answer (for client deadlines)
  rawpeer.py garbage PORT LIMIT       ClientHello then 256 KiB of garbage records; print what came
                                      back: 'alert LEVEL DESC' / 'reset' / 'eof'
  rawpeer.py fin|notify PORT LIMIT PKI  mutual TLS with Python's ssl, then TCP FIN or our
                                      close_notify; print whether the server's close_notify came
  rawpeer.py idle PORT LIMIT PKI      mutual TLS, then silence; print when close_notify came
"""
import os, socket, struct, sys, time


def closed_after(sock, limit, drip=None):
    sock.settimeout(0.25)
    start = time.monotonic()
    sent = 0
    while time.monotonic() - start < limit:
        try:
            if drip is not None and time.monotonic() - start >= sent * 0.5:
                sock.send(drip[sent % len(drip):sent % len(drip) + 1])
                sent += 1
            d = sock.recv(4096)
            if not d:
                return time.monotonic() - start
        except socket.timeout:
            continue
        except (ConnectionResetError, BrokenPipeError):
            return time.monotonic() - start
    return None


def client_hello():
    rnd = os.urandom(32)
    sid = os.urandom(32)
    suites = struct.pack(">HHH", 4, 0x1301, 0x1303)
    key = os.urandom(32)
    exts = b""
    exts += struct.pack(">HHB", 43, 3, 2) + b"\x03\x04"                        # supported_versions
    exts += struct.pack(">HHH", 10, 4, 2) + struct.pack(">H", 0x001d)          # groups: x25519
    exts += struct.pack(">HHH", 13, 4, 2) + struct.pack(">H", 0x0807)          # ed25519
    ks = struct.pack(">HH", 0x001d, 32) + key
    exts += struct.pack(">HHH", 51, len(ks) + 2, len(ks)) + ks                 # key_share
    body = b"\x03\x03" + rnd + bytes([32]) + sid + suites + b"\x01\x00"
    body += struct.pack(">H", len(exts)) + exts
    hs = b"\x01" + struct.pack(">I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack(">H", len(hs)) + hs


def client_hello12():
    """TLS 1.2 only: the server's alerts stay plaintext, so the test can read them."""
    rnd = os.urandom(32)
    cs = [0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8, 0x00FF]
    suites = struct.pack(">H", 2 * len(cs)) + b"".join(struct.pack(">H", c) for c in cs)
    exts = b""
    exts += struct.pack(">HHH", 10, 8, 6) + struct.pack(">HHH", 0x001d, 0x0017, 0x0018)
    exts += struct.pack(">HHB", 11, 2, 1) + b"\x00"                          # ec_point_formats
    algs = [0x0807, 0x0403, 0x0503, 0x0804, 0x0805, 0x0401, 0x0501]
    exts += struct.pack(">HHH", 13, 2 + 2 * len(algs), 2 * len(algs)) + b"".join(
        struct.pack(">H", a) for a in algs)
    exts += struct.pack(">HH", 23, 0)                                          # extended_master_secret
    body = b"\x03\x03" + rnd + b"\x00" + suites + b"\x01\x00"
    body += struct.pack(">H", len(exts)) + exts
    hs = b"\x01" + struct.pack(">I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack(">H", len(hs)) + hs


def garbage(port, limit):
    s = socket.create_connection(("127.0.0.1", port), timeout=limit)
    s.sendall(client_hello12())
    time.sleep(0.2)  # let the server answer the hello first
    # A handshake record of a message type that cannot come now: unexpected_message.
    junk = b"\x16\x03\x03\x40\x00" + b"\xfe\x00\x3f\xfc" + os.urandom(0x3ffc)
    s.settimeout(0.05)
    got = b""
    try:
        # Keep writing so that unread bytes sit in the server's socket when it closes.
        for _ in range(16):
            s.sendall(junk)
    except (BrokenPipeError, ConnectionResetError, socket.timeout):
        pass
    s.settimeout(limit)
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            got += d
    except ConnectionResetError:
        print("reset after %d bytes" % len(got))
        return
    except socket.timeout:
        print("timeout after %d bytes" % len(got))
        return
    # Walk the records: the last one should be a plaintext or encrypted alert.
    i = 0
    types = []
    while i + 5 <= len(got):
        t, ln = got[i], struct.unpack(">H", got[i + 3:i + 5])[0]
        types.append((t, got[i + 5:i + 5 + ln]))
        i += 5 + ln
    alerts = [b for t, b in types if t == 21]
    if alerts:
        print("alert %d %d" % (alerts[-1][0], alerts[-1][1]))
    elif types and types[-1][0] == 23:
        print("encrypted-record-last %d records" % len(types))
    else:
        print("eof after %d bytes" % len(got))


def tls_client(port, limit, pki):
    """Python's TLS (OpenSSL) over memory BIOs, so the test decides when TCP closes."""
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(pki + "/ca.pem")
    ctx.load_cert_chain(pki + "/client.pem", pki + "/client.key")
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inc, out, server_hostname="localhost")
    s = socket.create_connection(("127.0.0.1", port), timeout=limit)

    def flush():
        o = out.read()
        if o:
            s.sendall(o)

    def pump(step):
        while True:
            try:
                r = step()
                flush()
                return r
            except ssl.SSLWantReadError:
                flush()
                d = s.recv(65536)
                if not d:
                    inc.write_eof()
                else:
                    inc.write(d)
    pump(obj.do_handshake)
    return s, obj, pump


def tls_close(port, limit, pki, how):
    """fin: TCP FIN without close_notify; notify: our close_notify. Prints whether
    the server's close_notify arrived before its FIN."""
    import ssl
    s, obj, pump = tls_client(port, limit, pki)
    start = time.monotonic()
    try:
        if how == "idle":  # say nothing; report when and how the server ends it
            r = pump(lambda: obj.read(1024))
            print(("close_notify %.1f" % (time.monotonic() - start)) if r == b"" else "data")
        elif how == "fin":
            s.shutdown(socket.SHUT_WR)
            # b"": close_notify (OpenSSL's ZERO_RETURN); a bare FIN raises SSLEOFError.
            print("close_notify" if pump(lambda: obj.read(1024)) == b"" else "data")
        else:
            pump(obj.unwrap)
            print("close_notify")
    except ssl.SSLZeroReturnError:
        print("close_notify")
    except ssl.SSLEOFError:
        print("eof without close_notify")
    except ConnectionResetError:
        print("reset")
    except socket.timeout:
        print("timeout")


def main():
    mode, arg, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
    if mode == "listen":
        ls = socket.socket()
        ls.bind(("127.0.0.1", 0))
        ls.listen(16)
        with open(arg, "w") as f:
            f.write(str(ls.getsockname()[1]))
        ls.settimeout(limit)
        held = []
        end = time.monotonic() + limit
        try:
            while time.monotonic() < end:
                c, _ = ls.accept()
                held.append(c)
        except socket.timeout:
            pass
        return
    port = int(arg)
    if mode in ("fin", "notify", "idle"):
        return tls_close(port, limit, sys.argv[4], mode)
    if mode == "garbage":
        return garbage(port, limit)
    s = socket.create_connection(("127.0.0.1", port), timeout=limit)
    drip = client_hello() if mode == "drip" else None
    t = closed_after(s, limit, drip)
    print("open" if t is None else "closed %.1f" % t)


if __name__ == "__main__":
    main()
