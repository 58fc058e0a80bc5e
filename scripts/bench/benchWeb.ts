import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../db/demoSeed.js';
import { benchUrls, ROOT, startProduct, stopProduct, waitReady } from './benchProduct.js';
import { reviewGridCase } from './benchReviewGrid.js';
import { seedBenchData } from './benchSeed.js';
import { round, summarize } from './benchStats.js';

/**
 * `npm run bench:web`: the web app's two budgets. (1) Initial JavaScript: the entry chunk and every
 * chunk it imports statically, gzipped, from the built manifest. (2) The inbox's first page in
 * headless chromium against the real product holding 5,000 open tasks: from navigation to the
 * first task row on screen, cold (fresh browser context, empty cache) each time. (3) The allocation
 * review grid at 300 customers × 30 and × 150 products: load, keystroke → next frame, scroll (see
 * benchReviewGrid.ts).
 */
const PORTS = { name: 'bench-web', http: 3110, pg: 54349, temporal: 7253, temporalUi: 8253 };
const TARGET = { initialJsGzipKiB: 250, inboxFirstPageMs: 1000, reviewKeystrokeMs: 50, phoneMs: 2500 };
/**
 * A mid-range phone on a mobile network, as Chrome DevTools emulates one: the CPU 4× slower, and a 4G
 * link of 9 Mbit/s down, 1.5 Mbit/s up and 170 ms round trips (DevTools' "Fast 4G" throughput with
 * a mobile network's latency).
 */
const PHONE_PROFILE = {
  viewport: { width: 390, height: 844 }, cpuSlowdown: 4,
  network: { offline: false, latency: 170, downloadThroughput: (9_000_000 / 8), uploadThroughput: (1_500_000 / 8) },
};
const PHONE_SAMPLES = 5;
const REVIEW_GRIDS = [[300, 30], [300, 150]] as const;
const OPEN_TASKS = 5_000;
const SAMPLES = 10;
const DIST = join(ROOT, 'web', 'dist');

interface ManifestChunk { file: string; imports?: string[]; isEntry?: boolean; css?: string[] }

/** Gzipped bytes of what the browser must load before the first screen. */
function initialJavaScript(): { files: string[]; gzipBytes: number; rawBytes: number } {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const child of manifest[key]?.imports ?? []) visit(child);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen].flatMap((key) => [manifest[key]!.file, ...(manifest[key]!.css ?? [])]);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(DIST, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, gzipBytes, rawBytes };
}

async function inboxFirstPage(browser: Browser, baseUrl: string, username: string, tab: string): Promise<{ ms: number[]; rows: number }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token } = (await response.json()) as { token: string };
  const ms: number[] = [];
  let rows = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addCookies([{ name: 'dutyflow_session', value: token, url: baseUrl }]);
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${baseUrl}/${tab === 'mine' ? '' : `?tab=${tab}`}`);
    await page.getByTestId('task-row').first().waitFor({ timeout: 10_000 });
    ms.push(performance.now() - started);
    rows = await page.getByTestId('task-row').count();
    await context.close();
  }
  return { ms, rows };
}

/** A fresh phone (empty cache), throttled as PHONE_PROFILE says, optionally signed in by cookie. */
async function phonePage(browser: Browser, baseUrl: string, token?: string) {
  const context = await browser.newContext({
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE_PROFILE.viewport, isMobile: true, hasTouch: true, serviceWorkers: 'block',
  });
  if (token) await context.addCookies([{ name: 'dutyflow_session', value: token, url: baseUrl }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_PROFILE.cpuSlowdown });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', PHONE_PROFILE.network);
  return { page, close: () => context.close() };
}

/**
 * The two phone budgets, cold each time: the login page → signed in → the inbox's first row; and a
 * task page opened from a link → its decision form ready (the 同意 button on screen).
 */
async function phoneLoads(browser: Browser, baseUrl: string): Promise<{ login: number[]; task: number[] }> {
  const login: number[] = [];
  const task: number[] = [];
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sup1', password: DEMO_PASSWORD }),
  });
  const { token } = (await response.json()) as { token: string };
  const inbox = (await (await fetch(`${baseUrl}/api/tasks?view=mine&size=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string }[] };
  const taskId = inbox.items[0]!.id;
  for (let i = 0; i < PHONE_SAMPLES; i++) {
    const signingIn = await phonePage(browser, baseUrl);
    const started = performance.now();
    await signingIn.page.goto(`${baseUrl}/login`);
    await signingIn.page.getByLabel('用户名').fill('sup1');
    await signingIn.page.getByLabel(/^密码/).fill(DEMO_PASSWORD);
    await signingIn.page.getByRole('button', { name: '登录' }).click();
    await signingIn.page.getByTestId('task-row').first().waitFor({ timeout: 30_000 });
    login.push(performance.now() - started);
    await signingIn.close();

    const opening = await phonePage(browser, baseUrl, token);
    const opened = performance.now();
    await opening.page.goto(`${baseUrl}/tasks/${taskId}`);
    await opening.page.getByRole('button', { name: '同意', exact: true }).waitFor({ timeout: 30_000 });
    task.push(performance.now() - opened);
    await opening.close();
  }
  return { login, task };
}

