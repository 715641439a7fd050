import { describe, expect, it } from 'vitest';
import { projectFileName, readProjectText, serializeProject } from './projectFile';
import { mnistDoc } from './testDocs';

describe('project files', () => {
  it('round-trips a project through its file text', () => {
    const doc = mnistDoc();
    const text = serializeProject(doc);
    expect(readProjectText(text)).toEqual({ ok: true, value: doc });
  });

  it('names files after the project, keeping CJK and dropping path characters', () => {
    expect(projectFileName('My model')).toBe('My_model.layerflow.json');
    expect(projectFileName('../自编码器 v2')).toBe('自编码器_v2.layerflow.json');
    expect(projectFileName('  ')).toBe('project.layerflow.json');
  });

  it('says where a file stops being JSON', () => {
    const r = readProjectText('{"version": 1,,}', 'broken.json');
    expect(r).toMatchObject({ ok: false, problem: { key: 'projects.file.notJson', vars: { file: 'broken.json' } } });
    if (!r.ok) expect(String(r.problem.vars?.detail)).toMatch(/JSON|position|token/i);
    expect(readProjectText('   ', 'e.json')).toMatchObject({ ok: false, problem: { key: 'projects.file.empty' } });
  });

  it('names the schema problem of a JSON file that is not a project', () => {
    const doc = mnistDoc();
    const m = Object.values(doc.models)[0];
    const broken = { ...doc, models: { [m.id]: { ...m, nodes: [{ ...m.nodes[0], x: 'left' }] } } };
    const r = readProjectText(JSON.stringify(broken), 'p.json');
    expect(r).toMatchObject({ ok: false, problem: { key: 'projects.file.invalid' } });
    if (!r.ok) expect(r.problem.vars?.detail).toContain(`models.${m.id}.nodes.0.x`);
    const v = readProjectText(JSON.stringify({ ...doc, version: 7 }));
    if (!v.ok) expect(v.problem.vars?.detail).toContain('unknown project version 7');
    else throw new Error('version 7 accepted');
    expect(readProjectText('[1,2]')).toMatchObject({ ok: false, problem: { vars: { detail: 'a project file is a JSON object' } } });
  });
});
