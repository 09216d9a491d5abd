import type { RuleFinding, RuleInfo } from '../rule.js';

export const emptyFile: RuleInfo = {
  id: 'empty-file',
  severity: 'warning',
  title: 'The file has no statements, so the job builds nothing and passes',
};

export const emptyFileFinding: RuleFinding = {
  start: 0,
  end: 0,
  message:
    'The file has no Groovy statements: Jenkins runs nothing and marks the build green, so a broken or truncated Jenkinsfile goes unnoticed',
  fix: 'Write the pipeline (`jenkins-multiarch render -o Jenkinsfile` makes one), or delete the file.',
};
