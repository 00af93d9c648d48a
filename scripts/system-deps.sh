#!/usr/bin/env bash
# Installs what the tests need from Debian: Chromium and fonts for the e2e tests (fonts-nanum draws
# seed 001's Korean in the matrix view and its screenshot) and the real peers for the interop
# tests (DESIGN.md §5). Safe to run again: it installs only what is missing.
# Without root or apt-get it says what is missing and leaves it to you (peer tests then skip
# with a visible reason, except under REQUIRE_PEERS=1, where they fail).
set -euo pipefail

PACKAGES=(chromium fonts-dejavu-core fonts-nanum xmlsec1 xml-security-c-utils libwss4j-java libxml-security-java
  python3-zeep python3-xmlsec python3-lxml opensaml-tools opensaml-schemas xmltooling-schemas default-jdk-headless)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# javac may come from a JDK that is not Debian's default-jdk-headless
if command -v javac >/dev/null 2>&1; then
  missing=("${missing[@]/default-jdk-headless}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: all present"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "system-deps: done"
else
  echo "system-deps: missing ${missing[*]} — install them with: sudo apt-get install ${missing[*]}" >&2
fi
