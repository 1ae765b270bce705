#!/usr/bin/env bash
# Assembles PMD's command-line tool from Maven Central (pmd-cli + pmd-java and their dependencies)
# into a cache folder outside the repository, and prints that folder's lib/ path. PMD is only a
# yardstick for bench/perf/run.sh: it is never a dependency of Perflens.
set -euo pipefail
version="${PMD_VERSION:-7.27.0}"
cache="${PERFLENS_BENCH_CACHE:-$HOME/.cache/perflens-bench}/pmd-$version"
if [[ -f "$cache/lib/.complete" ]]; then
  echo "$cache/lib"
  exit 0
fi
mkdir -p "$cache"
cat > "$cache/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.bench</groupId>
  <artifactId>pmd-cli-assembly</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-cli</artifactId><version>$version</version></dependency>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-java</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
rm -rf "$cache/lib"
# Offline first (once ~/.m2 holds PMD), online otherwise.
if ! mvn -B -q -o -f "$cache/pom.xml" dependency:copy-dependencies -DoutputDirectory="$cache/lib" >/dev/null 2>&1; then
  mvn -B -q -f "$cache/pom.xml" dependency:copy-dependencies -DoutputDirectory="$cache/lib" >&2
fi
touch "$cache/lib/.complete"
echo "$cache/lib"
