/**
 * WCAG 2.2 AA gate: axe-core on the main view, with a song loaded and on each dialog, failing on any
 * violation; every control at least 24 × 24 CSS px on a desktop and a phone, and a curve handle taken by a
 * press 12 px off it in both directions (its press area is a band's column by 88 px: EqCurve.tsx).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type AppSession } from './support/app-page.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Every axe violation on the page as one readable line per node, so a failure says what and where. */
async function violations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  );
}

/** Controls smaller than 24 × 24 CSS px (visible, enabled or not), with their names; links in text excepted. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      'button, input:not([type=hidden]), select, textarea, a[href], summary, [role=slider], [tabindex]:not([tabindex="-1"])';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll(selector))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      // A link inside a sentence is exempt (WCAG 2.5.8 "inline"): the line height sets its size.
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
      if (r.width < 23.99 || r.height < 23.99) {
        const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
        out.push(
          `${el.tagName.toLowerCase()} “${name.slice(0, 40)}” ${r.width.toFixed(1)}×${r.height.toFixed(1)}`,
        );
      }
    }
    return out;
  });
}

/** A press 12 px right of and above the 1 kHz handle's centre, then a drag, moves that band. */
async function handleTakenOffCentre(page: Page): Promise<boolean> {
  const slider = page.getByRole('slider', { name: '1 kHz' });
  const before = Number(await slider.inputValue());
  await page.locator('.curve').scrollIntoViewIfNeeded();
  const box = (await page.locator('.curve .handle').nth(5).boundingBox())!;
  const x = box.x + box.width / 2 + 12;
  const y = box.y + box.height / 2 - 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y - 30, { steps: 5 });
  await page.mouse.up();
  const after = Number(await slider.inputValue());
  await page.keyboard.press('Control+z');
  return after !== before;
}

let s: AppSession;
beforeAll(async () => {
  s = await openApp();
});
afterAll(async () => {
  await s?.close();
});

describe('accessibility', () => {
  it('the start view has no axe violations and no target under 24 px', async () => {
    const { page } = s;
    expect(await violations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
  });

  it('with a song loaded: no violations, every target (the curve handles too) at least 24 px, desktop and phone', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Try the demo song' }).click();
    await expect
      .poll(() => page.locator('.analysis-status').textContent(), { timeout: 60_000 })
      .toMatch(/Suggestion ready/);
    expect(await violations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    expect(await handleTakenOffCentre(page)).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await expect.poll(() => smallTargets(page)).toEqual([]);
      expect(await violations(page)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('the rating history dialog has no violations, empty and with a rating', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Rating history/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Rating history' });
    await dialog.waitFor();
    expect(await violations(page, '.history-dialog')).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Good suggestion' }).click();
    await page.getByRole('button', { name: /^Rating history/ }).click();
    await expect.poll(() => dialog.getByRole('listitem').count()).toBe(1);
    expect(await violations(page, '.history-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(s.pageErrors).toEqual([]);
  });
});
