/** `npm run bench`: runs each benchmark listed here, in order (benchmarks are not tests). */
const BENCHES = ['analyze.ts', 'wasmConv.ts', 'editor.ts', 'importGuard.ts', 'training.ts'];

for (const b of BENCHES) {
  console.log(`\n== bench/${b}`);
  await import(`./${b}`);
}

export {}; // a module: top-level await above
