import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { insecureRegistry } from './insecure-registry.js';

testRule(insecureRegistry, {
  valid: [
    {
      name: 'a registry declared insecure in a comment',
      code: example`
        // jenkins-multiarch-insecure-registry: registry.lan:5000
        node('podman') {
          sh 'podman manifest push --all --tls-verify=false app-list docker://registry.lan:5000/acme/app:1.0'
        }
      `,
    },
    {
      name: 'a registry declared insecure in the settings',
      code: example`
        node('podman') {
          sh 'podman pull --tls-verify=false registry.lan:5000/acme/base:1'
        }
      `,
      settings: { insecureRegistries: ['registry.lan:5000'] },
    },
    {
      name: 'TLS verification left on, or set at run time',
      code: example`
        node('podman') {
          sh 'podman pull --tls-verify=true registry.example.com/acme/base:1'
          sh 'podman manifest push --all --tls-verify="$TLS_VERIFY" app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
    },
    {
      name: 'a declared registry written without a port, or as localhost',
      code: example`
        node('podman') {
          sh 'podman login --tls-verify=false registry.lan'
          sh 'podman pull --tls-verify=false registry.lan/acme/base:1'
          sh 'podman push --tls-verify=false localhost/acme/app:1'
        }
      `,
      settings: { insecureRegistries: ['registry.lan', 'localhost'] },
    },
    {
      name: 'the registry among operands that name none: an archive, the command a container runs',
      code: example`
        node('podman') {
          sh 'skopeo copy --src-tls-verify=false docker://registry.lan:5000/acme/app:1 oci-archive:app.tar'
          sh 'podman run --rm --tls-verify=false registry.lan:5000/acme/tools:1 ci/build release'
        }
      `,
      settings: { insecureRegistries: ['registry.lan:5000'] },
    },
    {
      name: 'the destination, the last registry named, is the one declared',
      code: example`
        node('podman') {
          sh 'skopeo copy --dest-tls-verify=false docker://registry.example.com/acme/app:1 docker://registry.lan:5000/acme/app:1'
        }
      `,
      settings: { insecureRegistries: ['registry.lan:5000'] },
    },
    {
      name: "docker's --insecure=false leaves TLS verification on",
      code: example`
        node('docker') {
          sh 'docker manifest push --insecure=false registry.example.com/acme/app:1'
        }
      `,
    },
    {
      name: 'a declared registry beside a local archive, a script path, or as the source of a copy',
      code: example`
        node('podman') {
          sh 'podman run --tls-verify=false registry.lan:5000/ci/build ./build.sh'
          sh 'skopeo copy --dest-tls-verify=false oci-archive:build/app.tar docker://registry.lan:5000/acme/app:1'
          sh 'skopeo copy --src-tls-verify=false docker://registry.lan:5000/acme/app:1 docker://registry.example.com/acme/app:1'
        }
      `,
      settings: { insecureRegistries: ['registry.lan:5000'] },
    },
  ],
  invalid: [
    {
      name: "skopeo's source not declared, though its destination is",
      code: example`
        node('podman') {
          sh 'skopeo copy --src-tls-verify=false docker://registry.example.com/acme/app:1 docker://registry.lan:5000/acme/app:1'
        }
      `,
      settings: { insecureRegistries: ['registry.lan:5000'] },
      errors: ['2:19 tlsVerifyOff'],
    },
    {
      name: 'login and push with --tls-verify=false to a registry not declared',
      code: example`
        node('podman') {
          withCredentials([usernamePassword(credentialsId: 'lab', usernameVariable: 'LAB_USER', passwordVariable: 'LAB_PASSWORD')]) {
            sh '''
              { set +x; } 2>/dev/null
              printf '%s' "$LAB_PASSWORD" | podman login --tls-verify=false --username "$LAB_USER" --password-stdin registry.lan:5000
            '''
          }
          sh 'podman manifest push --all --tls-verify=false app-list docker://registry.lan:5000/acme/app:1.0'
        }
      `,
      errors: ['5:50 tlsVerifyOff', '8:34 tlsVerifyOff'],
    },
    {
      name: "skopeo's --src-tls-verify=false, and a registry known only at run time",
      code: example`
        node('podman') {
          sh 'skopeo copy --src-tls-verify=false docker://registry.lan:5000/acme/app:1 oci-archive:app.tar'
          sh 'podman push --tls-verify=false acme/app:1 "docker://$REGISTRY/acme/app:1"'
        }
      `,
      errors: ['2:19 tlsVerifyOff', '3:19 tlsVerifyOff'],
    },
    {
      name: "docker's --insecure, bare or =true",
      code: example`
        node('docker') {
          sh 'docker manifest create --insecure registry.lan:5000/acme/app:1 registry.lan:5000/acme/app:1-amd64'
          sh 'docker manifest push --insecure=true registry.lan:5000/acme/app:1'
        }
      `,
      errors: ['2:30 tlsVerifyOff', '3:28 tlsVerifyOff'],
    },
  ],
});
