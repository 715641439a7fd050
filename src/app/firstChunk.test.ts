/**
 * The editor's first load: a real production build (in memory, nothing written), its
 * `.vite/manifest.json` read for the entry chunk and every chunk it imports statically; their
 * gzip size must stay under 350 KB. tfjs, h5wasm, CodeMirror and elkjs load on first use
 * (dynamic import), so none of them may be reachable from the entry through static imports.
 */
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

const LIMIT_KB = 350;
/** Packages that must stay out of the first load (matched against chunk source paths). */
const LATER = ['@tensorflow/', 'h5wasm', '@codemirror/', 'elkjs'];

describe('the first chunk of the editor', () => {
  it(`is < ${LIMIT_KB} KB gzip and leaves tfjs, h5wasm, CodeMirror and elkjs to dynamic imports`, async () => {
    // vitest sets NODE_ENV=test, which vite would take for a development build (React's dev bundle)
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const result = await build({
      configFile: 'vite.config.ts',
      mode: 'production',
      logLevel: 'silent',
      build: { write: false, manifest: true, sourcemap: false },
    }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    const files = new Map<string, Rolldown.OutputChunk | Rolldown.OutputAsset>();
    for (const o of outputs) for (const f of o.output) files.set(f.fileName, f);
    const manifestFile = files.get('.vite/manifest.json') as Rolldown.OutputAsset | undefined;
    expect(manifestFile, 'the build emits .vite/manifest.json').toBeDefined();
    const manifest = JSON.parse(String(manifestFile!.source)) as Record<string, ManifestChunk>;

    const entry = Object.keys(manifest).find((k) => manifest[k].isEntry && k === 'index.html');
    expect(entry, 'index.html is the entry').toBeDefined();
    const firstLoad = new Set<string>();
    const visit = (key: string) => {
      if (firstLoad.has(key)) return;
      firstLoad.add(key);
      for (const k of manifest[key].imports ?? []) visit(k);
    };
    visit(entry!);

    let bytes = 0;
    const modules: string[] = [];
    for (const key of firstLoad) {
      const chunk = files.get(manifest[key].file) as Rolldown.OutputChunk;
      expect(chunk?.type, `${manifest[key].file} is a JS chunk of the build`).toBe('chunk');
      bytes += gzipSync(chunk.code).length;
      modules.push(...chunk.moduleIds);
    }
    const early = modules.filter((m) => LATER.some((p) => m.includes(`node_modules/${p}`)));
    expect(early.slice(0, 5), 'modules of lazily loaded packages in the first load').toEqual([]);
    console.log(`first load: ${firstLoad.size} chunk(s), ${(bytes / 1024).toFixed(0)} KB gzip`);
    expect(bytes / 1024).toBeLessThan(LIMIT_KB);
    // and the lazy parts really are split out, not dropped
    expect([...files.keys()].some((f) => /elk/.test(f))).toBe(true);
  });
});
