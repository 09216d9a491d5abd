# jenkins-multiarch login: the password only ever travels through a pipe, with tracing off.
{ set +x; } 2>/dev/null
umask 077
echo "INFO: logging in to $MULTIARCH_LOGIN_REGISTRY as $MULTIARCH_REGISTRY_USER"
printf '%s' "$MULTIARCH_REGISTRY_PASSWORD" |
  podman login "$(tls_flag "$MULTIARCH_LOGIN_REGISTRY")" --username "$MULTIARCH_REGISTRY_USER" --password-stdin "$MULTIARCH_LOGIN_REGISTRY"
