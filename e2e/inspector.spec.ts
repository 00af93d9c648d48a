// The inspector (DESIGN §3): a message produced by the x509-mutual scenario, pasted with the
// service's key taken from the Keys panel, shows its signature valid and its Body decrypted; bad
// key material shows its typed error next to its field, and secrets are not saved.

import { expect, test } from '@playwright/test';
import { editorText, editorTextOf, freshApp, idle, openScenario, pasteInto, ready } from './helpers.ts';

test("a signed and encrypted x509-mutual request, inspected with the service's key: signature valid, Body decrypted", async ({ page }) => {
  await freshApp(page);
  await openScenario(page, 'x509-mutual');
  const wire = await editorText(page);
  expect(wire).toContain('xenc:EncryptedData');

  // The mode switch is a tab list: reachable by keyboard, arrows switch.
  await page.getByRole('tab', { name: 'Scenarios' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  await ready(page);

  await pasteInto(page, page.getByRole('region', { name: 'Message pane' }), wire);
  await expect.poll(() => editorText(page)).toBe(wire);

  await page.getByRole('tab', { name: 'Keys (PKI)' }).click();
  const service = page.getByRole('list', { name: 'Demo PKI' }).getByRole('listitem', { name: /^service:/ });
  await expect(service).toContainText('CN=service.wsbench.example');
  await service.getByRole('button', { name: 'Use service as receiver' }).click();
  await expect(page.getByRole('textbox', { name: 'Receiver private key (PEM)' })).toHaveValue(/BEGIN PRIVATE KEY/);

  await page.getByRole('button', { name: 'Inspect', exact: true }).click();
  await idle(page);
  const verdict = page.getByRole('region', { name: 'Verdict' });
  await expect(verdict).toContainText('No check failed');
  await expect(verdict).toContainText('Signature valid (1 of 1)');
  await expect(verdict).toContainText('1 part decrypted');
  await expect(page.getByRole('textbox', { name: 'Receiver private key (PEM)' })).toHaveAccessibleDescription(/RSA private key/);

  await page.getByRole('tab', { name: 'Decrypted' }).click();
  await expect.poll(() => editorTextOf(page, 'decrypted')).toMatch(/<soap:Body[^>]*>\s*<e:Echo[\s\S]*Hello from wsbench/);
  await expect(page.getByRole('region', { name: 'Decrypted parts' })).toContainText('aes256-cbc');

  // Back in Scenarios mode the run is where it was; the inspector keeps its message.
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  await expect(page.getByRole('button', { name: /^Step 1:/ })).toHaveAttribute('aria-current', 'step');
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect.poll(() => editorText(page)).toBe(wire);
});

test('bad key material shows its typed error next to its field; secrets are not saved', async ({ page }) => {
  await freshApp(page);
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await ready(page);
  const form = page.getByRole('form', { name: 'Key material' });
  await expect(form).toContainText('Memory only');

  await page.getByLabel('PKCS#12 file').setInputFiles('test/fixtures/pki/client.p12');
  await page.getByLabel('PKCS#12 password').fill('not-the-password');
  await page.getByRole('textbox', { name: 'Receiver certificate (PEM)' }).fill('-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----');
  await page.getByRole('button', { name: 'Inspect', exact: true }).click();
  await idle(page);

  await expect(page.getByLabel('PKCS#12 password')).toHaveAccessibleDescription(/PKCS12_BAD_PASSWORD/);
  await expect(form.getByRole('alert').filter({ hasText: 'PKCS12_BAD_PASSWORD' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Receiver certificate (PEM)' })).toHaveAccessibleDescription(/^X509_INVALID: Expected an X.509 certificate/);
  // The empty message is an error of its own, next to the editor.
  await expect(page.getByRole('region', { name: 'Message pane' }).getByRole('alert')).toContainText('XML_EMPTY');
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText('Not inspected');

  // The right password opens the file; the other inputs keep what was typed.
  await page.getByLabel('PKCS#12 password').fill('wsbench-demo');
  await page.getByRole('textbox', { name: 'Receiver certificate (PEM)' }).fill('');
  await page.getByRole('button', { name: 'Inspect', exact: true }).click();
  await idle(page);
  await expect(page.getByLabel('PKCS#12 password')).toHaveAccessibleDescription(/client\.p12: private key for CN=client\.wsbench\.example/);

  // A reload keeps the public inputs and the mode, never the password.
  await page.getByRole('textbox', { name: 'UsernameToken user' }).fill('alice');
  await page.getByRole('textbox', { name: 'UsernameToken password' }).fill('typed-in-the-inspector-only');
  await page.waitForTimeout(400);
  await page.reload();
  await ready(page);
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'UsernameToken user' })).toHaveValue('alice');
  await expect(page.getByRole('textbox', { name: 'UsernameToken password' })).toHaveValue('');
  await expect(page.getByLabel('PKCS#12 password')).toHaveValue('');
  const saved = await page.evaluate(() => localStorage.getItem('wsbench.workspace') ?? '');
  expect(saved).toContain('"user":"alice"');
  expect(saved).not.toContain('typed-in-the-inspector-only');
  expect(saved).not.toContain('wsbench-demo');
});
