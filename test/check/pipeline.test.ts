import { describe, expect, test } from 'vitest';
import { parseGroovy } from '../../src/check/groovy-parser.js';
import {
  analysePipeline,
  forEachNode,
  isSecret,
  isStepCallee,
  wordValue,
  type CallExpr,
  type PipelineAnalysis,
  type ScriptStep,
} from '../../src/check/pipeline.js';
import type { MappedText } from '../../src/check/source.js';

/**
 * The pipeline model on its own: which calls are script steps and the text each runs, the
 * secrets, secret files and environment around each, the strings and named arguments elsewhere,
 * and the agent labels. The rules read only this.
 */

const analyse = (source: string): PipelineAnalysis => {
  const file = parseGroovy(source, String);
  expect(file.errors).toEqual([]);
  return analysePipeline(file);
};

/** A text with `?` for each character known only at run time. */
const shown = (text: MappedText) =>
  [...text.text]
    .map((char, i) => (text.unknown.some((r) => r.start <= i && i < r.end) ? '?' : char))
    .join('');

const scripts = (source: string) =>
  analyse(source).steps.map((s) => `${s.step} ${shown(s.script)}`);

/** A step's scope, sorted; no step is an error, so a test cannot pass on a step not found. */
const scopeOf = (step: ScriptStep | undefined) => {
  if (step === undefined) throw new Error('no script step where one was expected');
  const { scope } = step;
  return {
    secrets: [...scope.secrets].sort(),
    masked: [...scope.masked].sort(),
    files: [...scope.secretFiles].sort(),
    env: Object.fromEntries([...scope.env].map(([name, value]) => [name, shown(value)])),
  };
};

describe('script steps', () => {
  test.each([
    ["sh 'make'", ['sh make']],
    ["sh script: 'make', label: 'build'", ['sh make']],
    ["sh(label: 'build', script: 'make')", ['sh make']],
    ["sh label: 'no script'", []],
    ["bat 'dir'\npowershell 'ls'\npwsh 'ls'", ['bat dir', 'powershell ls', 'pwsh ls']],
    // Through the DSL object in a library class, but not through any other receiver.
    [
      "steps.sh 'a'\nscript.sh 'b'\nthis.sh 'c'\nfoo.sh 'd'\nsteps.foo.sh 'e'",
      ['sh a', 'sh b', 'sh c'],
    ],
    ["def s = 'make'\nsh s", ['sh make']],
    ["sh 'a' + 'b' + c", ['sh ab?']],
    ["def c = 'x'\nsh 'a' + c", ['sh ax']],
    ['sh "a ${b} c"', ['sh a ???? c']],
    ["sh '''\n  make\n'''.stripIndent().trim()", ['sh \n  make\n']],
    ["sh 'make'.toString()", ['sh make']],
    ["sh 'make'.replace('a', 'b')", ['sh ????????????????????????']],
    ["sh 'make'.trim(1)", ['sh ??????????????']],
    ["sh 'a' - 'b'", ['sh ?????????']],
    ['sh x', ['sh ?']],
    // Declared without a value, or a property assigned: not a value of v.
    ['def v\nsh v', ['sh ?']],
    ["x.v = 'a'\nsh v", ['sh ?']],
    // A text method is one called on the text.
    ['sh trim()', ['sh ??????']],
    // Only this of the literals is the script itself.
    ["super.sh 'x'\nnull.sh 'y'", []],
  ])('%j', (source, expected) => {
    expect(scripts(source)).toEqual(expected);
  });

  test('a variable is the declaration before its use, else the first one after', () => {
    expect(scripts("def v = 'a'\nsh v\nv = 'b'\nsh v")).toEqual(['sh a', 'sh b']);
    expect(scripts("def v = 'a'\nv = 'b'\nv = 'c'\nsh v")).toEqual(['sh c']);
    expect(scripts("node { sh v }\ndef v = 'late'")).toEqual(['sh late']);
    // A variable defined by itself stops, unknown.
    expect(scripts("def v = v + 'x'\nsh v")).toEqual(['sh ?x']);
  });

  test('each character of the script knows where it came from', () => {
    const [step] = analyse("def c = 'x'\nsh 'ab' + c").steps;
    expect(step?.script).toEqual({ text: 'abx', offsets: [16, 17, 9, 10], unknown: [] });
    expect(step?.call).toMatchObject({ kind: 'call', start: 12, end: 23 });
  });

  test('interpolations are recorded with their values and spans', () => {
    const [step] = analyse('sh "a ${b} $c.d"').steps;
    expect(step?.interpolations.map((i) => `${i.value.kind} ${i.start}-${i.end}`)).toEqual([
      'name 6-10',
      'property 11-15',
    ]);
  });

  test('sh steps are read by the shell parser; the other script steps are not', () => {
    const [sh, bat] = analyse("sh 'make all'\nbat 'dir'").steps;
    expect(sh?.shell?.commands.map((c) => c.args.length)).toEqual([1]);
    expect(bat).not.toHaveProperty('shell');
  });
});

