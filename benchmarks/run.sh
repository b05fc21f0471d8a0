#!/usr/bin/env bash
# Runs every benchmark phase side by side with the peers and writes the results and the report.
#
#   benchmarks/run.sh smoke [PHASE...]   tiny settings, a few minutes: benchmarks/results/smoke/
#   benchmarks/run.sh full  [PHASE...]   the figures in README.md, ~20 minutes on 2 cores: results/
#
# Phases: parse loopback coldstart latency fanout (default: all). Raw results (JMH's JSON, the
# RESULT lines of latency.txt and fanout.txt) are kept beside results.md and parsing.png.
# The jar is rebuilt first (Maven package, tests skipped); NO_BUILD=1 uses it as it is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-}"
shift || true
phases="${*:-parse loopback coldstart latency fanout}"
case "$mode" in
  full)
    out="$root/benchmarks/results"
    parse=(-f 2 -wi 3 -w 2s -i 3 -r 1s -p corpusMiB=32)  # 6 s warm-up: see README
    loopback=(-f 1 -wi 4 -w 1500ms -i 3 -r 1500ms -p corpusMiB=32)
    coldstart=(-f 10)
    latency_runs=("1000 1000 10000" "10000 10000 10000")  # rate, warm-up events, measured events
    fanout_streams=(10000 1000); fanout_waits=(8 2 65)   # JDK, OkHttp; stall, idle, pool settle s
    ;;
  smoke)
    out="$root/benchmarks/results/smoke"
    parse=(-f 1 -wi 1 -w 200ms -i 1 -r 200ms -p corpusMiB=1)
    loopback=(-f 1 -wi 1 -w 200ms -i 1 -r 200ms -p corpusMiB=1)
    coldstart=(-f 1)
    latency_runs=("1000 100 1000" "10000 1000 2000")
    fanout_streams=(1000 100); fanout_waits=(5 1 0)
    ;;
  *)
    echo "usage: benchmarks/run.sh smoke|full [parse loopback coldstart latency fanout]" >&2
    exit 2
    ;;
esac
jar="$root/benchmarks/target/benchmarks.jar"
if [[ "${NO_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
  (cd "$root" && ./mvnw -B -q -DskipTests -Djacoco.skip=true package -pl benchmarks -am)
fi
mkdir -p "$out"
pkg=dev.eventsource.benchmarks
jmh() { # BENCHMARK NAME OPTIONS...: JMH's own runner, forking a JVM per trial
  local name="$1" && shift
  java -jar "$jar" "$name" -foe true -jvmArgs "-Xms2g -Xmx2g" \
    -rf json -rff "$out/jmh-$(tr '[:upper:]' '[:lower:]' <<<"${name%Benchmark}").json" "$@"
}
latency() { # one JVM per client and rate
  : >"$out/latency.txt"
  for run in "${latency_runs[@]}"; do
    read -r rate warmup count <<<"$run"
    for client in ours-jdk ours-okhttp okhttp-sse launchdarkly raw-socket bare-jdk; do
      echo "# latency: $client at $rate events/s"
      java -Xmx1g -cp "$jar" $pkg.loopback.LatencyRun "$client" "$warmup" "$count" "$rate" \
        | tee -a "$out/latency.txt" \
        || echo "RESULT client=$client rate=$rate error=failed" >>"$out/latency.txt"
    done
  done
}
fanout() { # one JVM per client, against an idle server in a JVM of its own
  : >"$out/fanout.txt"
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # 10,000 streams need as many sockets
  for client in ours-jdk bare-jdk ours-okhttp okhttp-sse okhttp-sse-unlimited launchdarkly; do
    n=${fanout_streams[1]}
    if [[ $client == *jdk ]]; then n=${fanout_streams[0]}; fi
    echo "# fan-out: $client, $n streams"
    coproc server { java -Xmx512m -cp "$jar" $pkg.fanout.IdleServer; }
    read -r _ port <&"${server[0]}"
    java -Xms3g -Xmx3g -cp "$jar" $pkg.fanout.FanOutRun "$client" "$n" "$port" "${fanout_waits[@]}" \
      | tee -a "$out/fanout.txt" \
      || echo "RESULT client=$client requested=$n error=failed" >>"$out/fanout.txt"
    exec {server[1]}>&-  # the idle server exits when its standard input closes
    wait "$server_PID" || true
  done
}
start=$SECONDS
for phase in $phases; do
  case "$phase" in
    parse) jmh ParseBenchmark -prof gc "${parse[@]}" ;;
    loopback) jmh LoopbackBenchmark -prof gc "${loopback[@]}" ;;
    coldstart)
      jmh ColdStartBenchmark "${coldstart[@]}"
      tr ':' '\n' <"$root/benchmarks/target/classpath.txt" | while read -r jar; do
        echo "$(stat -c %s "$jar") $(basename "$jar")"  # for the jar sizes beside it
      done >"$out/jars.txt"
      ;;
    latency) latency ;;
    fanout) fanout ;;
    *) echo "unknown phase $phase" >&2 && exit 2 ;;
  esac
  echo "# $phase done, $(((SECONDS - start) / 60)) min since the start"
done
java -cp "$jar" $pkg.Report "$out"
echo "# $mode run took $(((SECONDS - start) / 60)) min; results in $out"
