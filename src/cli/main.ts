/**
 * `layerflow` — the engine from the command line (same code the app runs).
 * Each subcommand lives in commands/<name>.ts and exports `run(args): Promise<number>` (exit code).
 */
const COMMANDS: Record<string, string> = {
  summary: 'print the Keras model.summary() of a model: summary FILE|template:NAME [--model NAME]',
  templates: 'list the built-in templates',
  train: 'train a model: train FILE|template:NAME --dataset mnist --epochs 2 --batch-size 64 --validation-split 0.2 [--backend wasm|cpu]',
  import: 'import a model file: import FILE --out project.json',
  export: 'export a model: export FILE|template:NAME --format tfjs|keras3|keras2|keras|python [--distribute] [--approve-code] --out DIR',
};

function usage(): string {
  return ['usage: layerflow <command> [options]', '', ...Object.entries(COMMANDS).map(([c, d]) => `  ${c.padEnd(10)} ${d}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') {
    console.log(usage());
    return cmd ? 0 : 1;
  }
  if (!Object.hasOwn(COMMANDS, cmd)) {
    console.error(`layerflow: unknown command "${cmd}"\n\n${usage()}`);
    return 1;
  }
  const mod = (await import(`./commands/${cmd}.ts`)) as { run(args: string[]): Promise<number> };
  return mod.run(args);
}

/**
 * Exit once stdout and stderr have drained: into a pipe, writes past the pipe's 64 KB buffer are
 * still queued, and process.exit() would drop them (`summary | head` lost NASNet's totals).
 */
async function exit(code: number): Promise<never> {
  if (process.stdout.destroyed) process.exit(code);
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((done) => s.write('', done))));
  process.exit(code);
}

// `| head` closes the pipe early: what it did not read is not wanted, and that is no error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.stdout.destroy();
});

main(process.argv.slice(2)).then(
  (code) => exit(code),
  (err) => {
    console.error(`layerflow: ${err instanceof Error ? err.message : String(err)}`);
    return exit(2);
  },
);