describe("docker-workflow's command lines are steps too", () => {
  test('docker.build runs `docker build -t "$JD_IMAGE"` and its args, `.` without', () => {
    const { steps } = analyse("docker.build('app:1')\ndocker.build('app:2', '--pull ' + dir)");
    expect(steps.map((s) => `${s.step} ${shown(s.script)}`)).toEqual([
      'docker.build docker build -t "$JD_IMAGE" .',
      'docker.build docker build -t "$JD_IMAGE" --pull ???',
    ]);
    expect(steps.map((s) => shown(s.scope.env.get('JD_IMAGE')!))).toEqual(['app:1', 'app:2']);
    // The fixed part points at `build`; the default `.` at the end of the call.
    expect(steps[0]?.script.offsets[0]).toBe(7);
    expect(steps[0]?.script.offsets.at(-2)).toBe(21);
    expect(steps.every((s) => s.shell !== undefined)).toBe(true);
  });

  test('inside(args) of an image runs `docker run` with them, through a variable too', () => {
    const source = [
      "docker.image('a').inside('-v /x:/x') { sh 'make' }",
      "def img = docker.build('b')",
      "img.inside('--privileged') { }",
      "def other = foo('c')",
      "other.inside('-u 0') { }",
      "docker.inside('-u 1') { }",
      "docker.build() ; docker.image('d').inside() { }",
      // Neither withRun, nor an image from elsewhere, nor a named argument is read.
      "docker.image('e').withRun('-p 80:80') { }",
      "foo.docker.build('f')",
      "def prop = docker.image\nprop.inside('-u 2') { }",
      "def bare = image('g')\nbare.inside('-u 3') { }",
      "def text = 'h'\ntext.inside('-u 4') { }",
    ].join('\n');
    expect(scripts(source)).toEqual([
      'withDockerContainer docker run -v /x:/x',
      'sh make',
      'docker.build docker build -t "$JD_IMAGE" .',
      'withDockerContainer docker run --privileged',
    ]);
  });

  test('a variable that refers to itself is no image', () => {
    expect(scripts("def a = a\na.inside('-u 0') { }")).toEqual([]);
  });

  test('named arguments are neither the image nor the build args', () => {
    expect(scripts("docker.build('app:1', pull: true)")).toEqual([
      'docker.build docker build -t "$JD_IMAGE" .',
    ]);
  });
});

