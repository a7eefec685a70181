#!/usr/bin/env python3
"""Regenerates fuzz/corpus/hybrid_key_share and fuzz/corpus/mlkem_decaps.

The shares come from OpenSSL's ML-KEM-768, X25519 and P-256 (Python's
cryptography >= 47), an implementation independent of ours, built from the same
fixed key bytes as the harnesses: d = 0..31, z = 32..63, classical key = 64..95.
"""
import os
import sys

from cryptography.hazmat.primitives.asymmetric import ec, mlkem, x25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

here = os.path.dirname(os.path.abspath(__file__))
seed = bytes(range(96))
kem = mlkem.MLKEM768PrivateKey.from_seed_bytes(seed[:64])
ek = kem.public_key().public_bytes_raw()
xpub = x25519.X25519PrivateKey.from_private_bytes(seed[64:96]).public_key().public_bytes_raw()
p256 = ec.derive_private_key(int.from_bytes(seed[64:96], "big"), ec.SECP256R1())
ppub = p256.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)


def write(corpus, name, data):
    d = os.path.join(here, "corpus", corpus)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def bad_modulus(share_ek):
    b = bytearray(share_ek)
    b[0] = 0xFF
    b[1] |= 0x0F
    return bytes(b)


# Server side (mode 0 / 2): client shares.
x_client = ek + xpub
p_client = ppub + ek
write("hybrid_key_share", "x25519mlkem768_client", b"\x00" + x_client)
write("hybrid_key_share", "x25519mlkem768_client_short", b"\x00" + x_client[:-1])
write("hybrid_key_share", "x25519mlkem768_client_zero_x25519", b"\x00" + ek + bytes(32))
write("hybrid_key_share", "x25519mlkem768_client_modulus", b"\x00" + bad_modulus(ek) + xpub)
write("hybrid_key_share", "secp256r1mlkem768_client", b"\x02" + p_client)
write("hybrid_key_share", "secp256r1mlkem768_client_off_curve", b"\x02" + ppub[:-1] + b"\x00" + ek)

# Client side (mode 1 / 3): server shares against the fixed client keys.
_, ct = kem.public_key().encapsulate()
eph = x25519.X25519PrivateKey.from_private_bytes(bytes(range(200, 232)))
write("hybrid_key_share", "x25519mlkem768_server", b"\x01" + ct + eph.public_key().public_bytes_raw())
write("hybrid_key_share", "x25519mlkem768_server_ct_only", b"\x01" + ct)
eph_p = ec.derive_private_key(12345, ec.SECP256R1())
write("hybrid_key_share", "secp256r1mlkem768_server",
      b"\x03" + eph_p.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint) + ct)

# ML-KEM decapsulation inputs (ciphertexts for the fixed key).
write("mlkem_decaps", "valid", b"\x00" + ct)
tampered = bytearray(ct)
tampered[500] ^= 0x40
write("mlkem_decaps", "tampered", b"\x00" + bytes(tampered))
write("mlkem_decaps", "short", b"\x00" + ct[:-1])
write("mlkem_decaps", "valid_dk_changed", b"\x01\x00\x10\x01" + ct)
sys.stdout.write("wrote fuzz/corpus/hybrid_key_share and fuzz/corpus/mlkem_decaps\n")
