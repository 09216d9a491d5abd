import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { missingQemuPreflight } from './missing-qemu-preflight.js';

testRule(missingQemuPreflight, {
  valid: [
    {
      name: 'a preflight stage that greps the binfmt_misc handlers',
      code: example`
        def platforms = 'linux/amd64,linux/arm64,linux/s390x'

        pipeline {
          agent { label 'podman' }
          stages {
            stage('Preflight') {
              steps {
                sh '''
                  for handler in qemu-aarch64 qemu-s390x; do
                    grep -q enabled "/proc/sys/fs/binfmt_misc/$handler"
                  done
                '''
              }
            }
            stage('Build') {
              steps {
                sh 'podman build --platform=' + platforms + ' --manifest app-list .'
              }
            }
          }
        }
      `,
    },
    {
      name: 'emulation set up with tonistiigi/binfmt',
      code: example`
        node('podman') {
          sh 'podman run --privileged --rm docker.io/tonistiigi/binfmt --install arm64'
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
        }
      `,
    },
    {
      name: "the agent's own architecture, with no label naming one",
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64 -t acme/app:amd64 .'
        }
      `,
    },
    {
      name: 'an arm64 agent building arm64',
      code: example`
        node('podman && arm64') {
          sh 'podman build --platform linux/arm64 -t acme/app:arm64 .'
        }
      `,
    },
    {
      name: 'an aarch64 agent runs linux/arm/v7 natively',
      code: example`
        node('docker && aarch64') {
          sh 'docker buildx build --platform linux/arm/v7 -t acme/app:armv7 --push .'
        }
      `,
    },
    {
      name: "a trailing comma adds the agent's own platform, which runs natively",
      // buildah pkg/parse Platform, which podman build uses: an empty entry is the default platform.
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64, -t acme/app:amd64 .'
        }
      `,
    },
    {
      name: 'platforms partly from a build parameter are not known, so nothing is said',
      code: example`
        pipeline {
          agent { label 'podman' }
          environment {
            PLATFORMS = "linux/amd64,\${params.EXTRA_PLATFORM}"
          }
          stages {
            stage('Build') {
              steps {
                sh 'podman build --platform "$PLATFORMS" --manifest app-list .'
              }
            }
          }
        }
      `,
    },
    {
      name: 'pulling an arm64 image runs nothing under QEMU',
      code: example`
        node('podman && amd64') {
          sh 'podman pull --platform linux/arm64 docker.io/library/alpine:3.20'
        }
      `,
    },
  ],
  invalid: [
    {
      code: example`
        def platforms = 'linux/amd64,linux/arm64,linux/s390x'

        pipeline {
          agent { label 'podman' }
          stages {
            stage('Build') {
              steps {
                sh 'podman manifest rm app-list >/dev/null 2>&1 || true'
                sh 'podman build --platform=' + platforms + ' --manifest app-list .'
                sh 'podman build --platform=linux/amd64,linux/arm64 --manifest tools-list tools'
                sh 'podman build --platform=linux/amd64,linux/arm64 --manifest migrate-list migrations'
              }
            }
          }
        }
      `,
      errors: ['9:26 multiArch'],
      messages: [
        'Building linux/amd64,linux/arm64,linux/s390x (and 2 more commands) runs the RUN steps of all but one architecture under QEMU, and nothing in this pipeline checks that the agent has binfmt_misc handlers for the foreign architecture: on an agent without them the build fails midway with "exec format error"',
      ],
    },
    {
      name: 'docker.build for arm64 on agent any; the amd64 one is native',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                script {
                  docker.build('acme/app:amd64', '--platform linux/amd64 .')
                  def arm = docker.build('acme/app:arm64', '--platform linux/arm64 .')
                  arm.inside('--platform linux/arm64') {
                    sh 'make test'
                  }
                }
              }
            }
          }
        }
      `,
      errors: ['8:53-8:75 foreignBuild'],
      messages: [
        'Building linux/arm64 (and 1 more command) on any agent (no label in this file names an architecture, and most agents are x86-64) runs it under QEMU, and nothing in this pipeline checks that the agent has binfmt_misc handlers for the foreign architecture: on an agent without them the build fails midway with "exec format error"',
      ],
    },
    {
      name: 'native builds on agents of each architecture, and one under QEMU',
      code: example`
        node('amd64') {
          sh 'podman build --platform linux/amd64 -t acme/app:amd64 .'
          sh 'podman build --platform linux/s390x -t acme/app:s390x .'
        }
        node('arm64') {
          sh 'podman build --platform linux/arm64 -t acme/app:arm64 .'
        }
      `,
      errors: ['3:20 foreignBuild'],
      messages: [
        'Building linux/s390x on agents labelled for amd64, arm64 runs it under QEMU, and nothing in this pipeline checks that the agent has binfmt_misc handlers for the foreign architecture: on an agent without them the build fails midway with "exec format error"',
      ],
    },
    {
      name: 'an x64 agent does not run linux/arm/v7',
      code: example`
        node('docker && x64') {
          sh 'docker buildx build --platform linux/arm/v7 -t acme/app:armv7 --push .'
        }
      `,
      errors: ['2:27 foreignBuild'],
    },
    {
      name: 'a container run as arm64 on an amd64 agent',
      code: example`
        node('podman && amd64') {
          sh 'podman run --rm --platform linux/arm64 acme/app:1.0 ./selftest'
        }
      `,
      errors: ['2:23 foreignContainer'],
    },
    {
      name: 'a container created as arm64 on an amd64 agent',
      code: example`
        node('podman && amd64') {
          sh 'podman create --name selftest --platform linux/arm64 acme/app:1.0 ./selftest'
        }
      `,
      errors: ['2:37 foreignContainer'],
    },
    {
      name: '`container run` is run',
      code: example`
        node('podman && amd64') {
          sh 'docker container run --rm --platform linux/arm64 acme/app:1.0 ./selftest'
        }
      `,
      errors: ['2:33 foreignContainer'],
    },
    {
      name: 'a two-platform build on agents labelled for both runs one of them under QEMU',
      code: example`
        node('amd64 || arm64') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
        }
      `,
      errors: ['2:20 multiArch'],
    },
    {
      name: 'a Windows bat step beside the build, which has no shell script to search',
      code: example`
        node('podman') {
          sh 'podman build --platform linux/amd64,linux/arm64 --manifest app-list .'
        }
        node('windows') {
          bat 'echo %BUILD_TAG%'
        }
      `,
      errors: ['2:20 multiArch'],
    },
  ],
});
