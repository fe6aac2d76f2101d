#!/usr/bin/env bash
# Builds the JMH benchmarks (bench/target/benchmarks.jar) and runs them with short settings; prints ns/op.
#
#   bench/jmh.sh [--no-build] [JMH OPTIONS AND BENCHMARK REGEXPS]
#
# The defaults, -f 1 -wi 3 -w 1s -i 5 -r 1s (one fork, three 1-second warm-up iterations, five 1-second measured
# ones), take about 9 s per benchmark and parameter set, about 1.5 minutes for the 10 of GeneratorBenchmark:
# enough to compare two builds on one machine; for figures to publish run longer (`bench/jmh.sh -f 3 -wi 5 -i 10`).
# Options given replace those defaults and are passed on to JMH: `bench/jmh.sh -p targets=lab packet` runs one
# method on one target set, `bench/jmh.sh -h` lists JMH's options. Needs a JDK 25 (JAVA_HOME, or
# one under /usr/lib/jvm).
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/bench/target/benchmarks.jar"
build=1
if [ "${1:-}" = --no-build ]; then build=0; shift; fi

JAVA_HOME="$("$here/scripts/java-home" 2> /dev/null)" \
  || { echo "jmh.sh: needs a JDK 25 or newer: set JAVA_HOME" >&2; exit 2; }
export JAVA_HOME

if [ "$build" = 1 ]; then
  echo "jmh.sh: building bench/target/benchmarks.jar..." >&2
  (cd "$here" && ./mvnw -q -B -DskipTests -pl bench -am package) >&2 \
    || { echo "jmh.sh: build failed (run ./mvnw -B -DskipTests -pl bench -am package to see why)" >&2; exit 1; }
fi
[ -f "$jar" ] || { echo "jmh.sh: no $jar: build it first" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/fathom-jmh.XXXXXX")"
trap 'rm -rf "$work"' EXIT
csv="$work/result.csv"
# JMH's own progress goes to stderr; the summary table below is built from its CSV result file.
# The short defaults, each unless the command line gives that option itself (JMH refuses an option given twice).
defaults=()
for option in "-f 1" "-wi 3" "-w 1s" "-i 5" "-r 1s"; do
  given=0
  for arg in "$@"; do if [ "$arg" = "${option%% *}" ]; then given=1; fi; done
  if [ "$given" = 0 ]; then defaults+=(${option}); fi
done
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" \
  ${defaults[@]+"${defaults[@]}"} -rf csv -rff "$csv" "$@" >&2
[ -s "$csv" ] || exit 0   # -h, -l and the like produce no results

echo
# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit", then one per @Param.
awk -F, '
  function unquote(s) { gsub(/["\r]/, "", s); return s }
  NR == 1 {
    for (i = 8; i <= NF; i++) { h = unquote($i); sub(/^Param: /, "", h); param[i] = h }
    printf "%-32s %-32s %10s %8s %8s %14s\n", "benchmark", "parameters", "score", "+/-", "unit", "M ops/s/core"
    next
  }
  {
    name = unquote($1); sub(/^.*\.bench\./, "", name)
    params = ""
    for (i = 8; i <= NF; i++) { v = unquote($i); if (v != "") params = params (params == "" ? "" : " ") param[i] "=" v }
    if (params == "") params = "-"
    score = unquote($5) + 0; error = unquote($6); unit = unquote($7)
    error = (error ~ /^[0-9.]+$/) ? sprintf("%.3f", error) : "-"   # NaN with fewer than 3 iterations
    rate = (unit == "ns/op" && score > 0) ? sprintf("%.1f", 1000 / score) : "-"
    printf "%-32s %-32s %10.3f %8s %8s %14s\n", name, params, score, error, unit, rate
  }' "$csv"
