import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { secretInterpolation } from './secret-interpolation.js';

/** The warning Jenkins prints for a secret interpolated into an sh step. */
const WARNS =
  'Jenkins warns "A secret was passed to "sh" using Groovy String interpolation, which is insecure"';
const secret = (name: string, step: string, warned: boolean) =>
  `Groovy interpolates ${name} into the ${step} script before the shell runs: the secret becomes part of the command text, which any user on the agent can read in the process list, and it escapes Jenkins' log masking once quoted or transformed${warned ? ` (${WARNS})` : ''}`;
const secretFile = (name: string, step: string, warned: boolean) =>
  `Groovy interpolates ${name}, the path of the secret file withCredentials wrote, into the ${step} script: credentials-binding binds that path as a secret value,${warned ? ` so ${WARNS} for it as for a password,` : ''} and the path, pasted into the script text unquoted, is split or expanded by the shell when the workspace path holds a space, a quote or a $`;

testRule(secretInterpolation, {
  valid: [
    {
      name: 'a variable that is no secret',
      code: example`
        node('podman') {
          sh "echo 'logged in for build \${env.BUILD_NUMBER}'"
        }
      `,
    },
    {
      name: "a secret file's path the shell expands, in single quotes",
      code: example`
        node {
          withCredentials([file(credentialsId: 'svc-keytab', variable: 'KEYTAB_FILE')]) {
            sh 'klist -k "$KEYTAB_FILE"'
          }
        }
      `,
    },
    {
      name: "sshUserPrivateKey's user name is no secret",
      code: example`
        node {
          withCredentials([sshUserPrivateKey(credentialsId: 'deploy', keyFileVariable: 'DEPLOY_KEY', usernameVariable: 'DEPLOY_USER')]) {
            sh "scp -i \\$DEPLOY_KEY app.tar \${DEPLOY_USER}@deploy.example.com:"
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: "usernamePassword's password in a GString script",
      code: example`
        node('podman') {
          withCredentials([usernamePassword(credentialsId: 'registry', usernameVariable: 'REG_USER', passwordVariable: 'REG_SECRET')]) {
            sh """
              { set +x; } 2>/dev/null
              printf '%s' \${REG_SECRET} | podman login --username \${REG_USER} --password-stdin registry.example.com
            """
          }
        }
      `,
      errors: ['5:19 secret'],
      messages: [secret('REG_SECRET', 'sh', true)],
    },
    {
      name: "credentials()' password read as env.NAME_PSW",
      code: example`
        pipeline {
          agent any
          environment {
            NEXUS = credentials('nexus')
          }
          stages {
            stage('Status') {
              steps {
                sh "curl --fail --user admin:\${env.NEXUS_PSW} https://nexus.example.com/service/rest/v1/status"
              }
            }
          }
        }
      `,
      errors: ['9:38 secret'],
    },
    {
      name: 'a variable named like a secret, read as env["NAME"], and a map\'s key named so',
      code: example`
        node {
          sh "curl -H 'Authorization: Bearer \${env['API_TOKEN']}' https://api.example.com/"
          def deploy = readYaml(file: 'deploy.yaml')
          sh "curl -fsS -u ci:\${deploy['REGISTRY_PASSWORD']} https://registry.example.com/v2/"
        }
      `,
      errors: ['2:38 secret', '4:23 secret'],
    },
    {
      name: 'a password parameter',
      code: example`
        pipeline {
          agent any
          parameters {
            password(name: 'DEPLOY_KEY_PASS', description: 'the signing key passphrase')
          }
          stages {
            stage('Sign') {
              steps {
                sh "gpg --batch --passphrase \${params.DEPLOY_KEY_PASS} --sign app.tar"
              }
            }
          }
        }
      `,
      errors: ['9:38 secret'],
    },
    {
      name: 'a library class reading env through its DSL object',
      file: 'src/com/acme/Registry.groovy',
      code: example`
        package com.acme

        class Registry implements Serializable {
          def steps
          Registry(steps) { this.steps = steps }
          void check() {
            steps.sh "curl -fsS -u ci:\${steps.env.REGISTRY_PASSWORD} https://registry.example.com/v2/"
            steps.sh "curl -fsS -H 'Authorization: Bearer \${steps.env['API_TOKEN']}' https://api.example.com/"
          }
        }
      `,
      errors: ['7:31 secret', '8:51 secret'],
    },
    {
      name: "a secret in docker.build's arguments, where Jenkins gives no warning",
      code: example`
        node('docker') {
          withCredentials([string(credentialsId: 'npm', variable: 'NPM_TOKEN')]) {
            docker.build('acme/app', "--build-arg NPM_TOKEN=\${NPM_TOKEN} .")
          }
        }
      `,
      errors: ['3:53 secret'],
      messages: [secret('NPM_TOKEN', 'docker.build', false)],
    },
    {
      name: "file()'s path, keyFileVariable and keystoreVariable interpolated",
      code: example`
        node {
          withCredentials([file(credentialsId: 'svc-keytab', variable: 'KEYTAB_FILE')]) {
            sh "kinit -kt $KEYTAB_FILE svc-build@EXAMPLE.COM"
          }
          withCredentials([
            sshUserPrivateKey(credentialsId: 'deploy', keyFileVariable: 'DEPLOY_KEY', usernameVariable: 'DEPLOY_USER'),
            certificate(credentialsId: 'signing', keystoreVariable: 'KEYSTORE', passwordVariable: 'KEYSTORE_PASS'),
          ]) {
            sh "scp -i \${DEPLOY_KEY} app.tar \${DEPLOY_USER}@deploy.example.com:"
            sh "jarsigner -keystore \${env.KEYSTORE} -storepass:env KEYSTORE_PASS app.jar signing"
          }
        }
      `,
      errors: ['3:19 secretFile', '9:16 secretFile', '10:29 secretFile'],
      messages: [
        secretFile('KEYTAB_FILE', 'sh', true),
        secretFile('DEPLOY_KEY', 'sh', true),
        secretFile('KEYSTORE', 'sh', true),
      ],
    },
    {
      name: 'a secret read inside a larger expression: a method call, its arguments, a concatenation, an index, a ternary',
      code: example`
        node('podman') {
          withCredentials([usernameColonPassword(credentialsId: 'nexus', variable: 'NEXUS_AUTH'), string(credentialsId: 'npm', variable: 'NPM_AUTH')]) {
            sh "npm config set //npm.example.com/:_authToken \${NPM_AUTH.trim()}"
            sh "curl -fsS https://nexus.example.com/login?pass=\${URLEncoder.encode(NEXUS_AUTH, 'UTF-8')}"
            sh "echo \${'Basic ' + NEXUS_AUTH.bytes.encodeBase64()} > auth.txt"
            sh "podman login -u ci --password-stdin registry.example.com <<< \${NEXUS_AUTH.split(':')[1]}"
            sh "echo token starts with \${NPM_AUTH[0..3]}"
            sh "npm publish --//npm.example.com/:_authToken=\${params.DRY_RUN ? 'none' : NPM_AUTH}"
          }
        }
      `,
      errors: [
        '3:54 secret',
        '4:56 secret',
        '5:14 secret',
        '6:70 secret',
        '7:32 secret',
        '8:53 secret',
      ],
    },
    {
      name: "a secret file's path in docker.build's arguments",
      code: example`
        node('docker') {
          withCredentials([file(credentialsId: 'npmrc', variable: 'NPMRC')]) {
            docker.build('acme/app', "--secret id=npmrc,src=\${NPMRC} .")
          }
        }
      `,
      errors: ['3:53 secretFile'],
      messages: [secretFile('NPMRC', 'docker.build', false)],
    },
  ],
});
