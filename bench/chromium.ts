// The sign+verify benchmark in Debian's Chromium: bundle bench/browser_entry.ts, serve it from
// 127.0.0.1 (WebCrypto needs a secure context), run it, print ms/op like bench/run.ts does.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';

export async function chromiumSignVerify(): Promise<Array<{ label: string; ms: number }>> {
  const bundle = await build({ entryPoints: ['bench/browser_entry.ts'], bundle: true, write: false, format: 'esm', platform: 'browser', external: ['@peculiar/webcrypto'], logLevel: 'silent' });
  const js = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/bench.js"></script>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    const key = readFileSync('test/fixtures/pki/client.key.pem', 'utf8');
    const cert = readFileSync('test/fixtures/pki/client.cert.pem', 'utf8');
    return await page.evaluate(([k, c]) => window.runBench(k!, c!), [key, cert]);
  } finally {
    await browser.close();
    server.close();
  }
}
