// jenkins-multiarch runtime: the stages of a multi-architecture image build, written once.
// The shared library's steps (multiarchPipeline, multiarchBuild, ...) check their arguments and
// call it; the standalone Jenkinsfile that `jenkins-multiarch render` writes carries this file as
// it is, after the validated config. `resources` holds the files of resources/jenkins-multiarch/
// by name ('build.sh', 'pod.yaml', 'model.json', ...): libraryResource reads them in the library,
// the standalone Jenkinsfile carries them (of model.json, only the table the runtime reads).
//
// Scripted, not declarative: the agent (a label, or a pod made for this build) comes from a
// config known only at run time, which declarative fixes in the source.
//
// Values reach the shell steps only as environment variables: withEnv passes them verbatim
// (workflow-basic-steps EnvStep installs EnvironmentExpander.constant), and every script is a
// single-quoted string, so nothing is interpolated by Groovy. The registry password exists only
// inside withCredentials, in the login step, which turns tracing off.

/**
 * The whole pipeline on its agent: Clone, Preflight, Build, Push, Verify, then Cleanup whatever
 * happened. Clone comes first because Preflight reads the Dockerfile for its base images.
 */
void runPipeline(Map config, Map resources) {
  onAgent(config.agent, null, resources) {
    try {
      stage('Clone') { cloneStage(config, resources) }
      stage('Preflight') { preflightStage(config, resources) }
      stage('Build') { buildStage(config, resources) }
      stage('Push') { pushStage(config, resources) }
      stage('Verify') { verifyStage(config, resources) }
    } finally {
      stage('Cleanup') {
        // Like declarative's post { always }: a failure here fails the build without hiding the
        // stage that failed first (workflow-basic-steps CatchErrorStep).
        catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') { cleanupStage(config, resources) }
      }
    }
  }
}

/**
 * Logs in to the registries, then checks podman, rootless storage, QEMU for every platform built
 * here, skopeo for Verify, each registry, and the Dockerfile's base images (hence after the
 * checkout): wrong credentials, a broken agent or a base image without a platform fail the build
 * here, before anything is built, naming the registry, credentials, platform or image and the fix.
 */
void preflightStage(Map config, Map resources) {
  inContainer(stepContainer(config.agent)) {
    login(config, resources, [])
    // Platforms built natively are checked on their own agents, in their branches.
    shellStep(config, resources, 'preflight', config.native ? ['MULTIARCH_PLATFORMS=' + emulated(config).join(',')] : [])
  }
}

/** Checks out the source, then records what later steps need from git. */
void cloneStage(Map config, Map resources) {
  // In the agent's own container, where git is: later steps may run where it is not.
  if (config.clone) {
    Map args = [url: config.clone.url, branch: config.clone.branch]
    if (config.clone.credentialsId) {
      args.credentialsId = config.clone.credentialsId
    }
    git(args)
  } else {
    checkout(scm)
  }
  shellStep(config, resources, 'source')
}

/**
 * Logs in to each registry that needs it (again after Preflight, as podman login is idempotent
 * and multiarchBuild may run without multiarchPreflight), computes the tags, and builds every
 * platform: all on this agent under emulation, or, with `native`, a parallel branch for each
 * platform built on an agent of its own architecture (and one for those emulated here), each
 * pushing its images under a reference of this build's own, then one list of them all here.
 */
void buildStage(Map config, Map resources) {
  inContainer(stepContainer(config.agent)) {
    login(config, resources, [])
    shellStep(config, resources, 'tags')
  }
  if (!config.native) {
    inContainer(stepContainer(config.agent)) { shellStep(config, resources, 'build') }
    return
  }
  Map branches = [:]
  for (String platform in config.platforms) {
    Map agent = config.native[platform]
    if (agent != null) {
      // Each closure keeps its own platform (a loop variable is one variable for every pass).
      String nativePlatform = platform
      branches[nativePlatform] = { stage(nativePlatform) { buildNatively(config, resources, nativePlatform, agent) } }
    }
  }
  List here = emulated(config)
  if (here) {
    String name = here.join(', ')
    branches[name] = {
      stage(name) {
        inContainer(stepContainer(config.agent)) {
          List branch = ['MULTIARCH_PLATFORMS=' + here.join(','), 'MULTIARCH_BRANCH=emulated']
          shellStep(config, resources, 'build', branch)
          shellStep(config, resources, 'publish', branch)
        }
      }
    }
  }
  // One platform failing stops the others: no index is made of what is left.
  parallel(branches + [failFast: true])
  inContainer(stepContainer(config.agent)) {
    shellStep(config, resources, 'merge', ['MULTIARCH_BRANCHES=' + branchNames(config).join(' ')])
  }
}

