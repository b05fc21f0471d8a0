#!/usr/bin/env bash
# Runs the benchmark suite side by side with the peers and writes the tables and charts.
#
#   benchmarks/run.sh smoke   every phase with tiny settings, under 3 minutes: results/smoke/
#   benchmarks/run.sh full    the whole suite, under 15 minutes on 2 cores:     results/
#
# Extra arguments go to the suite, e.g. `--only parse,loopback` or `--out DIR`.
# The jar is rebuilt first (Maven package, tests skipped); set NO_BUILD=1 to use the jar as it is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-}"
if [[ "$mode" != full && "$mode" != smoke ]]; then
  echo "usage: benchmarks/run.sh full|smoke [--only parse,loopback,latency,fanout] [--out DIR]" >&2
  exit 2
fi
shift
jar="$root/benchmarks/target/benchmarks.jar"
if [[ "${NO_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
  (cd "$root" && ./mvnw -B -q -DskipTests -Djacoco.skip=true package -pl benchmarks -am)
fi
# 10,000 streams in the fan-out run need as many sockets in the client process.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -jar "$jar" "$mode" "$@"
