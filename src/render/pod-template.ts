import { fill } from '../model/messages.js';

export const POD_TEMPLATE = `apiVersion: v1
kind: Pod
spec:
  containers:
    - name: "{container}"
      image: "{image}"
`;

/** The pod of a Kubernetes agent; the shared library fills the same template in Groovy. */
export function podYaml(kubernetes: {
  readonly image: string;
  readonly container: string;
}): string {
  return fill(POD_TEMPLATE, { image: kubernetes.image, container: kubernetes.container });
}
