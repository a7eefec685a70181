#!/usr/bin/env python3
"""Seeds for fuzz/tcp_reassembly.cpp: TCP conversations framed for each link type.

Usage: python3 fuzz/make_tcp_reassembly_corpus.py fuzz/corpus/tcp_reassembly
Input layout: byte 0 = link type index (0 null, 1 ethernet, 2 raw, 3 loop, 4 sll,
5 ipv4, 6 ipv6, 7 sll2), then frames as 2-byte length + bytes.
"""
import os
import struct
import sys

SYN, FIN, ACK, PSH = 0x02, 0x01, 0x10, 0x08


def tcp(sport, dport, seq, ack, flags, payload=b""):
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags, 65535, 0, 0) + payload


def ipv4(src, dst, seg):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), 1, 0x4000, 64, 6, 0, bytes(src), bytes(dst)) + seg


def ipv6(src, dst, seg):
    return struct.pack("!IHBB16s16s", 6 << 28, len(seg), 6, 64, bytes(src), bytes(dst)) + seg


def link(kind, ip, v6):
    et = 0x86DD if v6 else 0x0800
    if kind == 0:
        return struct.pack("<I", 30 if v6 else 2) + ip
    if kind == 1:
        return b"\x00" * 12 + struct.pack("!H", et) + ip
    if kind == 3:
        return struct.pack("!I", 24 if v6 else 2) + ip
    if kind == 4:
        return b"\x00" * 14 + struct.pack("!H", et) + ip
    if kind == 7:
        return struct.pack("!HHIHBB8s", et, 0, 1, 772, 0, 6, b"\x00" * 8) + ip
    return ip


def conversation(isn_c, isn_s, reorder):
    """(from_client, seq, ack, flags, payload) for a small TLS-looking exchange."""
    hello = b"\x16\x03\x01\x00\x30\x01\x00\x00\x2c" + b"\x03\x03" + b"A" * 42
    reply = b"\x16\x03\x03\x00\x20" + b"B" * 32
    segs = [
        (True, isn_c, 0, SYN, b""),
        (False, isn_s, isn_c + 1, SYN | ACK, b""),
        (True, isn_c + 1, isn_s + 1, ACK, b""),
        (True, isn_c + 1 + 20, isn_s + 1, ACK | PSH, hello[20:]),
        (True, isn_c + 1, isn_s + 1, ACK | PSH, hello[:20]),
        (True, isn_c + 1, isn_s + 1, ACK | PSH, hello[:30]),  # overlapping retransmission
        (False, isn_s + 1, isn_c + 1 + len(hello), ACK | PSH, reply),
        (True, isn_c + 1 + len(hello), isn_s + 1 + len(reply), FIN | ACK, b""),
        (False, isn_s + 1 + len(reply), 0, FIN | ACK, b""),
    ]
    if not reorder:
        segs[3], segs[4] = segs[4], segs[3]
        del segs[5]
    return segs


def encode(kind, v6, segs):
    a = [0xFD] + [0] * 14 + [1] if v6 else [127, 0, 0, 1]
    b = [0xFD] + [0] * 14 + [2] if v6 else [127, 0, 0, 2]
    out = bytes([kind])
    for from_client, seq, ack, flags, payload in segs:
        src, dst, sp, dp = (a, b, 50000, 443) if from_client else (b, a, 443, 50000)
        seg = tcp(sp, dp, seq, ack, flags, payload)
        ip = ipv6(src, dst, seg) if v6 else ipv4(src, dst, seg)
        frame = link(kind, ip, v6)
        out += struct.pack("!H", len(frame)) + frame
    return out


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seeds = {
        "ethernet_ipv4_in_order": encode(1, False, conversation(1000, 5000, False)),
        "ethernet_ipv4_reordered": encode(1, False, conversation(1000, 5000, True)),
        "null_ipv4_seq_wrap": encode(0, False, conversation(0xFFFFFFF0, 0xFFFFFFFF, True)),
        "loop_ipv6": encode(3, True, conversation(7, 9, True)),
        "sll_ipv4": encode(4, False, conversation(123456, 654321, True)),
        "sll2_ipv6": encode(7, True, conversation(42, 43, False)),
        "raw_ipv4_midstream": encode(2, False, conversation(1, 2, True)[3:]),
        "ipv6_linktype": encode(6, True, conversation(99, 100, True)),
    }
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
