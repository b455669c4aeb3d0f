#!/usr/bin/env bash
# Makes sure the system programs godwit's tests and demo use are present. Arguments name what
# is needed (default: all): git, redis (redis-server and redis-cli; tests and the demo start their own on a
# free port), bubblewrap (bwrap: the sandbox for repository commands), chromium (dashboard
# browser tests). Installs missing ones with apt-get when
# running as root; otherwise prints the install command and fails.
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(git redis bubblewrap chromium)
missing=()
for w in "${wanted[@]}"; do
  case "$w" in
    git) command -v git >/dev/null 2>&1 || missing+=(git) ;;
    redis) { command -v redis-server && command -v redis-cli; } >/dev/null 2>&1 || missing+=(redis-server redis-tools) ;;
    bubblewrap) command -v bwrap >/dev/null 2>&1 || [ -x /usr/bin/bwrap ] || missing+=(bubblewrap) ;;
    chromium) command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    *) echo "ensure-system-deps: unknown component $w (known: git redis bubblewrap chromium)" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "godwit: installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "godwit: installing ${missing[*]} with sudo apt-get" >&2
  sudo apt-get update -qq >/dev/null
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "godwit: missing ${missing[*]}; install them (Debian/Ubuntu: apt-get install -y ${missing[*]})" >&2
  exit 1
fi
