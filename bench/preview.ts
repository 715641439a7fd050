/** The built app served by `vite preview` for the browser benches, and Chromium to load it. */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium without its GPU unless asked (a GPU bench: WebGL / WebGPU on real hardware). */
export const launchChromium = (o: { gpu?: boolean } = {}) =>
  chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', ...(o.gpu ? ['--enable-unsafe-webgpu'] : ['--disable-gpu'])] });

/** Serve `dist` on `port` and wait until it answers; `stop()` ends the server. */
export async function startPreview(dist: string, port: number): Promise<{ url: string; stop: () => void }> {
  const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`no server at ${url}`);
}
