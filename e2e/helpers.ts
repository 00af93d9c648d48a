// Shared steps for the e2e specs: a fresh workspace, waiting for the engine, reading the editor.

import { expect, type Page } from '@playwright/test';

/** Open the app with an empty workspace (no saved run) and wait until the editor is ready. */
export async function freshApp(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
}

/** Wait for the engine to be idle and the Monaco editor to be on screen. */
export async function ready(page: Page): Promise<void> {
  await idle(page);
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
}

export async function idle(page: Page): Promise<void> {
  await expect(page.locator('.app')).toHaveAttribute('aria-busy', 'false');
}

export async function openVariant(page: Page, variantId: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Variant' }).selectOption(variantId);
  await idle(page);
}

export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => window.wsbenchEditor?.text() ?? '');
}

export type Marker = { owner: string; severity: string; line: number; column: number; message: string; lineText: string };

export async function markers(page: Page): Promise<Marker[]> {
  return page.evaluate(() => window.wsbenchEditor?.markers() ?? []);
}

/** The element text of wsse:Password in the pane. */
export async function passwordValue(page: Page): Promise<string> {
  const m = /<wsse:Password[^>]*>([^<]+)</.exec(await editorText(page));
  if (!m?.[1]) throw new Error('the pane has no wsse:Password');
  return m[1];
}

/** Select the Password element's text in the editor (double-click: base64 is one word) and type over it. */
export async function retypePassword(page: Page, value: string): Promise<void> {
  const current = await passwordValue(page);
  await page.locator('.monaco-editor .view-line span', { hasText: current }).last().dblclick();
  await page.keyboard.type(value);
  await expect.poll(() => passwordValue(page)).toBe(value);
}

export async function openScenario(page: Page, scenarioId: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(scenarioId);
  await idle(page);
}

/** The text of a named message editor (main, decrypted, compareA, compareB). */
export async function editorTextOf(page: Page, name: string): Promise<string> {
  return page.evaluate((n) => window.wsbenchEditors?.[n]?.text() ?? '', name);
}

/** Signed and encrypted parts as the editor marks them, and what the signature link highlights. */
export async function partsOf(page: Page, name = 'main') {
  return page.evaluate((n) => window.wsbenchEditors?.[n]?.parts() ?? { parts: [], linked: { signature: null, lines: [] } }, name);
}

/** Paste `text` into a message editor through the clipboard, as a user would. */
export async function pasteInto(page: Page, editor: import('@playwright/test').Locator, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}
