import groovy.json.JsonOutput
import org.codehaus.groovy.ast.expr.DeclarationExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.stmt.ExpressionStatement
import org.codehaus.groovy.ast.stmt.ReturnStatement
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.messages.SyntaxErrorMessage

/**
 * Compiles each file given (Jenkinsfiles, vars/*.groovy) with this Groovy, without running it,
 * and prints one JSON line per file: {file, ok, errors: [{line, column, message}], topLevel}.
 * topLevel describes each statement at script level: "call NAME" for a method call,
 * "declaration NAME" for a local variable (which declarative's script splitting refuses,
 * JENKINS-37984; `@Library('x') _` is one, "declaration _ @Library"), else the statement's class.
 * One JVM for many files: JVM start-up dominates.
 */
args.each { String path ->
  def unit = new CompilationUnit()
  def source = unit.addSource(new File(path))
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
  List topLevel = errors ? [] : source.AST.statementBlock.statements.collect { statement ->
    // A script returns its last statement's value: the compiler wraps it in a return.
    def expression = statement instanceof ExpressionStatement || statement instanceof ReturnStatement ? statement.expression : null
    if (expression instanceof DeclarationExpression) {
      String annotations = expression.annotations.collect { ' @' + it.classNode.nameWithoutPackage }.join('')
      return 'declaration ' + expression.leftExpression.text + annotations
    }
    if (expression instanceof MethodCallExpression) return 'call ' + expression.methodAsString
    return statement.class.simpleName
  }
  println JsonOutput.toJson([file: path, ok: errors.isEmpty(), errors: errors, topLevel: topLevel])
}
