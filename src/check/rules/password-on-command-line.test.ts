import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { passwordOnCommandLine } from './password-on-command-line.js';

const pipeInto = (login: string) =>
  `Pipe the password in: { set +x; } 2>/dev/null; printf '%s' "$PASSWORD" | ${login} --username "$USERNAME" --password-stdin REGISTRY`;
const printed = (line: string, printer: string, tool: string) =>
  `${line} puts the password that \`${printer}\` prints on the command line: nothing is interpolated and no variable holds it, but every user on the agent can read it in the process list while ${tool} runs, and Jenkins prints the line with the password in clear when the script is traced (sh runs with set -x; Jenkins masks only values it bound itself)`;
const bound = (argument: string, tool: string, name: string) =>
  `${argument} gets the secret $${name} as a command-line argument: every user on the agent can read it in the process list while ${tool} runs, and the program may print its arguments`;

testRule(passwordOnCommandLine, {
  valid: [
    {
      name: 'the password piped in on stdin',
      code: example`
        node('podman') {
          withCredentials([usernamePassword(credentialsId: 'registry', usernameVariable: 'REG_USER', passwordVariable: 'REG_PASSWORD')]) {
            sh '''
              set +x
              printf '%s' "$REG_PASSWORD" | podman login -u "$REG_USER" --password-stdin registry.example.com
              skopeo copy oci-archive:app.tar docker://registry.example.com/acme/app:1.0
            '''
          }
        }
      `,
    },
    {
      name: "a bound secret in a shell builtin's arguments",
      code: example`
        withCredentials([string(credentialsId: 'sonar', variable: 'SONAR_TOKEN')]) {
          sh '{ set +x; } 2>/dev/null; printf "%s" "$SONAR_TOKEN" > token.txt'
        }
      `,
    },
    {
      name: "a bound secret in a shell builtin's test, declaration or arguments",
      code: example`
        withCredentials([string(credentialsId: 'sonar', variable: 'SONAR_TOKEN')]) {
          sh '''
            { set +x; } 2>/dev/null
            : "\${SONAR_TOKEN:?no Sonar token}"
            test -n "$SONAR_TOKEN"
            [ -n "$SONAR_TOKEN" ]
            [[ -n "$SONAR_TOKEN" ]]
            export SONAR_LOGIN="$SONAR_TOKEN"
            declare -x SONAR_AUTH="$SONAR_TOKEN"
            readonly TOKEN_COPY="$SONAR_TOKEN"
            token_length() { local token="$SONAR_TOKEN"; echo "\${#token}"; }
            set -- "$SONAR_TOKEN"
          '''
        }
      `,
    },
    {
      name: 'a secret file given to a *file option is a path',
      code: example`
        withCredentials([file(credentialsId: 'gcp-sa', variable: 'SA_KEY')]) {
          sh 'gcloud auth activate-service-account --key-file="$SA_KEY"'
        }
      `,
    },
    {
      // A possible miss: which CLI `$CLI` is, and so whether its -p is a password, is unknown here.
      name: 'the login of a command a variable names is not read',
      code: example`
        withCredentials([string(credentialsId: 'oras', variable: 'ORAS_PASSWORD')]) {
          sh '$CLI login registry.example.com -u ci -p "$ORAS_PASSWORD"'
        }
      `,
    },
    {
      name: "an option's value that is `login` is no login subcommand: ssh's -p is its port",
      code: example`
        node {
          sh 'ssh -l login -p 2222 build.example.com uptime'
        }
      `,
    },
    {
      name: "a command named login has no login subcommand: util-linux login's -p keeps the environment",
      code: example`
        node {
          sh 'login -p -f builder'
        }
      `,
    },
    {
      name: 'login deeper than a subcommand stands, in an echoed hint',
      code: example`
        node {
          sh 'echo please run: oc login -p PASSWORD'
        }
      `,
    },
    {
      name: 'a credential given to a *file option, glued with = or as the next word, any case, one dash or two',
      code: example`
        pipeline {
          agent any
          environment {
            SA = credentials('gcp-sa')
            MONGO_KEY = credentials('mongo-client-key')
            CA_KEY = credentials('ca-key')
          }
          stages {
            stage('Deploy') {
              steps {
                sh 'gcloud auth activate-service-account --key-file="$SA"'
                sh 'mongosh --tls --tlsCertificateKeyFile "$MONGO_KEY" mongodb://db.example.com/app'
                sh 'openssl ca -batch -keyfile "$CA_KEY" -in app.csr -out app.crt'
              }
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a bound secret after a file that is no option, before a *file option, after an option starting with file',
      code: example`
        node {
          withCredentials([string(credentialsId: 'publish', variable: 'PUBLISH_TOKEN')]) {
            sh 'make -f ci-Makefile PUBLISH_TOKEN="$PUBLISH_TOKEN" publish'
            sh './deploy.sh --token "$PUBLISH_TOKEN" --env-file prod.env'
            sh 'rclone copy dist ff: --filefabric-permanent-token="$PUBLISH_TOKEN"'
            sh '''
              curl -X POST --data="{
                \\"token\\": \\"$PUBLISH_TOKEN\\"
              }" https://hooks.example.com/publish
            '''
          }
        }
      `,
      errors: ['3:29 boundSecret', '4:29 boundSecret', '5:30 boundSecret', '7:20-9:9 boundSecret'],
      messages: [
        bound('make', 'make', 'PUBLISH_TOKEN'),
        bound('deploy.sh', 'deploy.sh', 'PUBLISH_TOKEN'),
        bound('rclone --filefabric-permanent-token', 'rclone', 'PUBLISH_TOKEN'),
        // The option's name ends at its =, though its value spans lines.
        bound('curl --data', 'curl', 'PUBLISH_TOKEN'),
      ],
    },
    {
      name: 'a CLI named by its path is that CLI; login as deep as a CLI run through another',
      code: example`
        withCredentials([string(credentialsId: 'os', variable: 'OS_TOKEN'), string(credentialsId: 'oras', variable: 'ORAS_PASSWORD')]) {
          sh '/usr/local/bin/oc login https://api.example.com --token=$OS_TOKEN'
          sh 'poetry run oras login registry.example.com -u ci -p "$ORAS_PASSWORD"'
        }
      `,
      errors: ['2:55 ocPasswordOption', '3:56 passwordOption'],
      fixes: [
        "oc login reads no password from stdin: give it a kubeconfig instead, withCredentials([file(credentialsId: …, variable: 'KUBECONFIG')]), and drop the login",
        pipeInto('poetry run oras login'),
      ],
    },
    {
      name: 'login -p and --dest-creds with the password; the fix pipes it into the login',
      code: example`
        node('podman') {
          withCredentials([usernamePassword(credentialsId: 'registry', usernameVariable: 'REG_USER', passwordVariable: 'REG_PASSWORD')]) {
            sh '''
              set +x
              podman login -u "$REG_USER" -p "$REG_PASSWORD" registry.example.com
              skopeo copy --dest-creds "$REG_USER:$REG_PASSWORD" oci-archive:app.tar docker://registry.example.com/acme/app:1.0
              helm registry login registry.example.com -u "$REG_USER" -p "$REG_PASSWORD"
            '''
          }
        }
      `,
      errors: ['5:35-5:53 passwordOption', '6:19-6:57 passwordOption', '7:63-7:81 passwordOption'],
      fixes: [pipeInto('podman login'), pipeInto('skopeo login'), pipeInto('helm registry login')],
    },
    {
      name: 'a password a command substitution prints, escaped from Groovy',
      code: example`
        node('docker') {
          sh "docker login -u ci -p \\$(oc whoami -t) registry.apps.example.com"
          sh "helm registry login registry.example.com --username ci --password=\\$( cat /run/secrets/helm )"
        }
      `,
      errors: ['2:26 commandSubstitution', '3:62 commandSubstitution'],
      messages: [
        printed('docker login -p $(oc whoami -t)', 'oc whoami -t', 'docker'),
        printed(
          'helm registry login --password $( cat /run/secrets/helm )',
          'cat /run/secrets/helm',
          'helm',
        ),
      ],
    },
    {
      name: 'oc login --token, which has no stdin to read it from',
      code: example`
        withCredentials([string(credentialsId: 'os', variable: 'OS_TOKEN')]) {
          sh 'oc login https://api.example.com --token=$OS_TOKEN'
        }
      `,
      errors: ['2:40 ocPasswordOption'],
    },
    {
      name: 'oc login --token with the token a command prints',
      code: example`
        node {
          sh 'oc login https://api.example.com --token="$(cat /var/run/secrets/kubernetes.io/serviceaccount/token)"'
        }
      `,
      errors: ['2:40 ocCommandSubstitution'],
    },
    {
      name: "a bound secret in a program's option and in a plain argument",
      code: example`
        withCredentials([string(credentialsId: 'sonar', variable: 'SONAR_TOKEN')]) {
          sh './mvnw -B sonar:sonar -Dsonar.token=\${SONAR_TOKEN}'
          sh 'curl -H "Authorization: Bearer $SONAR_TOKEN" https://sonar.example.com/api/system/status'
        }
      `,
      errors: ['2:29 boundSecret', '3:15 boundSecret'],
      messages: [
        bound('mvnw -Dsonar.token', 'mvnw', 'SONAR_TOKEN'),
        bound('curl', 'curl', 'SONAR_TOKEN'),
      ],
    },
  ],
});
