#!/usr/bin/env python3
"""Writes the seed corpora of fuzz/record_plaintext and fuzz/record_protected.

Seeds are real records: RFC 8448 section 3 (from tests/record/rfc8448_data.hpp),
the TLS 1.2 OpenSSL captures (tests/data/record/tls12_openssl.txt), plus a few
hand-made streams for the paths around them. The first byte of every seed is
the harness mode byte (see the comments at the top of each harness).
usage: make_fuzz_corpus.py  (run from anywhere; writes into fuzz/corpus/)
"""
import hashlib
import hmac
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def rfc8448():
    text = open(os.path.join(ROOT, "tests/record/rfc8448_data.hpp")).read()
    out = {}
    for m in re.finditer(r'constexpr const char\* (\w+) =\s*((?:\s*"[0-9a-f]*")+);', text):
        out[m.group(1)] = bytes.fromhex("".join(re.findall(r'"([0-9a-f]*)"', m.group(2))))
    return out


def tls12_sessions():
    sessions, cur = [], None
    for line in open(os.path.join(ROOT, "tests/data/record/tls12_openssl.txt")):
        p = line.split()
        if not p or p[0].startswith("#"):
            continue
        if p[0] == "suite":
            cur = {"suite": p[1], "server": [], "client": []}
            sessions.append(cur)
        elif p[0] == "record":
            cur[p[1]].append(bytes.fromhex(p[3]))
        else:
            cur[p[0]] = bytes.fromhex(p[1])
    return sessions


def p_sha256(secret, seed, n):
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + seed, hashlib.sha256).digest()
    return out[:n]


def rec(t, body, version=0x0303):
    return bytes([t, version >> 8, version & 0xff, len(body) >> 8, len(body) & 0xff]) + body


def hs(t, body):
    n = len(body)
    return bytes([t, n >> 16, (n >> 8) & 0xff, n & 0xff]) + body


def sealed(t, pad, content):  # input item for the harness's seal mode
    return bytes([t, pad, len(content) >> 8, len(content) & 0xff]) + content


def write(name, files):
    d = os.path.join(ROOT, "fuzz/corpus", name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.remove(os.path.join(d, f))
    for fname, data in files.items():
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data)


def main():
    v = rfc8448()
    ALL, ONE = 6 << 2, 0 << 2  # plaintext harness chunk selectors
    finished = hs(20, bytes(32))
    write("record_plaintext", {
        "rfc8448_client_hello": bytes([0 | ALL]) + v["client_hello_record"],
        "rfc8448_server_hello_bytewise": bytes([0 | ONE]) + v["server_hello_record"],
        "tls13_compat_ccs": bytes([2 | ALL]) + rec(20, b"\x01") + rec(22, hs(8, b"\x00\x00")),
        "tls12_split_message_ccs_alert": bytes([1 | (2 << 2)]) + rec(22, hs(11, bytes(40))[:10])
        + rec(22, hs(11, bytes(40))[10:] + hs(14, b"")) + rec(20, b"\x01") + rec(21, b"\x01\x00"),
        "http_request": bytes([0 | ALL]) + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "small_limit_overflow": bytes([0x20 | 1 | ALL]) + rec(22, hs(1, bytes(300))),
        "empty_handshake": bytes([0 | ALL]) + rec(22, b""),
        "big_message_header": bytes([0x40 | 0 | ALL]) + rec(22, b"\x0b\x00\x10\x00" + bytes(20)),
    })

    sessions = {("CHACHA20" in s["suite"], "AES256" in s["suite"]): s for s in tls12_sessions()}
    # Check the harness's TLS 1.2 keys against the captured sessions.
    for chacha, want_key, want_iv in (
            (False, "3f262f1264cd0141f3ba56974a33fa7a", "ff9bf79f"),
            (True, "1681668095d2fb0f3dcca02a1019c7b170a89cd01aeac92666ed1ea14e80d939",
             "246791796ba70d43df189e8f")):
        s = sessions[(chacha, False)]
        kl, il = (32, 12) if chacha else (16, 4)
        kb = p_sha256(s["master_secret"], b"key expansion" + s["server_random"] +
                      s["client_random"], 2 * kl + 2 * il)
        if kb[kl:2 * kl].hex() != want_key or kb[2 * kl + il:].hex() != want_iv:
            raise SystemExit("fuzz/record_protected.cpp keys do not match the vector file; "
                             "update the harness")
    CH_ALL, CH_ONE = 6 << 3, 0 << 3
    flight = v["server_flight_payload"]
    write("record_protected", {
        "rfc8448_server_flight": bytes([0 | CH_ALL]) + v["server_flight_record"],
        "rfc8448_server_flight_bytewise": bytes([0 | CH_ONE]) + v["server_flight_record"],
        "openssl_tls12_gcm_server": bytes([2 | CH_ALL]) + b"".join(sessions[(False, False)]["server"]),
        "openssl_tls12_chacha_server": bytes([3 | (2 << 3)]) + b"".join(sessions[(True, False)]["server"]),
        "sealed13_mixed": bytes([4 | 0 | CH_ALL]) + sealed(22, 5, flight[:100]) +
        sealed(22, 0, flight[100:]) + sealed(23, 0, b"") + sealed(23, 30, b"hello") +
        sealed(21, 0, b"\x01\x00"),
        "sealed13_inner_rules": bytes([4 | 1 | (3 << 3)]) + sealed(20, 0, b"\x01") +
        sealed(0, 7, b"") + sealed(24, 0, b"\x01"),
        "sealed13_flipped": bytes([0x40 | 4 | 1 | CH_ALL, 9]) + sealed(22, 0, finished),
        "sealed12_gcm": bytes([4 | 2 | (1 << 3)]) + sealed(22, 0, finished) +
        sealed(23, 0, b"data") + sealed(21, 0, b"\x02\x28"),
        "sealed12_chacha_empty_alert": bytes([4 | 3 | CH_ALL]) + sealed(23, 0, b"") +
        sealed(21, 0, b""),
    })


if __name__ == "__main__":
    main()
