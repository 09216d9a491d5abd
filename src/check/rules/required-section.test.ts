import { example } from '../rule.js';
import { testRule } from '../rule-tester.js';
import { requiredSection } from './required-section.js';

testRule(requiredSection, {
  valid: [
    {
      name: 'a matrix with its axes and stages, its axis with name and values',
      code: example`
        pipeline {
          agent none
          stages {
            stage('Build') {
              matrix {
                agent { label "builder-\${OS}" }
                axes {
                  axis {
                    name 'OS'
                    values 'debian', 'alpine'
                  }
                }
                stages {
                  stage('Compile') {
                    steps { sh 'make' }
                  }
                }
              }
            }
          }
        }
      `,
    },
    {
      name: "input's parameters are not validated, so an empty block is no finding",
      code: example`
        pipeline {
          agent any
          stages {
            stage('Deploy') {
              input {
                message 'Deploy?'
                parameters { }
              }
              steps { sh 'make deploy' }
            }
          }
        }
      `,
    },
    {
      name: 'environment in when is a condition, not a block',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Deploy') {
              when { environment name: 'DEPLOY', value: 'yes' }
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
          stage('Build') { }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a pipeline without agent, a matrix without stages, an axis without values',
      code: example`
        pipeline {
          stages {
            stage('Build') {
              matrix {
                axes {
                  axis {
                    name 'OS'
                  }
                }
              }
            }
          }
        }
      `,
      errors: ['1:1 missingSection', '4:7 missingSection', '6:11 missingSection'],
    },
    {
      name: 'a pipeline with no agent and no stages',
      code: example`
        pipeline {
          post { always { echo 'x' } }
        }
      `,
      errors: ['1:1 missingSection', '1:1 missingSection'],
    },
    {
      name: 'an input without message, an exclude axis without name',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              matrix {
                axes {
                  axis { name 'OS'; values 'debian', 'alpine' }
                }
                excludes {
                  exclude {
                    axis { values 'alpine' }
                  }
                }
                stages {
                  stage('Compile') {
                    input { ok 'Yes' }
                    steps { sh 'make' }
                  }
                }
              }
            }
          }
        }
      `,
      errors: ['11:13 missingSection', '16:13 missingSection'],
    },
    {
      name: 'empty blocks: stages, steps, post, when, environment',
      code: example`
        pipeline {
          agent any
          environment { }
          stages {
            stage('Build') {
              when { }
              steps { }
              post { }
            }
            stage('Empty') {
              stages {
              }
            }
          }
        }
      `,
      errors: [
        '3:3 emptyBlock',
        '6:7 emptyBlock',
        '7:7 emptyBlock',
        '8:7 emptyBlock',
        '11:7 emptyBlock',
      ],
      fixes: [
        'Add at least one variable, or remove the empty environment block',
        'Add at least one condition, or remove the empty when block',
        'Add at least one step, or remove the empty steps block',
        'Add at least one condition, or remove the empty post block',
        'Add at least one stage, or remove the empty stages block',
      ],
    },
    {
      name: 'an empty axis is reported for what it lacks',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Build') {
              matrix {
                axes {
                  axis { }
                }
                stages {
                  stage('Compile') { steps { sh 'make' } }
                }
              }
            }
          }
        }
      `,
      errors: ['7:11 missingSection', '7:11 missingSection'],
    },
    {
      name: 'a section without its block',
      code: example`
        pipeline {
          agent any
          stages 'Build'
        }
      `,
      errors: ['3:3 noBlock'],
    },
    {
      name: 'input written as the step, where the stage section needs its block',
      code: example`
        pipeline {
          agent any
          stages {
            stage('Deploy') {
              input message: 'Deploy to production?'
              steps { sh 'make deploy' }
            }
          }
        }
      `,
      errors: ['5:7 noBlock'],
    },
  ],
});
