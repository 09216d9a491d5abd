/**
 * The shell steps in resources/jenkins-multiarch/, shared by the rendered Jenkinsfile and the
 * shared library. Every step runs `common` first.
 */
export const SCRIPT_NAMES = [
  'common',
  'preflight',
  'source',
  'login',
  'tags',
  'build',
  'push',
  'verify',
  'cleanup',
] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];
export type StepScript = Exclude<ScriptName, 'common'>;

/** What each step is called in the build log (`sh(label: …)`). */
export const SCRIPT_LABELS: Readonly<Record<StepScript, string>> = {
  preflight: 'Check podman and QEMU emulation',
  source: 'Record the commit, branch and release tag of the checkout',
  login: 'Log in to a registry',
  tags: 'Compute the tags of this build from git',
  build: 'Build every platform into a local manifest list',
  push: 'Push the manifest list and all its images',
  verify: 'Verify the pushed index',
  cleanup: 'Remove the local manifest list and the registry logins',
};

export type Scripts = Readonly<Record<ScriptName, string>>;
