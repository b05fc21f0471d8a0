#!/usr/bin/env bash
# Tests the release profile end to end, without touching a real key or uploading anything:
#  1. `./mvnw -Prelease` without MAVEN_GPG_KEY fails at once with the message that says what to set;
#  2. with a throwaway key made here (in a temporary GNUPGHOME), scripts/stage-release.sh signs and
#     stages every published artifact, and gpg verifies each signature and checksum there.
# Needs gpg (Debian: gnupg). Installs into a temporary local repository, reading ~/.m2 through
# Maven's tail repository, so ~/.m2 is left as it was. CI runs it (.ci/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v gpg >/dev/null 2>&1; then
  echo "test-release: gpg is missing (Debian: apt-get install gnupg)" >&2
  exit 1
fi
work="$(mktemp -d)"
export GNUPGHOME="${work}/gnupg"
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "${work}"' EXIT
mkdir -m 700 "${GNUPGHOME}"
fail() { echo "test-release: FAILED: $*" >&2; exit 1; }

echo "test-release: 1. without a key"
if env -u MAVEN_GPG_KEY ./mvnw -B -q -Prelease validate >"${work}/no-key.log" 2>&1; then
  fail "-Prelease went on without MAVEN_GPG_KEY"
fi
grep -q "environment variable MAVEN_GPG_KEY" "${work}/no-key.log" \
  || { cat "${work}/no-key.log" >&2; fail "no clear message without MAVEN_GPG_KEY"; }

echo "test-release: 2. with a throwaway key"
gpg --batch --quiet --pinentry-mode loopback --passphrase 'throwaway' \
  --quick-gen-key 'eventsource-java release test <release-test@example.invalid>' rsa3072 sign 1d
MAVEN_GPG_KEY="$(gpg --batch --pinentry-mode loopback --passphrase 'throwaway' \
  --armor --export-secret-keys)"
export MAVEN_GPG_KEY
export MAVEN_GPG_PASSPHRASE='throwaway'
staging=target/central-staging
scripts/stage-release.sh -q -DskipTests \
  -Dmaven.repo.local="${work}/repo" -Dmaven.repo.local.tail="${HOME}/.m2/repository"

checked=0
while IFS= read -r file; do
  [[ -f "${file}.asc" ]] || fail "${file} has no signature"
  gpg --batch --quiet --verify "${file}.asc" "${file}" 2>/dev/null || fail "bad signature on ${file}"
  [[ "$(cat "${file}.sha1")" == "$(sha1sum "${file}" | cut -d' ' -f1)" ]] || fail "sha1 of ${file}"
  [[ "$(cat "${file}.md5")" == "$(md5sum "${file}" | cut -d' ' -f1)" ]] || fail "md5 of ${file}"
  checked=$((checked + 1))
done < <(find "${staging}" -type f \( -name '*.jar' -o -name '*.pom' \))

for artifact in eventsource-parent eventsource-bom eventsource-core eventsource-okhttp \
  eventsource-jdk eventsource-samples; do
  dir="${staging}/dev/eventsource/${artifact}"
  [[ -d "${dir}" ]] || fail "${artifact} was not staged"
  if [[ "${artifact}" != eventsource-parent && "${artifact}" != eventsource-bom ]]; then
    for kind in sources javadoc; do
      compgen -G "${dir}/*/*-${kind}.jar.asc" >/dev/null || fail "${artifact} has no signed ${kind} jar"
    done
  fi
done
for artifact in eventsource-contract-tests eventsource-benchmarks; do
  [[ ! -e "${staging}/dev/eventsource/${artifact}" ]] || fail "unpublished ${artifact} was staged"
done
in_zip="$(jar --list --file target/central-bundle.zip | grep -c '\.asc$')"
[[ "${in_zip}" == "${checked}" ]] || fail "central-bundle.zip has ${in_zip} signatures, not ${checked}"
echo "test-release: OK: ${checked} files signed and verified in ${staging}"
