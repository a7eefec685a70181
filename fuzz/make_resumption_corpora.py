#!/usr/bin/env python3
# Seeds for fuzz/ticket_decrypt and fuzz/pre_shared_key: python3 make_resumption_corpora.py [fuzz/corpus]
# Formats: handshake/ticket.cpp (plaintext), handshake/session_cache.cpp (session file),
# RFC 8446 4.2.11 (OfferedPsks).
import os, struct, sys
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')
def o8(b): return bytes([len(b)]) + b
def o16(b): return struct.pack('>H', len(b)) + b
def o24(b): return struct.pack('>I', len(b))[1:] + b
def plain(ver=0x0304, suite=0x1301, secret=b'\x11' * 32, alpn=b'h2', sni=b'localhost', chain=b'', subject=b'',
          issued=1767225600):
    return (bytes([1]) + struct.pack('>HHQII', ver, suite, issued, 7200, 0x01020304) + o8(secret) + b'\x00' +
            o8(alpn) + o16(sni) + o8(b'\x22' * 32) + o8(chain) + o16(subject))
def session(suite, secret, ticket, lifetime, age_add, at, sni, alpn, chain):
    return (b'glasstls session 1' + struct.pack('>HH', 0x0304, suite) + o8(secret) + b'\x00' + o16(ticket) +
            struct.pack('>IIQ', lifetime, age_add, at) + o16(sni) + o16(alpn) + bytes([len(chain)]) +
            b''.join(o24(c) for c in chain))
tickets = {
    'plain-tls13-noid': b'\x01' + plain(),
    'plain-tls13-identity': b'\x01' + plain(chain=b'\x33' * 32, subject=b'CN=glasstls test client,O=glasstls'),
    'plain-tls12-sha384': b'\x01' + plain(ver=0x0303, suite=0xc02c, secret=b'\x44' * 48, alpn=b''),
    'plain-issue-time-top-bit': b'\x01' + plain(issued=1 << 63),
    'ticket-random': b'\x00' + bytes(range(60)),
    'ticket-short': b'\x00' + b'\x00\x00\x00\x01' + b'\x00' * 12,
    'session-file': b'\x02' + session(0x1301, b'\x55' * 32, b'\x66' * 80, 7200, 5, 1767225600, b'localhost',
                                      b'h2,http/1.1', [b'\x30\x03\x02\x01\x00']),
    'session-file-ems-2': b'\x02' + session(0x1301, b'\x55' * 32, b'\x66' * 8, 60, 0, 1, b'a', b'', []).replace(
        b'\x55' * 32 + b'\x00', b'\x55' * 32 + b'\x02', 1),
    'session-file-empty-chain': b'\x02' + session(0x1302, b'\x55' * 48, b'\x66' * 16, 60, 0, 1, b'', b'', []),
}
def psk(ids, binders):
    return o16(b''.join(o16(i) + struct.pack('>I', age) for i, age in ids)) + o16(b''.join(o8(x) for x in binders))
psks = {
    'one-sha256': psk([(b'\x01' * 100, 12345)], [b'\x02' * 32]),
    'two-sha384': psk([(b'\x03' * 40, 0), (b'\x04' * 8, 0xffffffff)], [b'\x05' * 48, b'\x06' * 48]),
    'mismatch': psk([(b'\x07' * 10, 1)], [b'\x08' * 32, b'\x09' * 32]),
    'short-binder': psk([(b'\x07' * 10, 1)], [b'\x08' * 31]),
}
for d, seeds in (('ticket_decrypt', tickets), ('pre_shared_key', psks)):
    os.makedirs(os.path.join(root, d), exist_ok=True)
    for name, data in seeds.items():
        open(os.path.join(root, d, name), 'wb').write(data)
