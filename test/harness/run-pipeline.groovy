import groovy.json.JsonSlurper
import org.codehaus.groovy.control.CompilerConfiguration

/**
 * Runs a declarative Jenkinsfile the way a Jenkins agent would, for the tests.
 *   groovy -cp test/harness test/harness/run-pipeline.groovy job.json
 * job.json: { jenkinsfile, workspace, env: {...}, credentials: { id: {type, username, password} },
 *             scm: { url, branch }, resultFile }
 * Exit code 0 when the build result is SUCCESS, 1 otherwise.
 */
if (args.length != 1) {
  System.err.println('usage: run-pipeline.groovy job.json')
  System.exit(2)
}
Map job = new JsonSlurper().parse(new File(args[0])) as Map
def config = new CompilerConfiguration()
config.scriptBaseClass = 'PipelineScript'
def shell = new GroovyShell(this.class.classLoader, new Binding(), config)
def jenkinsfile = new File(job.jenkinsfile as String)
PipelineScript pipeline = (PipelineScript) shell.parse(jenkinsfile.getText('UTF-8'), 'Jenkinsfile')
pipeline.initHarness(job)
pipeline.run()
System.exit(pipeline.buildResult == 'SUCCESS' ? 0 : 1)
