import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { unknownStep } from './unknown-step.js';

/** A library the settings describe, by the names of its vars/. */
const CI_LIB = { libraries: { 'ci-lib': ['deployApp', 'notifyTeam'] } };

testRule(unknownStep, {
  valid: [
    {
      name: "plugin steps, the file's own methods and variables, closure parameters, Groovy's methods, calls on objects",
      code: example`
        def images = ['app', 'worker']

        def retryTwice(Closure body) {
          retry(2) {
            body()
          }
        }

        class Notes implements Serializable {
          def steps
          def add(String text) { steps.echo(text); remember(text) }
          def remember(String text) { text }
        }

        podTemplate(yaml: readTrusted('pod.yaml')) {
          node(POD_LABEL) {
            timestamps {
              ansiColor('xterm') {
                checkout scm
                def notify = { message -> echo message }
                container('podman') {
                  lock('registry') {
                    retryTwice {
                      sh 'make image'
                    }
                  }
                }
                def branches = [:]
                images.each { image ->
                  branches[image] = { stage(image) { sh "make \${image}" } }
                }
                parallel branches
                parallel first: { echo 'a' }, second: { sleep 1 }
                docker.image('alpine:3.20').inside('-u root') {
                  sh 'apk info'
                }
                def version = readFile('VERSION').trim()
                println "version \${version}"
                notify("built \${version}")
                new Notes(steps: this).add('done')
                junit testResults: 'reports/*.xml', allowEmptyResults: true
                archiveArtifacts artifacts: 'dist/**'
                cleanWs()
              }
            }
          }
        }
      `,
    },
    {
      name: 'nothing where no step stands, or where no typo is likely',
      code: example`
        pipeline {
          agent { docker { imag 'alpine' } }
          options { timestmps() }
          stages {
            stage('x') {
              when { branc 'main' }
              steps {
                properties([parameters([strin(name: 'X')])])
                slackSend channel: '#ci'
                config.shh('x')
                script { def shx = { sh 'x' }; shx() }
              }
            }
          }
        }
        class Tool { def run() { shh 'x' } }
      `,
    },
    {
      name: 'a plugin step the catalogue lacks, once the settings name it',
      code: "node { pmd pattern: 'target/pmd.xml' }",
      settings: { steps: ['pmd'] },
    },
    {
      name: "a library's vars, where the file loads it",
      code: example`
        @Library('ci-lib@main') _
        node {
          deployApp()
          notifyTeam()
        }
      `,
      settings: CI_LIB,
    },
    {
      name: "a library's names are not suggested where the file does not load it",
      code: example`
        node {
          notifyTem()
        }
      `,
      settings: CI_LIB,
    },
    {
      name: 'a file that loads a library the settings do not describe is left alone',
      code: example`
        @Library('other') _
        node { shh 'make' }
      `,
    },
    {
      name: "a builder's closure, whose names the builder resolves",
      code: example`
        def xml = new groovy.xml.MarkupBuilder(writer)
        xml.mirrors {
          mirror(id: 'cache', url: 'https://cache.example')
        }
      `,
    },
    {
      name: "the closure of a library's var, which may delegate its names to a configuration",
      code: example`
        @Library('ci-lib') _
        deployApp {
          image 'app'
          tag 'v1'
        }
      `,
      settings: CI_LIB,
    },
    {
      name: "a method's parameter called as a closure",
      code: example`
        def withRegistryLock(Closure block) {
          lock('registry') { block() }
        }
      `,
    },
    {
      name: "a closure's parameter called as a closure",
      code: example`
        def withRegistryLock = { Closure block ->
          lock('registry') { block() }
        }
      `,
    },
    {
      name: 'a variable assigned without def (a binding variable) called as a closure',
      code: example`
        cleanup = { deleteDir() }
        node {
          try { sh 'make' } finally { cleanup() }
        }
      `,
    },
    {
      name: 'short names two edits from any step: steps of plugins the catalogue lacks, not typos',
      code: example`
        node {
          jf 'rt ping'
          yarn 'install'
        }
      `,
    },
    {
      name: 'libraries whose names are computed, which may be any library',
      code: example`
        library params.LIBRARY
        library "\${params.LIBRARY}@main"
        node { shh 'make' }
      `,
      settings: CI_LIB,
    },
    {
      name: "a library whose name is computed, though it begins with a described library's name",
      code: example`
        library "ci-lib\${params.FLAVOUR}"
        node { shh 'make' }
      `,
      settings: CI_LIB,
    },
  ],
  invalid: [
    {
      name: 'a step on either side of an operator: a compound assignment, a condition',
      code: example`
        node('podman') {
          def version = 'v'
          version += readFle('VERSION')
          fileExist('Makefile') && shh('make')
        }
      `,
      errors: ['3:14 typo', '4:3 typo', '4:28 typo'],
    },
    {
      name: 'typos in steps, script, post, and a method of the file',
      code: example`
        pipeline {
          agent { label 'podman' }
          stages {
            stage('Build') {
              steps {
                shh 'make'
                script {
                  def manifest = readJSN file: 'manifest.json'
                  publish(manifest.version)
                }
              }
            }
          }
          post {
            always {
              archivArtifacts artifacts: 'dist/**'
            }
          }
        }

        def publish(String version) {
          timeout(time: 5, unit: 'MINUTES') {
            ech "publishing \${version}"
            withCredentails([string(credentialsId: 'token', variable: 'TOKEN')]) {
              sh 'make publish'
            }
          }
        }
      `,
      errors: ['6:9 typo', '8:26 typo', '16:7 typo', '23:5 typo', '24:5 typo'],
    },
    {
      name: 'at the top level of a scripted file and in if, try and for blocks',
      code: example`
        shh 'make'
        if (true) { ech "a" } else { sh "b" }
        try { deletDir() } finally { cleanWs() }
        for (f in files) { stashh name: f }
      `,
      errors: ['1:1 typo', '2:13 typo', '3:7 typo', '4:20 typo'],
    },
    {
      name: 'a typo of a method the file defines',
      code: example`
        def buildImage() { sh "make" }
        node { buildImag() }
      `,
      errors: ['2:8 typo'],
    },
    {
      name: 'a plugin step the catalogue lacks is taken for a typo until the settings name it',
      code: "node { pmd pattern: 'target/pmd.xml' }",
      errors: ['1:8 typo'],
    },
    {
      name: "a typo of a library's var, where the file loads it",
      code: example`
        library 'ci-lib@main'
        node {
          deployApp()
          notifyTem()
        }
      `,
      settings: CI_LIB,
      errors: ['4:3 typo'],
    },
    {
      name: "a typo of a step of the vars/ file's own library",
      file: 'vars/notifyTeam.groovy',
      code: example`
        def call(String text) {
          echo text
        }
        def call() {
          notifyTem('done')
        }
      `,
      errors: ['5:3 typo'],
    },
    {
      name: 'the call that heads a chain of properties and indexes',
      code: example`
        node {
          def version = readJSN(file: 'manifest.json').version
          def name = readJSN(file: 'manifest.json')['name']
        }
      `,
      errors: ['2:17 typo', '3:14 typo'],
    },
    {
      name: "parallel's branches, as named arguments and as a map",
      code: example`
        parallel linux: { shh 'make' }, windows: { bat 'make' }
        parallel([arm64: { shh 'make' }])
      `,
      errors: ['1:19 typo', '2:20 typo'],
    },
    {
      name: 'an if block whose condition names a variable called trait, not a type declaration',
      code: example`
        def trait = params.TRAIT
        if (trait) { shh 'make' }
      `,
      errors: ['2:14 typo'],
    },
    {
      name: "a typo of a library's var, where library names it among other arguments",
      code: example`
        library changelog: false, identifier: 'ci-lib@main'
        node { notifyTem() }
      `,
      settings: CI_LIB,
      errors: ['2:8 typo'],
    },
    {
      name: "a typo of a library's var, where library's version is interpolated",
      code: example`
        library "ci-lib@\${params.LIB_VERSION}"
        node { notifyTem() }
      `,
      settings: CI_LIB,
      errors: ['2:8 typo'],
    },
    {
      name: "a typo of a library's var, where @Library names it as value =",
      code: example`
        @Library(value = 'ci-lib@main') _
        node { notifyTem() }
      `,
      settings: CI_LIB,
      errors: ['2:8 typo'],
    },
    {
      name: "a typo of a library's var, where @Library is written with its package",
      code: example`
        @org.jenkinsci.plugins.workflow.libs.Library('ci-lib@main') _
        node { notifyTem() }
      `,
      settings: CI_LIB,
      errors: ['2:8 typo'],
    },
    {
      name: "a typo of a library's var, where declarative's libraries loads it",
      code: example`
        pipeline {
          agent any
          libraries { lib('ci-lib@main') }
          stages {
            stage('Deploy') {
              steps { notifyTem() }
            }
          }
        }
      `,
      settings: CI_LIB,
      errors: ['6:15 typo'],
    },
    {
      name: 'an annotation other than @Library loads no library',
      code: example`
        @SuppressWarnings('unchecked')
        def parse(String text) { readJSON text: text }
        node { shh 'make' }
      `,
      errors: ['3:8 typo'],
    },
  ],
});
