import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { sandboxRefusedCall } from './sandbox-refused-call.js';

testRule(sandboxRefusedCall, {
  valid: [
    {
      name: 'the steps and whitelisted Java instead',
      code: example`
        def call(Map config = [:]) {
          def home = env.HOME
          def version = readFile('version.txt').trim()
          def started = System.currentTimeMillis()
          def pattern = java.util.regex.Pattern.compile('v(.*)')
          def text = new StringBuilder(version).append(home)
          sleep 1
          echo "\${started} \${pattern} \${text}"
        }
      `,
    },
    {
      name: "an object's method, and a class of another package",
      code: example`
        def call() {
          def b = com.acme.File.open()
          def c = env.getenv("HOME")
          echo "\${b}\${c}"
        }
      `,
    },
    {
      name: 'a Jenkinsfile: nothing says how it is loaded',
      file: 'Jenkinsfile',
      code: example`
        node {
          def home = System.getenv('HOME')
          echo "\${home}"
        }
      `,
    },
    {
      name: "a capitalised key of a step's result, which is no class",
      code: example`
        def call() {
          def image = readJSON(file: 'build.json').Image.trim()
          echo "\${image}"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'the calls libraries often make',
      code: example`
        def call(Map config = [:]) {
          def home = System.getenv('HOME')
          def version = new File("\${home}/version.txt").text
          def jenkins = Jenkins.instance
          System.out.println("building \${version}")
          Thread.sleep(1000)
          def log = new java.io.FileWriter('build.log')
          def controller = jenkins.model.Jenkins.get()
          echo "\${jenkins} \${log} \${controller}"
        }
      `,
      errors: [
        '2:14 envVariable',
        '3:17 fileSteps',
        '4:17 trustedCode',
        '5:3 echoStep',
        '6:3 sleepStep',
        '7:13 fileSteps',
        '8:20 trustedCode',
      ],
    },
    {
      name: 'a file reader and an environment variable, named as script-security names them',
      code: example`
        def call() {
          def reader = new FileReader('version.txt')
          def home = System.getenv('HOME')
          echo "\${reader} \${home}"
        }
      `,
      errors: ['2:16 fileSteps', '3:14 envVariable'],
      messages: ['new java.io.FileReader', 'staticMethod java.lang.System getenv'].map(
        (signature) =>
          `${signature} is not in script-security's generic-whitelist: where this library runs untrusted (loaded by library identifier: …, retriever: …, or a folder's library), the sandbox stops the build at this line ("Scripts not permitted to use ${signature}") until an administrator approves it`,
      ),
    },
    {
      name: 'processes, properties, exit, reflection and the host name',
      code: example`
        def call() {
          def p = new ProcessBuilder('make').start()
          def r = Runtime.getRuntime()
          def v = java.lang.System.getProperty('app.version')
          def c = Class.forName('com.acme.Build')
          def h = InetAddress.getLocalHost()
          System.err.println("\${p} \${r} \${v} \${c} \${h}")
          System.exit(1)
        }
      `,
      errors: [
        '2:11 shStep',
        '3:11 shStep',
        '4:11 parameterOrEnv',
        '5:11 namedClass',
        '6:11 nodeName',
        '7:3 echoStep',
        '8:3 errorStep',
      ],
    },
  ],
});
