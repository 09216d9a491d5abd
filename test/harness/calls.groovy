import groovy.json.JsonOutput
import org.codehaus.groovy.ast.AnnotatedNode
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.DynamicVariable
import org.codehaus.groovy.ast.expr.ClassExpression
import org.codehaus.groovy.ast.expr.ConstructorCallExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.PropertyExpression
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.SourceUnit

/**
 * Lists what each file given calls outside itself, after semantic analysis (class names resolved
 * as the compiler resolves them: String is java.lang.String). One JSON line per file:
 * {file, java, steps, globals, annotations}.
 * - java: constructors, static methods and static fields of Java classes, as script-security's
 *   whitelists name them ("new CLASS", "staticMethod CLASS NAME", "staticField CLASS NAME"), for a
 *   test to hold them to script-security's generic-whitelist;
 * - steps: calls without a receiver of methods the file does not declare (`sh(...)`,
 *   `withCredentials(...)`): the pipeline steps Jenkins' plugins must provide;
 * - globals: names read without a declaration (`scm`, `POD_LABEL`, a library's `multiarchConfig`);
 * - annotations: those on the file's declarations and imports (`Library`, `NonCPS`).
 */
args.each { String path ->
  def unit = new CompilationUnit()
  def source = unit.addSource(new File(path))
  unit.compile(Phases.CANONICALIZATION)
  Set java = new TreeSet()
  Set steps = new TreeSet()
  Set globals = new TreeSet()
  Set annotations = new TreeSet()
  Set declared = source.AST.classes*.methods.flatten()*.name as Set
  def visitor = new ClassCodeVisitorSupport() {
    protected SourceUnit getSourceUnit() { source }
    void visitMethod(org.codehaus.groovy.ast.MethodNode method) {
      if (method.lineNumber > 0 || method.name == 'run') super.visitMethod(method)
    }
    void visitAnnotations(AnnotatedNode node) {
      node.annotations.each { annotations << it.classNode.nameWithoutPackage }
      super.visitAnnotations(node)
    }
    // What the compiler adds (a script's main method, implicit super calls) has no line.
    void visitConstructorCallExpression(ConstructorCallExpression call) {
      if (call.lineNumber > 0) java << 'new ' + call.type.name
      super.visitConstructorCallExpression(call)
    }
    void visitMethodCallExpression(MethodCallExpression call) {
      if (call.objectExpression instanceof ClassExpression) java << 'staticMethod ' + call.objectExpression.type.name + ' ' + call.methodAsString
      if (call.implicitThis && !declared.contains(call.methodAsString)) steps << call.methodAsString
      super.visitMethodCallExpression(call)
    }
    void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
      // A script's own methods compile to these from a static context; Java's are what matter.
      if (call.lineNumber > 0 && !call.ownerType.isScript()) java << 'staticMethod ' + call.ownerType.name + ' ' + call.method
      super.visitStaticMethodCallExpression(call)
    }
    void visitPropertyExpression(PropertyExpression property) {
      if (property.objectExpression instanceof ClassExpression) java << 'staticField ' + property.objectExpression.type.name + ' ' + property.propertyAsString
      super.visitPropertyExpression(property)
    }
    void visitVariableExpression(VariableExpression variable) {
      if (variable.accessedVariable instanceof DynamicVariable) globals << variable.name
      super.visitVariableExpression(variable)
    }
  }
  source.AST.classes.each { visitor.visitClass(it) }
  source.AST.imports.each { visitor.visitAnnotations(it) }
  println JsonOutput.toJson([file: path, java: java as List, steps: steps as List, globals: globals as List, annotations: annotations as List])
}
