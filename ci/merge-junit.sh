#!/usr/bin/env bash
# Merges the JUnit XML files the race shards wrote (one <testsuite> each, carrying its shard I/N as a property) into
# one <testsuites> document, after checking that the shards are whole: every file names its shard, the files of one
# suite (poolstress-race-ci, poolstress-race-nightly, poolstress-race-catalog...) agree on N, each of its shards
# 1..N comes back exactly once, and none is empty (no test case). Exits 1, naming what is wrong, otherwise.
#   ci/merge-junit.sh OUT.xml IN.xml...
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: ci/merge-junit.sh OUT.xml IN.xml..." >&2
  exit 2
fi
out="$1"
shift

declare -A seen=()
declare -A totals=()
problems=()
for file in "$@"; do
  if [[ ! -s "$file" ]]; then
    problems+=("$file: missing or empty file")
    continue
  fi
  shard="$(sed -n 's/.*<property name="shard" value="\([0-9]*\/[0-9]*\)"\/>.*/\1/p' "$file" | head -n 1)"
  if [[ -z "$shard" ]]; then
    problems+=("$file: no shard property (not written by poolstress race?)")
    continue
  fi
  suite="$(sed -n 's/.*<testsuite name="\([^"]*\)".*/\1/p' "$file" | head -n 1)"
  index="${shard%/*}"
  count="${shard#*/}"
  if [[ -n "${totals[$suite]:-}" && "$count" != "${totals[$suite]}" ]]; then
    problems+=("$file: $suite shard $shard, but another file has it in ${totals[$suite]} shards")
  fi
  totals[$suite]="${totals[$suite]:-$count}"
  if [[ -n "${seen[$suite/$index]:-}" ]]; then
    problems+=("$file: $suite shard $shard duplicated (also in ${seen[$suite/$index]})")
  fi
  seen[$suite/$index]="$file"
  if ! grep -q '<testcase ' "$file"; then
    problems+=("$file: $suite shard $shard is empty (no test case)")
  fi
done
for suite in "${!totals[@]}"; do
  for ((i = 1; i <= totals[$suite]; i++)); do
    if [[ -z "${seen[$suite/$i]:-}" ]]; then
      problems+=("$suite shard $i/${totals[$suite]} missing")
    fi
  done
done
if [[ ${#problems[@]} -gt 0 ]]; then
  printf 'merge-junit: %s\n' "${problems[@]}" >&2
  exit 1
fi
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<testsuites>'
  for file in "$@"; do
    grep -v '^<?xml' "$file"
  done
  echo '</testsuites>'
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "merged $# file(s), every shard of ${#totals[@]} suite(s), into $out"
