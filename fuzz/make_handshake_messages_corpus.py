#!/usr/bin/env python3
# Writes the seed corpus of fuzz_handshake_messages: the RFC 8448 messages (from
# tests/handshake/rfc8448_vectors.hpp) and hand-built TLS 1.2 messages, each
# prefixed by the harness's options byte (0 = TLS 1.3 / 32-byte Finished,
# 5 = TLS 1.2 / 12-byte Finished).
import os, re
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, '..', 'tests', 'handshake', 'rfc8448_vectors.hpp')).read()
out = os.path.join(here, 'corpus', 'handshake_messages')
os.makedirs(out, exist_ok=True)

def vectors():
    for ns in re.finditer(r'namespace (s\d) \{(.*?)\}  // namespace', src, re.S):
        for m in re.finditer(r'inline constexpr std::string_view (\w+) =\s*(.*?);', ns.group(2), re.S):
            yield ns.group(1), m.group(1), bytes.fromhex(''.join(re.findall(r'"(.*?)"', m.group(2))).replace(' ', ''))

message_types = {1, 2, 4, 5, 8, 11, 13, 15, 20}
n = 0
for sec, name, b in vectors():
    # Messages start with a known type byte and a u24 length matching the rest.
    if len(b) >= 4 and b[0] in message_types and int.from_bytes(b[1:4], 'big') == len(b) - 4 \
            and not name.endswith('prefix'):
        open(os.path.join(out, f'rfc8448_{sec}_{name}'), 'wb').write(b'\x00' + b)
        n += 1

tls12 = {
    'tls12_server_key_exchange': '0c00002c03001d20' + '00' * 32 + '04030004deadbeef',
    'tls12_certificate_request': '0d00001d020140000404030804001200 10300e310c300a06035504031303727361',
    'tls12_server_hello_done': '0e000000',
    'tls12_client_key_exchange': '1000002120' + '11' * 32,
    'tls12_finished': '1400000c' + '22' * 12,
    'tls12_certificate': '0b000009000006000003300100',
    'tls12_new_session_ticket': '0400000a00001c2000 04aabbccdd',
    'tls12_client_hello_ems': '0100002f0303' + '33' * 32 + '000002c02f0100000400170000',
    'tls12_flight': '0e000000' + '1400000c' + '44' * 12,
}
for name, h in tls12.items():
    open(os.path.join(out, name), 'wb').write(b'\x05' + bytes.fromhex(h.replace(' ', '')))
    n += 1
open(os.path.join(out, 'tls13_key_update'), 'wb').write(bytes.fromhex('001800000101'))
n += 1
print(f'wrote {n} files to {out}')