/** One platform on an agent of its architecture: clone, check, build, push under this build's tag. */
void buildNatively(Map config, Map resources, String platform, Map agent) {
  List branch = ['MULTIARCH_PLATFORMS=' + platform, 'MULTIARCH_BRANCH=' + branchName(platform), 'MULTIARCH_NATIVE=' + platform]
  onAgent(agent, platform, resources) {
    cloneStage(config, resources)
    inContainer(stepContainer(agent)) {
      try {
        // Logged in first, so that preflight checks the registries with the login the build uses.
        login(config, resources, branch)
        shellStep(config, resources, 'preflight', branch)
        shellStep(config, resources, 'build', branch)
        shellStep(config, resources, 'publish', branch)
      } finally {
        shellStep(config, resources, 'cleanup', branch)
      }
    }
  }
}

void pushStage(Map config, Map resources) {
  inContainer(stepContainer(config.agent)) { shellStep(config, resources, 'push') }
}

/** The pushed index lists exactly the platforms; then, unless turned off, each of them runs. */
void verifyStage(Map config, Map resources) {
  inContainer(verifyContainer(config.agent)) { shellStep(config, resources, 'verify') }
  if (config.smoke.enabled) {
    // podman runs the image: in its own container, not in the pod's skopeo container.
    inContainer(stepContainer(config.agent)) { shellStep(config, resources, 'smoke') }
  }
}

void cleanupStage(Map config, Map resources) {
  inContainer(stepContainer(config.agent)) {
    shellStep(config, resources, 'cleanup', config.native ? ['MULTIARCH_BRANCHES=' + branchNames(config).join(' ')] : [])
  }
}

/**
 * Copies mirror.images, each verified (mirror.sh), with the logins of the registries; then the
 * logins and this workspace's state go, whatever happened, as in Cleanup.
 */
void mirrorStage(Map config, Map resources) {
  try {
    login(config, resources, [])
    shellStep(config, resources, 'mirror')
  } finally {
    cleanupStage(config, resources)
  }
}

/** A login into the workspace's auth file for each registry that needs one. */
void login(Map config, Map resources, List extra) {
  for (Map registry in config.registries) {
    if (registry.credentialsId) {
      withCredentials([usernamePassword(credentialsId: registry.credentialsId, usernameVariable: 'MULTIARCH_REGISTRY_USER', passwordVariable: 'MULTIARCH_REGISTRY_PASSWORD')]) {
        withEnv(['MULTIARCH_LOGIN_REGISTRY=' + registry.host]) {
          shellStep(config, resources, 'login', extra)
        }
      }
    }
  }
}

/** The platforms built under emulation on the config's own agent. */
@NonCPS
List emulated(Map config) {
  return config.platforms.findAll { config.native == null || !config.native.containsKey(it) }
}

/** Each branch's name in references and list names: the platform, or "emulated" for the rest. */
@NonCPS
List branchNames(Map config) {
  List names = config.platforms.findAll { config.native.containsKey(it) }.collect { branchName(it) }
  return emulated(config) ? names + ['emulated'] : names
}

/** linux/arm/v7 -> linux-arm-v7: usable in a tag and a list name. */
@NonCPS
String branchName(String platform) {
  return platform.replace('/', '-')
}

/**
 * Runs the body on an agent: a node with its label, or a pod made for this build. For a platform
 * built natively, the pod runs on a node of its architecture and inherits nothing of the pod of
 * the build's own agent (kubernetes-plugin PodTemplateStepExecution: inheritFrom null inherits the
 * enclosing template; '' inherits none).
 */
void onAgent(Map agent, String platform, Map resources, Closure body) {
  Map pod = agent.kubernetes
  if (pod == null) {
    node(agent.label) {
      body()
    }
    return
  }
  Map template = [yaml: podYaml(pod, resources['pod.yaml'], platform)]
  if (pod.cloud) {
    template.cloud = pod.cloud
  }
  if (pod.namespace) {
    template.namespace = pod.namespace
  }
  if (platform) {
    template.inheritFrom = ''
  }
  // kubernetes-plugin PodTemplateStepExecution sets POD_LABEL, the label of this pod's node.
  podTemplate(template) {
    node(POD_LABEL) {
      body()
    }
  }
}

void inContainer(String name, Closure body) {
  if (name) {
    container(name) {
      body()
    }
  } else {
    body()
  }
}

/** Where podman runs on an agent: its pod's podman container, or the container its label names. */
@NonCPS
String stepContainer(Map agent) {
  return agent == null ? null : agent.kubernetes ? agent.kubernetes.container : agent.container
}

