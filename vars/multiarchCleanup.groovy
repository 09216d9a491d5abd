// jenkins-multiarch: multiarchCleanup, a building block of multiarchPipeline for pipelines of your own, run in the
// current node and workspace. Arguments: multiarchCleanup.txt.
def call(Map args = [:]) {
  Map job = multiarchConfig.prepare('multiarchCleanup', args)
  multiarchRuntime.cleanupStage(job.config, job.resources)
}
