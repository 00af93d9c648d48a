// Issue 6, "seeing it": the WS-AT flow of seed 002 in the browser — the 22 numbered messages in the
// seed's order, each tagged with the seed's class (activation, registration, protocol,
// application); the state machine of every coordinator and participant with the current state lit
// as we step; and each step's requirement IDs with the checks that prove them.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { freshApp, idle, openScenario, openVariant } from './helpers.ts';

const flow = (page: Page) => page.getByRole('group', { name: 'Message flow' });
const arrows = (page: Page) => flow(page).getByRole('button', { name: /^Step \d+:/ });
const arrowN = (page: Page, n: number) => flow(page).getByRole('button', { name: new RegExp(`^Step ${n}: `) });
const machines = (page: Page) => page.getByRole('region', { name: 'State machines' });
const machine = (page: Page, name: RegExp) => machines(page).getByRole('figure', { name });

/** The seed's table of the 22 messages (seed 002), as the scenario labels them, with their class. */
const SEED_FLOW: Array<[string, string]> = [
  ['Activation', 'CreateCoordinationContext'], ['Activation', 'CreateCoordinationContextResponse'],
  ['Registration', 'Register (Completion)'], ['Registration', 'RegisterResponse'],
  ['Application', 'application message'], ['Activation', 'CreateCoordinationContext with context'],
  ['Registration', 'Register (Durable)'], ['Registration', 'RegisterResponse'],
  ['Activation', 'CreateCoordinationContextResponse'], ['Registration', 'Register (Durable)'],
  ['Registration', 'RegisterResponse'], ['Application', 'application response'],
  ['Protocol', 'Commit (Completion)'], ['Protocol', 'Prepare (2PC)'], ['Protocol', 'Prepare (2PC)'],
  ['Protocol', 'Prepared (2PC)'], ['Protocol', 'Prepared (2PC)'], ['Protocol', 'Committed (Completion)'],
  ['Protocol', 'Commit (2PC)'], ['Protocol', 'Commit (2PC)'], ['Protocol', 'Committed (2PC)'], ['Protocol', 'Committed (2PC)'],
];

async function runVariant(page: Page, variant: string): Promise<void> {
  await openScenario(page, 'wsat');
  await openVariant(page, variant);
  await page.getByRole('button', { name: 'Run to end' }).click();
  await idle(page);
}

async function key(page: Page, k: 'ArrowRight' | 'ArrowLeft'): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(k);
  await idle(page);
}

/** True when the element is wholly inside the visible part of its scroller. */
async function inView(scroller: Locator, el: Locator): Promise<boolean> {
  const [a, b] = [await scroller.boundingBox(), await el.boundingBox()];
  return !!a && !!b && b.y >= a.y - 1 && b.y + b.height <= a.y + a.height + 1;
}