/** Where skopeo runs: the pod's own skopeo container, or where podman runs. */
@NonCPS
String verifyContainer(Map agent) {
  return agent == null ? null : agent.kubernetes ? 'skopeo' : agent.container
}

/**
 * The pod of a Kubernetes agent: pod.yaml with its placeholders filled; for a platform built
 * natively, on a node of that architecture (linux/arm/v7 -> kubernetes.io/arch: arm).
 */
@NonCPS
String podYaml(Map pod, String template, String platform) {
  String seLinuxOptions = pod.seLinuxType ? '{type: "' + pod.seLinuxType + '"}' : '{}'
  String nodeSelector = platform ? '{"kubernetes.io/arch": "' + platform.split('/')[1] + '"}' : '{}'
  return template
      .replace('{container}', pod.container)
      .replace('{image}', pod.image)
      .replace('{skopeoImage}', pod.skopeoImage)
      .replace('{seLinuxOptions}', seLinuxOptions)
      .replace('{nodeSelector}', nodeSelector)
}

/**
 * One shell step: common.sh, then NAME.sh, with the config in the environment; `extra` entries
 * (a parallel branch's platforms, say) come after the config's, so they win.
 */
void shellStep(Map config, Map resources, String name, List extra = []) {
  withEnv(stepEnvironment(config, resources['model.json']) + extra) {
    sh(label: stepLabel(name), script: resources['common.sh'] + resources[name + '.sh'])
  }
}

/** What each shell step is called in the build log. */
@NonCPS
String stepLabel(String name) {
  return [
    preflight: 'Check podman, rootless storage, QEMU emulation, the registries and the base images',
    source: 'Record the commit, branch and release tag of the checkout',
    login: 'Log in to a registry',
    tags: 'Compute the tags of this build from git',
    build: 'Build every platform into a local manifest list',
    publish: 'Push the images of this branch under a reference of this build',
    merge: 'Make one manifest list of the images of every branch',
    push: 'Push the manifest list and all its images',
    verify: 'Verify the pushed index',
    smoke: 'Run the pushed image on every platform',
    cleanup: 'Remove the local manifest list and the registry logins',
    mirror: 'Copy each image to its destination and verify the copy',
  ][name]
}

/**
 * The environment the shell steps read (MULTIARCH_*), from the sections of the config a step was
 * given: the whole interface between the config and resources/jenkins-multiarch/*.sh. `model` is
 * model.json, whose stepEnvironment table says which variable comes from where and in which form
 * (src/model/step-environment.ts describes it, and interprets it too, for the CLI).
 */
@NonCPS
List stepEnvironment(Map config, String model) {
  return environmentByTable(config, new groovy.json.JsonSlurper().parseText(model).stepEnvironment)
}

/** The step environment of a config by the table of model.json, parsed. */
@NonCPS
List environmentByTable(Map config, List table) {
  List environment = []
  for (Map variable : table) {
    def value = config
    for (String key : variable.path) {
      value = value instanceof Map ? value[key] : null
    }
    if (value == null) {
      continue
    }
    switch (variable.form) {
      case 'text':
        environment << variable.name + '=' + value
        break
      case 'joined':
        List items = value.findAll { item -> (variable.where ?: [:]).every { field, wanted -> item[field] == wanted } }
        environment << variable.name + '=' + (variable.field ? items.collect { it[variable.field] } : items).join(variable.separator)
        break
      case 'rules':
        environment << variable.name + '=' + value.collect { ruleText(it, variable) }.join(variable.separator)
        break
      case 'pairs':
        List pairs = value.findAll { item -> item[variable.field] != null }.collect { item -> item[variable.key] + '=' + item[variable.field] }
        environment << variable.name + '=' + pairs.join(variable.separator)
        break
      case 'items':
        value.eachWithIndex { item, index -> environment << variable.name + (index + 1) + '=' + item }
        break
      case 'numbered':
        int index = 0
        value.each { key, entry ->
          index++
          environment << variable.name + index + '=' + key + '=' + entry
        }
        break
      case 'constant':
        environment << variable.name + '=' + variable.value
    }
  }
  return environment
}

/** A fixed value as itself, a rule as @RULE or @RULE:ARGUMENT (see the `rules` form). */
@NonCPS
String ruleText(def item, Map variable) {
  if (!(item instanceof Map)) {
    return item
  }
  def argument = variable.arguments.collect { item[it] }.find { it != null }
  return '@' + item[variable.rule] + (argument != null ? ':' + argument : '')
}
