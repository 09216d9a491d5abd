import type { RuleInfo } from '../rule.js';

export const badSuppression: RuleInfo = {
  id: 'bad-suppression',
  severity: 'warning',
  title:
    'A jenkins-multiarch-ignore comment that names no known rule, gives no reason, or suppresses nothing',
};
