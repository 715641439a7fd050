/** Ensembling: three models Dense(1) on 128 (129 params each), averaged by one ensemble model (387). */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';

export function ensemble(): ProjectDoc {
  const b = new ProjectBuilder('ensemble');
  const getModel = (name: string) => {
    const inputs = b.input([128]);
    const outputs = b.layer('Dense', { units: 1 }).call(inputs);
    return b.model(name, [inputs], [outputs]);
  };
  const models = [getModel('model1'), getModel('model2'), getModel('model3')];
  const inputs = b.input([128]);
  const ys = models.map((m) => b.callModel(m, inputs));
  const outputs = b.layer('Average').call(...ys);
  b.model('ensemble', [inputs], [outputs]);
  return b.build();
}
