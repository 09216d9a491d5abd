import { readFileSync } from 'node:fs';
import type { JenkinsfileTemplates } from './render/jenkinsfile.js';
import type { LibraryTemplates } from './render/library.js';
import { SCRIPT_NAMES, type ScriptName, type Scripts } from './render/scripts.js';

/**
 * Reads templates/ and package.json from beside src/ or dist/ (both sit one level below the
 * package root), so the renderers stay pure and the same code runs from a clone or a tarball.
 */
const packageRoot = new URL('../', import.meta.url);

const read = (path: string) => readFileSync(new URL(path, packageRoot), 'utf8');

export function loadScripts(): Scripts {
  return Object.fromEntries(
    SCRIPT_NAMES.map((name) => [name, read(`resources/jenkins-multiarch/${name}.sh`)]),
  ) as Record<ScriptName, string>;
}

export function loadJenkinsfileTemplates(): JenkinsfileTemplates {
  return { jenkinsfile: read('templates/Jenkinsfile.hbs'), scripts: loadScripts() };
}

export function loadStarterConfigTemplate(): string {
  return read('templates/jenkins-multiarch.yaml.hbs');
}

export const toolVersion: string = JSON.parse(read('package.json')).version;

export function loadLibraryTemplates(): LibraryTemplates {
  return {
    config: read('templates/library/multiarchConfig.groovy.hbs'),
    step: read('templates/library/step.groovy.hbs'),
    pipeline: read('templates/library/multiarchPipeline.groovy.hbs'),
    help: read('templates/library/step.txt.hbs'),
    scripts: loadScripts(),
  };
}

export function loadLibraryJenkinsfileTemplate(): string {
  return read('templates/Jenkinsfile-library.hbs');
}
