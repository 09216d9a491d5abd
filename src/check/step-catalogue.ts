/**
 * The steps a Jenkins with the core pipeline plugins and the common ones knows, as data: what the
 * unknown-step rule measures a call against. Read from each plugin's own sources (the repository
 * and commit head each group; the file after each entry): a step's name is what its descriptor's
 * getFunctionName() returns; a Builder, Publisher or SimpleBuildWrapper whose descriptor has a
 * @Symbol is a step too, through workflow-basic-steps' `step`/`wrap` metasteps (CoreStep,
 * CoreWrapperStep), which workflow-cps' DSL.invokeDescribable finds by that symbol; a
 * GlobalVariable (`env`, `docker`, declarative's `pipeline`) is a name a script may call or read.
 * The parameters are the @DataBoundConstructor's and the @DataBoundSetters', the superclass's
 * included.
 */

export interface CataloguedStep {
  readonly name: string;
  /** The plugin's id (its artifactId), `core` for Jenkins itself. */
  readonly plugin: string;
  /** A global variable rather than a step: `docker.image(…)`, `pipeline { … }`. */
  readonly kind?: 'variable';
  readonly params?: readonly string[];
  /**
   * Its execution is a SynchronousStepExecution: start() runs it on the CPS VM thread and returns
   * true, and workflow-cps' DSL.invokeStep hands back its result (`context.replay()`) instead of
   * suspending the program (`Continuable.suspend`). So it runs and returns even in @NonCPS code.
   */
  readonly synchronous?: true;
}

