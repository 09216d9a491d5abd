/** The state of one build: what Jenkins keeps per run, shared by every script taking part. */
class Build {
  Map job
  List<Map<String, String>> envStack = []
  String cwd
  List<Map> stageResults = []
  String result = 'SUCCESS'
  int scriptCounter = 0
  int loadCounter = 0
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
  /** Inside a scripted node block. */
  boolean inNode
  /** The result of the scripted stage running now, which catchError may lower. */
  String stageResult

  Build(Map job) {
    this.job = job
    this.cwd = job.workspace
    envStack.add(new LinkedHashMap<String, String>(job.env as Map))
  }
}
