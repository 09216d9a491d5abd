# jenkins-multiarch tags: this build's tags, computed once from git; push and verify read them.
# A multibranch job says what it builds (TAG_NAME for a tag, BRANCH_NAME for a branch); any
# other job asks its checkout. Values are only read and printed here, never run.
if [ -n "${TAG_NAME:-}" ]; then
  release=$TAG_NAME
  branch=
elif [ -n "${BRANCH_NAME:-}" ]; then
  release=
  branch=$BRANCH_NAME
else
  # HEAD may carry several tags (v1.2.3 and a marker such as "deployed", or a release and its
  # candidate), and git describe names just one of them: the highest version among them goes first.
  release=$({ git -c versionsort.suffix=- tag --points-at HEAD --sort=-v:refname | grep -x 'v\{0,1\}[0-9]\{1,\}\.[0-9]\{1,\}\.[0-9]\{1,\}\([-+][0-9A-Za-z.+-]\{1,\}\)\{0,1\}' || git describe --tags --exact-match HEAD; } 2>/dev/null | head -n 1 || true)
  branch=${GIT_LOCAL_BRANCH:-$(git symbolic-ref -q --short HEAD 2>/dev/null || printf '%s' "${GIT_BRANCH#origin/}")}
  # `checkout scm` leaves HEAD detached and sets no GIT_BRANCH: the remote branch at HEAD it is.
  if [ -z "$branch" ]; then
    branch=$(git for-each-ref --points-at HEAD --format='%(refname:lstrip=3)' refs/remotes 2>/dev/null | grep -vx HEAD | head -n 1 || true)
  fi
fi
commit=${GIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || true)}
# A release is a tag vX.Y.Z or X.Y.Z, maybe with -prerelease (and +build, which tags cannot hold).
version=$(printf '%s\n' "$release" | sed -n 's/^v\{0,1\}\([0-9]\{1,\}\.[0-9]\{1,\}\.[0-9]\{1,\}\(-[0-9A-Za-z.-]\{1,\}\)\{0,1\}\)\(+[0-9A-Za-z.-]\{1,\}\)\{0,1\}$/\1/p')
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
patch=${version#*.*.}
patch=${patch%%-*}
case $version in *-*) prerelease=yes ;; *) prerelease= ;; esac
echo "INFO: commit ${commit:-unknown}, branch ${branch:-none}, release ${version:-none}${prerelease:+ (pre-release)}"

tags=
add_tag() {
  case $1 in
    '' | [.-]*) echo "ERROR: '$1' is not a valid tag (from rule $rule)"; exit 2 ;;
    *[!A-Za-z0-9_.-]*) echo "ERROR: '$1' is not a valid tag (from rule $rule)"; exit 2 ;;
  esac
  [ "${#1}" -le 128 ] || { echo "ERROR: '$1' is longer than 128 characters (from rule $rule)"; exit 2; }
  case " $tags " in *" $1 "*) ;; *) tags="$tags $1" ;; esac
}
for rule in $MULTIARCH_TAGS; do
  case $rule in
    @git-sha)
      if [ -n "$commit" ]; then add_tag "$(printf '%s' "$commit" | cut -c1-7)"; fi ;;
    @branch)
      # feature/Foo -> feature-foo: lowercase, other characters "-", no leading "." or "-".
      name=$(printf '%s' "$branch" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9_.-' '-' | sed 's/^[.-]*//' | cut -c1-128)
      if [ -n "$name" ]; then add_tag "$name"; fi ;;
    @semver*)
      pattern=${rule#@semver}
      pattern=${pattern#:}
      pattern=${pattern:-'{{version}}'}
      # Pre-releases move fast: they get only patterns that name the whole version.
      case $version/$prerelease/$pattern in
        /*) ;;
        */yes/*'{{version}}'* | *//*) add_tag "$(printf '%s' "$pattern" | sed -e "s/{{version}}/$version/g" -e "s/{{major}}/$major/g" -e "s/{{minor}}/$minor/g" -e "s/{{patch}}/$patch/g")" ;;
      esac ;;
    @latest*)
      default=${rule#@latest}
      default=${default#:}
      if [ "$branch" = "${default:-main}" ] || { [ -n "$version" ] && [ -z "$prerelease" ]; }; then add_tag latest; fi ;;
    *)
      add_tag "$rule" ;;
  esac
done
mkdir -p "$state_dir"
: >"$state_dir/tags"
for tag in $tags; do echo "$tag" >>"$state_dir/tags"; done
if [ -n "$tags" ]; then
  echo "INFO: this build pushes the tags:$tags"
else
  echo "WARNING: no tag applies to this build (rules: $MULTIARCH_TAGS), so it builds and pushes nothing."
fi
