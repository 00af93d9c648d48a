// Runs in Chromium (bundled by bench/chromium.ts): the same sign+verify as in Node, timed.
import { parseCertificate, soapMessage, wsbenchSignVerify } from './sign_verify.ts';

declare global {
  interface Window { runBench(keyPem: string, certPem: string): Promise<Array<{ label: string; ms: number }>> }
}

window.runBench = async (keyPem, certPem) => {
  const cert = await parseCertificate(certPem);
  const out: Array<{ label: string; ms: number }> = [];
  for (const [label, size, n] of [['5 KB', 5 * 1024, 50], ['1 MB', 1 << 20, 3]] as const) {
    const text = soapMessage(size);
    await wsbenchSignVerify(text, keyPem, cert);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) if (!(await wsbenchSignVerify(text, keyPem, cert))) throw new Error('did not verify');
    out.push({ label, ms: (performance.now() - t0) / n });
  }
  return out;
};
