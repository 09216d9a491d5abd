import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { manifestCreateWithoutAmend } from './manifest-create-without-amend.js';

testRule(manifestCreateWithoutAmend, {
  valid: [
    example`
      node('podman') {
        sh '''
          podman manifest exists app-list && podman manifest rm app-list
          podman manifest create app-list
        '''
      }
    `,
    {
      name: 'create --amend (or -a) adds to the list on purpose',
      code: example`
        node('docker') {
          sh 'docker manifest create --amend acme/tools:1.0 acme/tools:1.0-amd64'
          sh 'docker manifest push --purge acme/tools:1.0'
          sh 'docker manifest create -a acme/tools:latest acme/tools:1.0-amd64'
        }
      `,
    },
    {
      name: 'a purging push removes the list for the next run',
      code: example`
        node('podman') {
          sh 'podman manifest create app-list'
          sh 'podman manifest push --rm app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
    },
    {
      name: 'created only when manifest exists says it is not there',
      code: example`
        node('podman') {
          sh 'podman manifest exists app-list || podman manifest create app-list'
        }
      `,
    },
    {
      name: 'a list named per build',
      code: example`
        node('podman') {
          sh 'podman manifest create "app-list-$BUILD_NUMBER"'
        }
      `,
    },
  ],
  invalid: [
    {
      code: example`
        node('podman') {
          sh '''
            podman manifest create app-list
            podman manifest add app-list docker://registry.example.com/acme/app:1.0-amd64
            podman manifest push --all app-list docker://registry.example.com/acme/app:1.0
          '''
        }
      `,
      errors: ['3:21 listExists'],
    },
    {
      name: "docker's manifest create into a fixed name, pushed without --purge",
      code: example`
        node('docker') {
          sh 'docker manifest create acme/app:stable acme/app:1.0-amd64 acme/app:1.0-arm64'
          sh 'docker manifest push acme/app:stable'
        }
      `,
      errors: ['2:23 listExists'],
    },
    {
      name: "buildah's manifest create, removed only after the push",
      code: example`
        node('podman') {
          sh 'buildah manifest create app-list'
          sh 'buildah manifest push --all app-list docker://registry.example.com/acme/app:1.0'
        }
      `,
      errors: ['2:24 listExists'],
    },
  ],
});
