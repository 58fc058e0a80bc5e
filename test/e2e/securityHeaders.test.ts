import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.js';
import { PNG } from '../support/hazardFlows.js';

/** The built web app under the API's Content-Security-Policy: every page works and nothing is refused but injected script. */
const suite = browserSuite('security-headers');
const { as } = suite;

describe('security headers', () => {
  it('the web app runs under its Content-Security-Policy with no violation; an injected inline script does not run', { timeout: 120_000 }, async () => {
    const page = await as('mgr3');
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.context().addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
    });

    const response = await page.goto('/');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/(^|;)\s*script-src 'self'[^;]*;/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('same-origin');
    const api = await fetch(`${suite.stack.baseUrl}/api/config`);
    expect(api.headers.get('content-security-policy')).toBe(headers['content-security-policy']);
    expect(api.headers.get('x-frame-options')).toBe('DENY');

    // A form (JSON Forms, whose Ajv compiles the schema in the browser) with a photo shown from the API.
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('link', { name: '发起流程' }).click();
    await page.getByRole('link', { name: '隐患登记' }).click();
    await page.getByLabel('隐患地点').fill('城北门店后门通道');
    await page.getByTestId('upload-photos').setInputFiles({ name: '通道.png', mimeType: 'image/png', buffer: PNG });
    const photo = page.getByTestId('attachment').locator('img');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    for (const [path, shown] of [['/customers', 'customer-row'], ['/', 'tab-mine']] as const) {
      await page.goto(path);
      await page.getByTestId(shown).first().waitFor();
    }
    expect(violations).toEqual([]);

    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.injected = "ran"';
      document.head.append(script);
    });
    await expect.poll(() => violations.some((text) => text.includes('script-src'))).toBe(true);
    expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();

    // The login page, signed out.
    violations.length = 0;
    await page.context().clearCookies();
    await page.goto('/');
    await page.getByLabel('用户名').waitFor();
    expect(violations).toEqual([]);
  });
});
