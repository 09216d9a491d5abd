import groovy.json.JsonSlurper

/**
 * Judges many values with the shared library's grammars in one JVM, so tests can compare them
 * with the TypeScript model's judgement.
 *   groovy -cp test/harness test/harness/grammar-eval.groovy LIBRARY_ROOT cases.json
 * cases.json: [[grammar, value, the model's problem or null], ...] (ASCII, other characters
 * escaped). Prints the index of every case the library judges differently, one a line.
 */
def build = new Build([workspace: '/nonexistent', env: [:]])
def shell = new GroovyShell(this.class.classLoader, new Binding(), PipelineScript.compilerConfiguration())
File root = new File(args[0])
PipelineScript.loadLibrary(build, shell, root)
def library = build.globals.multiarchConfig
Map model = new JsonSlurper().parse(new File(root, 'resources/jenkins-multiarch/model.json'), 'UTF-8') as Map
List cases = new JsonSlurper().parse(new File(args[1]), 'US-ASCII') as List
cases.eachWithIndex { List c, int index ->
  if (library.grammarProblem(model, c[0] as String, c[1] as String) != c[2]) println index
}
println "judged ${cases.size()}"
