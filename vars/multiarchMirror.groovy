// jenkins-multiarch: multiarchMirror, copies base images into registries of your own (a scheduled job
// that keeps them fresh), run in the current node and workspace. Arguments: multiarchMirror.txt.
def call(Map args = [:]) {
  Map job = multiarchConfig.prepare('multiarchMirror', args)
  multiarchRuntime.mirrorStage(job.config, job.resources)
}
