// jenkins-multiarch: multiarchPush, a building block of multiarchPipeline for pipelines of your own, run in the
// current node and workspace. Arguments: multiarchPush.txt.
def call(Map args = [:]) {
  Map job = multiarchConfig.prepare('multiarchPush', args)
  multiarchRuntime.pushStage(job.config, job.resources)
}