describe('the scope around each step', () => {
  test('withCredentials binds secrets, masked, and the paths of secret files', () => {
    const source = `withCredentials([
      usernamePassword(credentialsId: 'r', usernameVariable: 'USER', passwordVariable: 'PASS'),
      file(credentialsId: 'f', variable: 'KUBECONFIG'),
      zip(credentialsId: 'z', variable: 'ZIPPED'),
      string(credentialsId: 't', variable: 'TOKEN_VALUE'),
      sshUserPrivateKey(credentialsId: 'k', keyFileVariable: 'KEY', passphraseVariable: 'PHRASE', usernameVariable: 'SSH_USER'),
      certificate(credentialsId: 'c', keystoreVariable: 'STORE', aliasVariable: 'ALIAS', passwordVariable: 'STORE_PW'),
      [credentialsId: 'g', $class: 'FileBinding', variable: 'GFILE'],
      [$class: 'StringBinding', credentialsId: 's', variable: 'SVALUE'],
      aws(credentialsId: 'a', accessKeyVariable: 'AWS_KEY', secretKeyVariable: 'AWS_SECRET'),
      string(credentialsId: 'n', variable: "\${name}"),
      string(credentialsId: 'o', variable: 'X', label: 'not a variable'),
    ]) { sh 'make' }
    sh 'after'`;
    const [inside, after] = analyse(source).steps;
    const secrets = ['AWS_SECRET', 'PASS', 'PHRASE', 'STORE_PW', 'SVALUE', 'TOKEN_VALUE', 'X'];
    expect(scopeOf(inside)).toEqual({
      secrets,
      masked: secrets,
      files: ['GFILE', 'KEY', 'KUBECONFIG', 'STORE', 'ZIPPED'],
      env: {},
    });
    expect(scopeOf(after)).toEqual({ secrets: [], masked: [], files: [], env: {} });
  });

  test('the bindings may be a list held by a variable', () => {
    const source =
      "def creds = [string(credentialsId: 't', variable: 'T')]\nwithCredentials(creds) { sh 'x' }";
    expect(scopeOf(analyse(source).steps[0]).secrets).toEqual(['T']);
    expect(scopeOf(analyse("withCredentials(creds()) { sh 'x' }").steps[0]).secrets).toEqual([]);
    // Nothing to read, or nothing that is a binding: no secrets, and no crash.
    for (const source of [
      "withCredentials { sh 'x' }",
      "withCredentials(undeclared) { sh 'x' }",
      "def made = make()\nwithCredentials(made) { sh 'x' }",
      "withCredentials([creds]) { sh 'x' }",
      "foo([string(credentialsId: 't', variable: 'T')]) { sh 'x' }",
    ])
      expect(scopeOf(analyse(source).steps[0]).secrets, source).toEqual([]);
  });

  test('environment {} holds for its block, credentials() binding NAME and NAME_PSW', () => {
    const source = `pipeline {
      environment {
        REGISTRY = 'registry.lan'
        HUB = credentials('hub')
        OTHER
      }
      stages {
        stage('a') {
          environment { TAG = "v\${n}" }
          steps { sh 'one' }
        }
        stage('b') { steps { sh 'two' } }
      }
    }`;
    const [one, two] = analyse(source).steps;
    expect(scopeOf(one)).toEqual({
      secrets: ['HUB', 'HUB_PSW'],
      masked: ['HUB', 'HUB_PSW'],
      files: [],
      env: { REGISTRY: 'registry.lan', TAG: 'v????' },
    });
    expect(scopeOf(two).env).toEqual({ REGISTRY: 'registry.lan' });
  });

  test('environment {} reads NAME = value entries only, and only credentials() binds', () => {
    const source = `pipeline {
      environment {
        VERSION = readFile('version')
        other.X = 'a'
        def y = 'b'
      }
      stages { stage('a') { steps { sh 'x' } } }
    }
    node { FOO = 'bar'; sh 'y' }`;
    const [x, y] = analyse(source).steps;
    expect(scopeOf(x)).toEqual({
      secrets: [],
      masked: [],
      files: [],
      env: { VERSION: '???????????????????' },
    });
    expect(scopeOf(y).env).toEqual({});
  });

  test('withEnv entries, each NAME=value with a known name', () => {
    const source = `def extra = ['D=d']
withEnv(['A=a', "B=\${b}", '=x', 'C', "\${k}=v", 'E=e=f']) { sh 'x' }
withEnv(extra) { sh 'y' }
withEnv([]) { sh 'z' }
withEnv { sh 'w' }`;
    const [x, y, z, w] = analyse(source).steps;
    expect(scopeOf(x).env).toEqual({ A: 'a', B: '????', E: 'e=f' });
    expect(scopeOf(y).env).toEqual({ D: 'd' });
    expect(scopeOf(z).env).toEqual({});
    expect(scopeOf(w).env).toEqual({});
  });

  test('env.X = … holds everywhere; password parameters are secrets', () => {
    const source = `sh 'first'
node { env.IMAGE = 'app:' + tag; other.X = 'no' }
properties([parameters([password(name: 'PW', defaultValue: ''), password(name: "\${n}")])])
properties([parameters([password(description: 'd', name: 'PW2'), password()])])
stash name: 'SOURCES'`;
    const [step] = analyse(source).steps;
    expect(scopeOf(step).env).toEqual({ IMAGE: 'app:???' });
    expect(scopeOf(step).secrets).toEqual(['PW', 'PW2']);
    expect(scopeOf(step).masked).toEqual([]);
  });

  test('a name is secret when bound as one, or when it looks like one', () => {
    const scope = analyse("sh 'x'").steps[0]!.scope;
    const secret = ['DB_PASSWORD', 'passwd', 'CLIENT_SECRET', 'GH_TOKEN', 'GPG_PASSPHRASE'];
    const more = [
      'PRIVATE_KEY',
      'privatekey',
      'API_KEY',
      'apikey',
      'PASS',
      'REG_PASS',
      'PSW',
      'A_PSW_B',
    ];
    for (const name of [...secret, ...more]) expect(isSecret(name, scope), name).toBe(true);
    for (const name of ['PASSAGE', 'COMPASS_X', 'USER', 'KEY', 'PS', 'BYPASS'])
      expect(isSecret(name, scope), name).toBe(false);
    expect(isSecret('USER', { ...scope, secrets: new Set(['USER']) })).toBe(true);
  });
});

