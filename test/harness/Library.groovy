import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy

/** Stands in for org.jenkinsci.plugins.workflow.libs.Library, which Jenkins imports for `@Library('x') _`. */
@Retention(RetentionPolicy.SOURCE)
@interface Library {
  String[] value()
}
