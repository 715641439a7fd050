/** `layerflow summary FILE|template:NAME [--model NAME]`: the Keras model.summary() of one model. */
import { analyze, issuesFor } from '../../engine/analyze';
import { summary } from '../../engine/summary';
import { formatIssues, loadProject, parseArgs, pickModel } from '../project';

export async function run(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args);
  const loaded = await loadProject(positional[0]);
  if (loaded.error !== undefined) {
    console.error(`layerflow summary: ${loaded.error}`);
    return 1;
  }
  const doc = loaded.doc;
  const picked = pickModel(doc, options.model);
  if (picked.error !== undefined) {
    console.error(`layerflow summary: ${picked.error}`);
    return 1;
  }
  const analysis = analyze(doc);
  const errors = issuesFor(doc, analysis, picked.id).filter((i) => i.severity === 'error');
  if (errors.length) {
    console.error(`layerflow summary: model "${doc.models[picked.id].name}" is not a valid graph:\n${formatIssues(doc, errors)}`);
    return 1;
  }
  console.log(summary(doc, picked.id, analysis));
  return 0;
}
