import groovy.json.JsonOutput
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import org.codehaus.groovy.control.CompilerConfiguration

/**
 * Base class for a Jenkinsfile run by the test harness: the declarative structure (pipeline,
 * agent, stages, post) and the steps our Jenkinsfiles use, with sh executed for real the way
 * Jenkins does it (a script file run by `/bin/sh -xe`). Anything else fails loudly, so a
 * Jenkinsfile that needs a step we do not model cannot pass by accident.
 *
 * Deliberately unlike Jenkins: no secret masking in the log, so a leaked password is visible.
 */
// No member is private: Groovy closures in a subclass instance (the Jenkinsfile) cannot reach
// private members of this class.
abstract class PipelineScript extends Script {
  /** Shared by the Jenkinsfile and every library global variable, as one build is in Jenkins. */
  Build rootBuild

  /** Not `script.build = …`: assigning a property of a Script sets a binding variable instead. */
  void attach(Build build) { this.rootBuild = build }

  /** The build as this thread sees it: a parallel branch has a view of its own. */
  Build getBuild() { rootBuild.current() }

  // ---- the environment of steps, as Jenkins builds it

  /**
   * One layer of variables over the ones below, as hudson.EnvVars#override applies it (jenkinsci/
   * jenkins, core/src/main/java/hudson/EnvVars.java): the value as given, never expanded, and an
   * empty value removes the variable. `PATH+NAME` (prepend to PATH) is not modelled: refused.
   */
  static Map<String, String> overrideLayer(Map<String, String> overrides, String step) {
    Map<String, String> layer = [:]
    overrides.each { String name, String value ->
      if (name.contains('+')) throw new PipelineError("${step}: '${name}' uses the PATH+NAME form, which the test harness does not model")
      layer[name] = (value == null || value.isEmpty()) ? null : value
    }
    return layer
  }

  /** What a step's process gets: the layers applied in order, null (an empty value) removing. */
  Map<String, String> currentEnv() {
    Map<String, String> env = [:]
    build.envStack.each { Map<String, String> layer ->
      layer.each { String name, String value -> if (value == null) env.remove(name) else env[name] = value }
    }
    return env
  }

  /** A line of the build log; a parallel branch's lines start with its name, as in Jenkins. */
  void log(String line) {
    String branch = build.branchName
    synchronized (System.out) {
      System.out.println(branch ? "[${branch}] ${line}" : line)
      System.out.flush()
    }
  }

  Object withEnvLayer(Map<String, String> layer, Closure body) {
    build.envStack.add(layer)
    try { return body() } finally { build.envStack.remove(build.envStack.size() - 1) }
  }

  // ---- declarative structure


  def pipeline(Closure body) {
    def spec = new PipelineSpec()
    try {
      configure(body, spec)
    } catch (PipelineError e) {
      // Like Jenkins rejecting the declarative structure: the build fails before any stage.
      log("ERROR: ${e.message}")
      build.result = 'FAILURE'
      return
    }
    if (spec.stages == null) throw new IllegalStateException('pipeline has no stages block')
    startAgent(spec.agentSpec)
    boolean failed = false
    for (Map stage : spec.stages.list) {
      if (failed) { recordStage(stage.name, 'SKIPPED'); continue }
      log("[Pipeline] stage (${stage.name})")
      try {
        def stageSpec = new StageSpec()
        configure(stage.body, stageSpec)
        if (stageSpec.steps == null) throw new IllegalStateException("stage '${stage.name}' has no steps")
        runOnAgent(stageSpec.steps)
        recordStage(stage.name, 'SUCCESS')
      } catch (Throwable e) {
        log("ERROR: ${e.message}")
        recordStage(stage.name, 'FAILURE')
        failed = true
        build.result = 'FAILURE'
      }
    }
    runPost(spec.post)
  }

