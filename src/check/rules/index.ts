import type {
  AnyRule,
  DockerfileContext,
  Rule,
  RuleContext,
  SourceContext,
  SuppressionContext,
} from '../rule.js';
import { badSuppression } from './bad-suppression.js';
import { buildplatformIgnored } from './buildplatform-ignored.js';
import { compileUnderEmulation } from './compile-under-emulation.js';
import { credentialsInUrl } from './credentials-in-url.js';
import { dockerPodmanMismatch } from './docker-podman-mismatch.js';
import { dockerSocket } from './docker-socket.js';
import { duplicateSection } from './duplicate-section.js';
import { duplicateStageName } from './duplicate-stage-name.js';
import { emptyFile } from './empty-file.js';
import { groovySyntax } from './groovy-syntax.js';
import { insecureRegistry } from './insecure-registry.js';
import { literalTooLarge } from './literal-too-large.js';
import { manifestCreateWithoutAmend } from './manifest-create-without-amend.js';
import { manifestPushWithoutAll } from './manifest-push-without-all.js';
import { manifestReuse } from './manifest-reuse.js';
import { maskedSecretInTrace } from './masked-secret-in-trace.js';
import { misplacedSection } from './misplaced-section.js';
import { missingQemuPreflight } from './missing-qemu-preflight.js';
import { noncpsStep } from './noncps-step.js';
import { passwordOnCommandLine } from './password-on-command-line.js';
import { platformTagWithoutManifest } from './platform-tag-without-manifest.js';
import { privilegedPod } from './privileged-pod.js';
import { requiredSection } from './required-section.js';
import { sandboxRefusedCall } from './sandbox-refused-call.js';
import { scriptSplittingVariable } from './script-splitting-variable.js';
import { secretInTrace } from './secret-in-trace.js';
import { secretInterpolation } from './secret-interpolation.js';
import { stageContent } from './stage-content.js';
import { unknownPlatform } from './unknown-platform.js';
import { unknownStep } from './unknown-step.js';
import { unknownPostCondition } from './unknown-post-condition.js';
import { unknownWhenCondition } from './unknown-when-condition.js';

/** The rules that read the file as parsed; where one reports, the file has no pipeline to analyse. */
export const SOURCE_RULES: readonly Rule<SourceContext>[] = [groovySyntax, emptyFile];

/** The rules that look at an analysed pipeline. */
export const PIPELINE_RULES: readonly Rule<RuleContext>[] = [
  // Declarative structure: what Jenkins refuses before it runs anything.
  misplacedSection,
  requiredSection,
  stageContent,
  duplicateSection,
  duplicateStageName,
  unknownPostCondition,
  unknownWhenCondition,
  secretInterpolation,
  passwordOnCommandLine,
  credentialsInUrl,
  secretInTrace,
  maskedSecretInTrace,
  platformTagWithoutManifest,
  manifestReuse,
  manifestCreateWithoutAmend,
  manifestPushWithoutAll,
  missingQemuPreflight,
  unknownPlatform,
  insecureRegistry,
  dockerSocket,
  privilegedPod,
  dockerPodmanMismatch,
  unknownStep,
  // CPS and sandbox limits: what Jenkins' compiler refuses, or runs other than as written.
  literalTooLarge,
  scriptSplittingVariable,
  noncpsStep,
  sandboxRefusedCall,
];

/** The rules that look at a Dockerfile. */
export const DOCKERFILE_RULES: readonly Rule<DockerfileContext>[] = [
  compileUnderEmulation,
  buildplatformIgnored,
];

/** The rules that read the ignore comments, once the findings are known. */
export const SUPPRESSION_RULES: readonly Rule<SuppressionContext>[] = [badSuppression];

/** Every rule id check can report, in the order the README lists them. */
export const ALL_RULES: readonly AnyRule[] = [
  ...SOURCE_RULES,
  ...PIPELINE_RULES,
  ...DOCKERFILE_RULES,
  ...SUPPRESSION_RULES,
];