describe('what else the rules read', () => {
  test('strings outside scripts, named arguments, and agent labels', () => {
    const source = `pipeline {
  agent { label 'podman && arm64' }
  stages {
    stage('Build') {
      agent { kubernetes { yaml '''spec: {}''' } }
      steps {
        node('amd64') { sh "make \${'target'}" }
        node(customWorkspace: '/ws', label: 'named') { }
        node { }
        label "\${dynamic}"
        echo 'hello'
        def m = [privileged: true, 'other': 1, 2]
      }
    }
  }
}`;
    const analysis = analyse(source);
    expect(analysis.agentLabels).toEqual(['podman && arm64', 'amd64', 'named']);
    expect(
      analysis.otherStrings.map((s) =>
        s.literal.parts.map((part) => (part.kind === 'text' ? part.text.text : '$')).join(''),
      ),
    ).toEqual([
      'podman && arm64',
      'Build',
      'spec: {}',
      'amd64',
      'target',
      '/ws',
      'named',
      '$',
      'hello',
    ]);
    expect(analysis.namedArgs.map((a) => a.name)).toEqual([
      'customWorkspace',
      'label',
      'privileged',
      'other',
    ]);
  });

  test('forEachNode visits every node of every kind, parents first', () => {
    const source = `@Field def d = [a: "\${x.y[1]}", b: [c(), { -> !e }]]
if (f) { g(h) } else { i + j }
def m() { k }
def n
new T(l)`;
    const visited: string[] = [];
    forEachNode(parseGroovy(source, String).statements, (node) =>
      visited.push(node.kind === 'name' ? node.name : node.kind),
    );
    expect(visited).toEqual([
      'declaration',
      'map',
      'string',
      'index',
      'property',
      'x',
      'literal',
      'list',
      'call',
      'c',
      'closure',
      'expression',
      'other',
      'e',
      'compound',
      'f',
      'expression',
      'call',
      'g',
      'h',
      'expression',
      'binary',
      'i',
      'j',
      'method',
      'expression',
      'k',
      'declaration',
      'expression',
      'other',
      'l',
    ]);
  });
});

describe("a shell word's value before run time", () => {
  /** wordValue of each argument of the script's echo, `-` when unknown. */
  const values = (source: string) => {
    const [step] = analyse(source).steps;
    const echo = step!.shell!.commands.find((c) => c.name?.literal?.text === 'echo')!;
    return echo.args.map((word) => (word && wordValue(step!, word)?.text) ?? '-');
  };

  test('a literal, or a lone $X from an earlier assignment or the environment', () => {
    expect(
      values(`withEnv(['E=e']) { sh 'A=x; echo lit $A "\${A}" $A-b \${A:-d} $E $N' }`),
    ).toEqual(['lit', 'x', 'x', '-', '-', 'e', '-']);
  });

  test('only assignments before the word count, the last of them', () => {
    expect(values(`withEnv(['A=e']) { sh 'A=1; A=2; echo $A; A=3' }`)).toEqual(['2']);
    expect(values(`withEnv(['A=e']) { sh 'echo $A; A=3' }`)).toEqual(['e']);
    expect(values(`sh 'A=$(date); echo $A'`)).toEqual(['-']);
  });

  test('a chain of nine assignments is followed; one that refers to itself is not', () => {
    const chain = Array.from({ length: 8 }, (_, i) => `A${i + 2}=$A${i + 1}`).join('; ');
    expect(values(`sh 'A1=x; ${chain}; echo $A9'`)).toEqual(['x']);
    expect(values(`sh 'A=$A; echo $A'`)).toEqual(['-']);
  });
});

test('isStepCallee: a name, this, or the DSL object; not a call result or another receiver', () => {
  const callOf = (source: string) => {
    const [statement] = parseGroovy(source, String).statements;
    return (statement?.kind === 'expression' ? statement.expr : undefined) as CallExpr;
  };
  expect(
    ['sh()', 'this.sh()', 'steps.sh()', 'script.sh()'].map((s) => isStepCallee(callOf(s))),
  ).toEqual([true, true, true, true]);
  expect(
    ['f()()', 'm[0]()', 'x.sh()', 'super.sh()', 'a.steps.sh()'].map((s) => isStepCallee(callOf(s))),
  ).toEqual([false, false, false, false, false]);
});
