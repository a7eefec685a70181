#!/usr/bin/env python3
"""Checks the record protection the narration prints, from the printed values only.

For every protected record of `glasstls demo` output:
  - seq (padded) is the sequence number as 12 big-endian bytes; nonce = write iv
    XOR seq (TLS 1.2 AES-GCM: salt || explicit nonce, the explicit nonce being
    the first 8 bytes of the fragment);
  - the additional data is the record header (TLS 1.3) or
    seq || type || version || plaintext length (TLS 1.2, RFC 5246 6.2.3.3);
  - the write iv is one the narration derived;
  - when the record is shown whole, the tag and ciphertext are the wire's;
  - when ciphertext and plaintext are shown whole, exactly one of the printed keys decrypts ciphertext || tag (python3-cryptography,
    independent of our AEAD code) to exactly the printed inner plaintext.
Usage: record_check.py NARRATION [MIN_DECRYPTED]   (exit 0 = all good)
"""
import re
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

STEP = re.compile(r"^ *\d+\. \[(client|server)\] (\w+) +(.*)$")
HEXROW = re.compile(r"^ +[0-9a-f]{4}  ((?:[0-9a-f]{2} ?)+)$")


def rows(lines, i):
    """Hex rows starting at lines[i]: (bytes, complete?, next index)."""
    out, complete = b"", True
    while i < len(lines):
        m = HEXROW.match(lines[i])
        if m:
            out += bytes.fromhex(m.group(1).replace(" ", ""))
        elif "more bytes)" in lines[i]:
            complete = False
        else:
            break
        i += 1
    return out, complete, i


def value(line, label):
    rest = line.split(label, 1)[1].split()
    return rest[0] if rest else ""


def parse(lines):
    keys, ivs, records = [], set(), []
    cur = None
    for i, line in enumerate(lines):
        s = STEP.match(line)
        if s:
            cur = None
            if s.group(2) == "secret":
                m = re.match(r"(\S+_write_(key|iv)) = ([0-9a-f]+)$", s.group(3))
                if m and m.group(2) == "key":
                    keys.append(m.group(3))
                elif m:
                    ivs.add(m.group(3))
            if s.group(2) == "record" and "encrypted record" in s.group(3):
                cur = {"side": s.group(1)}
                records.append(cur)
            continue
        m = re.match(r"^ +\S+ (key|iv) = ([0-9a-f]+)$", line)
        if m and m.group(1) == "key":
            keys.append(m.group(2))
        elif m:
            ivs.add(m.group(2))
        if cur is None:
            continue
        t = line.strip()
        if t.startswith("ciphertext (as on the wire):"):
            cur["wire"], cur["wire_complete"], _ = rows(lines, i + 1)
        elif t.startswith("protection ("):
            m = re.match(r"protection \((TLS 1\.[23]), ([^)]+)\), sequence number (\d+):", t)
            cur["version"], cur["aead"], cur["seq"] = m.group(1), m.group(2), int(m.group(3))
        elif t.startswith("write iv"):
            cur["iv"] = value(t, ")" if "(salt)" in t else "write iv")
        elif t.startswith("explicit nonce"):
            cur["explicit"] = value(t, "explicit nonce")
        elif t.startswith("seq (padded)"):
            cur["seq_padded"] = value(t, "seq (padded)")
        elif t.startswith("nonce ="):
            cur["nonce"] = t.split()[-1]
        elif t.startswith("additional data"):
            cur["aad"] = value(t, "additional data")
        elif t.startswith("encrypted:"):
            cur["inner"], cur["inner_complete"], _ = rows(lines, i + 1)
            cur["inner_desc"] = t
        elif t.startswith("ciphertext ("):
            cur["ct"], cur["ct_complete"], _ = rows(lines, i + 1)
        elif t.startswith("tag "):
            cur["tag"] = value(t, "tag")
    return keys, ivs, records


def check(rec, keys, ivs):
    """Returns (problems, decrypted?)."""
    bad = []
    need = ["version", "aead", "seq", "iv", "nonce", "aad", "inner", "ct", "tag", "wire"]
    missing = [k for k in need if k not in rec]
    if missing:
        return ["missing " + ", ".join(missing)], False
    iv, nonce, aad = bytes.fromhex(rec["iv"]), bytes.fromhex(rec["nonce"]), bytes.fromhex(rec["aad"])
    seq8 = rec["seq"].to_bytes(8, "big")
    header = rec["wire"][:5]
    if rec["iv"] not in ivs and not any(full.startswith(rec["iv"]) for full in ivs):
        bad.append("write iv %s was never derived" % rec["iv"])
    if "explicit" in rec:  # TLS 1.2 AES-GCM
        explicit = bytes.fromhex(rec["explicit"])
        if explicit != rec["wire"][5:13]:
            bad.append("explicit nonce is not the fragment's first 8 bytes")
        want_nonce = iv + explicit
        plain_len = int.from_bytes(header[3:5], "big") - 8 - 16
    else:
        if bytes.fromhex(rec["seq_padded"]) != bytes(4) + seq8:
            bad.append("seq (padded) is not the sequence number")
        want_nonce = bytes(a ^ b for a, b in zip(iv, bytes(4) + seq8))
        plain_len = int.from_bytes(header[3:5], "big") - 16
    if nonce != want_nonce:
        bad.append("nonce %s != %s" % (nonce.hex(), want_nonce.hex()))
    if rec["version"] == "TLS 1.3":
        want_aad = header
    else:
        want_aad = seq8 + header[:3] + plain_len.to_bytes(2, "big")
    if aad != want_aad:
        bad.append("additional data %s != %s" % (aad.hex(), want_aad.hex()))
    tag = bytes.fromhex(rec["tag"])
    if len(tag) != 16:
        bad.append("tag is not 16 bytes")
    if rec["wire_complete"] and (rec["wire"][-16:] != tag or not rec["wire"][:-16].endswith(rec["ct"])):
        bad.append("ciphertext/tag are not the wire's")
    if not (rec["ct_complete"] and rec["inner_complete"]):
        return bad, False
    cls = ChaCha20Poly1305 if "ChaCha" in rec["aead"] else AESGCM
    opened = []
    for k in sorted(set(keys)):  # both sides print the same keys
        if len(k) // 2 not in (16, 32):
            continue
        try:
            opened.append(cls(bytes.fromhex(k)).decrypt(nonce, rec["ct"] + tag, aad))
        except Exception:
            pass
    if len(opened) != 1:
        bad.append("%d printed keys decrypt the record (want exactly 1)" % len(opened))
    elif opened[0] != rec["inner"]:
        bad.append("decrypts to %s, printed %s" % (opened[0].hex(), rec["inner"].hex()))
    return bad, len(opened) == 1 and not bad


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    need_decrypted = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    keys, ivs, records = parse(lines)
    problems, decrypted = 0, 0
    for n, rec in enumerate(records):
        bad, ok = check(rec, keys, ivs)
        decrypted += ok
        for b in bad:
            problems += 1
            print("record %d (%s, seq %s): %s" % (n, rec["side"], rec.get("seq"), b))
    print("%d protected records checked, %d decrypted independently, %d problems"
          % (len(records), decrypted, problems))
    sys.exit(0 if records and problems == 0 and decrypted >= need_decrypted else 1)


if __name__ == "__main__":
    main()
