/**
 * Errors are data. The engine never throws on user input: it returns Issues, and every
 * message names the values involved ("Add needs inputs of one shape: got (None, 32) and (None, 64)").
 */
export type IssueCode =
  | 'cycle' // the call graph of a model has a cycle
  | 'disconnected' // an output is not reachable from the inputs, or a node hangs off the graph
  | 'missing-input' // a node has an unconnected input port
  | 'too-many-inputs' // more inputs than the kind takes
  | 'duplicate-name' // two layers of one model share a name
  | 'shape-mismatch' // merge of unequal shapes, concat axis, shared layer called on incompatible shapes
  | 'rank' // wrong input rank for the kind (Conv2D needs rank 4, ...)
  | 'negative-size' // a spatial size shrinks to zero or below
  | 'invalid-param' // a parameter value out of its schema
  | 'unknown-kind' // a layer kind this build does not know
  | 'no-inputs' // a model without Input nodes
  | 'no-outputs' // a model without outputs
  | 'recursive-model' // a model calls itself, directly or through others
  | 'dangling-ref' // a node names a layer or model that is not in the project
  | 'unsupported-tfjs' // compile: tfjs 4.22 lacks the kind or the option
  | 'invalid-file' // import: the file is not a valid model
  | 'unsafe' // import: code or unknown classes refused like Keras safe_mode
  | 'data-mismatch' // training: dataset and model disagree
  | 'diverged' // training: loss became NaN/Inf
  | 'custom-code' // a custom layer's code failed in the worker (syntax error, a throw in call)
  | 'weights'; // weights missing, mis-sized or not finite

export interface Issue {
  code: IssueCode;
  message: string;
  severity: 'error' | 'warning';
  modelId?: string;
  nodeId?: string;
  edgeId?: string;
  layerId?: string;
  /** Keras name of the parameter at fault, for the inspector. */
  param?: string;
}

export function issue(code: IssueCode, message: string, where: Omit<Issue, 'code' | 'message' | 'severity'> = {}, severity: Issue['severity'] = 'error'): Issue {
  return { code, message, severity, ...where };
}

export const hasErrors = (issues: readonly Issue[]) => issues.some((i) => i.severity === 'error');
