// jenkins-multiarch runtime: the stages of a multi-architecture image build, written once.
// The shared library's steps (multiarchPipeline, multiarchBuild, ...) check their arguments and
// call it; the standalone Jenkinsfile that `jenkins-multiarch render` writes carries this file as
// it is, after the validated config. `resources` holds the files of resources/jenkins-multiarch/
// by name ('build.sh', 'pod.yaml', ...): libraryResource reads them in the library, the
// standalone Jenkinsfile carries them.
//
// Scripted, not declarative: the agent (a label, or a pod made for this build) comes from a
// config known only at run time, which declarative fixes in the source.
//
// Values reach the shell steps only as environment variables: withEnv passes them verbatim
// (workflow-basic-steps EnvStep installs EnvironmentExpander.constant), and every script is a
// single-quoted string, so nothing is interpolated by Groovy. The registry password exists only
// inside withCredentials, in the login step, which turns tracing off.

/** The whole pipeline on its agent: Preflight, Clone, Build, Push, Verify, then Cleanup whatever happened. */
void runPipeline(Map config, Map resources) {
  onAgent(config, resources) {
    try {
      stage('Preflight') {
        inContainer(stepContainer(config)) { preflightStage(config, resources) }
      }
      stage('Clone') {
        // In the agent's own container, where git is: later steps may run where it is not.
        cloneStage(config, resources)
      }
      stage('Build') {
        inContainer(stepContainer(config)) { buildStage(config, resources) }
      }
      stage('Push') {
        inContainer(stepContainer(config)) { pushStage(config, resources) }
      }
      stage('Verify') {
        inContainer(verifyContainer(config)) { verifyStage(config, resources) }
      }
    } finally {
      stage('Cleanup') {
        // Like declarative's post { always }: a failure here fails the build without hiding the
        // stage that failed first (workflow-basic-steps CatchErrorStep).
        catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') {
          inContainer(stepContainer(config)) { cleanupStage(config, resources) }
        }
      }
    }
  }
}

/** podman works, QEMU can run every foreign platform, and Verify will find skopeo. */
void preflightStage(Map config, Map resources) {
  shellStep(config, resources, 'preflight')
}

