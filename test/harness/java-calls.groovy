import groovy.json.JsonOutput
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.expr.ClassExpression
import org.codehaus.groovy.ast.expr.ConstructorCallExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.SourceUnit

/**
 * Lists what each file given calls on Java classes directly: constructors, static methods and
 * static fields, as script-security's whitelists name them ("new CLASS", "staticMethod CLASS
 * NAME", "staticField CLASS NAME"), for a test to hold them to script-security's
 * generic-whitelist. One JSON line per file: {file, calls}. Class names are resolved as the
 * compiler resolves them (String is java.lang.String), after semantic analysis.
 */
args.each { String path ->
  def unit = new CompilationUnit()
  def source = unit.addSource(new File(path))
  unit.compile(Phases.CANONICALIZATION)
  Set calls = new TreeSet()
  def visitor = new ClassCodeVisitorSupport() {
    protected SourceUnit getSourceUnit() { source }
    void visitMethod(org.codehaus.groovy.ast.MethodNode method) {
      if (method.lineNumber > 0 || method.name == 'run') super.visitMethod(method)
    }
    // What the compiler adds (a script's main method, implicit super calls) has no line.
    void visitConstructorCallExpression(ConstructorCallExpression call) {
      if (call.lineNumber > 0) calls << 'new ' + call.type.name
      super.visitConstructorCallExpression(call)
    }
    void visitMethodCallExpression(MethodCallExpression call) {
      if (call.objectExpression instanceof ClassExpression) calls << 'staticMethod ' + call.objectExpression.type.name + ' ' + call.methodAsString
      super.visitMethodCallExpression(call)
    }
    void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
      // A script's own methods compile to these from a static context; Java's are what matter.
      if (call.lineNumber > 0 && !call.ownerType.isScript()) calls << 'staticMethod ' + call.ownerType.name + ' ' + call.method
      super.visitStaticMethodCallExpression(call)
    }
    void visitPropertyExpression(PropertyExpression property) {
      if (property.objectExpression instanceof ClassExpression) calls << 'staticField ' + property.objectExpression.type.name + ' ' + property.propertyAsString
      super.visitPropertyExpression(property)
    }
  }
  source.AST.classes.each { visitor.visitClass(it) }
  println JsonOutput.toJson([file: path, calls: calls as List])
}
