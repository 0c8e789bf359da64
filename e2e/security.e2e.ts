import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, hasBrowser, launchBrowser, logIn } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>"'><svg onload=window.__pwned=1>`;

describe.skipIf(!hasBrowser)('stored XSS', () => {
  it('renders hostile text in every free-text field as text, in the list and the detail', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await logIn(page, 'gestionnaire@acme.example');
    const ids = await page.evaluate<{
      items: { code: string; id: string; articles: { code: string; id: string }[] }[];
    }>(`fetch('/api/contracts/OCB0005122/catalogs').then((r) => r.json())`);
    const ucb = ids.items.find((catalog) => catalog.code === 'ucb-fe-autres-demandes');
    const assets = await page.evaluate<{
      items: { id: string }[];
    }>(`fetch('/api/contracts/OCB0005122/assets?q=FE-').then((r) => r.json())`);
    const body = {
      action: 'confirm',
      contractId: 'OCB0005122',
      assetId: assets.items[0]?.id,
      catalogId: ucb?.id,
      articleId: ucb?.articles[0]?.id,
      customerReference: payload.slice(0, 100),
      comment: payload,
      values: { subject: payload.slice(0, 200), description: payload },
    };
    const created = await page.evaluate<{ id: string; number: string }>(
      `fetch('/api/requests', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(
        JSON.stringify(body),
      )} }).then((r) => r.json())`,
    );
    expect(created.number).toMatch(/^CHG-/);

    await page.goto(`${baseUrl}/demandes?q=${encodeURIComponent(created.number)}`);
    await page.getByRole('link', { name: created.number }).waitFor();
    await page.goto(`${baseUrl}/demandes/${created.id}`);
    await page.getByText(payload).first().waitFor();
    await page.waitForTimeout(500);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    expect(dialogs).toBe(0);
    await context.close();
  });

  it('serves pages with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${baseUrl}/demandes`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
  });
});
