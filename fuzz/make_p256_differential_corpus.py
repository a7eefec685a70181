#!/usr/bin/env python3
"""Writes the seed corpus of fuzz/p256_differential.cpp: edge scalars and field
values (0, 1, n-1, n, p-1, 2^256-1), the generator, off-curve and x >= p points,
real and tweaked signatures. Usage: make_p256_differential_corpus.py fuzz/corpus/p256_differential"""
import os
import random
import sys

P = 2**256 - 2**224 + 2**192 + 2**96 - 1
N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
GX = 0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296
GY = 0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5


def b32(x):
    return (x % 2**256).to_bytes(32, "big")


def point(x, y, tag=4):
    return bytes([tag]) + b32(x) + b32(y)


def main(out):
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(256)
    edges = [0, 1, 2, N - 1, N, N + 1, P - 1, P, 2**256 - 1, 2**255, rnd.getrandbits(256)]
    seeds = {}
    for i, a in enumerate(edges):
        seeds["field_%02d" % i] = bytes([0]) + b32(a) + b32(edges[(i * 3 + 1) % len(edges)])
    pts = {"g": point(GX, GY), "off": point(GX, GY + 1), "xp": point(GX + P, GY),
           "zero": point(0, 0), "tag2": point(GX, GY, 2)}
    for i, k in enumerate(edges):
        for name, pt in pts.items():
            flag = 1 if name != "tag2" else 0
            kk = b32(k)[:31] + bytes([(k & 0xFE) | flag])
            seeds["mult_%02d_%s" % (i, name)] = bytes([1]) + kk + pt
    for i in range(6):
        d, z = rnd.randrange(1, N), rnd.getrandbits(256)
        r, s = rnd.getrandbits(256), [N, N - 1, 0, 1, 2**256 - 1, rnd.getrandbits(256)][i]
        flags = [3, 1, 2, 0, 1, 3][i]
        seeds["ecdsa_%d" % i] = bytes([2]) + b32(d) + b32(z)[:31] + bytes([flags]) + b32(r) + b32(s)
    for i, d in enumerate([1, N - 1, rnd.randrange(1, N)]):
        honest = b32(d)[:31] + bytes([b32(d)[31] | 1])
        if int.from_bytes(honest, "big") < N:
            seeds["ecdh_%d_honest" % i] = bytes([3]) + honest + b32(rnd.getrandbits(256)) + bytes(33)
        even = b32(d)[:31] + bytes([b32(d)[31] & 0xFE])
        if 0 < int.from_bytes(even, "big") < N:
            for name, pt in pts.items():
                seeds["ecdh_%d_%s" % (i, name)] = bytes([3]) + even + pt
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
