import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/**
 * The state of one build: what Jenkins keeps per run, shared by every script taking part. A
 * parallel branch sees the build through a view of its own (forBranch): its own environment,
 * directory and current stage, the rest shared with the build.
 */
class Build {
  /** The build the scripts are attached to; the branch a thread runs, if any (see current()). */
  static final ThreadLocal<Build> BRANCH = new ThreadLocal<Build>()

  Map job
  List<Map<String, String>> envStack = []
  String cwd
  /** Each stage's result, in the order stages end (across branches). */
  List<Map> stageResults = Collections.synchronizedList([])
  String result = 'SUCCESS'
  AtomicInteger scriptCounter = new AtomicInteger()
  AtomicInteger loadCounter = new AtomicInteger()
  File libraryRoot
  Map<String, PipelineScript> globals = [:]
  /** What the pipeline's agent directive said, for the result: 'any', [label: …], [kubernetes: …]. */
  Object agent
  /** On a kubernetes agent, the containers of its pod (container() is held to them); else null. */
  List<String> podContainers
  /** On a kubernetes agent, the container its steps run in unless they say otherwise. */
  String defaultContainer
  /** The label of the pod podTemplate made, which node(POD_LABEL) selects; else null. */
  String podLabel
  /** The workspace of that pod's node, when it is not the first pod (another agent); else null. */
  String podWorkspace
  /** How many pods podTemplate made. */
  AtomicInteger podCounter = new AtomicInteger()
  /** The pods of parallel branches, as the result records agents. */
  List<Map> branchAgents = Collections.synchronizedList([])
  /** The result of the scripted stage running now, which catchError may lower. */
  String stageResult
  /** In a parallel branch: the build it belongs to, which holds the result. */
  Build parent
  /** In a parallel branch with failFast: set when another branch failed. */
  AtomicBoolean aborted
  /** In a parallel branch: its name, which prefixes its lines in the log as Jenkins does. */
  String branchName

  Build(Map job) {
    this.job = job
    this.cwd = job.workspace
    envStack.add(new LinkedHashMap<String, String>(job.env as Map))
  }

  private Build() {}

  /** The build as the current thread sees it: its parallel branch's view, or this build. */
  Build current() { BRANCH.get() ?: this }

  /** A parallel branch's view: its own copy of the environment and directory, the rest shared. */
  Build forBranch(String name, AtomicBoolean aborted) {
    Build branch = new Build()
    branch.branchName = name
    Build root = parent ?: this
    branch.parent = root
    branch.job = job
    branch.envStack = new ArrayList<Map<String, String>>(envStack)
    branch.cwd = cwd
    branch.stageResults = stageResults
    branch.scriptCounter = scriptCounter
    branch.loadCounter = loadCounter
    branch.libraryRoot = libraryRoot
    branch.globals = globals
    branch.agent = agent
    branch.podContainers = podContainers
    branch.defaultContainer = defaultContainer
    branch.podLabel = podLabel
    branch.podWorkspace = podWorkspace
    branch.podCounter = podCounter
    branch.branchAgents = branchAgents
    branch.aborted = aborted
    return branch
  }

  String getResult() { parent != null ? parent.result : result }

  void setResult(String value) {
    if (parent != null) parent.setResult(value) else synchronized (this) { result = value }
  }
}
