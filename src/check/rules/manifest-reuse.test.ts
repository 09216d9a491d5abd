import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { manifestReuse } from './manifest-reuse.js';

const startEmpty = (tool: string, list: string, purgingPush: string) =>
  `Start from an empty list: run ${tool} manifest rm ${list} >/dev/null 2>&1 || true before it (then --amend is not needed), or push with ${purgingPush} so the list is gone once it is pushed`;

testRule(manifestReuse, {
  valid: [
    example`
      node('podman') {
        sh 'podman manifest rm "$LIST" >/dev/null 2>&1 || true'
        sh 'podman build --platform linux/amd64,linux/arm64 --manifest "$LIST" .'
      }
    `,
    {
      name: 'a list named per build',
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest "localhost/app:$BUILD_TAG" .'
        }
      `,
    },
    {
      name: 'docker manifest push --purge empties the list',
      code: example`
        node('docker') {
          sh 'docker manifest create --amend acme/app:1 acme/app:1-amd64 acme/app:1-arm64'
          sh 'docker manifest push --purge acme/app:1'
        }
      `,
    },
    {
      name: 'a list named per build by the build number, id or tag, the shell pid, mktemp, uuidgen or date',
      code: example`
        node('podman') {
          sh 'podman build --manifest "app:$BUILD_NUMBER" .'
          sh 'podman build --manifest "app-\${BUILD_ID}" .'
          sh 'podman build --manifest "app-$$" .'
          sh 'podman build --manifest "app-$(mktemp -u XXXX)" .'
          sh 'podman build --manifest "app-$(uuidgen)" .'
          sh 'podman build --manifest "app-$( date +%s)" .'
        }
      `,
    },
    {
      name: 'removed under another spelling of the same name: quoted, braced, or its known value',
      code: example`
        node('podman') {
          sh '''
            podman manifest rm "\${LIST_NAME}" || true
            podman build --manifest $LIST_NAME .
            podman manifest rm 'tools-list' || true
            podman build --manifest tools-list tools
            podman manifest rm 'docs-'"$BRANCH" || true
            podman build --manifest "docs-$BRANCH" docs
            OTHER=other-list
            podman manifest rm "$OTHER" || true
            podman build --manifest other-list other
          '''
        }
      `,
    },
    {
      name: "podman's manifest push --rm, which removes the list it pushes",
      code: example`
        node('podman') {
          sh 'podman build --manifest app-list .'
          sh 'podman manifest push --rm app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
    },
    {
      name: "podman's manifest push -p, docker's short --purge, which podman 4.4 takes as --rm",
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
          sh 'podman manifest push -p app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
    },
  ],
  invalid: [
    {
      code: example`
        pipeline {
          agent { label 'podman' }
          environment {
            LIST = 'registry.example.com/acme/app:1.0'
          }
          stages {
            stage('Build') {
              steps {
                sh 'podman build --platform linux/amd64,linux/arm64 --manifest "$LIST" .'
              }
            }
          }
        }
      `,
      errors: ['9:61 buildManifest'],
    },
    {
      name: "docker's manifest create --amend (or -a) into a fixed name",
      code: example`
        node('docker') {
          sh 'docker manifest create --amend acme/app:1 acme/app:1-amd64 acme/app:1-arm64'
          sh 'docker manifest push acme/app:1'
          sh 'docker manifest create -a acme/app:latest acme/app:1-amd64 acme/app:1-arm64'
        }
      `,
      errors: ['2:23 amend', '4:23 amend'],
      fixes: [
        startEmpty('docker', 'acme/app:1', 'docker manifest push --purge'),
        startEmpty('docker', 'acme/app:latest', 'docker manifest push --purge'),
      ],
    },
    {
      name: "buildah's manifest create --amend, whose push empties the list with --rm",
      code: example`
        node('podman') {
          sh 'buildah manifest create --amend app-list registry.example.com/acme/app:1.0-amd64 registry.example.com/acme/app:1.0-arm64'
          sh 'buildah manifest push --all app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
      errors: ['2:24 amend'],
      fixes: [startEmpty('buildah', 'app-list', 'buildah manifest push --rm')],
    },
    {
      name: 'a list of fixed name beside images tagged per build, and a run --rm of the list',
      code: example`
        node('podman') {
          sh 'podman build -t "acme/app:$BUILD_NUMBER" --manifest app-list .'
          sh 'podman run --rm app-list /bin/true'
          sh 'podman push "acme/app:$BUILD_NUMBER"'
        }
      `,
      errors: ['2:48 buildManifest'],
    },
    {
      name: 'buildah manifest push -p, a flag buildah does not have, so the push fails',
      code: example`
        node('podman') {
          sh 'buildah bud --platform linux/amd64,linux/arm64 --manifest app-list .'
          sh 'buildah manifest push -p app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
      errors: ['2:54 buildManifest'],
    },
    {
      name: 'buildah commit --manifest, which adds to the list as a build does',
      code: example`
        node('podman') {
          sh '''
            ctr=$(buildah from --arch arm64 registry.example.com/acme/base:1)
            buildah run "$ctr" -- make install
            buildah commit --manifest app-list "$ctr"
          '''
        }
      `,
      errors: ['5:20 buildManifest'],
    },
  ],
});
