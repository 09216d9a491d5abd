import { describe, expect, test } from 'vitest';
import {
  containerCommand,
  credentialOptions,
  findOptions,
  flagOn,
  isBuild,
  isSubcommand,
  type ContainerCommand,
} from '../../src/check/podman.js';
import { parseShell, type Word } from '../../src/check/shell.js';
import { describeWord, script } from './support.js';

/** The first command of a script read as a container command. */
const parse = (
  text: string,
  optionText?: (word: Word) => string | undefined,
): ContainerCommand | undefined => {
  const [command] = parseShell(script(text))!.commands;
  return containerCommand(command!, optionText);
};

const read = (text: string, optionText?: (word: Word) => string | undefined) => {
  const parsed = parse(text, optionText);
  return (
    parsed && {
      tool: parsed.tool,
      subcommand: parsed.subcommand.join(' '),
      options: parsed.options.map((o) => `${o.name}${o.value ? `=${describeWord(o.value)}` : ''}`),
      operands: parsed.operands.map(describeWord),
    }
  );
};

const command = (text: string) => {
  const parsed = parse(text);
  if (parsed === undefined) throw new Error(`not a container command: ${text}`);
  return parsed;
};

describe('the command word, after the wrappers that run it', () => {
  test.each([
    // sudo and env take NAME=value words before the command (sudo's parse_args.c is_envar).
    ['sudo DOCKER_BUILDKIT=1 docker build .', 'docker'],
    ['sudo http_proxy="$PROXY" podman build .', 'podman'],
    ['sudo -E GOFLAGS=-mod=mod -u builder podman build .', 'podman'],
    ['env -i PATH=/usr/bin HOME=/tmp podman build .', 'podman'],
    // sudo -n (non-interactive) takes no value: the next word is the command.
    ['sudo -n podman build .', 'podman'],
    ['/usr/bin/sudo -u jenkins /usr/bin/podman build .', 'podman'],
    ['exec buildah bud .', 'buildah'],
    ['time podman build .', 'podman'],
    ['nice command skopeo inspect docker://acme/app:1', 'skopeo'],
    ['timeout 10m docker build .', 'docker'],
    ['timeout -k 60 -s KILL "${MINUTES}m" podman build .', 'podman'],
    ['timeout --kill-after 60 --signal KILL 10m podman build .', 'podman'],
    ['timeout --foreground 10m podman build .', 'podman'],
    // coreutils env.c and nice.c: these options take the next word as their value.
    ['env -u DOCKER_HOST podman build .', 'podman'],
    ['env --unset DOCKER_HOST -C /src podman build .', 'podman'],
    ['env --chdir /src podman build .', 'podman'],
    ['env -S x podman build .', 'podman'],
    ['env --split-string x podman build .', 'podman'],
    ['nice -n 10 podman build .', 'podman'],
    ['nice --adjustment 10 podman build .', 'podman'],
    ['nice -n 10 env -u X sudo -n timeout 1h podman build .', 'podman'],
  ])('%s', (text, tool) => {
    expect(read(text)?.tool).toBe(tool);
  });

  test.each(['-a', '-C', '-c', '-D', '-g', '-h', '-p', '-R', '-r', '-T', '-t', '-U', '-u'])(
    "sudo's %s takes the next word as its value",
    (option) => {
      expect(read(`sudo ${option} x podman build .`)?.subcommand).toBe('build');
    },
  );

  test.each([
    '--auth-type',
    '--close-from',
    '--login-class',
    '--chdir',
    '--group',
    '--host',
    '--prompt',
    '--chroot',
    '--role',
    '--command-timeout',
    '--type',
    '--other-user',
    '--user',
  ])("sudo's %s takes the next word as its value", (option) => {
    expect(read(`sudo ${option} x podman build .`)?.subcommand).toBe('build');
  });

  test.each([
    // Only env and sudo read NAME=value: nice runs a command named X=1.
    'nice X=1 podman build .',
    'sudo',
    'env X=1',
    'echo podman build',
    'podman-compose up',
    'time',
  ])('%s is not a container command', (text) => {
    expect(read(text)).toBeUndefined();
  });
});

