import { randomUUID } from 'node:crypto';
import type { Browser, Page, Route } from 'playwright-core';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { DEMO_PASSWORD } from '../../db/demoSeed.js';
import { summarize, type LatencySummary } from './benchStats.js';

/**
 * The manager's allocation review grid (web/src/pages/AllocationReview.tsx) at 300 customers × N
 * products, in headless chromium against the running product: a real review task of a cycle for next
 * month, its lines API answered by the browser itself with a synthetic part of that size (the demo
 * data has 60 customers × 30 products per manager). Times: the whole part loaded and shown; a keystroke
 * in a cell to the next frame after it (the cell and its product's total rendered); a scroll of a
 * screenful to the next frame.
 */
export interface ReviewGridResult {
  customers: number;
  products: number;
  loadMs: number;
  keystroke: LatencySummary;
  scroll: LatencySummary;
  /** Cells in the DOM after the load: the virtual window, not the whole grid. */
  cellsInDom: number;
}

const KEYSTROKES = 60;
const SCROLLS = 20;

async function token(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function get<T>(baseUrl: string, path: string, auth: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${auth}` } });
  return (await response.json()) as T;
}

/** mgr1's open review task of next month's cycle, starting the cycle if none runs. */
async function reviewTask(baseUrl: string): Promise<{ id: string; mgr1: string }> {
  const [head, mgr1] = await Promise.all([token(baseUrl, 'head'), token(baseUrl, 'mgr1')]);
  const month = nextAllocationMonth(new Date()).slice(0, 7);
  const started = await fetch(`${baseUrl}/api/processes/allocation-cycle/instances`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${head}` },
    body: JSON.stringify({ data: { month }, requestId: randomUUID() }),
  });
  if (started.status !== 201 && started.status !== 409) throw new Error(`starting the ${month} cycle: ${started.status} ${await started.text()}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { items } = await get<{ items: { id: string; formKey: string }[] }>(baseUrl, '/api/tasks?view=mine&status=open&process=allocation-cycle&size=50', mgr1);
    const task = items.find((t) => t.formKey === 'allocation-review');
    if (task) return { id: task.id, mgr1 };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('no allocation review task for mgr1');
}

/** A manager's part of `customers` × `products` lines, as the lines API pages them (customer code, product code). */
function syntheticLines(customers: number, products: number) {
  const lines = [];
  for (let c = 0; c < customers; c++) {
    const tier = 30 - Math.floor((c * 30) / customers);
    for (let p = 0; p < products; p++) {
      const drafted = Math.max(0, Math.round((tier * (1 + (p % 7))) / 4));
      lines.push({
        customerId: 900_000 + c, customerCode: `B${String(c).padStart(6, '0')}`, customerName: `基准客户${c}`, managerId: 0, tier, marketType: 'urban',
        productCode: `P${String(p).padStart(5, '0')}`, productName: `基准规格${p}`, drafted, quantity: drafted,
      });
    }
  }
  return lines;
}

async function routeLines(page: Page, customers: number, products: number): Promise<void> {
  const lines = syntheticLines(customers, products);
  await page.route('**/api/allocation/cycles/*/lines*', async (route: Route) => {
    const url = new URL(route.request().url());
    const size = Number(url.searchParams.get('size') ?? 20);
    const pageNo = Number(url.searchParams.get('page') ?? 1);
    const items = lines.slice((pageNo - 1) * size, pageNo * size);
    await route.fulfill({ json: { plan: {}, items, total: lines.length, page: pageNo, size } });
  });
}

/** Milliseconds from each keydown / scroll to the frame after it, collected in the page. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { benchLatencies: number[] };
    w.benchLatencies = [];
    document.addEventListener('keydown', () => {
      const started = performance.now();
      requestAnimationFrame(() => setTimeout(() => w.benchLatencies.push(performance.now() - started), 0));
    }, true);
  });
}

async function latencies(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { benchLatencies: number[] }).benchLatencies);
}

export async function reviewGridCase(browser: Browser, baseUrl: string, customers: number, products: number): Promise<ReviewGridResult> {
  const task = await reviewTask(baseUrl);
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 900 } });
  try {
    await context.addCookies([{ name: 'dutyflow_session', value: task.mgr1, url: baseUrl }]);
    const page = await context.newPage();
    await routeLines(page, customers, products);
    const started = performance.now();
    await page.goto(`${baseUrl}/tasks/${task.id}`);
    await page.getByTestId('allocation-review').waitFor({ timeout: 120_000 });
    const loadMs = performance.now() - started;
    const cellsInDom = await page.getByTestId('review-cell').count();
    await instrument(page);

    // Keystrokes in a few cells of the first rows: select the cell, type digits one by one.
    const inputs = page.getByTestId('review-cell').locator('input');
    let typed = 0;
    for (let cell = 0; typed < KEYSTROKES; cell += 7) {
      await inputs.nth(cell).click();
      for (const key of ['1', '2', 'Backspace', '3']) {
        const before = (await latencies(page)).length;
        await page.keyboard.press(key);
        await page.waitForFunction((n) => (window as unknown as { benchLatencies: number[] }).benchLatencies.length > n, before);
        typed++;
      }
    }
    const keyMs = await latencies(page);

    // A screenful down per scroll, to the frame after it (the rows rendered for the new window).
    const scrollMs: number[] = [];
    for (let i = 0; i < SCROLLS; i++) {
      scrollMs.push(await page.evaluate(async () => {
        const body = document.querySelector('[data-testid="review-grid"]')!.lastElementChild as HTMLElement;
        const t0 = performance.now();
        body.scrollTop += body.clientHeight;
        body.scrollLeft += 200;
        await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
        return performance.now() - t0;
      }));
    }
    return { customers, products, loadMs: Math.round(loadMs), keystroke: summarize(keyMs), scroll: summarize(scrollMs), cellsInDom };
  } finally {
    await context.close();
  }
}
