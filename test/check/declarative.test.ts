import { describe, expect, test } from 'vitest';
import { check, spots } from './support.js';

const STRUCTURE_RULES = new Set([
  'misplaced-section',
  'duplicate-section',
  'required-section',
  'stage-content',
  'duplicate-stage-name',
  'unknown-post-condition',
  'unknown-when-condition',
]);

/** `line:column rule` of the structure findings only. */
const structure = (source: string) =>
  spots(check(source).filter((finding) => STRUCTURE_RULES.has(finding.rule)));

/** One stage that builds, for pipelines whose point is elsewhere. */
const BUILD = "stage('Build') { steps { sh 'make' } }";

describe('the seeded mistakes are found where they stand, with the allowed alternatives', () => {
  test.each([
    {
      mistake: 'steps outside a stage',
      source: `pipeline {\n  agent any\n  steps { sh 'make' }\n  stages { ${BUILD} }\n}\n`,
      spot: '3:3 misplaced-section',
      says: [
        '"steps" cannot stand in pipeline: it belongs in a stage',
        'allowed in pipeline: agent',
      ],
    },
    {
      mistake: 'post { sucess }',
      source: `pipeline {\n  agent any\n  stages { ${BUILD} }\n  post {\n    sucess { echo 'ok' }\n  }\n}\n`,
      spot: '5:5 unknown-post-condition',
      says: [
        'unknown post condition "sucess" (did you mean "success"?); allowed: always, changed, fixed, regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup.',
      ],
    },
    {
      mistake: 'a stage with neither steps nor stages',
      source:
        "pipeline {\n  agent any\n  stages {\n    stage('Build') { environment { X = '1' } }\n  }\n}\n",
      spot: '4:11 stage-content',
      says: ['stage "Build" has none of "steps", "stages", "parallel", "matrix"'],
    },
    {
      mistake: 'duplicate stage names',
      source: `pipeline {\n  agent any\n  stages {\n    ${BUILD}\n    ${BUILD}\n  }\n}\n`,
      spot: '5:11 duplicate-stage-name',
      says: ['Duplicate stage name: "Build"'],
    },
    {
      mistake: 'a when with an unknown condition',
      source: `pipeline {\n  agent any\n  stages {\n    stage('Deploy') {\n      when { branchh 'main' }\n      steps { sh 'make deploy' }\n    }\n  }\n}\n`,
      spot: '5:14 unknown-when-condition',
      says: ['unknown when condition "branchh" (did you mean "branch"?)', 'beforeOptions'],
    },
    {
      mistake: 'a pipeline with no agent and no stages',
      source: "pipeline {\n  post { always { echo 'x' } }\n}\n",
      spot: '1:1 required-section',
      says: ['no "agent" section'],
      more: ['1:1 required-section'],
    },
    {
      mistake: 'an empty stages block',
      source: 'pipeline {\n  agent any\n  stages { }\n}\n',
      spot: '3:3 required-section',
      says: ['stages is empty'],
    },
    {
      mistake: 'a matrix without axes',
      source: `pipeline {\n  agent any\n  stages {\n    stage('All') {\n      matrix {\n        stages { ${BUILD} }\n      }\n    }\n  }\n}\n`,
      spot: '5:7 required-section',
      says: ['matrix has no "axes" section'],
    },
    {
      mistake: 'a post condition straight in a stage',
      source: `pipeline {\n  agent any\n  stages {\n    stage('Build') {\n      steps { sh 'make' }\n      failure { echo 'failed' }\n    }\n  }\n}\n`,
      spot: '6:7 misplaced-section',
      says: ['"failure" cannot stand in a stage: it belongs in post;'],
    },
    {
      mistake: 'the same section twice in a stage, reported once',
      source:
        "pipeline {\n  agent any\n  stages {\n    stage('Build') {\n      steps { sh 'make' }\n      steps { sh 'make test' }\n    }\n  }\n}\n",
      spot: '6:7 duplicate-section',
      says: ['a stage already has the section "steps"'],
    },
    {
      mistake: 'a section without its block',
      source: "pipeline {\n  agent any\n  stages 'Build'\n}\n",
      spot: '3:3 required-section',
      says: ['stages needs a block { … } holding at least one stage'],
    },
    {
      mistake: 'an empty steps block',
      source:
        "pipeline {\n  agent any\n  stages {\n    stage('Build') {\n      steps { }\n    }\n  }\n}\n",
      spot: '5:7 required-section',
      says: ['steps is empty: it needs at least one step'],
    },
    {
      mistake: 'a misspelt section',
      source:
        "pipeline {\n  agent any\n  stages {\n    stage('Build') {\n      stpes { sh 'make' }\n    }\n  }\n}\n",
      spot: '5:7 misplaced-section',
      says: ['Unknown section "stpes" in a stage (did you mean "steps"?)'],
      more: ['4:11 stage-content'],
    },
    {
      mistake: 'a step straight in a stage',
      source:
        "pipeline {\n  agent any\n  stages {\n    stage('Build') {\n      steps { sh 'make' }\n      sh 'make test'\n    }\n  }\n}\n",
      spot: '6:7 misplaced-section',
      says: ['Unknown section "sh" in a stage;'],
    },
  ])('$mistake', ({ source, spot, says, more }) => {
    expect(structure(source).sort()).toEqual([spot, ...(more ?? [])].sort());
    const finding = check(source).find((f) => `${f.line}:${f.column} ${f.rule}` === spot);
    for (const text of says) expect(finding!.message).toContain(text);
    expect(finding!.severity).toBe('error');
  });
});

