import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { RuntimeFiles } from './render/jenkinsfile.js';
import type { LibraryFiles } from './render/library.js';

/**
 * The files of this package that the renderers work from, read from the package root, so the
 * renderers stay pure and the same code runs from a clone or a tarball: the shared library's
 * hand-written vars/*.groovy and resources/jenkins-multiarch/, the starter config template, and
 * the version. The root is the nearest directory above this code with a package.json: src/ and
 * dist/ sit one level below it, the CLI's bundle (dist/bundle/) two. Resolving the package by its
 * own name would cost 3 ms of every `check`.
 */
function findPackageRoot(): URL {
  for (let dir = new URL('../', import.meta.url); ; dir = new URL('../', dir)) {
    if (existsSync(new URL('package.json', dir))) return dir;
    if (dir.pathname === '/') throw new Error(`no package.json above ${import.meta.url}`);
  }
}

const packageRoot = findPackageRoot();

const read = (path: string) => readFileSync(new URL(path, packageRoot), 'utf8');

/** model.json is generated from src/model; every other file there is the runtime's. */
export const MODEL_FILE = 'model.json';

/** The files of resources/jenkins-multiarch/ the runtime reads, by name (model.json excluded). */
export function loadResources(): ReadonlyMap<string, string> {
  const names = readdirSync(new URL('resources/jenkins-multiarch/', packageRoot))
    .filter((name) => name !== MODEL_FILE)
    .sort();
  return new Map(names.map((name) => [name, read(`resources/jenkins-multiarch/${name}`)]));
}

/** The step names a library's vars/ directory defines: one per *.groovy file, its base name. */
export function stepNamesIn(varsDir: string | URL): string[] {
  return readdirSync(varsDir)
    .filter((name) => name.endsWith('.groovy'))
    .map((name) => name.slice(0, -'.groovy'.length))
    .sort();
}

/** The library's hand-written steps, vars/*.groovy, by file name. */
export function loadVars(): ReadonlyMap<string, string> {
  return new Map(
    stepNamesIn(new URL('vars/', packageRoot)).map((step) => [
      `${step}.groovy`,
      read(`vars/${step}.groovy`),
    ]),
  );
}

/** The name this package's shared library goes by when a project loads it, and its steps. */
export const OWN_LIBRARY = 'jenkins-multiarch';

export const ownLibrarySteps = (): string[] => stepNamesIn(new URL('vars/', packageRoot));

/** What a standalone Jenkinsfile carries: the runtime and its resources. */
export function loadRuntime(): RuntimeFiles {
  return { runtime: read('vars/multiarchRuntime.groovy'), resources: loadResources() };
}

/** What `jenkins-multiarch library` writes besides the generated files. */
export function loadLibraryFiles(): LibraryFiles {
  return {
    vars: loadVars(),
    resources: loadResources(),
    help: read('templates/step-help.html.hbs'),
  };
}

export function loadStarterConfigTemplate(): string {
  return read('templates/jenkins-multiarch.yaml.hbs');
}

export const toolVersion: string = JSON.parse(read('package.json')).version;
