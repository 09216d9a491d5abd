import groovy.json.JsonSlurper

/**
 * Runs a declarative Jenkinsfile the way a Jenkins agent would, for the tests.
 *   groovy -cp test/harness test/harness/run-pipeline.groovy job.json
 * job.json: { jenkinsfile, workspace, env: {...}, credentials: { id: {type, username, password} },
 *             scm: { url, branch }, library: { name, path }, resultFile,
 *             containerEnv: { name: { VAR: value } } (what differs inside container(name)) }
 * resultFile gets: { result, stages: [{ name, result }], agent } where agent is what the agent
 * directive said: 'any', 'none', { label }, or { kubernetes: { yaml, cloud, namespace,
 * defaultContainer, containers } } (containers: as read from the yaml, plus the plugin's jnlp).
 * Exit code 0 when the build result is SUCCESS, 1 otherwise.
 */
if (args.length != 1) {
  System.err.println('usage: run-pipeline.groovy job.json')
  System.exit(2)
}
Map job = new JsonSlurper().parse(new File(args[0])) as Map
String source = new File(job.jenkinsfile as String).getText('UTF-8')
def build = new Build(job)
def shell = new GroovyShell(this.class.classLoader, new Binding(), PipelineScript.compilerConfiguration())

// @Library('name@ref') _ must name the library this job has, as Jenkins' configured libraries.
def requested = (source =~ /@Library\(\s*['"]([^'"@]+)(?:@([^'"]+))?['"]\s*\)/)
if (requested.find()) {
  if (!job.library || job.library.name != requested.group(1)) {
    println "ERROR: Library ${requested.group(1)} is not configured for this job"
    System.exit(1)
  }
  println "Loading library ${requested.group(1)}@${requested.group(2) ?: '(default)'}"
  PipelineScript.loadLibrary(build, shell, new File(job.library.path as String))
}

PipelineScript pipeline = (PipelineScript) shell.parse(source, 'Jenkinsfile')
pipeline.attach(build)
try {
  pipeline.run()
} catch (Throwable e) {
  // A scripted pipeline's error ends the build, as in Jenkins: FAILURE, the message in the log.
  pipeline.log("ERROR: ${e instanceof PipelineError ? e.message : e.toString()}")
  build.result = 'FAILURE'
}
pipeline.writeResult()
System.exit(build.result == 'SUCCESS' ? 0 : 1)
