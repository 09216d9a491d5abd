#!/usr/bin/env bash
# Tags a release: scripts/release.sh X.Y.Z (package.json's version, already committed on main).
#
# Users install from the tag (`npm i -D git+https://…#vX.Y.Z`, pre-commit's `rev:`) and Jenkins
# loads the shared library from it (`@Library('jenkins-multiarch@vX.Y.Z')`). So the tag points at
# a release commit of its own, as GitHub Actions written in TypeScript do: main's tree plus the
# compiled dist/ (gitignored on main), and a package.json without scripts. Installing it needs no
# compiler and no build. main itself is not touched: the release commit's parent is main's HEAD,
# and only the tag reaches it.
#
# Why no scripts at all: npm (pacote) installs a git dependency's devDependencies and runs its
# scripts when package.json has any of prepare, build, prepack, preinstall, install or
# postinstall. Every script here needs devDependencies (tsc, prettier, vitest) or src/, which the
# package does not ship.
set -euo pipefail

die() { printf 'release: %s\n' "$*" >&2; exit "${2:-1}"; }

[ $# = 1 ] || die "usage: scripts/release.sh X.Y.Z   (the version in package.json)" 2
version=$1
tag=v$version

cd "$(dirname "$0")/.."

[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
  die "'$version' is not a version X.Y.Z or X.Y.Z-pre (without the v)" 2
package_version=$(node -p 'require("./package.json").version')
[ "$version" = "$package_version" ] ||
  die "package.json says $package_version, not $version: set the version on main first (see RELEASING.md)"
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  die "tag $tag exists already: a release is never re-tagged; bump the version for a new one"
fi
[ "$(git symbolic-ref -q --short HEAD)" = main ] || die "check out main first: releases are made from main"
[ -z "$(git status --porcelain)" ] ||
  die "the working tree has changes or untracked files; the release is built from main's commit alone"

# A fresh dist/: tsc never deletes the output of a removed source file.
rm -rf dist
npm run --silent build
# The tag is also the Jenkins library and ships the schema: both must match the compiled model.
node bin/jenkins-multiarch.js library --check >/dev/null ||
  die "vars/ or resources/ are stale: run 'node bin/jenkins-multiarch.js library' and commit"
node bin/jenkins-multiarch.js schema -o schema/jenkins-multiarch.schema.json --check >/dev/null ||
  die "schema/ is stale: run 'node bin/jenkins-multiarch.js schema -o schema/jenkins-multiarch.schema.json' and commit"

# The release commit's tree, written through an index of its own so main's index stays as it is.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export GIT_INDEX_FILE=$scratch/index
git read-tree HEAD
git add --force dist
released_package=$(node -e '
  const pkg = require("./package.json");
  delete pkg.scripts;
  process.stdout.write(JSON.stringify(pkg, null, 2) + "\n");
' | git hash-object -w --stdin)
git update-index --cacheinfo "100644,$released_package,package.json"
commit=$(git commit-tree "$(git write-tree)" -p HEAD \
  -m "Release $tag: main's $(git rev-parse --short HEAD) with the compiled dist/, no build on install")
unset GIT_INDEX_FILE
git tag --annotate "$tag" "$commit" -m "jenkins-multiarch $version"

printf 'release: tagged %s (%s), not on any branch; publish it with\n  git push origin %s\n' \
  "$tag" "$(git rev-parse --short "$commit")" "$tag"