  /**
   * Records the agent for the result, and for a kubernetes agent the containers of its pod, which
   * container() then holds steps to. The steps themselves run here either way, as for a node.
   */
  void startAgent(Object agentSpec) {
    if (agentSpec instanceof AgentSpec && agentSpec.kubernetes != null) {
      KubernetesAgentSpec pod = agentSpec.kubernetes
      build.podContainers = pod.containers()
      build.defaultContainer = pod.defaultContainer
      Map recorded = [kubernetes: [yaml: pod.yaml, cloud: pod.cloud, namespace: pod.namespace,
                                   defaultContainer: pod.defaultContainer, containers: build.podContainers]]
      // The build's agent is its first; a parallel branch's pod is recorded with the branch's.
      if (build.agent == null) build.agent = recorded else build.branchAgents << recorded
      log("[Pipeline] podTemplate (containers: ${build.podContainers.join(', ')})")
    } else if (agentSpec instanceof AgentSpec) {
      build.agent = [label: agentSpec.label]
    } else {
      build.agent = agentSpec
    }
  }

  /** As the kubernetes plugin does with defaultContainer: the steps run in that container. */
  Object runOnAgent(Closure body) {
    if (build.defaultContainer == null) return runSteps(body)
    return container(build.defaultContainer as String) { runSteps(body) }
  }

  void runPost(PostSpec post) {
    if (post == null) return
    def conditions = ['always']
    conditions << (build.result == 'SUCCESS' ? 'success' : 'failure')
    conditions << 'cleanup'
    conditions.each { String condition ->
      Closure body = post.blocks[condition]
      if (body == null) return
      log("[Pipeline] post ($condition)")
      try {
        runOnAgent(body)
      } catch (Throwable e) {
        log("ERROR: post ($condition): ${e.message}")
        build.result = 'FAILURE'
      }
    }
  }

  void recordStage(String name, String status) {
    build.stageResults << [name: name, result: status]
    log("[harness] stage '${name}': ${status}")
  }

  void writeResult() {
    log("Finished: ${build.result}")
    Map result = [result: build.result, stages: build.stageResults, agent: build.agent]
    if (build.branchAgents) result.branchAgents = build.branchAgents
    if (build.job.resultFile) new File(build.job.resultFile as String).text = JsonOutput.toJson(result)
  }


  /** Steps resolve against this script: nested closures reach it through their owners. */
  void runSteps(Closure body) { configure(body, this) }

  static void configure(Closure body, Object spec) {
    body.resolveStrategy = Closure.DELEGATE_FIRST
    body.delegate = spec
    body.call()
  }

  // ---- steps

  def echo(String message) { log(message) }

  def error(String message) { throw new PipelineError(message) }

  def sh(String script) { sh(script: script) }

