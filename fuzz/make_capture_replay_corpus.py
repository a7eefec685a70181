#!/usr/bin/env python3
"""Seeds for fuzz/capture_replay.cpp from the captures in tests/data/capture.

Usage: python3 fuzz/make_capture_replay_corpus.py tests/data/capture fuzz/corpus/capture_replay
Needs tshark (scripts/setup.sh installs it) to read the TCP payloads of each connection.
"""
import os
import struct
import subprocess
import sys

CAPTURES = [
    ("tls13_mtls.pcapng", "tls13_mtls.keylog"),
    ("tls12_mtls.pcap", "tls12_mtls.keylog"),
    ("tls13_refused.pcapng", "tls13_refused.keylog"),
    ("tls13_key_update.pcap", "tls13_key_update.keylog"),
]


def connections(path):
    """{stream: [(from_client, payload bytes)]} in frame order; retransmitted bytes are
    dropped (loopback captures are in order otherwise)."""
    out = subprocess.run(
        ["tshark", "-r", path, "-o", "tcp.desegment_tcp_streams:FALSE", "-T", "fields",
         "-e", "tcp.stream", "-e", "tcp.flags.syn", "-e", "tcp.flags.ack", "-e", "tcp.srcport",
         "-e", "tcp.seq", "-e", "tcp.payload"], check=True, capture_output=True, text=True).stdout
    conns, clients, next_seq = {}, {}, {}
    for line in out.splitlines():
        stream, syn, ack, sport, seq, payload = (line.split("\t") + [""] * 6)[:6]
        if syn in ("1", "True") and ack in ("0", "False"):
            clients[stream] = sport
        if not payload:
            continue
        data = bytes.fromhex(payload.replace(":", ""))
        key = (stream, sport)
        skip = max(0, next_seq.get(key, 0) - int(seq))
        next_seq[key] = max(next_seq.get(key, 0), int(seq) + len(data))
        if skip < len(data):
            conns.setdefault(stream, []).append((sport == clients.get(stream), data[skip:]))
    return conns


def seed(keylog, chunks):
    out = struct.pack("!H", len(keylog)) + keylog
    for from_client, data in chunks:
        out += bytes([0 if from_client else 1]) + struct.pack("!H", len(data)) + data
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    os.makedirs(dst, exist_ok=True)
    for cap, log in CAPTURES:
        keylog = open(os.path.join(src, log), "rb").read()
        for stream, chunks in sorted(connections(os.path.join(src, cap)).items()):
            name = f"{os.path.splitext(cap)[0]}_{stream}"
            with open(os.path.join(dst, name), "wb") as f:
                f.write(seed(keylog, chunks))
            with open(os.path.join(dst, name + "_nokeys"), "wb") as f:
                f.write(seed(b"", chunks))


if __name__ == "__main__":
    main()
