#!/usr/bin/env bash
# A user's build never turns warnings into errors: configure the project as a user
# would (Release, default options) and check that every compile command has
# -Wall -Wextra but not -Werror; with -DCMAKE_COMPILE_WARNING_AS_ERROR=ON (the test suite, CI) every
# one has -Werror.   werror_option.sh SOURCE_DIR CMAKE CXX
set -uo pipefail
SRC=$1 CMAKE=$2 CXX=$3
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fails=0
configure() {  # dir, extra args
  timeout 120 "$CMAKE" -S "$SRC" -B "$W/$1" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${@:2}" >"$W/$1.log" 2>&1
}
if configure user; then
  total=$(grep -c '"command"' "$W/user/compile_commands.json")
  werror=$(grep '"command"' "$W/user/compile_commands.json" | grep -c -- '-Werror')
  wall=$(grep '"command"' "$W/user/compile_commands.json" | grep -- '-Wall' | grep -c -- '-Wextra')
  if [ "$total" -gt 0 ] && [ "$werror" -eq 0 ] && [ "$wall" -eq "$total" ]; then
    echo "PASS build: a default Release configuration has -Wall -Wextra and no -Werror ($total compile commands)"
  else
    echo "FAIL build: default Release: $total commands, $werror with -Werror, $wall with -Wall -Wextra"; fails=$((fails+1))
  fi
else echo "FAIL build: default configuration failed"; tail -20 "$W/user.log"; fails=$((fails+1)); fi
if configure ci -DCMAKE_COMPILE_WARNING_AS_ERROR=ON; then
  total=$(grep -c '"command"' "$W/ci/compile_commands.json")
  werror=$(grep '"command"' "$W/ci/compile_commands.json" | grep -c -- '-Werror')
  if [ "$total" -gt 0 ] && [ "$werror" -eq "$total" ]; then
    echo "PASS build: -DCMAKE_COMPILE_WARNING_AS_ERROR=ON puts -Werror on every compile command ($total)"
  else
    echo "FAIL build: CMAKE_COMPILE_WARNING_AS_ERROR=ON: $werror of $total commands with -Werror"; fails=$((fails+1))
  fi
else echo "FAIL build: configuration with CMAKE_COMPILE_WARNING_AS_ERROR=ON failed"; tail -20 "$W/ci.log"; fails=$((fails+1)); fi
# No build file of the project adds -Werror by itself (only the command line may).
found=$(cd "$SRC" && git ls-files 2>/dev/null | grep -E '(^|/)CMakeLists\.txt$|\.cmake$' | xargs -r grep -ln -- '-Werror' || true)
if [ -z "$found" ]; then echo "PASS build: no CMakeLists.txt or .cmake file adds -Werror"
else echo "FAIL build: -Werror written into $found"; fails=$((fails+1)); fi
echo "$((3 - fails)) passed, $fails failed"
exit $fails