  def sh(Map args) {
    String script = args.script
    if (script == null) throw new PipelineError('sh: missing script')
    log("[Pipeline] sh${args.label ? " (${args.label})" : ''}")
    File tmp = new File("${build.job.workspace}@tmp/durable-${build.scriptCounter.incrementAndGet()}")
    tmp.mkdirs()
    File file = new File(tmp, 'script.sh')
    file.text = script
    List<String> command = script.startsWith('#!') ? [file.path] : ['/bin/sh', '-xe', file.path]
    if (script.startsWith('#!')) file.setExecutable(true)
    def builder = new ProcessBuilder(command).directory(new File(build.cwd)).redirectErrorStream(true)
    builder.environment().clear()
    builder.environment().putAll(currentEnv())
    Process process = builder.start()
    process.outputStream.close()
    StringBuilder captured = new StringBuilder()
    Build current = build
    Thread reader = Thread.start {
      Build.BRANCH.set(current.parent != null ? current : null)
      process.inputStream.eachLine('UTF-8') { String line ->
        if (args.returnStdout) captured.append(line).append('\n') else log(line)
      }
    }
    // With failFast, a failed branch stops the others' steps (see parallel).
    while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
      if (current.aborted?.get()) {
        process.descendants().each { it.destroyForcibly() }
        process.destroyForcibly()
        reader.join()
        tmp.deleteDir()
        throw new PipelineError('Aborted: another branch failed, and the parallel step has failFast')
      }
    }
    reader.join()
    int status = process.exitValue()
    tmp.deleteDir()
    if (args.returnStatus) return status
    if (status != 0) throw new PipelineError("script returned exit code ${status}")
    return args.returnStdout ? captured.toString() : null
  }

  /**
   * withEnv passes values verbatim. workflow-basic-steps EnvStep splits each entry at its first
   * "=" and installs EnvironmentExpander.constant (workflow-step-api), which calls
   * EnvVars#overrideAll: no $NAME expansion. durable-task's BourneShellScript then escapes every
   * $ as $$ (FileMonitoringTask.escape, JENKINS-40734) just before the launcher's own expansion
   * undoes it, so the process gets the value as written (BourneShellScriptTest.envWithShellChar:
   * "foo$$bar" arrives as "foo$$bar"). An empty value unsets the variable (EnvStepTest).
   * Entries without "=" fail an assertion in EnvStep: refused here.
   */
  def withEnv(List<String> overrides, Closure body) {
    log('[Pipeline] withEnv')
    Map<String, String> given = [:]
    overrides.each { String entry ->
      int split = entry.indexOf('=')
      if (split < 1) throw new PipelineError("withEnv: '${entry}' is not NAME=value")
      given[entry.substring(0, split)] = entry.substring(split + 1)
    }
    return withEnvLayer(overrideLayer(given, 'withEnv'), body)
  }

  def usernamePassword(Map args) { [type: 'usernamePassword'] + args }

  def string(Map args) { [type: 'string'] + args }

  /**
   * credentials-binding's BindingStep binds through its Overrider, which calls EnvVars#override
   * for each variable: verbatim, like withEnv. Unlike Jenkins, nothing is masked in the log.
   */
  def withCredentials(List bindings, Closure body) {
    log('[Pipeline] withCredentials')
    Map<String, String> layer = [:]
    bindings.each { Map binding ->
      Map credential = credential(binding.credentialsId as String)
      if (credential.type != binding.type)
        throw new PipelineError("Credentials '${binding.credentialsId}' is of type ${credential.type}, not ${binding.type}")
      if (binding.type == 'usernamePassword') {
        layer[binding.usernameVariable as String] = credential.username as String
        layer[binding.passwordVariable as String] = credential.password as String
      } else {
        layer[binding.variable as String] = credential.secret as String
      }
    }
    return withEnvLayer(overrideLayer(layer, 'withCredentials'), body)
  }

  Map credential(String id) {
    Map credential = (build.job.credentials as Map)[id] as Map
    if (credential == null) throw new PipelineError("Could not find credentials entry with ID '${id}'")
    return credential
  }

  /**
   * On a kubernetes agent, the container must be one of the pod's, as the kubernetes plugin can
   * only exec into those; the steps still run here. On other agents it passes through.
   * Values arrive verbatim inside the container too: kubernetes-plugin's ContainerExecDecorator
   * undoes durable-task's $ -> $$ escape (fixDoubleDollar) and exports each variable single-quoted
   * (ContainerExecDecoratorPipelineTest.envVarDollarSignEscaping).
   */
  def container(String name, Closure body) {
    log("[Pipeline] container (${name})")
    List<String> containers = build.podContainers
    if (containers != null && !containers.contains(name)) {
      throw new PipelineError("container '${name}' is not in the pod of the kubernetes agent, whose containers are: ${containers.join(', ')}")
    }
    // What the container's image would change, e.g. a PATH without git (job.json's containerEnv).
    Map<String, String> env = (build.job.containerEnv ?: [:])[name] ?: [:]
    return withEnvLayer(env, body)
  }

  def script(Closure body) { body() }

  // ---- scripted pipelines

  /**
   * A node with this label: the steps run in its workspace, which WORKSPACE names, as
   * workflow-durable-task-step's ExecutorStepExecution sets it. job.json's `agents` may give a
   * label a workspace and an environment of its own (another machine, simulated: its own podman
   * storage, say); any other label runs in the job's workspace. The label of a pod made by
   * podTemplate selects that pod's agent, as node(POD_LABEL) does. The first node is the
   * build's agent in the result.
   */
  def node(String label, Closure body) {
    log("[Pipeline] node (${label})")
    if (build.agent == null) build.agent = [label: label]
    Map agent = (build.job.agents ?: [:])[label] as Map
    String workspace = agent?.workspace ?: (label == build.podLabel ? build.podWorkspace : null) ?: build.job.workspace
    new File(workspace).mkdirs()
    String previous = build.cwd
    build.cwd = workspace
    try {
      return withEnvLayer([WORKSPACE: workspace] + ((agent?.env ?: [:]) as Map<String, String>), body)
    } finally {
      build.cwd = previous
    }
  }

  /**
   * workflow-cps ParallelStep: runs the branches at once and, when any fails, fails with the first
   * failure once all have ended; with failFast: true, the others are stopped as soon as one
   * fails (their running sh steps killed). Each branch has its own environment and directory.
   */
  def parallel(Map branches) {
    Map<String, Closure> bodies = new LinkedHashMap(branches)
    boolean failFast = bodies.remove('failFast') ?: false
    log("[Pipeline] parallel (${bodies.keySet().join(', ')})")
    AtomicBoolean aborted = new AtomicBoolean(false)
    Map<String, Throwable> failures = Collections.synchronizedMap(new LinkedHashMap<String, Throwable>())
    Build current = build
    List<Thread> threads = bodies.collect { String name, Closure body ->
      Build branch = current.forBranch(name, aborted)
      Thread.start("branch ${name}") {
        Build.BRANCH.set(branch)
        try {
          body()
        } catch (Throwable e) {
          failures[name] = e
          if (failFast) aborted.set(true)
        } finally {
          Build.BRANCH.remove()
        }
      }
    }
    threads*.join()
    if (failures) {
      Map.Entry<String, Throwable> first = failures.entrySet().iterator().next()
      log("ERROR: Failed in branch ${first.key}: ${first.value.message}")
      throw first.value
    }
  }

  /**
   * A stage of a scripted pipeline: recorded SUCCESS, or FAILURE when its body throws (the error
   * goes on up) or when a catchError inside it says so.
   */
  def stage(String name, Closure body) {
    log("[Pipeline] stage (${name})")
    build.stageResult = 'SUCCESS'
    try {
      def value = body()
      recordStage(name, build.stageResult)
      return value
    } catch (Throwable e) {
      recordStage(name, 'FAILURE')
      throw e
    }
  }

  static final List POD_TEMPLATE_ARGS = ['yaml', 'cloud', 'namespace', 'inheritFrom']

  /**
   * kubernetes-plugin's podTemplate step with the arguments we use (others are refused): records
   * the pod, whose containers container() is then held to, and sets POD_LABEL for the body as
   * PodTemplateStepExecution does (EnvironmentExpander.constant). A podTemplate inside another
   * inherits the enclosing template unless inheritFrom is '' (PodTemplateStepExecution); only that
   * case is modelled. Each pod after the first has a workspace of its own, as another agent.
   */
  def podTemplate(Map args, Closure body) {
    List unknown = args.keySet().findAll { !POD_TEMPLATE_ARGS.contains(it) }.toList()
    if (unknown) throw new PipelineError("podTemplate: the test harness does not model ${unknown.join(', ')}")
    if (args.containsKey('inheritFrom') && args.inheritFrom != '')
      throw new PipelineError("podTemplate: the test harness models inheritFrom '' only")
    if (build.podLabel != null && args.inheritFrom != '')
      throw new PipelineError('podTemplate inside podTemplate inherits the enclosing one: the test harness does not model it')
    KubernetesAgentSpec pod = new KubernetesAgentSpec(yaml: args.yaml, cloud: args.cloud, namespace: args.namespace)
    log("[Pipeline] podTemplate")
    int number = build.podCounter.incrementAndGet()
    startAgent(new AgentSpec(kubernetes: pod))
    build.podLabel = "${build.job.jobName ?: 'job'}-pod-${number}".toString()
    build.podWorkspace = number == 1 ? null : "${build.job.workspace}@pod-${number}".toString()
    return withEnvLayer([POD_LABEL: build.podLabel], body)
  }

  /**
   * workflow-basic-steps CatchErrorStep: runs the body; an error is printed and swallowed, and the
   * build and the enclosing stage get buildResult (default FAILURE) and stageResult (default
   * SUCCESS). `message` and `catchInterruptions` are not modelled: refused.
   */
  def catchError(Map args, Closure body) {
    List unknown = args.keySet().findAll { !['buildResult', 'stageResult'].contains(it) }.toList()
    if (unknown) throw new PipelineError("catchError: the test harness does not model ${unknown.join(', ')}")
    log('[Pipeline] catchError')
    try {
      return body()
    } catch (Throwable e) {
      log("ERROR: ${e.message}")
      build.result = (args.buildResult ?: 'FAILURE') as String
      build.stageResult = (args.stageResult ?: 'SUCCESS') as String
      return null
    }
  }

  /**
   * An unknown name is a global variable or, failing that, an environment variable, as
   * workflow-cps CpsScript.getProperty resolves it (POD_LABEL is read this way).
   */
  def propertyMissing(String name) {
    PipelineScript variable = build.globals[name]
    if (variable != null) return variable
    String value = currentEnv()[name]
    if (value != null) return value
    throw new MissingPropertyException(name, this.class)
  }

  def dir(String path, Closure body) {
    String previous = build.cwd
    build.cwd = new File(path).isAbsolute() ? path : new File(build.cwd, path).path
    new File(build.cwd).mkdirs()
    try { return body() } finally { build.cwd = previous }
  }

  def git(Map args) {
    checkoutGit(args.url as String, (args.branch ?: 'master') as String, args.credentialsId as String)
  }

  def checkout(Map scm) {
    checkoutGit(scm.url as String, scm.branch as String)
  }

  /** The `scm` global: the repository this Jenkinsfile came from. */
  Map getScm() { build.job.scm as Map }

  /**
   * As the git plugin does: an origin remote, the branch checked out, and the SCM variables
   * returned. Like an explicit `checkout scm` in Jenkins, it does not set env.GIT_COMMIT. A
   * credential is looked up, and named in the log as GitSCM.createClient does ("using credential
   * ID"), so a test sees which one the clone used.
   */
  Map checkoutGit(String url, String branch, String credentialsId = null) {
    log("[Pipeline] git ${url} ${branch}")
    if (credentialsId) {
      credential(credentialsId)
      log("using credential ${credentialsId}")
    }
    File workspace = new File(build.cwd)
    if (!new File(workspace, '.git').exists()) runGit(workspace, ['init', '--quiet', '.'])
    runGit(workspace, ['config', 'remote.origin.url', url])
    runGit(workspace, ['fetch', '--quiet', 'origin', "+refs/heads/${branch}:refs/remotes/origin/${branch}".toString()])
    runGit(workspace, ['checkout', '--quiet', '--force', "origin/${branch}".toString()])
    return [GIT_COMMIT: runGit(workspace, ['rev-parse', 'HEAD']).trim(), GIT_URL: url, GIT_BRANCH: "origin/${branch}".toString()]
  }

  String runGit(File dir, List<String> args) {
    def builder = new ProcessBuilder(['git'] + args).directory(dir).redirectErrorStream(true)
    builder.environment().clear()
    builder.environment().putAll(currentEnv())
    Process process = builder.start()
    String output = process.inputStream.getText('UTF-8')
    if (process.waitFor() != 0) throw new PipelineError("git ${args.join(' ')} failed: ${output}")
    return output
  }

  /**
   * The load step: runs a Groovy file of the workspace with the steps a Jenkinsfile has and
   * returns its value. Each file is a class of its own, as in Jenkins, with its own JVM limits.
   */
  def load(String path) {
    File file = new File(path).isAbsolute() ? new File(path) : new File(build.cwd, path)
    def shell = new GroovyShell(this.class.classLoader, new Binding(), compilerConfiguration())
    PipelineScript script = (PipelineScript) shell.parse(file.getText('UTF-8'), 'Script' + build.loadCounter.incrementAndGet())
    script.attach(build)
    return script.run()
  }

  /** A library resource, as the libraryResource step reads it from the library's resources/. */
  String libraryResource(String path) {
    File file = build.libraryRoot ? new File(build.libraryRoot, "resources/${path}") : null
    if (file == null || !file.isFile()) throw new PipelineError("No such library resource ${path} could be found.")
    return file.getText('UTF-8')
  }

  /** Library global variables are called like steps: `multiarchBuild(...)` runs its call method. */
  def methodMissing(String name, Object args) {
    PipelineScript variable = build.globals[name]
    if (variable != null) return variable.invokeMethod('call', args)
    throw new PipelineError("unknown step '${name}': the test harness does not model it (test/harness/PipelineScript.groovy)")
  }

  // ---- setting up a build

  static CompilerConfiguration compilerConfiguration() {
    def config = new CompilerConfiguration()
    config.scriptBaseClass = PipelineScript.name
    return config
  }

  /**
   * Loads a shared library the way Jenkins does: every vars/NAME.groovy becomes the global
   * variable NAME, one instance per build, visible to the Jenkinsfile and to each other.
   */
  static void loadLibrary(Build build, GroovyShell shell, File root) {
    build.libraryRoot = root
    new File(root, 'vars').listFiles().findAll { it.name.endsWith('.groovy') }.sort { it.name }.each { File file ->
      PipelineScript variable = (PipelineScript) shell.parse(file.getText('UTF-8'), file.name - '.groovy')
      variable.attach(build)
      build.globals[file.name - '.groovy'] = variable
      shell.context.setVariable(file.name - '.groovy', variable)
    }
  }
}

