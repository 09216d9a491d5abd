import groovy.json.JsonOutput

/**
 * Answers what the shared library makes of step arguments, for the tests, one JVM for many
 * questions: its checks (vars/multiarchConfig.groovy, with resources/jenkins-multiarch/model.json)
 * and, for valid arguments, the environment its runtime gives the shell steps
 * (vars/multiarchRuntime.groovy).
 *   groovy -cp test/harness test/harness/library-eval.groovy LIBRARY_ROOT
 * Reads one Groovy literal a line, [step: 'multiarchPipeline', args: [...]] (a literal, so maps
 * keep their order, as in a Jenkinsfile), and prints one JSON line for each:
 * {problems: [[path, message]], env: ['NAME=value'] or null}. Ends at the end of its input.
 */
def build = new Build([workspace: '/nonexistent', env: [:]])
def shell = new GroovyShell(this.class.classLoader, new Binding(), PipelineScript.compilerConfiguration())
File root = new File(args[0])
PipelineScript.loadLibrary(build, shell, root)
def checks = build.globals.multiarchConfig
def runtime = build.globals.multiarchRuntime
String model = new File(root, 'resources/jenkins-multiarch/model.json').getText('UTF-8')
def reader = new BufferedReader(new InputStreamReader(System.in, 'UTF-8'))
def out = new PrintStream(System.out, true, 'UTF-8')
String line
while ((line = reader.readLine()) != null) {
  Map question = new GroovyShell().evaluate(line) as Map
  List checked = checks.checkArguments(model, question.step as String, question.args)
  List problems = checked[1]
  out.println(JsonOutput.toJson([problems: problems, env: problems ? null : runtime.stepEnvironment(checked[0], model)]))
}
