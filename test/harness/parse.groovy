import groovy.json.JsonOutput
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.messages.SyntaxErrorMessage

/**
 * Compiles each file given (Jenkinsfiles, vars/*.groovy) with this Groovy, without running it,
 * and prints one JSON line per file: {file, ok, errors: [{line, column, message}]}.
 * One JVM for many files, because JVM start-up dominates.
 */
args.each { String path ->
  def unit = new CompilationUnit()
  unit.addSource(new File(path))
  def errors = []
  try {
    unit.compile(Phases.CLASS_GENERATION)
  } catch (MultipleCompilationErrorsException e) {
    e.errorCollector.errors.each { message ->
      if (message instanceof SyntaxErrorMessage) {
        def cause = message.cause
        errors << [line: cause.line, column: cause.startColumn, message: cause.originalMessage]
      } else {
        errors << [line: 0, column: 0, message: message.toString()]
      }
    }
  }
  println JsonOutput.toJson([file: path, ok: errors.isEmpty(), errors: errors])
}
