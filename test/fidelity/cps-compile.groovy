import groovy.json.JsonOutput
import com.cloudbees.groovy.cps.CpsTransformer
import com.cloudbees.groovy.cps.NonCPS
import com.cloudbees.groovy.cps.SandboxCpsTransformer
import com.cloudbees.groovy.cps.SerializableScript
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.customizers.ImportCustomizer

/**
 * Compiles each file given as Jenkins does, with workflow-cps's own CPS transformer, sandboxed
 * (SandboxCpsTransformer: multibranch Jenkinsfiles, untrusted libraries) and trusted
 * (CpsTransformer), NonCPS imported. Prints one JSON line per file and mode: {file, mode, ok,
 * error}. Development only: the classpath needs the CPS transformer built from
 * jenkinsci/workflow-cps-plugin (see README, "Jenkins' own compiler and sandbox").
 */
args.each { String path ->
  ['sandbox', 'trusted'].each { String mode ->
    def config = new CompilerConfiguration()
    config.scriptBaseClass = SerializableScript.name
    def imports = new ImportCustomizer()
    imports.addImports(NonCPS.name)
    config.addCompilationCustomizers(imports)
    config.addCompilationCustomizers(mode == 'sandbox' ? new SandboxCpsTransformer() : new CpsTransformer())
    def unit = new CompilationUnit(config)
    unit.addSource(new File(path).name.replaceAll('[^A-Za-z0-9_]', '_'), new File(path).getText('UTF-8'))
    String error = null
    try {
      unit.compile(Phases.CLASS_GENERATION)
    } catch (Throwable e) {
      error = e.message
    }
    println JsonOutput.toJson([file: path, mode: mode, ok: error == null, error: error])
  }
}