class PipelineSpec {
  StagesSpec stages
  PostSpec post
  def agentSpec
  List options = []

  def getAny() { 'any' }
  def getNone() { 'none' }
  def agent(Object spec) { agentSpec = spec }
  def agent(Closure body) { def spec = new AgentSpec(); PipelineScript.configure(body, spec); agentSpec = spec }
  def options(Closure body) { def spec = new OptionsSpec(); PipelineScript.configure(body, spec); options = spec.options }
  def stages(Closure body) { stages = new StagesSpec(); PipelineScript.configure(body, stages) }
  def post(Closure body) { post = new PostSpec(); PipelineScript.configure(body, post) }
  def methodMissing(String name, Object args) {
    throw new PipelineError("unknown pipeline section '${name}' in the test harness")
  }
}

class AgentSpec {
  String label
  String container
  KubernetesAgentSpec kubernetes
  def node(Closure body) { PipelineScript.configure(body, this) }
  def label(String value) { label = value }
  def kubernetes(Closure body) { kubernetes = new KubernetesAgentSpec(); PipelineScript.configure(body, kubernetes) }
  def methodMissing(String name, Object args) {
    throw new PipelineError("unknown agent option '${name}' in the test harness")
  }
}

/** `agent { kubernetes { … } }` as the kubernetes plugin takes it, with the options we use. */
class KubernetesAgentSpec {
  String cloud
  String namespace
  String yaml
  String defaultContainer
  def cloud(String value) { cloud = value }
  def namespace(String value) { namespace = value }
  def yaml(String value) { yaml = value }
  def defaultContainer(String value) { defaultContainer = value }
  def methodMissing(String name, Object args) {
    throw new PipelineError("unknown kubernetes option '${name}' in the test harness")
  }

