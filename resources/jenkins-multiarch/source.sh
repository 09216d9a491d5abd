# jenkins-multiarch source: right after the checkout, where git is, record what this build is
# built from for the later steps (see describe_source).
rm -rf "$state_dir/source"
describe_source
mkdir -p "$state_dir/source"
printf '%s' "$commit" >"$state_dir/source/commit"
printf '%s' "$branch" >"$state_dir/source/branch"
printf '%s' "$release" >"$state_dir/source/release"
printf '%s' "$origin" >"$state_dir/source/origin"
echo "INFO: recorded commit ${commit:-unknown}, branch ${branch:-none}, release tag ${release:-none}"