async function main(): Promise<void> {
  const bundle = initialJavaScript();
  const { baseUrl, databaseUrl } = benchUrls(PORTS);
  const child = startProduct(PORTS);
  let browser: Browser | undefined;
  try {
    await waitReady(child, baseUrl);
    const seed = await seedBenchData(databaseUrl, OPEN_TASKS, 100, 100);
    console.log(`seeded ${seed.openTasks} open tasks in ${seed.seconds} s: ${JSON.stringify(seed.byAudience)}`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const cases = [['sup1', 'mine'], ['head', 'all'], ['head', 'group']] as const;
    const results = [];
    for (const [user, tab] of cases) {
      const { ms, rows } = await inboxFirstPage(browser, baseUrl, user, tab);
      results.push({ user, tab, rows, ...summarize(ms) });
    }
    const phone = await phoneLoads(browser, baseUrl);
    const grids = [];
    for (const [customers, products] of REVIEW_GRIDS) grids.push(await reviewGridCase(browser, baseUrl, customers, products));
    console.log(`\n=== dutyflow web bench — ${OPEN_TASKS.toLocaleString('en')} open tasks, headless chromium, localhost ===`);
    const kib = round(bundle.gzipBytes / 1024);
    console.log(`initial JavaScript (${bundle.files.length} files): ${kib} KiB gzipped (${round(bundle.rawBytes / 1024)} KiB raw); target ≤ ${TARGET.initialJsGzipKiB} KiB: ${kib <= TARGET.initialJsGzipKiB ? 'met' : 'NOT met'}`);
    for (const r of results) {
      console.log(`inbox first page, ${r.user} ${r.tab} (${r.rows} rows, ${r.count} cold loads): p50 ${r.p50} ms, max ${r.max} ms; target < ${TARGET.inboxFirstPageMs} ms: ${r.max < TARGET.inboxFirstPageMs ? 'met' : 'NOT met'}`);
    }
    for (const [name, ms] of [['login → inbox first row', phone.login], ['task page → decision form ready', phone.task]] as const) {
      const r = summarize(ms);
      console.log(`phone (390×844, CPU ×${PHONE_PROFILE.cpuSlowdown}, 4G 9/1.5 Mbit/s 170 ms), ${name} (${r.count} cold loads): p50 ${r.p50} ms, `
        + `max ${r.max} ms; target < ${TARGET.phoneMs} ms: ${r.max < TARGET.phoneMs ? 'met' : 'NOT met'}`);
    }
    for (const g of grids) {
      console.log(`allocation review grid ${g.customers} × ${g.products} (${(g.customers * g.products).toLocaleString('en')} lines, ${g.cellsInDom} cells in the DOM): loaded in ${g.loadMs} ms; `
        + `keystroke → next frame p50 ${g.keystroke.p50} ms, p95 ${g.keystroke.p95} ms, max ${g.keystroke.max} ms (${g.keystroke.count} keys), target p95 < ${TARGET.reviewKeystrokeMs} ms: ${g.keystroke.p95 < TARGET.reviewKeystrokeMs ? 'met' : 'NOT met'}; `
        + `scroll a screenful → second frame p50 ${g.scroll.p50} ms, max ${g.scroll.max} ms`);
    }
  } finally {
    await browser?.close();
    await stopProduct(child);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
