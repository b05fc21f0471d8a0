#!/usr/bin/env bash
# The consumer check (CI runs it after the tests): what a user's build sees.
#  1. bom/pom.xml manages every published module (those without maven.deploy.skip);
#  2. `install` puts each of them in a local repository with its -sources and -javadoc jars;
#  3. this separate project imports the BOM, takes the adapters by coordinates from that
#     repository, compiles the README's quick-start blocks (those after a
#     `<!-- consumer-check -->` line) and runs each against the demo feed.
# The local repository is target/consumer-repo, reading ~/.m2 as a tail repository, so ~/.m2 is
# left as it was. In a block, "https://example.com/stream" becomes the feed's URL and a
# `// ...` line waits until the feed has sent its last event (ConsumerCheck.awaitFeedEnd).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "${here}")"
cd "${root}"
repo="${root}/target/consumer-repo"
repo_args=(-Dmaven.repo.local="${repo}" -Dmaven.repo.local.tail="${HOME}/.m2/repository")
fail() { echo "consumer-check: FAILED: $*" >&2; exit 1; }

published=()
for pom in */pom.xml; do
  [[ "${pom}" == bom/pom.xml || "${pom}" == consumer-check/pom.xml ]] && continue
  grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "${pom}" && continue
  artifact="$(awk '/<\/parent>/ { p = 1 } p && /<artifactId>/ {
    gsub(/.*<artifactId>|<\/artifactId>.*/, ""); print; exit }' "${pom}")"
  grep -q "<artifactId>${artifact}</artifactId>" bom/pom.xml \
    || fail "bom/pom.xml does not manage ${artifact} (${pom})"
  published+=("${artifact}")
done

version="$(./mvnw -q -N help:evaluate -Dexpression=project.version -DforceStdout "${repo_args[@]}")"
./mvnw -B -q -DskipTests install -pl '!contract-tests,!benchmarks' "${repo_args[@]}"
for artifact in "${published[@]}"; do
  base="${repo}/dev/eventsource/${artifact}/${version}/${artifact}-${version}"
  [[ -f "${base}.pom" ]] || fail "${artifact} ${version} was not installed"
  if [[ -f "${base}.jar" ]]; then
    for kind in sources javadoc; do
      [[ -f "${base}-${kind}.jar" ]] || fail "${artifact} was installed without its -${kind}.jar"
    done
  fi
done

generated="${here}/src/main/java/dev/eventsource/consumercheck/ReadmeQuickStart.java"
awk '
  BEGIN {
    print "// Written by consumer-check/run.sh from README.md; do not edit."
    print "package dev.eventsource.consumercheck;"
    print ""
    print "import dev.eventsource.*;"
    print "import dev.eventsource.jdk.*;"
    print "import dev.eventsource.okhttp.*;"
    print "import okhttp3.*;"
    print ""
    print "final class ReadmeQuickStart {"
  }
  /<!-- consumer-check -->/ { marked = 1; next }
  marked && /^```java/ { inside = 1; n++; print "  static void block" n "(String url) throws Exception {"; next }
  inside && /^```/ { inside = 0; marked = 0; print "  }"; print ""; next }
  inside {
    gsub(/"https:\/\/example\.com\/stream"/, "url")
    if ($0 ~ /^\/\/ \.\.\.$/) $0 = "ConsumerCheck.awaitFeedEnd();"
    print "    " $0
  }
  END {
    print "  static final int BLOCKS = " n ";"
    print ""
    print "  static void run(int block, String url) throws Exception {"
    for (i = 1; i <= n; i++) print "    if (block == " i ") block" i "(url);"
    print "  }"
    print "}"
  }
' README.md >"${generated}"
grep -q 'static void block1' "${generated}" || fail "README.md has no <!-- consumer-check --> block"

rm -rf "${here}/target"
./mvnw -B -q -f "${here}/pom.xml" verify -Deventsource.version="${version}" "${repo_args[@]}"
