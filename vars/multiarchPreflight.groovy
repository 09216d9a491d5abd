// jenkins-multiarch: multiarchPreflight, a building block of multiarchPipeline for pipelines of your own, run in the
// current node and workspace. Arguments: multiarchPreflight.txt.
def call(Map args = [:]) {
  Map job = multiarchConfig.prepare('multiarchPreflight', args)
  multiarchRuntime.preflightStage(job.config, job.resources)
}
