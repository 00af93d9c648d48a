// (b) Malformed XML typed in the pane: the parser's message with line and column, a marker, and a
// page that keeps working (deliver it, reset it, reload with it).

import { expect, test } from '@playwright/test';
import { editorText, freshApp, idle, markers, ready } from './helpers.ts';

test('malformed XML shows the parser message with line and column and a marker; the page still works', async ({ page }) => {
  await freshApp(page);
  const status = page.getByRole('status', { name: 'Well-formedness' });
  await expect(status).toContainText('Well-formed XML');

  // Break the document: an element that is never closed, typed at the very start.
  await page.locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('<broken>');
  await expect(status).toContainText(/Not well-formed: .+ \(line \d+, column \d+\)/);
  await expect
    .poll(async () => (await markers(page)).filter((m) => m.owner === 'wsbench.xml'))
    .toEqual([expect.objectContaining({ severity: 'error', message: expect.any(String) })]);

  await expect(page.getByText('not delivered', { exact: true })).toBeVisible();

  // The unsaved edit survives a reload.
  await page.reload();
  await ready(page);
  expect(await editorText(page)).toMatch(/^<broken>/);
  await expect(status).toContainText('Not well-formed');

  // The rest of the page is alive: the diagram, the report, and delivering the broken text.
  await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
  await page.getByRole('button', { name: 'Deliver', exact: true }).click();
  await idle(page);
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Rejected');
  await expect(page.getByRole('list', { name: 'Checks' }).getByRole('button', { name: /^failed / }).first()).toBeVisible();

  // Reset edit brings the produced message back.
  await page.getByRole('button', { name: 'Reset edit', exact: true }).click();
  await expect(status).toContainText('Well-formed XML');
  await expect.poll(async () => (await markers(page)).filter((m) => m.owner === 'wsbench.xml')).toEqual([]);
});
