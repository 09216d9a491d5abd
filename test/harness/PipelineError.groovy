/** A build failure as Jenkins reports it: the message goes to the log, the build fails. */
class PipelineError extends RuntimeException {
  PipelineError(String message) { super(message) }
}
