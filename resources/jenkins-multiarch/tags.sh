# jenkins-multiarch tags: this build's tags, computed once from git; push and verify read them.
# Values are only read and printed here, never run.
describe_source
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
      if [ -n "$commit" ]; then
        add_tag "$(printf '%s' "$commit" | cut -c1-7)"
      else
        echo "WARNING: {from: git-sha} gives no tag: GIT_COMMIT is not set and git cannot tell here (is git installed in this container?)."
      fi ;;
    @branch)
      # feature/Foo -> feature-foo: lowercase, other characters "-", no leading "." or "-".
      name=$(printf '%s' "$branch" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9_.-' '-' | sed 's/^[.-]*//' | cut -c1-128)
      if [ -n "$name" ]; then
        add_tag "$name"
      elif [ -z "$release" ]; then
        echo "WARNING: {from: branch} gives no tag: BRANCH_NAME is not set and git cannot tell the branch here."
      fi ;;
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
: >"$state_dir/tags"
for tag in $tags; do echo "$tag" >>"$state_dir/tags"; done
if [ -n "$tags" ]; then
  echo "INFO: this build pushes the tags:$tags"
else
  echo "WARNING: no tag applies to this build (rules: $MULTIARCH_TAGS), so it builds and pushes nothing."
fi
