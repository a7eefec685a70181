#!/usr/bin/env python3
"""Lists the C++ functions longer than a limit; exits 1 if there is any.

    function_length.py LIMIT DIR [DIR...]   scan the .cpp/.hpp files below each DIR
    function_length.py --self-test          check the scanner on tricky samples
                                            (a scan runs it first, too)

A function is a body opened at namespace or class level by a '{' whose text
before it ends in ')' (with const, noexcept, override, a trailing return type,
a constructor's initializer list ...). Its length counts the lines from that
'{' to its '}'. Comments, string and character literals (raw strings too) are
blanked first, so braces inside them do not count. Lambdas and local classes
count as part of the function around them.
"""
import os
import re
import sys

_FN_TAIL = re.compile(
    r"\)(?:\s*(?:const|volatile|noexcept(?:\s*\([^()]*\))?|override|final|mutable|&&|&|"
    r"->\s*[\w:<>,\s*&]+))*\s*$")
_CONTROL = re.compile(r"\b(?:if|for|while|switch|catch)\s*\(")


def blank(src):
    """src with comments and literals replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c == "R" and i + 1 < n and src[i + 1] == '"' and not (i and (src[i - 1].isalnum() or src[i - 1] == "_")):
            m = re.match(r'R"([^()\\\s]{0,16})\(', src[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = src.find(")" + m.group(1) + '"', i + m.end())
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + re.sub(r"[^\n]", " ", src[i + 2:j]))
            i = j
        elif c in "\"'":
            # A digit separator (1'000) is not a character literal.
            if c == "'" and i and src[i - 1].isalnum() and i + 1 < n and src[i + 1].isalnum():
                out.append(c)
                i += 1
                continue
            j = i + 1
            while j < n and src[j] != c and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else src[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(src):
    """(length in lines, first line, text before the body) for each function."""
    text = blank(src)
    found = []
    stack = []  # (is a function body, line of its '{')
    before = ""
    line = 1
    for c in text:
        if c == "\n":
            line += 1
            before += c
        elif c == "{":
            last = before.rstrip()
            stmt = re.split(r"[;{}]", last)[-1]
            inside = any(f for f, _ in stack)
            is_fn = not inside and bool(_FN_TAIL.search(last)) and not _CONTROL.search(stmt)
            stack.append((is_fn, line))
            before = ""
        elif c == "}":
            if stack:
                is_fn, start = stack.pop()
                if is_fn:
                    found.append((line - start + 1, start, " ".join(before.split())[-60:]))
            before = ""
        elif c == ";":
            before = ""
        else:
            before += c
    return found


def scan(limit, roots):
    over = []
    for root in roots:
        for dirpath, _, names in os.walk(root):
            for name in sorted(names):
                if not name.endswith((".cpp", ".hpp", ".h", ".cc")):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    src = f.read()
                for length, start, _ in functions(src):
                    if length > limit:
                        over.append((length, path, start))
    return over


def self_test(quiet=False):
    sample = r'''
namespace a {
// a comment with { braces
int f(int x) {
  const char* s = "}}}{";  /* { */
  auto r = R"x(
  }}} )" still inside
  )x";
  char c = '{';
  int n = 1'000;
  if (x) { return n; }
  auto l = [&](int y) {
    return y;
  };
  return l(x) + c + (s != r);
}
struct S {
  S() : v_(0) {}
  int get() const noexcept { return v_; }
  auto g() -> int {
    return 2;
  }
  int v_;
};
}  // namespace a
'''
    got = [(n, s) for n, s, _ in functions(sample)]
    want = [(13, 4), (1, 18), (1, 19), (3, 20)]
    if got != want:
        print(f"self-test failed: found {got}, expected {want}")
        return 1
    if not quiet:
        print("self-test passed")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) < 3 or not argv[1].isdigit():
        print(__doc__.strip().splitlines()[2])
        return 2
    limit = int(argv[1])
    if self_test(quiet=True):  # a scanner that misreads braces would pass anything
        return 2
    over = scan(limit, argv[2:])
    for length, path, start in sorted(over, reverse=True):
        print(f"{path}:{start}: function body of {length} lines (limit {limit})")
    if over:
        return 1
    print(f"no function in {' '.join(argv[2:])} is longer than {limit} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
