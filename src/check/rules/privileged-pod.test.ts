import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { privilegedPod } from './privileged-pod.js';

testRule(privilegedPod, {
  valid: [
    {
      name: 'privileged: false, and privileged: true in a YAML comment',
      code: example`
        podTemplate(containers: [
          containerTemplate(name: 'podman', image: 'quay.io/podman/stable', command: 'sleep', args: 'infinity', privileged: false),
        ], yaml: '''
        spec:
          containers:
          - name: buildah
            image: quay.io/buildah/stable
            securityContext:
              # privileged: true is not needed with BUILDAH_ISOLATION=chroot
              runAsUser: 1000
        ''') {
          node(POD_LABEL) {
            container('podman') {
              sh 'podman build -t acme/app:1.0 .'
            }
          }
        }
      `,
    },
    {
      name: 'an option that only begins like --privileged',
      code: example`
        node('docker') {
          docker.image('maven:3.9').inside('--privileged-mode-is-not-an-option') {
            sh 'mvn -B verify'
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: "containerTemplate's privileged: true, and a privileged securityContext in pod YAML, its values aligned",
      code: example`
        podTemplate(containers: [
          containerTemplate(name: 'podman', image: 'quay.io/podman/stable', command: 'sleep', args: 'infinity', privileged: true),
        ], yaml: '''
        spec:
          containers:
          - name: buildah
            image: quay.io/buildah/stable
            securityContext:
              privileged:               true
              allowPrivilegeEscalation: true
        ''') {
          node(POD_LABEL) {
            container('podman') {
              sh 'podman build -t acme/app:1.0 .'
            }
          }
        }
      `,
      errors: ['2:117 privilegedPod', '9:7-9:37 privilegedPod'],
    },
    {
      name: 'a privileged docker agent for tests',
      code: example`
        pipeline {
          agent {
            docker {
              image 'maven:3.9-eclipse-temurin-17'
              args '--privileged -v $HOME/.m2:/root/.m2'
            }
          }
          stages {
            stage('Test') {
              steps {
                sh 'mvn -B verify'
              }
            }
          }
        }
      `,
      errors: ['5:13 privilegedContainer'],
    },
    {
      name: "inside()'s --privileged=true",
      code: example`
        node('docker') {
          docker.image('maven:3.9').inside('--privileged=true') {
            sh 'mvn -B verify'
          }
        }
      `,
      errors: ['2:37 privilegedContainer'],
    },
  ],
});
