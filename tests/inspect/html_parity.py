#!/usr/bin/env python3
"""Checks one HTML report against the text narration and the JSON report of
the same run (`glasstls demo`, or `client --explain` alone):
  - the step table has exactly the text's steps (number, side, kind), in order;
  - every secret value the text prints, every derivation input and every
    "expect:" value is in the key schedule tree or a panel (not only in the
    verbatim step table);
  - the ladder has one arrow per transmission of a message, ChangeCipherSpec,
    application data record or alert, as counted from the JSON;
  - the page names no external URL and carries a CSP with default-src 'none'.
Prints the expected arrow count on success (the browser test compares it with
the DOM). Usage: html_parity.py report.html narration.txt report.json"""
import html
import json
import re
import sys

page_path, text_path, json_path = sys.argv[1:4]
page = open(page_path, encoding="utf-8").read()
text = open(text_path, encoding="utf-8").read()
report = json.load(open(json_path, encoding="utf-8"))
errors = []

# Steps of the text: "  12. [client] secret   label = hex"
step_re = re.compile(r"^ *(\d+)\. \[(client|server)\] (\w+)", re.M)
text_steps = [(int(n), s, k) for n, s, k in step_re.findall(text)]
row_re = re.compile(r'<tr class="(client|server) (\w+)"><td class="num" data-step="(\d+)">')
html_steps = [(int(n), s, k) for s, k, n in row_re.findall(page)]
if not text_steps:
    errors.append("no numbered step in the narration")
if text_steps != html_steps:
    first = next((i for i, (a, b) in enumerate(zip(text_steps, html_steps)) if a != b), min(len(text_steps), len(html_steps)))
    errors.append(f"step tables differ at index {first}: text {text_steps[first:first+3]} html {html_steps[first:first+3]} "
                  f"(text {len(text_steps)} steps, html {len(html_steps)})")
if [n for n, _, _ in text_steps] != list(range(1, len(text_steps) + 1)):
    errors.append("the narration's steps are not numbered 1..N")

# Everything before the verbatim step table: summary, ladder, panels, key tree.
structured = html.unescape(page.split('id="steps"')[0])
values = set()
# Key values: in the steps deriving secrets and in Finished messages (the
# value, each input, the expected output of the check command); records'
# details (ciphertext, protection) are not key values.
blocks = re.split(r"^(?= *\d+\. \[(?:client|server)\] )", text, flags=re.M)
for block in blocks:
    head = re.match(r" *\d+\. \[\w+\] (\w+) +(.*)", block)
    if not head:
        continue
    kind, line = head.groups()
    if kind == "secret":
        v = re.search(r" = ([0-9a-f]{8,})$", line)
        if v:
            values.add(v.group(1))
    if kind == "secret" or (kind == "message" and " Finished " in line):
        values.update(re.findall(r"^ {10}(?:[A-Za-z_+() ]{1,13}) ([0-9a-f]{8,})$", block, re.M))
        values.update(re.findall(r"expect: ([0-9a-f]{8,})$", block, re.M))
missing = sorted(v for v in values if v not in structured)
if not values:
    errors.append("no key value found in the narration")
if missing:
    errors.append(f"{len(missing)} of {len(values)} key values of the text are missing from the page, e.g. {missing[0][:40]}")

# Arrows: one per transmission. A received copy is the other side's sent copy
# with the same content when there is one still unpaired (demo: both sides are
# recorded), else a transmission of its own (client or server alone).
def category(e):
    if e["kind"] == "message":
        return ("message", e["message"]["hex"])
    if e["kind"] == "alert":
        return ("alert", e["alert"]["level"], e["alert"]["description"])
    if e["kind"] == "record":
        kind = {20: "ccs", 23: "data"}.get(e["record"]["inner_type"])
        return (kind, e["record"]["plaintext_hex"]) if kind else None
    return None

events = report["events"]
want = {"message": 0, "ccs": 0, "data": 0, "alert": 0}
unpaired = []  # (sender, category) of sent copies
for e in events:
    c = category(e)
    if c is None:
        continue
    if e["direction"] == "sent":
        unpaired.append((e["side"], c))
        want[c[0]] += 1
        continue
    sender = "server" if e["side"] == "client" else "client"
    if (sender, c) in unpaired:
        unpaired.remove((sender, c))
    else:
        want[c[0]] += 1
got = {k: len(re.findall(r'<a class="arrow [^"]*"[^>]* data-kind="%s"' % k, page)) for k in want}
if got != want:
    errors.append(f"ladder arrows {got} but the JSON has {want}")

for bad in ["http:", "https:", "//", "@import", "url(", "src=", "<link", "<iframe", "<object", "<embed", "<img", "ftp:", "ws:"]:
    if bad in page:
        errors.append(f"the page contains '{bad}'")
for href in re.findall(r'href="([^"]*)"', page):
    if not href.startswith("#"):
        errors.append(f"non-fragment link {href}")
if "Content-Security-Policy\" content=\"default-src 'none';" not in page:
    errors.append("no Content-Security-Policy with default-src 'none'")

if errors:
    for e in errors:
        print("html_parity:", e, file=sys.stderr)
    sys.exit(1)
print(json.dumps({"arrows": sum(want.values()), "kinds": {k: v for k, v in want.items() if v}, "steps": len(text_steps),
                  "values": len(values)}))
