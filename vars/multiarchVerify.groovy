// jenkins-multiarch: multiarchVerify, a building block of multiarchPipeline for pipelines of your own, run in the
// current node and workspace. Arguments: multiarchVerify.txt.
def call(Map args = [:]) {
  Map job = multiarchConfig.prepare('multiarchVerify', args)
  multiarchRuntime.verifyStage(job.config, job.resources)
}
