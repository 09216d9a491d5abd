import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { noncpsStep } from './noncps-step.js';

testRule(noncpsStep, {
  valid: [
    {
      name: 'steps in CPS methods, closures included; plain Groovy (sprintf is no step) in the @NonCPS one',
      code: example`
        @NonCPS
        def parseVersions(String text) {
          text.readLines().findAll { it }.collect { sprintf('%-12s', it.trim()) }
        }

        def echoAll(List versions) {
          versions.each { v -> echo v }
        }

        node {
          def versions = parseVersions(readFile('versions.txt'))
          echo "found \${versions.size()} versions"
          echoAll(versions)
        }
      `,
    },
    {
      name: 'the synchronous steps, which return at once, in a @NonCPS method',
      code: example`
        @NonCPS
        def describe(List versions) {
          if (versions.isEmpty()) error 'no versions'
          if (versions.size() > 9) unstable 'many versions'
          echo "\${versions.size()} versions in \${pwd()}, unix: \${isUnix()}"
          versions.join(',')
        }
        node { describe(['1.0']) }
      `,
    },
    {
      name: "a method of the file's own with a step's name is the method",
      code: example`
        @NonCPS
        def c() { build() }
        def build() { echo "x" }
        node { c() }
      `,
    },
  ],
  invalid: [
    {
      name: 'a step in a @NonCPS method, in its closure, and in a class',
      code: example`
        @NonCPS
        def parseVersions(String text) {
          def versions = text.readLines().findAll { it }
          sh "echo found \${versions.size()} versions"
          versions.each { v -> writeFile file: "\${v}.txt", text: v }
          return versions
        }

        class Notes implements Serializable {
          def steps
          @NonCPS
          def log(String message) { steps.sh "echo \${message}" }
        }

        node {
          def versions = parseVersions(readFile('versions.txt'))
          new Notes(steps: this).log("\${versions}")
        }
      `,
      errors: ['4:3 stepInNonCps', '5:24 stepInNonCps', '12:29 stepInNonCps'],
    },
    {
      name: '@NonCPS written in full, and on a line of its own before',
      code: example`
        @com.cloudbees.groovy.cps.NonCPS
        def a() { sh "make" }
        @NonCPS

        def b() { node { } }
        node { a(); b() }
      `,
      errors: ['2:11 stepInNonCps', '5:11 stepInNonCps'],
    },
  ],
});
