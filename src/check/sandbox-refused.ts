/**
 * Java calls that shared libraries often make and that script-security's sandbox refuses: none of
 * them is listed, with any parameters, in jenkinsci/script-security-plugin's generic-whitelist
 * (src/main/resources/org/jenkinsci/plugins/scriptsecurity/sandbox/whitelists/generic-whitelist),
 * so a library that runs untrusted (loaded by `library identifier: …, retriever: …`, or a folder
 * library) fails there with "Scripts not permitted to use staticMethod java.lang.System getenv
 * java.lang.String" until an administrator approves it. A hand-written selection, not a copy of
 * that file: test/fidelity/ checks each entry against the real whitelist. Signatures are
 * script-security's, without parameter types; a static property (`Jenkins.instance`) is checked
 * as its getter's static method, as groovy-sandbox's SandboxInterceptor.onGetProperty does.
 */

/** What a library does instead of a refused call: one of sandbox-refused-call's messages. */
export type Instead =
  | 'fileSteps'
  | 'shStep'
  | 'envVariable'
  | 'parameterOrEnv'
  | 'errorStep'
  | 'echoStep'
  | 'sleepStep'
  | 'namedClass'
  | 'nodeName'
  | 'trustedCode';

export interface RefusedCall {
  readonly kind: 'new' | 'staticMethod' | 'staticField';
  /** The class, fully qualified. */
  readonly type: string;
  /** The method or field; empty for a constructor. */
  readonly member: string;
  readonly instead: Instead;
}

export const SANDBOX_REFUSED: readonly RefusedCall[] = [
  { kind: 'new', type: 'java.io.File', member: '', instead: 'fileSteps' },
  { kind: 'new', type: 'java.io.FileReader', member: '', instead: 'fileSteps' },
  { kind: 'new', type: 'java.io.FileWriter', member: '', instead: 'fileSteps' },
  { kind: 'new', type: 'java.lang.ProcessBuilder', member: '', instead: 'shStep' },
  { kind: 'staticMethod', type: 'java.lang.Runtime', member: 'getRuntime', instead: 'shStep' },
  { kind: 'staticMethod', type: 'java.lang.System', member: 'getenv', instead: 'envVariable' },
  {
    kind: 'staticMethod',
    type: 'java.lang.System',
    member: 'getProperty',
    instead: 'parameterOrEnv',
  },
  { kind: 'staticMethod', type: 'java.lang.System', member: 'exit', instead: 'errorStep' },
  { kind: 'staticField', type: 'java.lang.System', member: 'out', instead: 'echoStep' },
  { kind: 'staticField', type: 'java.lang.System', member: 'err', instead: 'echoStep' },
  { kind: 'staticMethod', type: 'java.lang.Thread', member: 'sleep', instead: 'sleepStep' },
  { kind: 'staticMethod', type: 'java.lang.Class', member: 'forName', instead: 'namedClass' },
  {
    kind: 'staticMethod',
    type: 'java.net.InetAddress',
    member: 'getLocalHost',
    instead: 'nodeName',
  },
  {
    kind: 'staticMethod',
    type: 'jenkins.model.Jenkins',
    member: 'getInstance',
    instead: 'trustedCode',
  },
  { kind: 'staticMethod', type: 'jenkins.model.Jenkins', member: 'get', instead: 'trustedCode' },
];

/** How script-security names a call, as its whitelists' lines begin: `new java.io.File`. */
export const signature = (call: Pick<RefusedCall, 'kind' | 'type' | 'member'>) =>
  [call.kind, call.type, call.member].filter((part) => part !== '').join(' ');
