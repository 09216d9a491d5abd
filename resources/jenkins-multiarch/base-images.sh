# jenkins-multiarch base-images: the images the Dockerfile's FROM lines start from, for the config's
# platforms, as the Preflight stage finds them to check them (base_image_stages in common.sh), one
# line each: LINE|IMAGE|KIND|PLATFORM,...|AS-WRITTEN. `jenkins-multiarch mirror --from-config`
# copies them. It reads the Dockerfile only, and asks podman for this machine's platform only when
# MULTIARCH_BUILD_PLATFORM does not name the platform of the agent that builds (the platform a
# --platform=$BUILDPLATFORM stage runs on). A target that names no stage, or a FROM that names no
# image, is an "ERROR: " line instead, and the exit code is 2: the config or the Dockerfile is wrong.
{ set +x; } 2>/dev/null
if ! find_dockerfile; then
  echo "ERROR: no $MULTIARCH_DOCKERFILE (build.dockerfile) in $(pwd) or in the build context $MULTIARCH_CONTEXT: run this where the source is checked out."
  exit 2
fi
build_platform=${MULTIARCH_BUILD_PLATFORM:-}
if [ -z "$build_platform" ]; then
  if ! arch=$(podman info --format '{{.Host.Arch}}' 2>"$state_dir/podman-info.err"); then
    echo "ERROR: podman cannot tell this machine's platform ($(tail -n 1 "$state_dir/podman-info.err")), which a FROM --platform=\$BUILDPLATFORM runs on: name the build agent's platform instead."
    exit 1
  fi
  build_platform=linux/$arch
fi
status=0
while IFS='|' read -r line image rest; do
  [ -n "$line" ] || continue
  if problem=$(base_image_problem "$line" "$image" "${rest#*|*|}"); then
    echo "ERROR: $problem"
    status=2
  else
    echo "$line|$image|$rest"
  fi
done <<EOF
$(base_image_stages "$dockerfile" "$build_platform")
EOF
exit "$status"
