import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { misplacedSection } from './misplaced-section.js';

/** What each kind of block allows, as the notASection messages list it. */
const ALLOWED: Record<string, string> = {
  parallel: 'stage',
  input: 'message, id, ok, submitter, submitterParameter, parameters',
  matrix: 'axes, excludes, stages, agent, when, post, options, input, tools, environment',
  axes: 'axis',
  'an axis': 'name, values',
  excludes: 'exclude',
  'an exclude': 'axis',
  "an exclude's axis": 'name, values, notValues',
};

testRule(misplacedSection, {
  valid: [
    {
      name: 'every section where it may stand',
      code: example`
        pipeline {
          agent { label 'linux' }
          environment {
            IMAGE = 'registry.example.com/acme/app'
          }
          options {
            timeout(time: 1, unit: 'HOURS')
            buildDiscarder(logRotator(numToKeepStr: '10'))
          }
          parameters {
            string(name: 'TAG', defaultValue: 'latest', description: 'Image tag')
          }
          triggers {
            cron('H 4 * * 1-5')
          }
          tools {
            jdk 'jdk17'
          }
          libraries {
            lib('pipeline-helpers@1.0')
          }
          stages {
            stage('Prepare') {
              options { retry(2) }
              input {
                message 'Build?'
                id 'prepare'
                ok 'Yes'
                submitter 'admins'
                submitterParameter 'APPROVER'
                parameters {
                  string(name: 'REASON', defaultValue: '', description: 'Why')
                }
              }
              steps {
                sh 'make prepare'
              }
            }
            stage('Checks') {
              failFast true
              parallel {
                stage('Lint') {
                  agent { label 'lint' }
                  steps { sh 'make lint' }
                }
                stage('Unit') {
                  stages {
                    stage('Compile') { steps { sh 'make' } }
                    stage('Test') { steps { sh 'make test' } }
                  }
                }
              }
            }
            stage('Build') {
              matrix {
                agent { label 'linux' }
                axes {
                  axis {
                    name 'OS'
                    values 'debian', 'alpine'
                  }
                }
                excludes {
                  exclude {
                    axis {
                      name 'OS'
                      notValues 'debian'
                    }
                  }
                  exclude {
                    axis {
                      name 'OS'
                      values 'alpine'
                    }
                  }
                }
                when { beforeAgent true; branch 'main' }
                environment { FLAVOUR = 'release' }
                stages {
                  stage('Image') {
                    steps {
                      sh 'make image'
                    }
                  }
                }
                post { always { echo 'cell done' } }
              }
            }
          }
          post {
            always { echo 'done' }
          }
        }
      `,
    },
    {
      name: 'an agent beside nested stages, which run on it',
      code: example`
        pipeline {
          agent none
          stages {
            stage('Outer') {
              agent any
              stages {
                stage('Inner') { steps { sh 'make' } }
              }
            }
          }
        }
      `,
    },
    {
      name: "a library step's pipeline inside call, which is not read",
      code: example`
        def call(Map config = [:]) {
          pipeline {
            steps { sh 'make' }
          }
        }
      `,
    },
    {
      name: "a condition unknown inside allOf: unknown-when-condition's to report",
      code: example`
        pipeline {
          agent any
          stages {
            stage('Deploy') {
              when { allOf { branchh 'main' } }
              steps { sh 'make deploy' }
            }
          }
        }
      `,
    },
    {
      name: 'a scripted pipeline, which has no sections',
      code: example`
        node {
          steps { sh 'x' }
          stage('Build') { sh 'make' }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a variable declared straight in the pipeline',
      code: example`
        pipeline {
          agent any
          def version = '1.0'
          stages {
            stage('Build') { steps { sh 'make' } }
          }
        }
      `,
      errors: ['3:3 notASection'],
    },
    {
      name: 'steps outside a stage, when in stages, a when and a post condition straight in a stage',
      code: example`
        pipeline {
          agent any
          steps {
            sh 'make'
          }
          stages {
            stage('Build') {
              branch 'main'
              steps { sh 'make' }
              failure { echo 'failed' }
            }
            when { branch 'main' }
          }
        }
      `,
      errors: [
        '3:3 belongsElsewhere',
        '8:7 belongsElsewhere',
        '10:7 belongsElsewhere',
        '12:5 belongsElsewhere',
      ],
      messages: [
        '"steps" cannot stand in pipeline: it belongs in a stage; allowed in pipeline: agent, environment, options, parameters, triggers, tools, libraries, stages, post. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
        '"branch" cannot stand in a stage: it belongs in when; allowed in a stage: steps, stages, parallel, matrix, agent, when, post, options, input, tools, environment, failFast. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
        '"failure" cannot stand in a stage: it belongs in post; allowed in a stage: steps, stages, parallel, matrix, agent, when, post, options, input, tools, environment, failFast. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
        '"when" cannot stand in stages: it belongs in a stage or matrix; allowed in stages: stage. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
      ],
      fixes: [
        'Move "steps" into a stage: stages { stage(\'Build\') { steps { … } } }',
        'Move "branch" into when',
        'Move "failure" into post',
        'Move "when" into a stage',
      ],
    },
    {
      // ModelParser reads only method calls as sections (ASTParserUtils.matchMethodCall): a bare
      // name is "Not a valid stage section definition", and a call on an object ("docker.…") is
      // refused by parseMethodName.
      name: 'a section name standing alone, and a call on an object, straight in a stage',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              failFast
              docker.withRegistry('https://registry.example.com') { sh 'make push' }
              steps { sh 'make' }
            }
          }
        }
      `,
      errors: ['5:7 notASection', '6:7 notASection'],
    },
    {
      name: 'a statement that is no section, in each kind of block',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Test') {
              parallel {
                x = 1
                stage('Unit') { steps { sh 'make unit' } }
              }
            }
            stage('Build') {
              input {
                x = 1
                message 'Build?'
              }
              matrix {
                x = 1
                axes {
                  x = 1
                  axis {
                    x = 1
                    name 'OS'
                    values 'debian'
                  }
                }
                excludes {
                  x = 1
                  exclude {
                    x = 1
                    axis {
                      x = 1
                      name 'OS'
                      values 'debian'
                    }
                  }
                }
                stages { stage('Image') { steps { sh 'make image' } } }
              }
            }
          }
        }
      `,
      errors: [
        '6:9 notASection',
        '12:9 notASection',
        '16:9 notASection',
        '18:11 notASection',
        '20:13 notASection',
        '26:11 notASection',
        '28:13 notASection',
        '30:15 notASection',
      ],
      messages: [
        'parallel',
        'input',
        'matrix',
        'axes',
        'an axis',
        'excludes',
        'an exclude',
        "an exclude's axis",
      ].map(
        (block) =>
          `Only sections may stand in ${block}, and this statement is none (allowed in ${block}: ${ALLOWED[block]}): Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs ("Not a valid section definition")`,
      ),
    },
    {
      name: 'a misspelt section',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              stpes {
                sh 'make'
              }
            }
          }
        }
      `,
      errors: ['5:7 misspelt'],
    },
    {
      name: 'a step straight in a stage',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps { sh 'make' }
              sh 'make test'
            }
          }
        }
      `,
      errors: ['6:7 unknownInStage'],
    },
    {
      name: 'a section named like an Object property in the pipeline',
      code: example`
        pipeline {
          agent any
          constructor { }
          stages {
            stage('Build') { steps { sh 'make' } }
          }
        }
      `,
      errors: ['3:3 unknownSection'],
    },
    {
      name: 'parallel inside a parallel stage',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Test') {
              parallel {
                stage('Unit') {
                  parallel {
                    stage('Fast') { steps { sh 'make fast' } }
                  }
                }
              }
            }
          }
        }
      `,
      errors: ['7:11 nestedFanOut'],
    },
    {
      name: "parallel in a matrix's stage",
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              matrix {
                axes { axis { name 'OS'; values 'debian' } }
                stages {
                  stage('Image') {
                    parallel {
                      stage('Fast') { steps { sh 'make fast' } }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      errors: ['9:13 nestedFanOut'],
    },
    {
      name: 'a matrix in a stage of a parallel, at any depth',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Outer') {
              parallel {
                stage('A') {
                  stages {
                    stage('B') {
                      matrix {
                        axes { axis { name 'X'; values 'y' } }
                        stages { stage('Build') { steps { sh 'make' } } }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      errors: ['9:15 nestedFanOut'],
    },
    {
      name: 'agent and tools beside parallel stages, in a stage named or not',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Test') {
              agent { label 'x' }
              parallel {
                stage('Unit') { steps { sh 'make unit' } }
              }
            }
            stage("Package \${FLAVOUR}") {
              tools { jdk 'jdk17' }
              matrix {
                axes { axis { name 'OS'; values 'debian' } }
                stages { stage('Tarball') { steps { sh 'make dist' } } }
              }
            }
          }
        }
      `,
      errors: ['5:7 besideFanOut', '11:7 besideFanOut'],
      messages: [
        '"agent" cannot stand in stage "Test", which holds parallel or matrix stages: those stages run on agents of their own. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
        '"tools" cannot stand in stage, which holds parallel or matrix stages: those stages run on agents of their own. Jenkins rejects the whole Jenkinsfile when it compiles it, before any stage runs',
      ],
    },
    {
      name: 'parallel straight in the pipeline, where only the parallel is misplaced, not the agent',
      code: example`
        pipeline {
          agent { label 'podman' }
          parallel {
            stage('amd64') { steps { sh 'make amd64' } }
            stage('arm64') { steps { sh 'make arm64' } }
          }
        }
      `,
      errors: ['3:3 belongsElsewhere'],
    },
  ],
});