export const STEP_CATALOGUE: readonly CataloguedStep[] = [
  // workflow-basic-steps: github.com/jenkinsci/workflow-basic-steps-plugin at a789b07582e5
  { name: 'archive', plugin: 'workflow-basic-steps', params: ['includes', 'excludes'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/ArtifactArchiverStep.java (getFunctionName())
  {
    name: 'catchError',
    plugin: 'workflow-basic-steps',
    params: ['message', 'buildResult', 'stageResult', 'catchInterruptions'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/steps/CatchErrorStep.java (getFunctionName())
  { name: 'deleteDir', plugin: 'workflow-basic-steps' }, // src/main/java/org/jenkinsci/plugins/workflow/steps/DeleteDirStep.java (getFunctionName())
  { name: 'echo', plugin: 'workflow-basic-steps', params: ['message'], synchronous: true }, // src/main/java/org/jenkinsci/plugins/workflow/steps/EchoStep.java (getFunctionName())
  { name: 'error', plugin: 'workflow-basic-steps', params: ['message'], synchronous: true }, // src/main/java/org/jenkinsci/plugins/workflow/steps/ErrorStep.java (getFunctionName())
  { name: 'fileExists', plugin: 'workflow-basic-steps', params: ['file'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/FileExistsStep.java (getFunctionName())
  { name: 'getContext', plugin: 'workflow-basic-steps', params: ['type'], synchronous: true }, // src/main/java/org/jenkinsci/plugins/workflow/steps/GetContextStep.java (getFunctionName())
  { name: 'isUnix', plugin: 'workflow-basic-steps', synchronous: true }, // src/main/java/org/jenkinsci/plugins/workflow/steps/IsUnixStep.java (getFunctionName())
  {
    name: 'mail',
    plugin: 'workflow-basic-steps',
    params: ['subject', 'body', 'charset', 'mimeType'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/steps/MailStep.java (getFunctionName())
  { name: 'pwd', plugin: 'workflow-basic-steps', params: ['tmp'], synchronous: true }, // src/main/java/org/jenkinsci/plugins/workflow/steps/PwdStep.java (getFunctionName())
  { name: 'readFile', plugin: 'workflow-basic-steps', params: ['file', 'encoding'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/ReadFileStep.java (getFunctionName())
  { name: 'retry', plugin: 'workflow-basic-steps', params: ['count', 'conditions'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/RetryStep.java (getFunctionName())
  { name: 'sleep', plugin: 'workflow-basic-steps', params: ['time', 'unit'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/SleepStep.java (getFunctionName())
  {
    name: 'stash',
    plugin: 'workflow-basic-steps',
    params: ['name', 'includes', 'excludes', 'useDefaultExcludes', 'allowEmpty'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/stash/StashStep.java (getFunctionName())
  { name: 'step', plugin: 'workflow-basic-steps', params: ['delegate'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/CoreStep.java (getFunctionName())
  { name: 'timeout', plugin: 'workflow-basic-steps', params: ['time', 'unit', 'activity'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/TimeoutStep.java (getFunctionName())
  { name: 'tool', plugin: 'workflow-basic-steps', params: ['name', 'type'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/ToolStep.java (getFunctionName())
  { name: 'unarchive', plugin: 'workflow-basic-steps' }, // src/main/java/org/jenkinsci/plugins/workflow/steps/ArtifactUnarchiverStep.java (getFunctionName())
  { name: 'unstable', plugin: 'workflow-basic-steps', params: ['message'], synchronous: true }, // src/main/java/org/jenkinsci/plugins/workflow/steps/UnstableStep.java (getFunctionName())
  { name: 'unstash', plugin: 'workflow-basic-steps', params: ['name'] }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/stash/UnstashStep.java (getFunctionName())
  {
    name: 'waitUntil',
    plugin: 'workflow-basic-steps',
    params: ['initialRecurrencePeriod', 'quiet'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/steps/WaitForConditionStep.java (getFunctionName())
  { name: 'warnError', plugin: 'workflow-basic-steps', params: ['message', 'catchInterruptions'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/WarnErrorStep.java (getFunctionName())
  { name: 'withContext', plugin: 'workflow-basic-steps', params: ['context'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/WithContextStep.java (getFunctionName())
  { name: 'withEnv', plugin: 'workflow-basic-steps', params: ['overrides'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/EnvStep.java (getFunctionName())
  { name: 'wrap', plugin: 'workflow-basic-steps', params: ['delegate'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/CoreWrapperStep.java (getFunctionName())
  { name: 'writeFile', plugin: 'workflow-basic-steps', params: ['file', 'text', 'encoding'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/WriteFileStep.java (getFunctionName())
  // workflow-durable-task-step: github.com/jenkinsci/workflow-durable-task-step-plugin at 46cb22ff3686
  {
    name: 'bat',
    plugin: 'workflow-durable-task-step',
    params: ['script', 'returnStdout', 'encoding', 'returnStatus', 'label'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/steps/durable_task/BatchScriptStep.java (getFunctionName())
  { name: 'dir', plugin: 'workflow-durable-task-step', params: ['path'] }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/PushdStep.java (getFunctionName())
  { name: 'node', plugin: 'workflow-durable-task-step', params: ['label'] }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/ExecutorStep.java (getFunctionName())
  {
    name: 'powershell',
    plugin: 'workflow-durable-task-step',
    params: ['script', 'returnStdout', 'encoding', 'returnStatus', 'label'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/steps/durable_task/PowershellScriptStep.java (getFunctionName())
  {
    name: 'pwsh',
    plugin: 'workflow-durable-task-step',
    params: ['script', 'returnStdout', 'encoding', 'returnStatus', 'label'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/steps/durable_task/PowerShellCoreScriptStep.java (getFunctionName())
  {
    name: 'sh',
    plugin: 'workflow-durable-task-step',
    params: ['script', 'returnStdout', 'encoding', 'returnStatus', 'label'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/steps/durable_task/ShellStep.java (getFunctionName())
  { name: 'ws', plugin: 'workflow-durable-task-step', params: ['dir'] }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/WorkspaceStep.java (getFunctionName())
  // workflow-cps: github.com/jenkinsci/workflow-cps-plugin at e007b7ff2178
  { name: 'currentBuild', plugin: 'workflow-cps', kind: 'variable' }, // plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/RunWrapperBinder.java (GlobalVariable)
  { name: 'env', plugin: 'workflow-cps', kind: 'variable' }, // plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/EnvActionImpl.java (GlobalVariable)
  { name: 'load', plugin: 'workflow-cps', params: ['path'] }, // plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/steps/LoadStep.java (getFunctionName())
  { name: 'parallel', plugin: 'workflow-cps' }, // plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/steps/ParallelStep.java (getFunctionName())
  { name: 'params', plugin: 'workflow-cps', kind: 'variable' }, // plugin/src/main/java/org/jenkinsci/plugins/workflow/cps/ParamsVariable.java (GlobalVariable)
  // pipeline-model-definition: github.com/jenkinsci/pipeline-model-definition-plugin at 42c9dc3e440b
  {
    name: 'envVarsForTool',
    plugin: 'pipeline-model-definition',
    params: ['toolId', 'toolVersion'],
  }, // pipeline-model-definition/src/main/java/org/jenkinsci/plugins/pipeline/modeldefinition/steps/EnvVarsForToolStep.java (getFunctionName())
  { name: 'pipeline', plugin: 'pipeline-model-definition', kind: 'variable' }, // pipeline-model-definition/src/main/java/org/jenkinsci/plugins/pipeline/modeldefinition/ModelStepLoader.java (GlobalVariable)
  { name: 'script', plugin: 'pipeline-model-definition' }, // pipeline-model-definition/src/main/java/org/jenkinsci/plugins/pipeline/modeldefinition/steps/ScriptStep.java (getFunctionName())
  { name: 'validateDeclarativePipeline', plugin: 'pipeline-model-definition', params: ['path'] }, // pipeline-model-definition/src/main/java/org/jenkinsci/plugins/pipeline/modeldefinition/steps/ValidateDeclarativePipelineStep.java (getFunctionName())
  // workflow-scm-step: github.com/jenkinsci/workflow-scm-step-plugin at 8b7e4fbb3baa
  { name: 'checkout', plugin: 'workflow-scm-step', params: ['scm', 'poll', 'changelog'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/scm/GenericSCMStep.java (getFunctionName())
  { name: 'readScmFile', plugin: 'workflow-scm-step', params: ['scm', 'version', 'path'] }, // src/main/java/org/jenkinsci/plugins/workflow/steps/scm/ReadScmFileStep.java (getFunctionName())
  // git: github.com/jenkinsci/git-plugin at add6e4dc74e6
  { name: 'git', plugin: 'git', params: ['url', 'branch', 'credentialsId'] }, // src/main/java/jenkins/plugins/git/GitStep.java (getFunctionName())
  // workflow-multibranch: github.com/jenkinsci/workflow-multibranch-plugin at 59f7718ddede
  { name: 'properties', plugin: 'workflow-multibranch', params: ['properties'] }, // src/main/java/org/jenkinsci/plugins/workflow/multibranch/JobPropertyStep.java (getFunctionName())
  { name: 'readTrusted', plugin: 'workflow-multibranch', params: ['path'] }, // src/main/java/org/jenkinsci/plugins/workflow/multibranch/ReadTrustedStep.java (getFunctionName())
  {
    name: 'resolveScm',
    plugin: 'workflow-multibranch',
    params: ['source', 'targets', 'ignoreErrors'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/multibranch/ResolveScmStep.java (getFunctionName())
  { name: 'scm', plugin: 'workflow-multibranch', kind: 'variable' }, // src/main/java/org/jenkinsci/plugins/workflow/multibranch/SCMVar.java (GlobalVariable)
  // pipeline-groovy-lib: github.com/jenkinsci/pipeline-groovy-lib-plugin at 5cc688825312
  {
    name: 'library',
    plugin: 'pipeline-groovy-lib',
    params: ['identifier', 'retriever', 'changelog'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/libs/LibraryStep.java (getFunctionName())
  { name: 'libraryResource', plugin: 'pipeline-groovy-lib', params: ['resource', 'encoding'] }, // src/main/java/org/jenkinsci/plugins/workflow/libs/ResourceStep.java (getFunctionName())
  // credentials-binding: github.com/jenkinsci/credentials-binding-plugin at 0331934a0548
  { name: 'withCredentials', plugin: 'credentials-binding', params: ['bindings'] }, // src/main/java/org/jenkinsci/plugins/credentialsbinding/impl/BindingStep.java (getFunctionName())
  // kubernetes: github.com/jenkinsci/kubernetes-plugin at a82d78a0087e
  { name: 'container', plugin: 'kubernetes', params: ['name', 'shell'] }, // src/main/java/org/csanchez/jenkins/plugins/kubernetes/pipeline/ContainerStep.java (getFunctionName())
  {
    name: 'containerLog',
    plugin: 'kubernetes',
    params: ['name', 'returnLog', 'tailingLines', 'sinceSeconds', 'limitBytes'],
  }, // src/main/java/org/csanchez/jenkins/plugins/kubernetes/pipeline/ContainerLogStep.java (getFunctionName())
  {
    name: 'kubeconfig',
    plugin: 'kubernetes',
    params: ['serverUrl', 'credentialsId', 'caCertificate'],
  }, // src/main/java/org/csanchez/jenkins/plugins/kubernetes/KubectlBuildWrapper.java (@Symbol, wrap)
  {
    name: 'podTemplate',
    plugin: 'kubernetes',
    params: [
      'label',
      'name',
      'namespace',
      'cloud',
      'inheritFrom',
      'agentInjection',
      'agentContainer',
      'containers',
      'envVars',
      'yamlMergeStrategy',
      'volumes',
      'workspaceVolume',
      'instanceCap',
      'idleMinutes',
      'slaveConnectTimeout',
      'activeDeadlineSeconds',
      'hostNetwork',
      'serviceAccount',
      'schedulerName',
      'nodeSelector',
      'nodeUsageMode',
      'workingDir',
      'annotations',
      'imagePullSecrets',
      'yaml',
      'podRetention',
      'inheritYamlMergeStrategy',
      'showRawYaml',
      'runAsUser',
      'runAsGroup',
      'supplementalGroups',
    ],
  }, // src/main/java/org/csanchez/jenkins/plugins/kubernetes/pipeline/PodTemplateStep.java (getFunctionName())
  // docker-workflow: github.com/jenkinsci/docker-workflow-plugin at 3e04e4f56ee6
  { name: 'docker', plugin: 'docker-workflow', kind: 'variable' }, // src/main/java/org/jenkinsci/plugins/docker/workflow/DockerDSL.java (GlobalVariable)
  {
    name: 'dockerFingerprintFrom',
    plugin: 'docker-workflow',
    params: ['dockerfile', 'image', 'toolName', 'commandLine'],
  }, // src/main/java/org/jenkinsci/plugins/docker/workflow/FromFingerprintStep.java (getFunctionName())
  { name: 'dockerFingerprintRun', plugin: 'docker-workflow', params: ['containerId', 'toolName'] }, // src/main/java/org/jenkinsci/plugins/docker/workflow/RunFingerprintStep.java (getFunctionName())
  { name: 'withDockerContainer', plugin: 'docker-workflow', params: ['image', 'args', 'toolName'] }, // src/main/java/org/jenkinsci/plugins/docker/workflow/WithContainerStep.java (getFunctionName())
  { name: 'withDockerRegistry', plugin: 'docker-workflow', params: ['registry', 'toolName'] }, // src/main/java/org/jenkinsci/plugins/docker/workflow/RegistryEndpointStep.java (getFunctionName())
  { name: 'withDockerServer', plugin: 'docker-workflow', params: ['server'] }, // src/main/java/org/jenkinsci/plugins/docker/workflow/ServerEndpointStep.java (getFunctionName())
  // pipeline-utility-steps: github.com/jenkinsci/pipeline-utility-steps-plugin at 1008b564a349
  {
    name: 'compareVersions',
    plugin: 'pipeline-utility-steps',
    params: ['v1', 'v2', 'failIfEmpty'],
  }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/CompareVersionsStep.java (getFunctionName())
  { name: 'findFiles', plugin: 'pipeline-utility-steps', params: ['glob', 'excludes'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/FindFilesStep.java (getFunctionName())
  { name: 'md5', plugin: 'pipeline-utility-steps', params: ['file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/FileMd5Step.java (getFunctionName())
  { name: 'nodesByLabel', plugin: 'pipeline-utility-steps', params: ['label', 'offline'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/jenkins/NodesByLabelStep.java (getFunctionName())
  { name: 'prependToFile', plugin: 'pipeline-utility-steps', params: ['file', 'content'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/PrependToFileStep.java (getFunctionName())
  { name: 'readCSV', plugin: 'pipeline-utility-steps', params: ['format', 'text', 'file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/csv/ReadCSVStep.java (getFunctionName())
  { name: 'readJSON', plugin: 'pipeline-utility-steps', params: ['returnPojo', 'text', 'file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/json/ReadJSONStep.java (getFunctionName())
  { name: 'readManifest', plugin: 'pipeline-utility-steps', params: ['text', 'file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/conf/mf/ReadManifestStep.java (getFunctionName())
  { name: 'readMavenPom', plugin: 'pipeline-utility-steps', params: ['file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/maven/ReadMavenPomStep.java (getFunctionName())
  {
    name: 'readProperties',
    plugin: 'pipeline-utility-steps',
    params: ['defaults', 'interpolate', 'charset', 'text', 'file'],
  }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/conf/ReadPropertiesStep.java (getFunctionName())
  { name: 'readTOML', plugin: 'pipeline-utility-steps', params: ['text', 'file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/toml/ReadTOMLStep.java (getFunctionName())
  {
    name: 'readYaml',
    plugin: 'pipeline-utility-steps',
    params: ['codePointLimit', 'maxAliasesForCollections', 'text', 'file'],
  }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/conf/ReadYamlStep.java (getFunctionName())
  { name: 'sha1', plugin: 'pipeline-utility-steps', params: ['file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/FileSha1Step.java (getFunctionName())
  { name: 'sha256', plugin: 'pipeline-utility-steps', params: ['file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/FileSha256Step.java (getFunctionName())
  {
    name: 'tar',
    plugin: 'pipeline-utility-steps',
    params: [
      'file',
      'compress',
      'dir',
      'glob',
      'exclude',
      'archive',
      'overwrite',
      'defaultExcludes',
    ],
  }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/tar/TarStep.java (getFunctionName())
  { name: 'tee', plugin: 'pipeline-utility-steps', params: ['file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/TeeStep.java (getFunctionName())
  { name: 'touch', plugin: 'pipeline-utility-steps', params: ['file', 'timestamp'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/TouchStep.java (getFunctionName())
  {
    name: 'untar',
    plugin: 'pipeline-utility-steps',
    params: ['file', 'keepPermissions', 'dir', 'glob', 'test', 'quiet'],
  }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/tar/UnTarStep.java (getFunctionName())
  {
    name: 'unzip',
    plugin: 'pipeline-utility-steps',
    params: ['zipFile', 'read', 'charset', 'dir', 'glob', 'test', 'quiet', 'file'],
  }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/zip/UnZipStep.java (getFunctionName())
  { name: 'verifyMd5', plugin: 'pipeline-utility-steps', params: ['file', 'hash'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/FileVerifyMd5Step.java (getFunctionName())
  { name: 'verifySha1', plugin: 'pipeline-utility-steps', params: ['file', 'hash'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/FileVerifySha1Step.java (getFunctionName())
  { name: 'verifySha256', plugin: 'pipeline-utility-steps', params: ['file', 'hash'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/fs/FileVerifySha256Step.java (getFunctionName())
  { name: 'writeCSV', plugin: 'pipeline-utility-steps', params: ['file', 'records', 'format'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/csv/WriteCSVStep.java (getFunctionName())
  { name: 'writeJSON', plugin: 'pipeline-utility-steps', params: ['json', 'file', 'returnText'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/json/WriteJSONStep.java (getFunctionName())
  { name: 'writeMavenPom', plugin: 'pipeline-utility-steps', params: ['model', 'file'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/maven/WriteMavenPomStep.java (getFunctionName())
  { name: 'writeTOML', plugin: 'pipeline-utility-steps', params: ['toml', 'file', 'returnText'] }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/toml/WriteTOMLStep.java (getFunctionName())
  {
    name: 'writeYaml',
    plugin: 'pipeline-utility-steps',
    params: ['file', 'data', 'datas', 'charset', 'overwrite', 'returnText'],
  }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/conf/WriteYamlStep.java (getFunctionName())
  {
    name: 'zip',
    plugin: 'pipeline-utility-steps',
    params: [
      'zipFile',
      'dir',
      'glob',
      'exclude',
      'archive',
      'overwrite',
      'defaultExcludes',
      'file',
    ],
  }, // src/main/java/org/jenkinsci/plugins/pipeline/utility/steps/zip/ZipStep.java (getFunctionName())
  // pipeline-build-step: github.com/jenkinsci/pipeline-build-step-plugin at 4b67ea11b152
  {
    name: 'build',
    plugin: 'pipeline-build-step',
    params: ['job', 'parameters', 'wait', 'waitForStart', 'quietPeriod', 'propagate'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/build/BuildTriggerStep.java (getFunctionName())
  {
    name: 'waitForBuild',
    plugin: 'pipeline-build-step',
    params: ['runId', 'propagate', 'propagateAbort'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/build/WaitForBuildStep.java (getFunctionName())
  // pipeline-input-step: github.com/jenkinsci/pipeline-input-step-plugin at d2b888dfb50d
  {
    name: 'input',
    plugin: 'pipeline-input-step',
    params: ['message', 'id', 'submitter', 'submitterParameter', 'cancel', 'ok', 'parameters'],
  }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/InputStep.java (getFunctionName())
  // pipeline-stage-step: github.com/jenkinsci/pipeline-stage-step-plugin at 90181c42c333
  { name: 'stage', plugin: 'pipeline-stage-step', params: ['name'] }, // src/main/java/org/jenkinsci/plugins/workflow/support/steps/StageStep.java (getFunctionName())
  // pipeline-milestone-step: github.com/jenkinsci/pipeline-milestone-step-plugin at 6e22b8cfc66c
  { name: 'milestone', plugin: 'pipeline-milestone-step', params: ['ordinal', 'label', 'unsafe'] }, // src/main/java/org/jenkinsci/plugins/pipeline/milestone/MilestoneStep.java (getFunctionName())
  // lockable-resources: github.com/jenkinsci/lockable-resources-plugin at cedfe6ed68e7
  {
    name: 'lock',
    plugin: 'lockable-resources',
    params: [
      'resource',
      'inversePrecedence',
      'resourceSelectStrategy',
      'skipIfLocked',
      'serverId',
      'label',
      'reason',
      'variable',
      'quantity',
      'priority',
      'extra',
      'timeoutForAllocateResource',
      'timeoutUnit',
    ],
  }, // src/main/java/org/jenkins/plugins/lockableresources/LockStep.java (getFunctionName())
  {
    name: 'updateLock',
    plugin: 'lockable-resources',
    params: [
      'resource',
      'addLabels',
      'setLabels',
      'removeLabels',
      'setNote',
      'createResource',
      'deleteResource',
    ],
  }, // src/main/java/org/jenkins/plugins/lockableresources/UpdateLockStep.java (getFunctionName())
  // timestamper: github.com/jenkinsci/timestamper-plugin at d1926d59b767
  { name: 'timestamps', plugin: 'timestamper' }, // src/main/java/hudson/plugins/timestamper/pipeline/TimestamperStep.java (getFunctionName())
  // ansicolor: github.com/jenkinsci/ansicolor-plugin at 03d235fee02d
  { name: 'ansiColor', plugin: 'ansicolor', params: ['colorMapName'] }, // src/main/java/hudson/plugins/ansicolor/AnsiColorStep.java (getFunctionName())
  // junit: github.com/jenkinsci/junit-plugin at c64aedde7777
  {
    name: 'junit',
    plugin: 'junit',
    params: [
      'testResults',
      'healthScaleFactor',
      'testDataPublishers',
      'keepLongStdio',
      'stdioRetention',
      'keepProperties',
      'keepTestNames',
      'skipPublishingChecks',
      'checksName',
      'allowEmptyResults',
      'skipMarkingBuildUnstable',
      'skipMarkingStageUnstable',
      'skipOldReports',
    ],
  }, // src/main/java/hudson/tasks/junit/pipeline/JUnitResultsStep.java (getFunctionName())
  // core: github.com/jenkinsci/jenkins at ff9430ee1dc6
  {
    name: 'archiveArtifacts',
    plugin: 'core',
    params: [
      'artifacts',
      'excludes',
      'onlyIfSuccessful',
      'fingerprint',
      'allowEmptyArchive',
      'defaultExcludes',
      'caseSensitive',
      'followSymlinks',
    ],
  }, // core/src/main/java/hudson/tasks/ArtifactArchiver.java (@Symbol, step)
  {
    name: 'fingerprint',
    plugin: 'core',
    params: ['targets', 'excludes', 'defaultExcludes', 'caseSensitive'],
  }, // core/src/main/java/hudson/tasks/Fingerprinter.java (@Symbol, step)
  // ws-cleanup: github.com/jenkinsci/ws-cleanup-plugin at d380d6f1b828
  {
    name: 'cleanWs',
    plugin: 'ws-cleanup',
    params: [
      'patterns',
      'deleteDirs',
      'skipWhenFailed',
      'cleanWhenSuccess',
      'cleanWhenUnstable',
      'cleanWhenFailure',
      'cleanWhenNotBuilt',
      'cleanWhenAborted',
      'notFailBuild',
      'cleanupMatrixParent',
      'externalDelete',
      'disableDeferredWipeout',
    ],
  }, // src/main/java/hudson/plugins/ws_cleanup/WsCleanup.java (@Symbol, step)
  // ssh-agent: github.com/jenkinsci/ssh-agent-plugin at e275343791a6
  { name: 'sshagent', plugin: 'ssh-agent', params: ['credentials', 'ignoreMissing'] }, // src/main/java/com/cloudbees/jenkins/plugins/sshagent/SSHAgentStep.java (getFunctionName())
  // mailer: github.com/jenkinsci/mailer-plugin at 970812133c31
  {
    name: 'mailer',
    plugin: 'mailer',
    params: [
      'recipients',
      'notifyEveryUnstableBuild',
      'sendToIndividuals',
      'replyToAddress',
      'defaultSuffix',
      'smtpHost',
      'useSsl',
      'useTls',
      'smtpPort',
      'charset',
      'authentication',
    ],
  }, // src/main/java/hudson/tasks/Mailer.java (@Symbol, step)
  // email-ext: github.com/jenkinsci/email-ext-plugin at a71e9f4cfe1e
  {
    name: 'emailext',
    plugin: 'email-ext',
    params: [
      'subject',
      'body',
      'attachmentsPattern',
      'inlineAttachmentsPattern',
      'to',
      'from',
      'replyTo',
      'mimeType',
      'attachLog',
      'compressLog',
      'recipientProviders',
      'presendScript',
      'postsendScript',
      'saveOutput',
    ],
  }, // src/main/java/hudson/plugins/emailext/EmailExtStep.java (getFunctionName())
  { name: 'emailextrecipients', plugin: 'email-ext', params: ['recipientProviders'] }, // src/main/java/hudson/plugins/emailext/EmailExtRecipientStep.java (getFunctionName())
  // htmlpublisher: github.com/jenkinsci/htmlpublisher-plugin at 7db5a3ca9fdd
  { name: 'publishHTML', plugin: 'htmlpublisher', params: ['target'] }, // src/main/java/htmlpublisher/workflow/PublishHTMLStep.java (getFunctionName())
  // warnings-ng: github.com/jenkinsci/warnings-ng-plugin at fa50c65bfab7
  {
    name: 'publishIssues',
    plugin: 'warnings-ng',
    params: [
      'issues',
      'id',
      'name',
      'icon',
      'scm',
      'skipDeltaCalculation',
      'checksAnnotationScope',
      'publishAllIssues',
      'sourceCodeEncoding',
      'healthy',
      'unhealthy',
      'trendChartType',
    ],
  }, // plugin/src/main/java/io/jenkins/plugins/analysis/core/steps/PublishIssuesStep.java (getFunctionName())
  {
    name: 'recordIssues',
    plugin: 'warnings-ng',
    params: [
      'scm',
      'qualityGates',
      'id',
      'name',
      'icon',
      'toolProxies',
      'tools',
      'tool',
      'sourceCodeEncoding',
      'sourceDirectories',
      'sourceCodeRetention',
      'aggregatingResults',
      'quiet',
      'skipBlames',
      'skipPostProcessing',
      'skipDeltaCalculation',
      'skipPublishingChecks',
      'checksAnnotationScope',
      'publishAllIssues',
      'enabledForFailure',
      'ignoreQualityGate',
      'healthy',
      'unhealthy',
      'minimumSeverity',
      'trendChartType',
      'filters',
    ],
  }, // plugin/src/main/java/io/jenkins/plugins/analysis/core/steps/RecordIssuesStep.java (getFunctionName())
  {
    name: 'scanForIssues',
    plugin: 'warnings-ng',
    params: [
      'tool',
      'filters',
      'quiet',
      'scm',
      'skipBlames',
      'blameDisabled',
      'skipPostProcessing',
      'sourceCodeEncoding',
      'sourceDirectories',
      'sourceCodeRetention',
      'sourcePathPrefix',
      'targetPathPrefix',
    ],
  }, // plugin/src/main/java/io/jenkins/plugins/analysis/core/steps/ScanForIssuesStep.java (getFunctionName())
  // sonar: github.com/jenkinsci/sonarqube-plugin at 73f2f37e1721
  {
    name: 'waitForQualityGate',
    plugin: 'sonar',
    params: ['abortPipeline', 'webhookSecretId', 'credentialsId'],
  }, // src/main/java/org/sonarsource/scanner/jenkins/pipeline/WaitForQualityGateStep.java (getFunctionName())
  {
    name: 'withSonarQubeEnv',
    plugin: 'sonar',
    params: ['installationName', 'credentialsId', 'envOnly'],
  }, // src/main/java/hudson/plugins/sonar/SonarBuildWrapper.java (@Symbol, wrap)
  // config-file-provider: github.com/jenkinsci/config-file-provider-plugin at 92d19285fc37
  { name: 'configFileProvider', plugin: 'config-file-provider', params: ['managedFiles'] }, // src/main/java/org/jenkinsci/plugins/configfiles/buildwrapper/ConfigFileBuildWrapper.java (@Symbol, wrap)
  // http_request: github.com/jenkinsci/http-request-plugin at 9b0e37900d6c
  {
    name: 'httpRequest',
    plugin: 'http_request',
    params: [
      'url',
      'ignoreSslErrors',
      'httpMode',
      'httpProxy',
      'validResponseCodes',
      'validResponseContent',
      'acceptType',
      'contentType',
      'timeout',
      'consoleLogResponseBody',
      'quiet',
      'authentication',
      'proxyAuthentication',
      'requestBody',
      'useSystemProperties',
      'customHeaders',
      'formData',
      'outputFile',
      'responseHandle',
      'uploadFile',
      'multipartName',
      'wrapAsMultipart',
      'useNtlm',
    ],
  }, // src/main/java/jenkins/plugins/http_request/HttpRequestStep.java (getFunctionName())
  // copyartifact: github.com/jenkinsci/copyartifact-plugin at 937817258df3
  {
    name: 'copyArtifacts',
    plugin: 'copyartifact',
    params: [
      'projectName',
      'parameters',
      'filter',
      'target',
      'excludes',
      'selector',
      'flatten',
      'includeBuildNumberInTargetPath',
      'optional',
      'fingerprintArtifacts',
      'resultVariableSuffix',
    ],
  }, // src/main/java/hudson/plugins/copyartifact/CopyArtifact.java (@Symbol, step)
  // slack: github.com/jenkinsci/slack-plugin at 81128a07456a
  {
    name: 'slackSend',
    plugin: 'slack',
    params: [
      'color',
      'token',
      'tokenCredentialId',
      'botUser',
      'channel',
      'baseUrl',
      'teamDomain',
      'failOnError',
      'attachments',
      'blocks',
      'message',
      'timestamp',
      'replyBroadcast',
      'sendAsText',
      'iconEmoji',
      'username',
      'notifyCommitters',
    ],
  }, // src/main/java/jenkins/plugins/slack/workflow/SlackSendStep.java (getFunctionName())
  {
    name: 'slackUploadFile',
    plugin: 'slack',
    params: ['filePath', 'credentialId', 'channel', 'initialComment', 'failOnError'],
  }, // src/main/java/jenkins/plugins/slack/pipeline/SlackUploadFileStep.java (getFunctionName())
  {
    name: 'slackUserIdFromEmail',
    plugin: 'slack',
    params: ['email', 'tokenCredentialId', 'botUser'],
  }, // src/main/java/jenkins/plugins/slack/pipeline/SlackUserIdFromEmailStep.java (getFunctionName())
  { name: 'slackUserIdsFromCommitters', plugin: 'slack', params: ['tokenCredentialId', 'botUser'] }, // src/main/java/jenkins/plugins/slack/pipeline/SlackUserIdsFromCommittersStep.java (getFunctionName())
  // xunit: github.com/jenkinsci/xunit-plugin at 8c515de2804b
  {
    name: 'xunit',
    plugin: 'xunit',
    params: [
      'tools',
      'thresholds',
      'thresholdMode',
      'sleepTime',
      'testTimeMargin',
      'testDataPublishers',
      'reduceLog',
      'followSymlink',
      'skipPublishingChecks',
      'checksName',
    ],
  }, // src/main/java/org/jenkinsci/plugins/xunit/pipeline/XUnitResultsStep.java (getFunctionName())
  // kubernetes-cli: github.com/jenkinsci/kubernetes-cli-plugin at 8001982544ba
  { name: 'withKubeConfig', plugin: 'kubernetes-cli' }, // src/main/java/org/jenkinsci/plugins/kubernetes/cli/KubectlBuildStep.java (getFunctionName())
  { name: 'withKubeCredentials', plugin: 'kubernetes-cli', params: ['kubectlCredentials'] }, // src/main/java/org/jenkinsci/plugins/kubernetes/cli/MultiKubectlBuildStep.java (getFunctionName())
  // pipeline-maven: github.com/jenkinsci/pipeline-maven-plugin at 2961157d3557
  {
    name: 'withMaven',
    plugin: 'pipeline-maven',
    params: [
      'tempBinDir',
      'mavenSettingsConfig',
      'mavenSettingsFilePath',
      'globalMavenSettingsConfig',
      'globalMavenSettingsFilePath',
      'maven',
      'mavenOpts',
      'jdk',
      'mavenLocalRepo',
      'publisherStrategy',
      'traceability',
      'options',
    ],
  }, // pipeline-maven/src/main/java/org/jenkinsci/plugins/pipeline/maven/WithMavenStep.java (getFunctionName())
  // jacoco: github.com/jenkinsci/jacoco-plugin at 0ba2c8d411a4
  {
    name: 'jacoco',
    plugin: 'jacoco',
    params: [
      'execPattern',
      'classPattern',
      'sourcePattern',
      'sourceInclusionPattern',
      'sourceExclusionPattern',
      'skipCopyOfSrcFiles',
      'minimumInstructionCoverage',
      'minimumBranchCoverage',
      'minimumComplexityCoverage',
      'minimumLineCoverage',
      'minimumMethodCoverage',
      'minimumClassCoverage',
      'maximumInstructionCoverage',
      'maximumBranchCoverage',
      'maximumComplexityCoverage',
      'maximumLineCoverage',
      'maximumMethodCoverage',
      'maximumClassCoverage',
      'changeBuildStatus',
      'runAlways',
      'inclusionPattern',
      'exclusionPattern',
      'deltaInstructionCoverage',
      'deltaBranchCoverage',
      'deltaComplexityCoverage',
      'deltaLineCoverage',
      'deltaMethodCoverage',
      'deltaClassCoverage',
      'buildOverBuild',
    ],
  }, // src/main/java/hudson/plugins/jacoco/JacocoPublisher.java (@Symbol, step)
  // nodejs: github.com/jenkinsci/nodejs-plugin at 30a4984dc664
  {
    name: 'nodejs',
    plugin: 'nodejs',
    params: ['nodeJSInstallationName', 'configId', 'cacheLocationStrategy'],
  }, // src/main/java/jenkins/plugins/nodejs/NodeJSBuildWrapper.java (@Symbol, wrap)
  // ant: github.com/jenkinsci/ant-plugin at 72fde8779567
  { name: 'withAnt', plugin: 'ant', params: ['installation', 'jdk'] }, // src/main/java/hudson/tasks/AntWrapper.java (@Symbol, wrap)
  // gradle: github.com/jenkinsci/gradle-plugin at 259ef8ff094b
  { name: 'findBuildScans', plugin: 'gradle' }, // plugin/src/main/java/hudson/plugins/gradle/BuildScanPublisher.java (getFunctionName())
  { name: 'withGradle', plugin: 'gradle' }, // plugin/src/main/java/hudson/plugins/gradle/WithGradle.java (getFunctionName())
  // nunit: github.com/jenkinsci/nunit-plugin at 9eddfed15bf2
  {
    name: 'nunit',
    plugin: 'nunit',
    params: [
      'testResultsPattern',
      'debug',
      'keepJUnitReports',
      'healthScaleFactor',
      'skipJUnitArchiver',
      'failIfNoResults',
      'failedTestsFailBuild',
    ],
  }, // src/main/java/hudson/plugins/nunit/NUnitPublisher.java (@Symbol, step)
];
