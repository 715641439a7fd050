/** Multiple inputs and outputs: ticket title/body/tags → priority and department (1,392,097 params). */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';

export function ticketClassifier(): ProjectDoc {
  const numTags = 12;
  const numWords = 10000;
  const numDepartments = 4;
  const b = new ProjectBuilder('ticket_classifier');
  const title = b.input([null], { name: 'title' });
  const body = b.input([null], { name: 'body' });
  const tags = b.input([numTags], { name: 'tags' });
  let titleFeatures = b.layer('Embedding', { input_dim: numWords, output_dim: 64 }).call(title);
  let bodyFeatures = b.layer('Embedding', { input_dim: numWords, output_dim: 64 }).call(body);
  titleFeatures = b.layer('LSTM', { units: 128 }).call(titleFeatures);
  bodyFeatures = b.layer('LSTM', { units: 32 }).call(bodyFeatures);
  const x = b.layer('Concatenate').call(titleFeatures, bodyFeatures, tags);
  const priority = b.layer('Dense', { units: 1 }, 'priority').call(x);
  const department = b.layer('Dense', { units: numDepartments }, 'department').call(x);
  b.model('ticket_classifier', [title, body, tags], [priority, department]);
  return b.build();
}
