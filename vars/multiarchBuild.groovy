// jenkins-multiarch: multiarchBuild, a building block of multiarchPipeline for pipelines of your own, run in the
// current node and workspace. Arguments: multiarchBuild.txt.
def call(Map args = [:]) {
  Map job = multiarchConfig.prepare('multiarchBuild', args)
  multiarchRuntime.buildStage(job.config, job.resources)
}
