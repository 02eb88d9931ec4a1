#!/usr/bin/env bash
# Merges the JUnit XML files the race shards wrote (one <testsuite> each) into one <testsuites> document.
#   ci/merge-junit.sh OUT.xml IN.xml...
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: ci/merge-junit.sh OUT.xml IN.xml..." >&2
  exit 2
fi
out="$1"
shift
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<testsuites>'
  for file in "$@"; do
    grep -v '^<?xml' "$file"
  done
  echo '</testsuites>'
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "merged $# file(s) into $out"
