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

export interface RefusedCall {
  readonly kind: 'new' | 'staticMethod' | 'staticField';
  /** The class, fully qualified. */
  readonly type: string;
  /** The method or field; empty for a constructor. */
  readonly member: string;
  /** What a library does instead, as a finding's fix. */
  readonly fix: string;
}

const READ_FILE =
  "Use readFile, writeFile or fileExists, which work on the agent's workspace (java.io runs on the controller)";
const JENKINS =
  "Keep Jenkins' own objects out of a library that may run untrusted: such code belongs in a global trusted library or a plugin";

export const SANDBOX_REFUSED: readonly RefusedCall[] = [
  { kind: 'new', type: 'java.io.File', member: '', fix: READ_FILE },
  { kind: 'new', type: 'java.io.FileReader', member: '', fix: READ_FILE },
  { kind: 'new', type: 'java.io.FileWriter', member: '', fix: READ_FILE },
  { kind: 'new', type: 'java.lang.ProcessBuilder', member: '', fix: 'Use the sh step' },
  { kind: 'staticMethod', type: 'java.lang.Runtime', member: 'getRuntime', fix: 'Use the sh step' },
  { kind: 'staticMethod', type: 'java.lang.System', member: 'getenv', fix: 'Use env.NAME' },
  {
    kind: 'staticMethod',
    type: 'java.lang.System',
    member: 'getProperty',
    fix: 'Use a parameter or env.NAME',
  },
  { kind: 'staticMethod', type: 'java.lang.System', member: 'exit', fix: 'Use the error step' },
  { kind: 'staticField', type: 'java.lang.System', member: 'out', fix: 'Use the echo step' },
  { kind: 'staticField', type: 'java.lang.System', member: 'err', fix: 'Use the echo step' },
  { kind: 'staticMethod', type: 'java.lang.Thread', member: 'sleep', fix: 'Use the sleep step' },
  {
    kind: 'staticMethod',
    type: 'java.lang.Class',
    member: 'forName',
    fix: 'Import the class and name it',
  },
  {
    kind: 'staticMethod',
    type: 'java.net.InetAddress',
    member: 'getLocalHost',
    fix: "Use env.NODE_NAME, or sh 'hostname' on the agent",
  },
  { kind: 'staticMethod', type: 'jenkins.model.Jenkins', member: 'getInstance', fix: JENKINS },
  { kind: 'staticMethod', type: 'jenkins.model.Jenkins', member: 'get', fix: JENKINS },
];

/** How script-security names a call, as its whitelists' lines begin: `new java.io.File`. */
export const signature = (call: RefusedCall) =>
  [call.kind, call.type, call.member].filter((part) => part !== '').join(' ');
