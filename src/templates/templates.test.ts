import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze';
import { parseProject } from '../engine/doc';
import { TEMPLATES } from './index';
import { SEED_TOTALS as TOTALS } from './seedTotals';


it.each(Object.entries(TEMPLATES))('template %s is a valid project file without issues', (_name, t) => {
  const doc = t.build();
  expect(parseProject(JSON.parse(JSON.stringify(doc))).errors).toEqual([]);
  expect(analyze(doc).issues).toEqual([]);
});

describe.each(Object.keys(TOTALS))('seed template %s', (name) => {
  const doc = TEMPLATES[name].build();

  it('has the seed totals for every model, all trainable', () => {
    const a = analyze(doc);
    const got = Object.fromEntries(Object.values(doc.models).map((m) => [m.name, a.models[m.id].totals.trainable]));
    expect(got).toEqual(TOTALS[name]);
    for (const m of Object.values(a.models)) expect(m.totals.nonTrainable).toBe(0);
  });

  it('opens on its last model', () => {
    expect(doc.models[doc.main].name).toBe(Object.keys(TOTALS[name]).at(-1));
  });
});
