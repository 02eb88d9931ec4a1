#!/usr/bin/env bash
# The nightly race: jcstress's quick preset in full (stress forks, split compilation) on both free-block algorithms
# for every built-in strategy, sharded across a job matrix (RACE_SHARD=I/N); hours on one small machine. Shard 1
# also scores the catalog at the nightly tier: the score needs every broken strategy in one run, so it is not split.
set -uo pipefail

cd "$(dirname "$0")/.."
shard="${RACE_SHARD:-1/1}"
out="${RACE_OUT:-race-reports}"
shard_name="${shard/\//-of-}"

jar=cli/target/poolstress.jar
if [[ ! -f "$jar" ]]; then
  mvn -B -q -pl cli -am package -DskipTests || exit 2
fi
race() { java -cp "$jar" dev.poolstress.cli.Main race "$@"; }

status=0
race --tier nightly --shard "$shard" --report-dir "$out/nightly-$shard_name" \
     --junit "$out/junit-race-nightly-$shard_name.xml" "$@" || status=1
if [[ "${shard%%/*}" == 1 ]]; then
  race --catalog --tier nightly --report-dir "$out/catalog-nightly" \
       --junit "$out/junit-race-catalog-nightly.xml" || status=1
fi
exit "$status"