  /** The pod's containers: those of the yaml, and the jnlp one the plugin adds unless it is there. */
  List<String> containers() {
    List<String> names = PodYaml.containerNames(yaml ?: '')
    return names.contains('jnlp') ? names : names + ['jnlp']
  }
}

/**
 * Reads the container names of a pod's YAML line by line: Groovy 2.4 has no YAML parser on the
 * harness classpath. It understands block-style YAML as pod templates are written: a
 * `containers:` key followed by a block sequence of mappings, each with a `name:` at the
 * mapping's own indentation (`- name: x`, or `name: x` on a later line of the entry), the name
 * plain, single- or double-quoted, comments allowed. Nested keys such as `env:` entries' `name:`
 * are not taken for container names, and block scalars (`|`, `>`) are skipped. Not understood,
 * so their containers are not found (and container() fails for them): flow style
 * (`containers: [...]`, `- {name: x}`), quoted keys, anchors and aliases, tags, multi-line
 * scalars, tabs.
 * Every `containers:` key counts, whatever mapping it is in; `initContainers:` does not, since no
 * step can run in an init container.
 */
class PodYaml {
  static List<String> containerNames(String yaml) {
    List<String> names = []
    Integer keyIndent = null    // the `containers:` key whose block we are in
    Integer itemIndent = null   // the `-` of its entries
    Integer fieldIndent = null  // the keys of the current entry
    Integer scalarIndent = null // the key line of a block scalar whose lines we skip
    for (String raw : yaml.split('\n')) {
      String text = raw.trim()
      if (text.isEmpty() || text.startsWith('#')) continue
      int indent = raw.indexOf(text)
      if (scalarIndent != null) {
        if (indent > scalarIndent) continue
        scalarIndent = null
      }
      boolean dash = text == '-' || text.startsWith('- ')
      if (keyIndent != null && itemIndent == null) {
        if (dash && indent >= keyIndent) itemIndent = indent else keyIndent = null
      }
      if (itemIndent != null && (indent < itemIndent || (indent == itemIndent && !dash))) {
        keyIndent = itemIndent = fieldIndent = null
      }
      String entry = text
      int entryIndent = indent
      if (itemIndent != null && dash && indent == itemIndent) {
        String rest = text.substring(1)
        entry = rest.trim()
        fieldIndent = entry.isEmpty() ? null : indent + 1 + rest.indexOf(entry)
        entryIndent = fieldIndent ?: indent
        if (entry.isEmpty()) continue
      } else if (itemIndent != null && fieldIndent == null) {
        fieldIndent = indent
      }
      if (itemIndent != null && entryIndent == fieldIndent) {
        def name = entry =~ /^name:\s*(.*)$/
        if (name.matches()) names << scalar(name.group(1))
      }
      if (entry ==~ /^[^\s:#]+:\s*[|>][-+0-9]*\s*(#.*)?$/) scalarIndent = entryIndent
      if (keyIndent == null && entry ==~ /^containers:\s*(#.*)?$/) {
        keyIndent = entryIndent
        itemIndent = fieldIndent = null
      }
    }
    return names
  }

  /** A one-line plain or quoted scalar, without a trailing comment. */
  static String scalar(String value) {
    if (value.startsWith('"')) {
      int end = value.indexOf('"', 1)
      return end > 0 ? value.substring(1, end) : value
    }
    if (value.startsWith("'")) {
      int end = value.indexOf("'", 1)
      return end > 0 ? value.substring(1, end) : value
    }
    int comment = value.indexOf(' #')
    return (comment >= 0 ? value.substring(0, comment) : value).trim()
  }
}

class OptionsSpec {
  static final List KNOWN = ['skipDefaultCheckout', 'timestamps', 'timeout', 'disableConcurrentBuilds', 'buildDiscarder', 'ansiColor']
  List options = []
  def methodMissing(String name, Object args) {
    if (!KNOWN.contains(name)) throw new PipelineError("unknown option '${name}' in the test harness")
    options << name
  }
}

class StagesSpec {
  List<Map> list = []
  def stage(String name, Closure body) { list << [name: name, body: body] }
}

class StageSpec {
  Closure steps
  def getNone() { 'none' }
  def agent(Object spec) { }
  def steps(Closure body) { steps = body }
  def methodMissing(String name, Object args) {
    throw new PipelineError("unknown stage section '${name}' in the test harness")
  }
}

class PostSpec {
  Map<String, Closure> blocks = [:]
  def always(Closure body) { blocks.always = body }
  def success(Closure body) { blocks.success = body }
  def failure(Closure body) { blocks.failure = body }
  def cleanup(Closure body) { blocks.cleanup = body }
}
