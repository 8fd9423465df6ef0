#!/usr/bin/env bash
# Publish-grade artifacts and a consumer build, after the reactor's own tests (.ci/run calls this).
#  1. Deploys every published module, with sources and javadoc (-Prelease: the javadoc must build
#     without errors), to a file repository under target/ - the documented publishing command with
#     a local URL. Deploying installs into the local Maven repository on the way.
#  2. Checks what was deployed: each published module (every module not marked
#     maven.deploy.skip) is listed in signaling-bom and has its jar, sources and javadoc.
#  3. Builds it/consumer against the installed artifacts alone, once on Spring Boot 4.0 and once
#     on 3.5: a Boot application with the starter, and the plain JSR-356 transport in Tomcat.
# Extra arguments go to every mvn call (e.g. -Dmaven.repo.local=... while developing).
set -euo pipefail
cd "$(dirname "$0")/../.."

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
repo="$PWD/target/deploy-repository"
rm -rf "$repo"

mvn -B -ntp -q -Prelease -DskipTests deploy -DaltDeploymentRepository="local::file://$repo" "$@"

failed=0
for module in $(sed -n 's:^ *<module>\(.*\)</module>$:\1:p' pom.xml); do
  grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$module/pom.xml" && continue
  [ "$module" = signaling-bom ] && continue
  dir="$repo/dev/signaling/$module/$version"
  if ! grep -q "<artifactId>$module</artifactId>" signaling-bom/pom.xml; then
    echo "published module $module is missing from signaling-bom"; failed=1
  fi
  jars=$(ls "$dir" 2>/dev/null | grep '\.jar$' || true)
  for kind in sources javadoc; do
    grep -q -- "-$kind\.jar$" <<<"$jars" || { echo "published module $module has no $kind jar in $dir"; failed=1; }
  done
  grep -qvE -- '-(sources|javadoc|tests)\.jar$' <<<"$jars" || { echo "published module $module has no jar in $dir"; failed=1; }
done
for pom in signaling-parent signaling-bom; do
  ls "$repo/dev/signaling/$pom/$version/"*.pom >/dev/null 2>&1 || { echo "$pom was not deployed"; failed=1; }
done
[ "$failed" = 0 ] || exit 1
echo "Deployed to $repo: every published module with sources and javadoc, all listed in signaling-bom."

mvn -B -ntp -f it/consumer/pom.xml verify -Dsignaling.version="$version" "$@"
mvn -B -ntp -f it/consumer/pom.xml verify -Dsignaling.version="$version" -Dspring-boot.version=3.5.7 "$@"
