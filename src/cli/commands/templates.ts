/** `layerflow templates`: the built-in templates, with the models each holds. */
import { TEMPLATES } from '../../templates';

export async function run(): Promise<number> {
  const width = Math.max(...Object.keys(TEMPLATES).map((n) => n.length));
  for (const [name, t] of Object.entries(TEMPLATES)) {
    const doc = t.build();
    const models = Object.values(doc.models).map((m) => (m.id === doc.main ? `${m.name}*` : m.name));
    console.log(`${name.padEnd(width)}  ${t.title}: ${t.description}`);
    console.log(`${' '.repeat(width)}  models: ${models.join(', ')}  (* main)`);
  }
  console.log('\nUse one as template:NAME, e.g. layerflow summary template:toy_resnet --model toy_resnet');
  return 0;
}
