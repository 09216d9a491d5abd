import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { insecureRegistry } from './insecure-registry.js';

const declareOrTrust = (registry: string, host: string, certsHost: string) =>
  `If ${registry} is insecure on purpose, say so: list it under insecureRegistries in .jenkins-multiarch-check.yaml, or add the comment // jenkins-multiarch-insecure-registry: ${host}. Otherwise install its CA certificate on the agent (/etc/containers/certs.d/${certsHost}/ca.crt) and drop the option`;
const turnsOff = (option: string, registry: string) =>
  `${option} turns off certificate checks (and allows plain HTTP) towards ${registry}: anyone on the network path can pose as the registry, serve altered images and capture the credentials sent to it`;

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
      name: 'an option held by a variable known only in part, keeping TLS on, or set either way',
      code: example`
        node('podman') {
          withEnv(["TLS=--tls-verify=\${params.VERIFY}", 'ON=--tls-verify=true']) {
            sh 'podman push $TLS app docker://registry.lan:5000/acme/app:1.0'
            sh 'podman push $ON app docker://registry.lan:5000/acme/app:1.0'
          }
          sh '''
            pull_tls=--tls-verify=true
            if [ -n "$INSECURE" ]; then pull_tls=--tls-verify=false; fi
            podman pull "$pull_tls" registry.lan:5000/acme/base:1
          '''
        }
      `,
    },
    {
      name: 'a declared registry written without a port, or as localhost with or without one',
      code: example`
        node('podman') {
          sh 'podman login --tls-verify=false registry.lan'
          sh 'podman login --tls-verify=false localhost'
          sh 'podman pull --tls-verify=false registry.lan/acme/base:1'
          sh 'podman push --tls-verify=false localhost/acme/app:1'
          sh 'podman push --tls-verify=false localhost:5000/acme/app:1'
        }
      `,
      settings: { insecureRegistries: ['registry.lan', 'localhost', 'localhost:5000'] },
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
      name: 'a declared registry written out before a run-time tag',
      code: example`
        // jenkins-multiarch-insecure-registry: registry.lan:5000
        pipeline {
          agent { label 'podman' }
          environment { IMAGE = "registry.lan:5000/acme/app:\${env.BUILD_NUMBER}" }
          stages {
            stage('Push') {
              steps {
                sh "podman push --tls-verify=false registry.lan:5000/acme/app:\${env.BUILD_NUMBER}"
                sh 'podman push --tls-verify=false "registry.lan:5000/acme/app:$BUILD_NUMBER"'
                sh 'podman push --tls-verify=false $IMAGE'
              }
            }
          }
        }
      `,
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
          sh 'podman run --tls-verify=false registry.lan:5000/ci/tools:1 python3 run.py'
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
      name: 'the option held by a variable, set in the script or by withEnv',
      code: example`
        node('podman') {
          withEnv(['TLS=--tls-verify=false']) {
            sh 'podman push $TLS app docker://registry.lan:5000/acme/app:1.0'
          }
          sh '''
            SKIP_TLS="--tls-verify=false"
            podman pull "$SKIP_TLS" registry.lan:5000/acme/base:1
          '''
        }
      `,
      errors: ['3:21 tlsVerifyOff', '7:17 tlsVerifyOff'],
    },
    {
      name: "skopeo's --src-tls-verify=false, a registry known only at run time, or not named",
      code: example`
        node('podman') {
          sh 'skopeo copy --src-tls-verify=false docker://registry.lan:5000/acme/app:1 oci-archive:app.tar'
          sh 'podman push --tls-verify=false acme/app:1 "docker://$REGISTRY/acme/app:$BUILD_NUMBER"'
          sh 'podman pull --tls-verify=false alpine:3'
          withEnv(["IMAGE=registry.\${params.SITE}.example.com/acme/app:1"]) {
            sh 'podman push --tls-verify=false "$IMAGE"'
          }
          sh 'podman push --tls-verify=false acme/app:1 $(cat destination.txt)'
        }
      `,
      errors: [
        '2:19-2:41 tlsVerifyOff',
        '3:19-3:37 tlsVerifyOff',
        '4:19-4:37 tlsVerifyOff',
        '6:21-6:39 tlsVerifyOff',
        '8:19-8:37 tlsVerifyOff',
      ],
      messages: [
        turnsOff('--src-tls-verify=false', 'registry.lan:5000'),
        turnsOff('--tls-verify=false', 'the registry'),
        turnsOff('--tls-verify=false', 'the registry'),
        turnsOff('--tls-verify=false', 'the registry'),
        turnsOff('--tls-verify=false', 'the registry'),
      ],
      fixes: [
        declareOrTrust('registry.lan:5000', 'registry.lan:5000', 'registry.lan:5000'),
        declareOrTrust('the registry', 'HOST[:PORT]', 'HOST'),
        declareOrTrust('the registry', 'HOST[:PORT]', 'HOST'),
        declareOrTrust('the registry', 'HOST[:PORT]', 'HOST'),
        declareOrTrust('the registry', 'HOST[:PORT]', 'HOST'),
      ],
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