describe('global options, subcommand, options and operands', () => {
  test.each([
    [
      'podman --root /x --log-level debug --remote --storage-driver=vfs build .',
      { tool: 'podman', subcommand: 'build', options: [], operands: ['.'] },
    ],
    // A global option written with a variable is one option, whatever its value.
    [
      'podman --connection="$CONN" build .',
      { tool: 'podman', subcommand: 'build', options: [], operands: ['.'] },
    ],
    [
      'docker -H tcp://h:2375 -c ctx --tlscacert ca.pem buildx build .',
      { tool: 'docker', subcommand: 'buildx build', options: [], operands: ['.'] },
    ],
    [
      'docker builder prune -a',
      { tool: 'docker', subcommand: 'buildx prune', options: ['-a'], operands: [] },
    ],
    [
      'podman image rm acme/app:1',
      { tool: 'podman', subcommand: 'rmi', options: [], operands: ['acme/app:1'] },
    ],
    [
      'podman image push acme/app:1',
      { tool: 'podman', subcommand: 'push', options: [], operands: ['acme/app:1'] },
    ],
    [
      'podman image ls acme/app',
      { tool: 'podman', subcommand: 'image ls', options: [], operands: ['acme/app'] },
    ],
    [
      'podman container run --rm alpine',
      { tool: 'podman', subcommand: 'run', options: ['--rm'], operands: ['alpine'] },
    ],
    [
      'docker container create alpine',
      { tool: 'docker', subcommand: 'create', options: [], operands: ['alpine'] },
    ],
    [
      'podman image constructor',
      { tool: 'podman', subcommand: 'image constructor', options: [], operands: [] },
    ],
    [
      'podman container ls -a',
      { tool: 'podman', subcommand: 'container ls', options: ['-a'], operands: [] },
    ],
    [
      'podman system prune -f',
      { tool: 'podman', subcommand: 'system prune', options: ['-f'], operands: [] },
    ],
    // A group followed by an option has no second word.
    [
      'podman manifest --help',
      { tool: 'podman', subcommand: 'manifest', options: ['--help'], operands: [] },
    ],
    // Only the groups have a second word: `build ctx` is build with an operand.
    ['podman build ctx', { tool: 'podman', subcommand: 'build', options: [], operands: ['ctx'] }],
    ['podman', { tool: 'podman', subcommand: '', options: [], operands: [] }],
    ['podman manifest', { tool: 'podman', subcommand: 'manifest', options: [], operands: [] }],
    [
      'podman build -t app --tag=app:2 --squash --pull=false -f Containerfile ctx',
      {
        tool: 'podman',
        subcommand: 'build',
        options: ['-t=app', '--tag=app:2', '--squash', '--pull=false', '-f=Containerfile'],
        operands: ['ctx'],
      },
    ],
    // `--platform=` has an empty value; `-` alone is an operand (stdin); `--` ends the options.
    [
      'podman build --platform= - -- --odd',
      { tool: 'podman', subcommand: 'build', options: ['--platform='], operands: ['-', '--odd'] },
    ],
    // A value option last on the line has no value to take.
    ['podman build -t', { tool: 'podman', subcommand: 'build', options: ['-t'], operands: [] }],
    // `--platform=$P` is an option even though $P is not known.
    [
      'podman build --platform="$P" .',
      { tool: 'podman', subcommand: 'build', options: ['--platform=$P'], operands: ['.'] },
    ],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  // Each global option that takes a separate value: its value is not read as the subcommand.
  test.each(
    [
      '--root',
      '--runroot',
      '--storage-driver',
      '--storage-opt',
      '--url',
      '--connection',
      '-c',
    ].concat(
      ['--context', '--config', '--identity', '--log-level', '-l', '--cgroup-manager', '--tmpdir'],
      ['--runtime', '--conmon', '--events-backend', '--network-cmd-path', '--hooks-dir'],
      ['--registries-conf', '--module', '-H', '--host', '--tlscacert', '--tlscert', '--tlskey'],
      ['--override-arch', '--override-os'],
    ),
  )('global %s takes the next word as its value', (option) => {
    expect(read(`podman ${option} x build .`)?.subcommand).toBe('build');
  });

  // Each subcommand option that takes a separate value: its value is not read as an operand.
  test.each(
    ['-t', '--tag', '-f', '--file', '--format', '--platform', '--manifest', '--build-arg'].concat(
      ['--build-arg-file', '--build-context', '--arch', '--os', '--variant', '--jobs', '--target'],
      ['--network', '--isolation', '-v', '--volume', '--mount', '--label', '--annotation'],
      [
        '--authfile',
        '--cache-from',
        '--cache-to',
        '--secret',
        '--creds',
        '--iidfile',
        '--add-host',
      ],
      ['--cap-add', '--cap-drop', '--security-opt', '--timestamp', '--ulimit', '--userns'],
      ['--logfile', '--sign-by', '--device', '--dns', '--env', '-e', '--env-file', '--from', '-u'],
      ['--username', '-p', '--password', '--cert-dir', '--digestfile', '--compression-format'],
      [
        '--name',
        '--entrypoint',
        '-w',
        '--workdir',
        '--user',
        '--publish',
        '--hostname',
        '--output',
      ],
      ['-o', '--src-creds', '--dest-creds', '--src-cert-dir', '--dest-cert-dir'],
    ),
  )('%s takes the next word as its value', (option) => {
    const parsed = read(`podman build ${option} x ctx`);
    expect(parsed?.options).toEqual([`${option}=x`]);
    expect(parsed?.operands).toEqual(['ctx']);
  });

  test('the subcommand is where findings about the whole command point', () => {
    expect(command('podman manifest push list dest').at.start).toBe(1016);
    expect(command('podman build .').at.start).toBe(1007);
    expect(command('sudo podman').at.start).toBe(1005);
  });

  test('a word whose value is known counts as the option it holds, and takes no value word', () => {
    const tls = (word: Word) => (word.raw === '"$TLS"' ? '--tls-verify=false' : undefined);
    expect(read('podman push "$TLS" acme/app:1', tls)).toEqual({
      tool: 'podman',
      subcommand: 'push',
      // The rules read the value through the same optionText; the word has no `=value` of its own.
      options: ['--tls-verify'],
      operands: ['acme/app:1'],
    });
    expect(read('podman push "$TLS" acme/app:1')?.operands).toEqual(['$TLS', 'acme/app:1']);
    // An option word that is not literal does not take the next word as its value.
    const tag = (word: Word) => (word.raw === '"$T"' ? '-t' : undefined);
    expect(read('podman build "$T" ctx', tag)).toEqual({
      tool: 'podman',
      subcommand: 'build',
      options: ['-t'],
      operands: ['ctx'],
    });
  });
});

describe('questions rules ask of a command', () => {
  test('isSubcommand compares the whole subcommand', () => {
    expect(isSubcommand(command('podman manifest push l d'), 'manifest', 'push')).toBe(true);
    expect(isSubcommand(command('podman manifest push l d'), 'manifest')).toBe(false);
    expect(isSubcommand(command('podman manifest push l d'), 'manifest', 'rm')).toBe(false);
    expect(isSubcommand(command('podman manifest'), 'manifest', 'push')).toBe(false);
  });

  test('findOptions finds every option of any of the names, in order', () => {
    const options = findOptions(
      command('podman build -t a --tag=b --squash -t c .'),
      '-t',
      '--tag',
    );
    expect(options.map((option) => describeWord(option.value!))).toEqual(['a', 'b', 'c']);
  });

  test.each([
    ['podman manifest push --all l d', true],
    ['podman manifest push --all=true l d', true],
    ['podman manifest push --all=false l d', false],
    ['podman manifest push l d', false],
    // The last one wins, as in the tools' flag parsing.
    ['podman manifest push --all=false --all l d', true],
    ['podman manifest push --all --all=false l d', false],
    // A value known only at run time may be true: the flag counts as on.
    ['podman manifest push --all="$ALL" l d', true],
  ])('flagOn: %s', (text, on) => {
    expect(flagOn(command(text), '--all')).toBe(on);
  });

  test.each([
    ['podman build .', true],
    ['podman image build .', true],
    ['docker buildx build .', true],
    ['docker builder build .', true],
    ['buildah bud .', true],
    ['buildah build .', true],
    // bud is buildah's alone: podman has no such command.
    ['podman bud .', false],
    ['buildah push app', false],
    ['docker buildx create --use', false],
    ['podman push app', false],
  ])('isBuild: %s', (text, build) => {
    expect(isBuild(command(text))).toBe(build);
  });

  test.each([
    ['podman login -u me -p secret registry.example.com', ['-p=secret']],
    ['podman login --password=secret registry.example.com', ['--password=secret']],
    // -p is a password only to login: `manifest push -p` purges.
    ['podman manifest push -p list dest', []],
    [
      'skopeo copy --src-creds me:secret --dest-creds=me:pw a b',
      ['--src-creds=me:secret', '--dest-creds=me:pw'],
    ],
    ['podman pull --creds "$CREDS" acme/app', ['--creds=$CREDS']],
    // A user name alone, with no password, is no credential; nor is --creds with nothing after.
    ['podman pull --creds me acme/app', []],
    ['podman pull acme/app --creds', []],
  ])('credentialOptions: %s', (text, found) => {
    expect(
      credentialOptions(command(text)).map((o) => `${o.name}=${describeWord(o.value!)}`),
    ).toEqual(found);
  });
});
