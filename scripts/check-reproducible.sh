#!/usr/bin/env bash
# Checks that the build is reproducible: builds the published modules twice from clean and
# compares every jar byte for byte (the library, -sources and -javadoc jars and the console jar).
# project.build.outputTimestamp in pom.xml fixes the time stamps inside them; a difference means
# some plugin writes the build's time, order or machine into its output. Both builds use the same
# JDK: javadoc writes its version into each page.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

first="$(mktemp -d)"
trap 'rm -rf "${first}"' EXIT
build() {
  # not the unpublished modules; verify makes the -javadoc jars
  ./mvnw -B -q clean verify -DskipTests -pl '!contract-tests,!benchmarks'
}
jars() {
  find . -path './*/target/*.jar' -not -path './consumer-check/*' \
    -not -path './contract-tests/*' -not -path './benchmarks/*' | sort
}

build
count=0
while IFS= read -r jar; do
  mkdir -p "${first}/$(dirname "${jar}")"
  cp "${jar}" "${first}/${jar}"
  count=$((count + 1))
done < <(jars)
[[ "${count}" -gt 0 ]] || { echo "check-reproducible: no jars built" >&2; exit 1; }

build
differ=0
while IFS= read -r jar; do
  if ! cmp -s "${first}/${jar}" "${jar}"; then
    echo "check-reproducible: ${jar} differs between two builds" >&2
    differ=1
  fi
done < <(jars)
[[ "$(jars | wc -l)" -eq "${count}" ]] || { echo "check-reproducible: the second build made other jars" >&2; differ=1; }
[[ "${differ}" -eq 0 ]] || exit 1
echo "check-reproducible: OK: ${count} jars identical in two builds"
