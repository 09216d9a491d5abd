import { describe, expect, test } from 'vitest';
import { parseDockerfile } from '../../src/check/dockerfile.js';

/**
 * The Dockerfile reader the Dockerfile rules stand on, read as the builders' parser reads a file
 * (openshift/imagebuilder's and moby/buildkit's dockerfile/parser/parser.go, Parse).
 */

/** Each stage as `args of FROM | platform | args of each RUN`, what the rules read of it. */
const stagesOf = (source: string) =>
  parseDockerfile(source).stages.map((stage) =>
    [stage.from.args, stage.platform ?? '-', ...stage.runs.map((run) => run.args)].join(' | '),
  );

describe('parseDockerfile', () => {
  test('a stage per FROM, each with its own RUNs; a RUN before any FROM belongs to none', () => {
    const source = [
      'RUN echo orphan',
      'FROM golang:1.22 AS build',
      'run go build .',
      'COPY . /src',
      'RUN go test ./...',
      'from alpine',
      'RUN apk add curl',
    ].join('\n');
    expect(stagesOf(source)).toEqual([
      'golang:1.22 AS build | - | go build . | go test ./...',
      'alpine | - | apk add curl',
    ]);
    const { stages } = parseDockerfile(source);
    // Keywords are case-insensitive: `run` and `from` are instructions as RUN and FROM are.
    expect(stages.map((stage) => stage.from.keyword)).toEqual(['FROM', 'FROM']);
    expect(stages[0]!.runs.map((run) => [run.keyword, source.slice(run.start)])).toEqual([
      ['RUN', 'run go build .\nCOPY . /src\nRUN go test ./...\nfrom alpine\nRUN apk add curl'],
      ['RUN', 'RUN go test ./...\nfrom alpine\nRUN apk add curl'],
    ]);
  });

  test('a line that is only a backslash holds no instruction, and the next is read whole', () => {
    // parser.go's Parse: trimContinuationCharacter leaves an empty line that continues, and the
    // next line is added to it, so the instruction is that next line's.
    expect(stagesOf('FROM alpine\n  \\\nRUN apk add curl\n')).toEqual([
      'alpine | - | apk add curl',
    ]);
  });

  test('the platform of a FROM is read only when the --platform flag is there, and located', () => {
    const source = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM alpine\n';
    const [withFlag, without] = parseDockerfile(source).stages;
    expect(withFlag).toMatchObject({ platform: '$BUILDPLATFORM' });
    expect(source.slice(withFlag!.platformStart, withFlag!.platformEnd)).toBe(
      '--platform=$BUILDPLATFORM',
    );
    expect(without).toEqual({
      from: { keyword: 'FROM', args: 'alpine', start: source.indexOf('FROM alpine') },
      runs: [],
    });
  });

  test('each FROM --platform is located at its own FROM, though written the same earlier', () => {
    const source =
      '# FROM --platform=$BUILDPLATFORM\nFROM --platform=$BUILDPLATFORM a\nFROM --platform=$BUILDPLATFORM b\n';
    expect(parseDockerfile(source).stages.map((stage) => stage.platformStart)).toEqual([
      source.indexOf('--platform', source.indexOf('\n')),
      source.lastIndexOf('--platform'),
    ]);
  });

  test('the --platform flag is located in the source, also on a continuation line', () => {
    const source =
      'FROM --platform=linux/arm64 alpine\nFROM \\\n  --platform=linux/amd64 \\\n  golang\n';
    const stages = parseDockerfile(source).stages;
    expect(stages.map((stage) => stage.platform)).toEqual(['linux/arm64', 'linux/amd64']);
    expect(stages.map((stage) => [stage.platformStart, stage.platformEnd])).toEqual([
      [5, 5 + '--platform=linux/arm64'.length],
      [source.indexOf('--platform=linux/amd64'), source.indexOf(' \\\n  golang')],
    ]);
  });

  test('an instruction continues over lines ending in a backslash, joined as the builder joins them', () => {
    const source = 'FROM alpine\n  RUN apk add \\\n      curl \\  \n      git\nRUN true\n';
    const { stages } = parseDockerfile(source);
    // Each line without its backslash, nothing added (parser.go: `line += continuationLine`).
    expect(stagesOf(source)).toEqual(['alpine | - | apk add       curl       git | true']);
    expect(stagesOf('FROM alpine\nRUN echo a\\\nb\n')).toEqual(['alpine | - | echo ab']);
    // Only a backslash at the end continues the line, and only that one is taken out.
    expect(
      stagesOf("FROM alpine\nRUN printf 'a\\tb\\n' \\\n  > f\nRUN printf '\\n'\nRUN true\n"),
    ).toEqual(["alpine | - | printf 'a\\tb\\n'   > f | printf '\\n' | true"]);
    // A keyword alone on its line continues too: RUN, then its command.
    expect(stagesOf('FROM alpine\nRUN\\\n  go build\n')).toEqual(['alpine | - | go build']);
    expect(stages[0]!.runs[0]!.start).toBe(source.indexOf('RUN apk'));
  });

  test('comment lines are left out, inside a continuation too, and kept as comments', () => {
    const source =
      '# syntax=docker/dockerfile:1\nFROM alpine\nRUN apk add \\\n  # the client\n  curl\n';
    expect(stagesOf(source)).toEqual(['alpine | - | apk add   curl']);
    expect(parseDockerfile(source).comments).toEqual([
      { start: 0, end: 28, body: ' syntax=docker/dockerfile:1' },
      { start: source.indexOf('# the'), end: source.indexOf('\n  curl'), body: ' the client' },
    ]);
  });

  test('a blank or only-whitespace line inside a continuation is skipped, as the builder does', () => {
    // isEmptyContinuationLine: the builder warns "Empty continuation line" and reads on.
    const source = 'FROM alpine\nRUN apk add \\\n\n    gnupg \\\n   \t\n    go build\n';
    expect(stagesOf(source)).toEqual(['alpine | - | apk add     gnupg     go build']);
  });

  test('an instruction still continued at the end of the file ends there', () => {
    expect(stagesOf('FROM alpine\nRUN go build \\\n')).toEqual(['alpine | - | go build']);
    expect(stagesOf('FROM alpine\nRUN go build \\')).toEqual(['alpine | - | go build']);
  });

  test("a line's final CR is dropped, one inside the line is kept", () => {
    const source = '# base\r\nFROM alpine\r\nRUN printf "a\rb" \\\r\n  && true\r\n';
    expect(stagesOf(source)).toEqual(['alpine | - | printf "a\rb"   && true']);
    expect(parseDockerfile(source).comments).toEqual([{ start: 0, end: 6, body: ' base' }]);
  });
});
