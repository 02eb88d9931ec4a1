#!/usr/bin/env bash
# The race gate: the jcstress suite's ci tier on every built-in strategy, then the catalog score (every deliberately
# broken strategy must be caught). Writes JUnit XML and jcstress's HTML reports under $RACE_OUT; exits non-zero if
# either part fails, after running both.
#
#   RACE_TIER=ci|nightly|full  (default ci)       RACE_SHARD=I/N   (default 1/1: the whole suite)
#   RACE_SUITE=1|0             run the suite       RACE_CATALOG=1|0 run the catalog score check
#   RACE_OUT=DIR               (default race-reports)
# Shards are packed by the durations in ci/race-durations.tsv (the ci tier's, measured; refresh it from the
# durations.tsv every run writes in its report directory). Bazel's TEST_SHARD_INDEX/TEST_TOTAL_SHARDS also work.
# Extra arguments go to the suite run, e.g. --strategy my.Lock --classpath my-lock.jar.
set -uo pipefail

cd "$(dirname "$0")/.."
tier="${RACE_TIER:-ci}"
shard="${RACE_SHARD:-1/1}"
shard_args=()
if [[ -n "${RACE_SHARD:-}" ]]; then
  shard_args=(--shard "$RACE_SHARD") # otherwise the runner takes Bazel's shard, if any, or the whole suite
fi
out="${RACE_OUT:-race-reports}"
shard_name="${shard/\//-of-}"

jar=cli/target/poolstress.jar
if [[ ! -f "$jar" ]]; then
  mvn -B -q -pl cli -am package -DskipTests || exit 2
fi
race() { java -cp "$jar" dev.poolstress.cli.Main race "$@"; }

durations=()
if [[ -f ci/race-durations.tsv ]]; then
  durations=(--durations ci/race-durations.tsv)
fi

status=0
if [[ "${RACE_SUITE:-1}" == 1 ]]; then
  race --tier "$tier" "${shard_args[@]}" "${durations[@]}" --report-dir "$out/suite-$shard_name" \
       --junit "$out/junit-race-$tier-$shard_name.xml" "$@" || status=1
fi
if [[ "${RACE_CATALOG:-1}" == 1 ]]; then
  race --catalog --tier "$tier" --report-dir "$out/catalog" --junit "$out/junit-race-catalog.xml" || status=1
fi
exit "$status"