describe('valid structure gives no finding', () => {
  test.each([
    {
      what: 'matrix with axes',
      source: `pipeline {\n  agent none\n  stages {\n    stage('All') {\n      matrix {\n        agent any\n        axes { axis { name 'OS'; values 'debian', 'alpine' } }\n        stages { ${BUILD} }\n      }\n    }\n  }\n}\n`,
    },
    {
      what: 'nested stages',
      source: `pipeline {\n  agent any\n  stages {\n    stage('Outer') {\n      stages {\n        stage('Inner') {\n          stages { ${BUILD} }\n        }\n      }\n    }\n  }\n}\n`,
    },
    {
      what: 'parallel stages, with stages in them',
      source: `pipeline {\n  agent any\n  stages {\n    stage('Checks') {\n      failFast true\n      parallel {\n        stage('Lint') { steps { sh 'make lint' } }\n        stage('Tests') { stages { ${BUILD} } }\n      }\n    }\n  }\n}\n`,
    },
    {
      // Groovy 2.4 appends a closure that starts on the line after a call's parentheses (measured
      // with groovy 2.4.21): the stage has its steps.
      what: "a stage whose body starts on the line after stage('…')",
      source: `pipeline {\n  agent any\n  stages {\n    stage ('Build')\n      {\n      steps { sh 'make' }\n    }\n  }\n}\n`,
    },
    {
      what: 'a scripted pipeline, which has no sections',
      source:
        "node {\n  steps { sh 'x' }\n  stage('Build') { sh 'make' }\n  stage('Build') { sh 'again' }\n}\n",
    },
    {
      what: "a library step's pipeline inside call, which is not read",
      source: "def call(Map config = [:]) {\n  pipeline {\n    steps { sh 'make' }\n  }\n}\n",
    },
    {
      what: 'scripted parallel inside steps',
      source: `pipeline {\n  agent any\n  stages {\n    stage('Both') {\n      steps {\n        parallel a: { sh 'a' }, b: { sh 'b' }\n      }\n    }\n  }\n}\n`,
    },
  ])('$what', ({ source }) => {
    expect(structure(source)).toEqual([]);
  });
});

test('a section named like an Object property is unknown, not a crash', () => {
  const source = `pipeline {\n  agent any\n  constructor { }\n  stages { stage('A') { toString { } } }\n  post { hasOwnProperty { } }\n}\n`;
  expect(structure(source)).toEqual([
    '3:3 misplaced-section',
    '4:18 stage-content',
    '4:25 misplaced-section',
    '5:10 unknown-post-condition',
  ]);
});

test('nested parallel is refused only inside a parallel or matrix, and agent only beside one', () => {
  const nested = `pipeline {\n  agent any\n  stages {\n    stage('Outer') {\n      agent any\n      parallel {\n        stage('A') {\n          stages {\n            stage('B') { matrix { axes { axis { name 'X'; values 'y' } }\n              stages { ${BUILD} } } }\n          }\n        }\n      }\n    }\n  }\n}\n`;
  expect(structure(nested)).toEqual(['5:7 misplaced-section', '9:26 misplaced-section']);
});
