#!/usr/bin/env bash
# Stages a release for Maven Central: builds, signs and deploys every published artifact into
# target/central-staging (the release profile in pom.xml: a Maven repository with .asc, .md5 and
# .sha1 files), then zips it as target/central-bundle.zip, the bundle that Central's Publisher
# Portal takes as an upload. Uploads nothing. Needs MAVEN_GPG_KEY (and MAVEN_GPG_PASSPHRASE if the
# key has one) in the environment. Extra arguments go to Maven, e.g. -DskipTests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rm -rf target/central-staging target/central-bundle.zip
# contract-tests and benchmarks are not published (maven.deploy.skip); leaving them out saves time
./mvnw -B -Prelease deploy -pl '!contract-tests,!benchmarks' "$@"
# maven-metadata.xml is the repository's business, not part of a bundle
(cd target/central-staging && find . -type f ! -name 'maven-metadata.xml*' | sort \
  | sed 's|^\./||' >../central-bundle.files \
  && "${JAVA_HOME:+${JAVA_HOME}/bin/}jar" --create --no-manifest --file ../central-bundle.zip \
    @../central-bundle.files)
rm target/central-bundle.files
echo "stage-release: wrote target/central-bundle.zip"
