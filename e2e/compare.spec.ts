// Compare: the same x509-mutual request on both sides, one character changed on "theirs": the
// comparison points at the first differing byte of the one reference that covers it (line:column
// and a caret), with the digests side by side.

import { expect, test } from '@playwright/test';
import { editorTextOf, freshApp, idle, openScenario } from './helpers.ts';

test('the compare view points at the first difference after a one-character edit', async ({ page }) => {
  await freshApp(page);
  await openScenario(page, 'x509-mutual');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('tab', { name: 'Keys (PKI)' }).click();
  await page.getByRole('button', { name: 'Use service as receiver' }).click();
  await page.getByRole('tab', { name: 'Compare two messages' }).click();
  await page.getByRole('button', { name: 'Take scenario step as ours' }).click();
  await page.getByRole('button', { name: 'Take scenario step as theirs' }).click();
  await expect.poll(() => editorTextOf(page, 'compareB')).toContain('urn:wsbench:echo:Echo<');

  // One character, typed into theirs: the wsa:Action value.
  expect(await page.evaluate(() => window.wsbenchEditors?.compareB?.select('echo:Echo<'))).toBe(true);
  await page.keyboard.type('echo:Echa<');
  await expect.poll(() => editorTextOf(page, 'compareB')).toContain('urn:wsbench:echo:Echa<');

  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await idle(page);
  const result = page.getByRole('region', { name: 'Comparison' });
  await expect(result.getByRole('list', { name: 'Sides' })).toContainText('Theirs: 1 signature(s), 1 failed check(s): DSIG_DIGEST_MISMATCH');

  const refs = result.getByRole('list', { name: 'References of signature 1' }).getByRole('listitem');
  await expect(refs.filter({ hasText: '#Action-' })).toHaveAccessibleName(/: first difference at byte \d+ — line 1, column \d+$/);
  await expect(refs.filter({ hasText: '#Body-' })).toHaveAccessibleName(/identical canonical bytes/);
  const action = refs.filter({ hasText: '#Action-' });
  // The caret sits under the differing character: ours has 'o', theirs 'a'.
  const ours = action.getByLabel(/^ours at line 1, column \d+$/);
  const theirs = action.getByLabel(/^theirs at line 1, column \d+$/);
  await expect(ours.locator('mark')).toHaveText('o');
  await expect(theirs.locator('mark')).toHaveText('a');
  const lines = (await theirs.textContent())!.split('\n');
  expect(lines[1]!.indexOf('^')).toBe(lines[0]!.indexOf('Echa<') + 3);
  // Stated digests agree; the computed ones differ.
  const digests = action.getByRole('table', { name: 'Digests' });
  const [stated, computed] = [digests.getByRole('row', { name: /^stated/ }), digests.getByRole('row', { name: /^computed/ })];
  const cells = async (row: typeof stated) => row.getByRole('cell').allTextContents();
  const [s1, s2] = await cells(stated);
  const [c1, c2] = await cells(computed);
  expect(s1).toBe(s2);
  expect(c1).not.toBe(c2);
  expect(c1).toBe(s1);
});
