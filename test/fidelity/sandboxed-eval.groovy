import org.codehaus.groovy.control.CompilerConfiguration
import org.kohsuke.groovy.sandbox.GroovyInterceptor
import org.kohsuke.groovy.sandbox.SandboxTransformer

/**
 * Runs the shared library's argument checks and step environment in groovy-sandbox, as Jenkins
 * runs an untrusted library, with an interceptor that refuses, as script-security does, every
 * Java constructor, static method and static field that generic-whitelist does not list (matched
 * by class, name and number of arguments).
 *   groovy -cp test/harness:SANDBOX_CLASSES test/fidelity/sandboxed-eval.groovy LIBRARY_ROOT GENERIC_WHITELIST CASES
 * CASES: a Groovy list literal of multiarchPipeline arguments. Prints "refused: SIGNATURE" for each
 * refusal, then "ran N cases, M valid". Development only: see README.
 */
class WhitelistInterceptor extends GroovyInterceptor {
  final Map<String, List<List<String>>> allowed = [:]
  final Set<String> refused = new TreeSet<String>()

  WhitelistInterceptor(File whitelist) {
    whitelist.eachLine { String line ->
      List<String> words = line.trim().split(/\s+/) as List
      if (words.size() < 2 || line.startsWith('#')) return
      String key = words[0] == 'new' ? words.take(2).join(' ') : words.take(3).join(' ')
      allowed.computeIfAbsent(key) { [] } << (words[0] == 'new' ? words.drop(2) : words.drop(3))
    }
  }

  void check(String kind, Class type, String name, Object[] args) {
    // The default package holds the scripts and the test harness standing in for Jenkins.
    if (type.package == null || type.package.name.isEmpty()) return
    String key = kind == 'new' ? "new ${type.name}" : "${kind} ${type.name} ${name}"
    boolean fits = allowed[key]?.any { List<String> params ->
      params.size() == args.length || (params && params.last().endsWith('[]') && args.length >= params.size() - 1)
    }
    if (!fits) refused << "${key} (${args.length} arguments)".toString()
  }

  Object onStaticCall(GroovyInterceptor.Invoker invoker, Class receiver, String method, Object... args) {
    check('staticMethod', receiver, method, args)
    return super.onStaticCall(invoker, receiver, method, args)
  }

  Object onNewInstance(GroovyInterceptor.Invoker invoker, Class receiver, Object... args) {
    check('new', receiver, null, args)
    return super.onNewInstance(invoker, receiver, args)
  }

  Object onGetProperty(GroovyInterceptor.Invoker invoker, Object receiver, String property) {
    if (receiver instanceof Class) check('staticField', (Class) receiver, property, new Object[0])
    return super.onGetProperty(invoker, receiver, property)
  }
}

File root = new File(args[0])
def interceptor = new WhitelistInterceptor(new File(args[1]))
List cases = new GroovyShell().evaluate(new File(args[2])) as List

def build = new Build([workspace: '/nonexistent', env: [:]])
CompilerConfiguration config = PipelineScript.compilerConfiguration()
config.addCompilationCustomizers(new SandboxTransformer())
def shell = new GroovyShell(this.class.classLoader, new Binding(), config)
String model = new File(root, 'resources/jenkins-multiarch/model.json').getText('UTF-8')
String pod = new File(root, 'resources/jenkins-multiarch/pod.yaml').getText('UTF-8')

int valid = 0
// Sandboxed code refuses everything while no interceptor is registered, its constructors too.
interceptor.register()
try {
  PipelineScript.loadLibrary(build, shell, root)
  def checks = build.globals.multiarchConfig
  def runtime = build.globals.multiarchRuntime
  cases.each { args ->
    List checked = checks.checkArguments(model, 'multiarchPipeline', args)
    if (checked[1]) return
    valid++
    runtime.stepEnvironment(checked[0], model)
    runtime.emulated(checked[0])
    if (checked[0].native) runtime.branchNames(checked[0])
    if (checked[0].agent.kubernetes) runtime.podYaml(checked[0].agent.kubernetes, pod, 'linux/arm64')
  }
} finally {
  interceptor.unregister()
}
interceptor.refused.each { println "refused: ${it}" }
println "ran ${cases.size()} cases, ${valid} valid"