/** Checks out the source, then records what later steps need from git. */
void cloneStage(Map config, Map resources) {
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

/** Logs in to each registry that needs it, computes the tags, and builds every platform. */
void buildStage(Map config, Map resources) {
  for (Map registry in config.registries) {
    if (registry.credentialsId) {
      withCredentials([usernamePassword(credentialsId: registry.credentialsId, usernameVariable: 'MULTIARCH_REGISTRY_USER', passwordVariable: 'MULTIARCH_REGISTRY_PASSWORD')]) {
        withEnv(['MULTIARCH_LOGIN_REGISTRY=' + registry.host]) {
          shellStep(config, resources, 'login')
        }
      }
    }
  }
  shellStep(config, resources, 'tags')
  shellStep(config, resources, 'build')
}

void pushStage(Map config, Map resources) {
  shellStep(config, resources, 'push')
}

void verifyStage(Map config, Map resources) {
  shellStep(config, resources, 'verify')
}

void cleanupStage(Map config, Map resources) {
  shellStep(config, resources, 'cleanup')
}

/** Runs the body on the config's agent: a node with its label, or a pod made for this build. */
void onAgent(Map config, Map resources, Closure body) {
  Map pod = config.agent.kubernetes
  if (pod == null) {
    node(config.agent.label) {
      body()
    }
    return
  }
  Map template = [yaml: podYaml(pod, resources['pod.yaml'])]
  if (pod.cloud) {
    template.cloud = pod.cloud
  }
  if (pod.namespace) {
    template.namespace = pod.namespace
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

/** Where podman runs: the pod's podman container, or the container the label's agent names. */
@NonCPS
String stepContainer(Map config) {
  return config.agent.kubernetes ? config.agent.kubernetes.container : config.agent.container
}

/** Where skopeo runs: the pod's own skopeo container, or where podman runs. */
@NonCPS
String verifyContainer(Map config) {
  return config.agent.kubernetes ? 'skopeo' : config.agent.container
}

/** The pod of a Kubernetes agent: pod.yaml with its four placeholders filled. */
@NonCPS
String podYaml(Map pod, String template) {
  String seLinuxOptions = pod.seLinuxType ? '{type: "' + pod.seLinuxType + '"}' : '{}'
  return template
      .replace('{container}', pod.container)
      .replace('{image}', pod.image)
      .replace('{skopeoImage}', pod.skopeoImage)
      .replace('{seLinuxOptions}', seLinuxOptions)
}

/** One shell step: common.sh, then NAME.sh, with the config in the environment. */
void shellStep(Map config, Map resources, String name) {
  withEnv(stepEnvironment(config)) {
    sh(label: stepLabel(name), script: resources['common.sh'] + resources[name + '.sh'])
  }
}

/** What each shell step is called in the build log. */
@NonCPS
String stepLabel(String name) {
  return [
    preflight: 'Check podman, skopeo and QEMU emulation',
    source: 'Record the commit, branch and release tag of the checkout',
    login: 'Log in to a registry',
    tags: 'Compute the tags of this build from git',
    build: 'Build every platform into a local manifest list',
    push: 'Push the manifest list and all its images',
    verify: 'Verify the pushed index',
    cleanup: 'Remove the local manifest list and the registry logins',
  ][name]
}

/**
 * The environment the shell steps read (MULTIARCH_*), from the sections of the config a step was
 * given: the whole interface between the config and resources/jenkins-multiarch/*.sh.
 */
@NonCPS
List stepEnvironment(Map config) {
  Map environment = [:]
  if (config.registries != null) {
    environment.MULTIARCH_REGISTRIES = config.registries.collect { it.host }.join(' ')
    environment.MULTIARCH_INSECURE_REGISTRIES = config.registries.findAll { !it.tlsVerify }.collect { it.host }.join(' ')
  }
  if (config.image != null) {
    environment.MULTIARCH_IMAGE = config.image.name
    // A fixed tag as itself, a rule as @from or @from:pattern-or-branch (no tag starts with @).
    environment.MULTIARCH_TAGS = config.image.tags.collect { tagRule(it) }.join(' ')
    numbered(environment, 'MULTIARCH_LABEL_', config.image.labels)
  }
  if (config.platforms != null) {
    environment.MULTIARCH_PLATFORMS = config.platforms.join(',')
  }
  if (config.agent?.kubernetes) {
    environment.MULTIARCH_VERIFY_CONTAINER = verifyContainer(config)
  }
  Map build = config.build
  if (build != null) {
    environment.MULTIARCH_DOCKERFILE = build.dockerfile
    environment.MULTIARCH_CONTEXT = build.context
    numbered(environment, 'MULTIARCH_BUILD_ARG_', build.args)
    optional(environment, 'MULTIARCH_TARGET', build.target)
    optional(environment, 'MULTIARCH_PULL', build.pull)
    environment.MULTIARCH_NO_CACHE = build.noCache.toString()
    optional(environment, 'MULTIARCH_TIMEOUT_MINUTES', build.timeoutMinutes)
    optional(environment, 'MULTIARCH_EXTRA_ARGS', build.extraArgs?.join(' '))
    optional(environment, 'BUILDAH_ISOLATION', build.isolation)
  }
  if (config.push != null) {
    environment.MULTIARCH_PUSH_RETRIES = config.push.retries.toString()
  }
  return environment.collect { name, value -> name + '=' + value }
}

/** One variable per entry, NAME1=key=value, NAME2=...: label keys have dots, which names cannot. */
@NonCPS
void numbered(Map environment, String prefix, Map entries) {
  int index = 0
  entries.each { key, value ->
    index++
    environment[prefix + index] = key + '=' + value
  }
}

@NonCPS
void optional(Map environment, String name, def value) {
  if (value != null) {
    environment[name] = value.toString()
  }
}

@NonCPS
String tagRule(def entry) {
  if (!(entry instanceof Map)) {
    return entry
  }
  def argument = entry.pattern != null ? entry.pattern : entry.branch
  return '@' + entry.from + (argument != null ? ':' + argument : '')
}
