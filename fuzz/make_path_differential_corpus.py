#!/usr/bin/env python3
"""Seeds for fuzz_path_differential: a correct chain of each length, then every
single-field change of each certificate (see the layout in path_differential.cpp)."""
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus", "path_differential")
os.makedirs(out, exist_ok=True)
# choices per field: serial, validity, basicConstraints, keyUsage, keyUsage bits,
# extKeyUsage, subjectAltName, nameConstraints, flags (bits)
CHOICES = [5, 6, 8, 4, 0, 6, 5, 7, 0]
NAMES = ["serial", "valid", "basic", "ku", "kubits", "eku", "san", "nc", "flags"]


def save(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes(data))


for n in range(3):
    size = 1 + 9 * (n + 1)
    save(f"chain{n}-good", [n] + [0] * (size - 1))
    for c in range(n + 1):
        who = "leaf" if c == n else f"inter{c + 1}"
        for f, name in enumerate(NAMES):
            if f == 4:
                continue
            values = [1 << b for b in range(7)] if f == 8 else range(1, CHOICES[f])
            for v in values:
                b = [n] + [0] * (size - 1)
                b[1 + c * 9 + f] = v
                save(f"chain{n}-{who}-{name}{v}", b)
        for bits in (0x01, 0x04, 0x21, 0x60, 0x80):
            b = [n] + [0] * (size - 1)
            b[1 + c * 9 + 3], b[1 + c * 9 + 4] = 2, bits
            save(f"chain{n}-{who}-kubits{bits:x}", b)
