# jenkins-multiarch login: the password only ever travels through a pipe, with tracing off.
{ set +x; } 2>/dev/null
umask 077
echo "INFO: logging in to $MULTIARCH_LOGIN_REGISTRY as $MULTIARCH_REGISTRY_USER"
# podman's own lines go to the log (fd 3); its error, into the one line that says the fix.
if ! { login_error=$(
  printf '%s' "$MULTIARCH_REGISTRY_PASSWORD" |
    podman login "$(tls_flag "$MULTIARCH_LOGIN_REGISTRY")" --username "$MULTIARCH_REGISTRY_USER" --password-stdin "$MULTIARCH_LOGIN_REGISTRY" 2>&1 >&3
); } 3>&1; then
  registry_problem "$MULTIARCH_LOGIN_REGISTRY" "$login_error" || case $login_error in
    *'invalid username/password'* | *unauthorized*)
      echo "ERROR: registry $MULTIARCH_LOGIN_REGISTRY refuses the login of $MULTIARCH_REGISTRY_USER from Jenkins credentials '$(credentials_id "$MULTIARCH_LOGIN_REGISTRY")' ($(registry_reason "$login_error")): correct that credential's username and password in Jenkins, or name the right credentials in credentialsId for $MULTIARCH_LOGIN_REGISTRY in registries." ;;
    *) echo "ERROR: logging in to registry $MULTIARCH_LOGIN_REGISTRY as $MULTIARCH_REGISTRY_USER failed: $(registry_reason "$login_error")" ;;
  esac
  exit 1
fi
