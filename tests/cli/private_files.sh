#!/usr/bin/env bash
# Keys and .p12 files that glasstls writes: mode 0600 whatever the umask, and a
# symbolic link in place of the output is refused with its target untouched.
# Usage: private_files.sh GLASSTLS_BINARY
set -u
G=${1:?usage: private_files.sh path/to/glasstls}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
pass=0 fail=0
ok() { echo "PASS private_files: $1"; pass=$((pass+1)); }
bad() { echo "FAIL private_files: $1"; [ -f "${2:-}" ] && sed 's/^/  | /' "$2" | tail -10; fail=$((fail+1)); }

# umask 000: a file created with the default mode would be world-readable.
(umask 000; "$G" pki --out "$W/pki" --pass pass:secret >"$W/pki.out" 2>&1) || bad "glasstls pki" "$W/pki.out"
modes=$(stat -c '%n %a' "$W"/pki/server.key "$W"/pki/client.key "$W"/pki/client.p12 | sed "s|$W/pki/||")
if [ "$(stat -c %a "$W"/pki/server.key "$W"/pki/client.key "$W"/pki/client.p12 | sort -u)" = 600 ]; then
  ok "keys and client.p12 are 0600 under umask 000 ($(echo $modes))"
else bad "modes under umask 000: $modes"; fi
ls "$W"/pki | grep -q 'XXXXXX\|\.key\.' && bad "a temporary file was left behind: $(ls "$W"/pki)"

# Re-running over existing files replaces them (rename), still 0600.
"$G" pki --out "$W/pki" --pass pass:secret >"$W/pki2.out" 2>&1 && [ "$(stat -c %a "$W"/pki/server.key)" = 600 ] &&
  ok "writing over an existing key replaces it, still 0600" || bad "rewriting the pki folder" "$W/pki2.out"

# A symlink where the key goes: refused, and the file it points at is untouched.
mkdir "$W/trap"
echo precious >"$W/target"
chmod 644 "$W/target"
ln -s "$W/target" "$W/trap/server.key"
if "$G" pki --out "$W/trap" --pass pass:secret >"$W/trap.out" 2>&1; then
  bad "glasstls pki wrote through a symlink" "$W/trap.out"
elif [ "$(cat "$W/target")" = precious ] && [ "$(stat -c %a "$W/target")" = 644 ] && [ -L "$W/trap/server.key" ] &&
     grep -q "symbolic link" "$W/trap.out"; then
  ok "glasstls pki refuses a symlink in place of server.key; its target is untouched"
else bad "symlink in place of server.key: target now '$(cat "$W/target")'" "$W/trap.out"; fi

# The same for p12 --export.
ln -s "$W/target" "$W/out.p12"
if "$G" p12 "$W/pki/client.p12" --pass pass:secret --export "$W/out.p12" --export-pass pass:x >"$W/p12.out" 2>&1; then
  bad "glasstls p12 --export wrote through a symlink" "$W/p12.out"
elif [ "$(cat "$W/target")" = precious ] && grep -q "symbolic link" "$W/p12.out"; then
  ok "glasstls p12 --export refuses a symlink; its target is untouched"
else bad "p12 --export onto a symlink" "$W/p12.out"; fi
rm "$W/out.p12"
(umask 000; "$G" p12 "$W/pki/client.p12" --pass pass:secret --export "$W/out.p12" --export-pass pass:x >"$W/p12b.out" 2>&1)
[ "$(stat -c %a "$W/out.p12" 2>/dev/null)" = 600 ] && ok "p12 --export writes 0600 under umask 000" ||
  bad "p12 --export mode $(stat -c %a "$W/out.p12" 2>/dev/null)" "$W/p12b.out"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
