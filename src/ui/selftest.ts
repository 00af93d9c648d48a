// The engine's known-answer vector suite, run in this browser (DESIGN §6.5: the same suite runs in
// Node and in Chromium). Renders one row per vector and sets body[data-done], data-total,
// data-passed and data-failed for the e2e test.

interface VectorResult {
  file: string;
  name: string;
  ok: boolean;
  expected: unknown;
  got: unknown;
}

type Runner = { runVectorSuite(): Promise<VectorResult[]> };

// A glob rather than a plain import: while the runner does not exist yet the page still builds and
// says so, instead of breaking the whole app build.
const runners = import.meta.glob<Runner>('../../test/vectors/run_vectors.ts');

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function cell(row: HTMLTableRowElement, text: string, className?: string): void {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

function render(results: VectorResult[]): void {
  const body = document.querySelector('#results tbody');
  if (!(body instanceof HTMLTableSectionElement)) throw new Error('selftest.html has no results table');
  results.forEach((r, i) => {
    const row = body.insertRow();
    row.className = r.ok ? 'ok' : 'bad';
    cell(row, String(i + 1));
    cell(row, r.file);
    cell(row, r.name);
    cell(row, r.ok ? '✓ ok' : '✗ FAIL', r.ok ? 'ok' : 'bad');
    cell(row, r.ok ? '' : show(r.expected));
    cell(row, r.ok ? '' : show(r.got));
  });
}

function finish(total: number, passed: number, note: string): void {
  const failed = total - passed;
  const summary = document.getElementById('summary');
  if (summary) summary.textContent = `${passed}/${total} vectors ok${failed ? `, ${failed} failed` : ''}${note ? ` — ${note}` : ''}`;
  Object.assign(document.body.dataset, { total: String(total), passed: String(passed), failed: String(failed), done: 'true' });
}

async function main(): Promise<void> {
  const load = runners['../../test/vectors/run_vectors.ts'];
  if (!load) {
    finish(0, 0, 'test/vectors/run_vectors.ts not found');
    return;
  }
  const t0 = performance.now();
  try {
    const results = await (await load()).runVectorSuite();
    render(results);
    finish(results.length, results.filter((r) => r.ok).length, `${Math.round(performance.now() - t0)} ms in ${navigator.userAgent.includes('Chrome') ? 'Chromium' : 'this browser'}`);
  } catch (e) {
    console.error(e);
    finish(0, 0, `the suite threw: ${e instanceof Error ? e.message : String(e)}`);
    document.body.dataset.error = 'true';
  }
}

void main();
