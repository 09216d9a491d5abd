import groovy.json.JsonOutput

/**
 * Evaluates the shared library's generated checks and step environment on many inputs in one
 * JVM, so tests can compare them with the TypeScript model's.
 *   groovy -cp test/harness test/harness/library-eval.groovy LIBRARY_ROOT cases.groovy
 * cases.groovy: a Groovy list literal [[step: …, args: …]], so arguments are the ordered maps a
 * Jenkinsfile passes (JSON parsers here reorder keys, and problems follow key order).
 * Prints JSON: [{problems: [[path, message]], env: [NAME=value] | null}].
 */
def build = new Build([workspace: '/nonexistent', env: [:]])
def shell = new GroovyShell(this.class.classLoader, new Binding(), PipelineScript.compilerConfiguration())
PipelineScript.loadLibrary(build, shell, new File(args[0]))
def library = build.globals.multiarchConfig
List cases = new GroovyShell().evaluate(new File(args[1])) as List
println JsonOutput.toJson(cases.collect { Map c ->
  List problems = []
  def config = library.checkValue(library.stepSpec(c.step), c.args, '', problems)
  [problems: problems, env: problems ? null : library.environment(config)]
})
