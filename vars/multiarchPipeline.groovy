// jenkins-multiarch: multiarchPipeline, the whole build (Clone, Preflight, Build, Push, Verify with its smoke run, Cleanup) from the
// fields of a jenkins-multiarch.yaml, on the agent it names. Arguments: multiarchPipeline.txt,
// shown in Pipeline Syntax > Global Variables Reference.
def call(Map args = [:]) {
  Map job = multiarchConfig.prepare('multiarchPipeline', args)
  multiarchRuntime.runPipeline(job.config, job.resources)
}