test('1.1-mixed-commit: 22 numbered messages in the seed\'s order, classes, machines, requirements', async ({ page }) => {
  await freshApp(page);
  await runVariant(page, '1.1-mixed-commit');

  // The diagram: 22 arrows numbered 1…22 in the seed's order, each as expected, tagged with its class.
  await expect(arrows(page)).toHaveCount(22);
  const labels = await arrows(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  SEED_FLOW.forEach(([cls, what], i) => {
    expect(labels[i]).toMatch(new RegExp(`^Step ${i + 1}: ${cls}: ${what.replace(/[()]/g, '\\$&')}, .*as expected$`));
  });
  const shownN = await flow(page).locator('.arrow .arrow-n').allTextContents();
  expect(shownN).toEqual(SEED_FLOW.map((_, i) => `${i + 1}.`));
  const classes = await arrows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-msg-class')));
  expect(classes).toEqual(SEED_FLOW.map(([cls]) => cls.toLowerCase()));
  const tags = await flow(page).locator('.tx-tag text').allTextContents();
  expect(tags).toEqual(SEED_FLOW.map(([cls]) => ({ Activation: 'ACT', Registration: 'REG', Protocol: 'PRO', Application: 'APP' })[cls]));
  const legend = page.getByRole('list', { name: 'Legend' });
  for (const word of ['activation', 'registration', 'protocol', 'application']) await expect(legend).toContainText(word);

  // The state machines tab opens by default on a transaction flow; at the last step everything is done.
  await expect(page.getByRole('tab', { name: 'State machines' })).toHaveAttribute('aria-selected', 'true');
  await expect(machine(page, /^App1 Completion initiator view toward ITM: Committed/)).toBeVisible();

  // Step to 14 (Prepare, ITM → PTM) by keyboard: the PTM's participant view lights Preparing.
  await arrowN(page, 13).click();
  await key(page, 'ArrowRight');
  await expect(arrowN(page, 14)).toHaveAttribute('aria-current', 'step');
  expect(await inView(page.locator('.diagram-scroll'), arrowN(page, 14))).toBe(true);
  const up = machine(page, /^PTM Durable2PC participant view toward ITM: /);
  await expect(up).toHaveAttribute('data-state', 'Preparing');
  await expect(up.locator('.tx-state.is-lit')).toHaveText('● Preparing');
  await expect(up.locator('.tx-state.is-was')).toHaveText('○ Active');
  await expect(up.locator('.tx-hop-report text')).toHaveText('Prepare');
  const down = machine(page, /^PTM Durable2PC coordinator view toward App2: /);
  await expect(down).toHaveAttribute('data-state', 'Preparing');
  await expect(down.locator('.tx-hop text')).toHaveText('prepare');
  // The ITM's view of the PTM was already Preparing (since Commit, 13): nothing moved there.
  const itm = machine(page, /^ITM Durable2PC coordinator view toward PTM: /);
  await expect(itm).toHaveAttribute('data-state', 'Preparing');
  await expect(itm.locator('.tx-hop text')).toHaveCount(0);
  // One row per enlistment: the ITM's view of the PTM beside the PTM's own machine.
  await expect(machines(page).getByRole('listitem', { name: 'ITM ⇄ PTM (Durable2PC, enlistment d2)' }).getByRole('figure')).toHaveCount(2);
  // Every machine's states come from the engine's table: six for 2PC, three for the Completion coordinator.
  await expect(up.locator('.tx-state')).toHaveText(['None', '○ Active', '● Preparing', 'PreparedSuccess', 'Committing', 'Aborting']);
  await expect(machine(page, /^ITM Completion coordinator view toward App1: /).locator('.tx-state')).toHaveCount(3);

  // On to 15: App2 prepares and votes Prepared in one step (two transitions, both reported).
  await key(page, 'ArrowRight');
  const app2 = machine(page, /^App2 Durable2PC participant view toward PTM: /);
  await expect(app2).toHaveAttribute('data-state', 'PreparedSuccess');
  await expect(app2.locator('.tx-hop-report text')).toHaveText(['Prepare', 'votePrepared']);

  // A Register step: R1232 with the check that proves it, which passed; its button shows the check.
  await arrowN(page, 3).click();
  await idle(page);
  const reqs = page.getByRole('region', { name: 'Requirements' });
  const r1232 = reqs.getByRole('listitem', { name: 'R1232: passed' });
  await expect(r1232).toContainText('Timestamp is signed with the issued SCT STx');
  const proof = r1232.getByRole('button', { name: 'passed WSAT_REGISTER_AUTHENTICATED: show it in the report' });
  await expect(reqs.getByRole('listitem', { name: 'B1231: passed' }).getByRole('button', { name: 'passed WSAT_REPLY_TO: show it in the report' })).toBeVisible();
  await proof.click();
  const checks = page.getByRole('list', { name: 'Checks', exact: true });
  const target = checks.locator(':scope > li.check', { has: page.locator('.check-code', { hasText: /^WSAT_REGISTER_AUTHENTICATED$/ }) });
  await expect(target).toHaveClass(/tx-flash/);
  await expect(target.locator('.check-main')).toBeFocused();
  expect(await inView(checks, target)).toBe(true);

  // Screenshots: the whole flow with the machines at message 17 (the ITM decides commit).
  await page.setViewportSize({ width: 1600, height: 1400 });
  await arrowN(page, 17).click();
  await idle(page);
  await expect(machine(page, /^ITM Durable2PC coordinator view toward PTM: Committing/)).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // The docs screenshots are written only when asked, so a test run leaves the tree clean.
  const shots = !!process.env.WSBENCH_SCREENSHOTS;
  if (shots) await page.screenshot({ path: 'docs/screenshot-wsat.png' });
  // The machines at message 13 (Commit): the receiver's reported transitions and the sender's own move.
  await arrowN(page, 13).click();
  await idle(page);
  await expect(machine(page, /^App1 Completion initiator view toward ITM: Completing/).locator('.tx-hop-table text')).toHaveText('commit');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  if (shots) await page.locator('.area-bottom').screenshot({ path: 'docs/screenshot-wsat-states.png' });
});

test('App2 votes Aborted (1.0-https-abort): forgotten on the way up, App1 learns Aborted', async ({ page }) => {
  await freshApp(page);
  await runVariant(page, '1.0-https-abort');
  await expect(arrows(page)).toHaveCount(18);
  await arrowN(page, 16).click();
  await idle(page);
  // WS-AT's table: an Aborted vote while Preparing forgets the participant (→ None).
  const down = machine(page, /^PTM Durable2PC coordinator view toward App2: /);
  await expect(down).toHaveAttribute('data-state', 'None');
  await expect(down.locator('.tx-state.is-was')).toHaveText('○ Preparing');
  await expect(down.locator('.tx-hop-report text')).toHaveText('Aborted');
  await arrowN(page, 18).click();
  await idle(page);
  const app1 = machine(page, /^App1 Completion initiator view toward ITM: /);
  await expect(app1).toHaveAttribute('data-state', 'Aborted');
  await expect(app1.locator('.tx-state.is-lit')).toHaveText('● Aborted');
});

test('App1 rolls back (1.1-mixed-rollback): the coordinators\' 2PC views go to Aborting', async ({ page }) => {
  await freshApp(page);
  await runVariant(page, '1.1-mixed-rollback');
  await arrowN(page, 13).click();
  await idle(page);
  const itm = machine(page, /^ITM Durable2PC coordinator view toward PTM: /);
  await expect(itm).toHaveAttribute('data-state', 'Aborting');
  await expect(itm.locator('.tx-state.is-lit')).toHaveText('● Aborting');
  await expect(itm.locator('.tx-hop-report text')).toHaveText('abortDecision');
  await arrowN(page, 15).click();
  await idle(page);
  await expect(machine(page, /^PTM Durable2PC coordinator view toward App2: /)).toHaveAttribute('data-state', 'Aborting');
});
