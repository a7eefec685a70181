#!/usr/bin/env python3
"""The build refuses an include that points up the layer graph.

Configures the project afresh (Ninja) with each compiler given, then compiles
probe files with the exact flags the build uses for a file of each layer:
an x509 file including "handshake/engine.hpp", a crypto file including
"record/reader.hpp" and a core file including any other layer must fail to
compile ("No such file"), while the same file including its own layer and the
layers below compiles. With the first compiler the whole matrix (every layer
against a header of every layer folder) is checked against ALLOWED below and
the include roots are checked for cycles.

    layer_includes.py SOURCE_DIR CMAKE CXX [CXX...]
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

# What each layer may include besides itself (docs/architecture.md §1); the
# transitive closure is allowed too. Layers missing here are only checked for
# cycles, so a new layer does not break this test before it is added.
ALLOWED = {
    "core": [],
    "crypto": ["core"],
    "record": ["crypto"],
    "x509": ["crypto"],
    "handshake": ["record", "x509"],
    "net": ["handshake"],
    "inspect": ["handshake"],
    "conform": ["net"],
    "teach": ["inspect"],
    "api": ["net", "teach", "glasstls"],
    "glasstls": [],  # include/glasstls, part of the api layer
    "apps": ["crypto", "record", "x509", "handshake", "net", "inspect", "conform", "teach", "api"],
}

failures = 0


def report(ok, what):
    global failures
    print(("PASS " if ok else "FAIL ") + what)
    if not ok:
        failures += 1


def closure(layer):
    seen, todo = {layer}, list(ALLOWED[layer])
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.add(d)
            todo += ALLOWED.get(d, [])
    if layer == "api":
        seen.add("glasstls")
    return seen


def configure(src, cmake, cxx, build):
    r = subprocess.run([cmake, "-S", src, "-B", build, "-G", "Ninja",
                        "-DCMAKE_CXX_COMPILER=" + cxx, "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"],
                       capture_output=True, text=True, timeout=180)
    if r.returncode:
        print(r.stdout[-2000:], r.stderr[-2000:])
    return r.returncode == 0


def layer_commands(src, build):
    """One compile command per layer: that of the first .cpp in the layer's folder."""
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    out = {}
    for e in sorted(entries, key=lambda e: e["file"]):
        rel = os.path.relpath(e["file"], src)
        if rel.startswith(".."):  # a unity source, in the build tree under its target's folder
            rel = os.path.relpath(e["file"], build)
        layer = rel.split(os.sep)[0]
        if os.sep in rel and layer not in out and layer not in ("tests", "fuzz", "bench", "examples"):
            out[layer] = e
    return out


def probe_args(entry, probe, preprocess_only):
    args, skip = [], False
    for i, a in enumerate(shlex.split(entry["command"])):
        if skip:
            skip = False
        elif a in ("-o", "-MT", "-MF"):
            skip = True
        elif a in ("-MD", "-c") or (i == 0 and os.path.basename(a) == "ccache"):
            pass
        elif a == entry["file"] or os.path.abspath(os.path.join(entry["directory"], a)) == entry["file"]:
            args.append(probe)
        else:
            args.append(a)
    return args + (["-E", "-o", os.devnull] if preprocess_only else ["-fsyntax-only"])


def compile_probe(entry, layer, header, work, preprocess_only=False):
    """Compiles <work>/<layer>/probe.cpp (placed like a file of the layer) that
    includes `header`; returns (compiled, output)."""
    d = os.path.join(work, layer)
    os.makedirs(d, exist_ok=True)
    probe = os.path.join(d, "probe.cpp")
    with open(probe, "w") as f:
        f.write('#include "%s"\nint glass_probe_main() { return 0; }\n' % header)
    r = subprocess.run(probe_args(entry, probe, preprocess_only), cwd=entry["directory"],
                       capture_output=True, text=True, timeout=120)
    return r.returncode == 0, r.stdout + r.stderr


def not_found(output, header):
    return header in output and ("No such file" in output or "not found" in output)


def some_header(src, folder):
    d = os.path.join(src, "include", folder) if folder == "glasstls" else os.path.join(src, folder)
    hs = sorted(h for h in os.listdir(d) if h.endswith(".hpp"))
    return folder + "/" + hs[0] if hs else None


def expect(entry, layer, header, allowed, work, label, preprocess_only=False):
    ok, out = compile_probe(entry, layer, header, work, preprocess_only)
    if allowed:
        report(ok, "%s: a %s/ file may include \"%s\"" % (label, layer, header))
    else:
        report(not ok and not_found(out, header),
               "%s: a %s/ file including \"%s\" does not compile" % (label, layer, header))
    if ok != allowed:
        print("\n".join(out.splitlines()[:6]))


def named_cases(src, cmds, work, label):
    cases = [("x509", "handshake/engine.hpp", False), ("x509", "x509/der.hpp", True),
             ("x509", "crypto/hash.hpp", True),
             ("crypto", "record/reader.hpp", False), ("crypto", "crypto/hash.hpp", True),
             ("core", "core/bytes.hpp", True)]
    for folder in sorted(set(ALLOWED) - {"core", "apps"}):
        h = some_header(src, folder)
        if h:
            cases.append(("core", h, False))
    for layer, header, allowed in cases:
        if layer not in cmds:
            report(False, "%s: no compile command for a %s/ file" % (label, layer))
            continue
        expect(cmds[layer], layer, header, allowed, work, label)


def matrix(src, build, cmds, work, label):
    roots = os.path.join(build, "include-roots")
    visible = {l: set(os.listdir(os.path.join(roots, l))) for l in os.listdir(roots)}
    # No arrow points up: a layer whose root shows layer B is not shown by B's root.
    for a, seen in sorted(visible.items()):
        for b in sorted(seen - {a}):
            if a in visible.get(b, set()):
                report(False, "%s: %s and %s may include each other" % (label, a, b))
    folders = sorted(set().union(*visible.values()))
    for layer in sorted(cmds):
        for folder in folders:
            if layer not in ALLOWED or folder not in ALLOWED:
                continue  # a layer this test does not know yet: cycles only
            h = some_header(src, folder)
            if h:
                expect(cmds[layer], layer, h, folder in closure(layer), work, label, True)


def main():
    src, cmake, compilers = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        for i, cxx in enumerate(compilers):
            label = os.path.basename(cxx)
            build = os.path.join(tmp, "build-%d" % i)
            if not configure(src, cmake, cxx, build):
                report(False, "%s: the project configures with Ninja" % label)
                continue
            cmds = layer_commands(src, build)
            work = os.path.join(tmp, "probe-%d" % i)
            named_cases(src, cmds, work, label)
            if i == 0:
                matrix(src, build, cmds, work, label)
    print("%d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
