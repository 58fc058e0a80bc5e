import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HazardSchema } from '../../db/entities/index.js';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { startAllocationCycle } from '../support/allocationFlows.js';
import { ARTIFACTS_DIR, browserSuite, PHONE_VIEWPORT } from '../support/browser.js';
import { demoUsers } from '../support/demoUsers.js';
import { chinaDay, reportHazard } from '../support/hazardFlows.js';
import { customerOf, proposal, start } from '../support/regradeFlows.js';
import { eventually } from '../support/stack.js';
import { openTask } from '../support/taskFlows.js';

/**
 * The web app on a phone (390×844) and on a desktop (1440×900): every page of every role fits the
 * screen's width, shows no raw message key, and has its primary action on the screen (on a phone's
 * task page: in the bar at the bottom); and a regrade done on the phone by tapping alone.
 * Screenshots of the phone pages: test-artifacts/phone-*.png.
 */
const suite = browserSuite('phone');
const DESKTOP_VIEWPORT = { width: 1440, height: 900 };
const TOUCH = 44;

/** Every message key of the web app (read from its dictionary, so a new key is checked too). */
const MESSAGE_KEYS = [...readFileSync(join(import.meta.dirname, '..', '..', 'web', 'src', 'messages.ts'), 'utf8')
  .matchAll(/^\s+'([\w.#-]+)':/gm)].map((m) => m[1]!).filter((key) => key.includes('.'));
/** What a key shown raw looks like (`event.allocation.drafted`); addresses and file names are not keys. */
const KEY_LIKE = /\b[a-z]+(\.[a-zA-Z#]+){1,3}\b/g;
const NOT_KEYS = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/g;
const FILE_NAME = /\.(png|jpe?g|webp|gif|pdf|docx?|xlsx?|csv)$/i;

/** The data every role's pages show: one process of each kind, started through the API. */
interface Fixtures {
  customerId: number;
  regradeId: string;
  reviewTaskId: string;
  hazardId: string;
  assessTaskId: string;
  assignmentId: string;
  learningId: string;
  allocationId: string;
}

let fixtures: Fixtures;

beforeAll(async () => {
  const { stack } = suite;
  const users = await demoUsers(stack);
  const tokens = await users.tokens(['mgr1', 'sup1', 'head', 'safety', 'leader']);
  const customer = await customerOf(stack, tokens.mgr1, 5);
  const regrade = await start(stack, tokens.mgr1, proposal(customer.id, 6, { visitDate: chinaDay(-1) }));
  const hazard = await reportHazard(stack, tokens.mgr1);
  const assignment = await stack.call('POST', '/api/processes/assigned-task/instances', tokens.leader, {
    requestId: randomUUID(),
    data: {
      title: '走访城东片区重点客户', requirement: '本周内走访城东片区全部重点客户，反馈经营与陈列情况', assigneeIds: [users.ids.mgr1],
      mode: 'separate', deadline: chinaDay(7), priority: 'high',
    },
  });
  const learning = await stack.call('POST', '/api/processes/learning-record/instances', tokens.mgr1, {
    requestId: randomUUID(),
    data: { title: '卷烟营销业务培训', kind: 'training', date: chinaDay(0), hours: 4, content: '学习客户分档管理办法与月度货源投放政策' },
  });
  const month = nextAllocationMonth(new Date()).slice(0, 7);
  const allocation = await startAllocationCycle(stack, tokens.head, month);
  for (const answer of [regrade, hazard, assignment, learning, allocation]) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const review = await openTask(stack, tokens.sup1, regrade.body.id, 'review');
  const assess = await openTask(stack, tokens.safety, hazard.body.id, 'assess');
  await eventually(() => stack.orm.em.fork().findOne(HazardSchema, { instanceId: hazard.body.id }).then((h) => h ?? undefined));
  await eventually(async () => ((await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head)).status === 200 ? true : undefined), 60_000);
  fixtures = {
    customerId: customer.id, regradeId: regrade.body.id, reviewTaskId: review.id, hazardId: hazard.body.id, assessTaskId: assess.id,
    assignmentId: assignment.body.id, learningId: learning.body.id, allocationId: allocation.body.id,
  };
}, 180_000);

/** One page to check: where it is, and its primary action if it has one (on a phone, `bar`: in the bar at the bottom). */
interface PageCheck {
  name: string;
  path: string;
  primary?: { role: 'link' | 'button'; name: string };
  bar?: boolean;
}

const link = (name: string) => ({ role: 'link' as const, name });
const button = (name: string) => ({ role: 'button' as const, name });

function inboxTabs(overseeing: boolean): PageCheck[] {
  return [
    { name: 'inbox-mine', path: '/' },
    { name: 'inbox-group', path: '/?tab=group' },
    { name: 'inbox-done', path: '/?tab=done' },
    ...(overseeing ? [{ name: 'inbox-all', path: '/?tab=all' }] : []),
  ];
}

/** Every page each role has, with the primary action where the page has one. */
function pagesOf(role: string): PageCheck[] {
  const f = fixtures;
  const common: PageCheck[] = [
    { name: 'instances', path: '/instances' },
    { name: 'assignments', path: '/assignments', ...(role === 'leader' ? { primary: link('新交办') } : {}) },
    { name: 'learning', path: '/learning', primary: link('新增学习记录') },
  ];
  switch (role) {
    case 'mgr1':
      return [
        ...inboxTabs(false), ...common,
        { name: 'start', path: '/start', primary: link('客户分档调整') },
        { name: 'start-regrade', path: `/start/regrade?customerId=${f.customerId}`, primary: button('提交') },
        { name: 'customers', path: '/customers' },
        { name: 'customer', path: `/customers/${f.customerId}`, primary: link('发起分档调整') },
        { name: 'instance-regrade', path: `/instances/${f.regradeId}` },
        { name: 'instance-hazard', path: `/instances/${f.hazardId}` },
        { name: 'instance-learning', path: `/instances/${f.learningId}` },
      ];
    case 'sup1':
      return [
        ...inboxTabs(false), ...common,
        { name: 'task-review', path: `/tasks/${f.reviewTaskId}`, primary: button('同意'), bar: true },
        { name: 'instance-regrade', path: `/instances/${f.regradeId}` },
        { name: 'customers', path: '/customers' },
        { name: 'customer', path: `/customers/${f.customerId}` },
        { name: 'allocation', path: '/allocation' },
        { name: 'products', path: '/products' },
      ];
    case 'head':
      return [
        ...inboxTabs(true), ...common,
        { name: 'start', path: '/start' },
        { name: 'customers', path: '/customers' },
        { name: 'hazards', path: '/hazards', primary: link('隐患登记') },
        { name: 'instance-hazard', path: `/instances/${f.hazardId}` },
        { name: 'allocation', path: '/allocation' },
        { name: 'instance-allocation', path: `/instances/${f.allocationId}` },
        { name: 'products', path: '/products' },
      ];
    case 'safety':
      return [
        ...inboxTabs(false), ...common,
        { name: 'hazards', path: '/hazards', primary: link('隐患登记') },
        { name: 'instance-hazard', path: `/instances/${f.hazardId}` },
        { name: 'task-assess', path: `/tasks/${f.assessTaskId}`, primary: button('确认隐患'), bar: true },
      ];
    case 'leader':
      return [
        ...inboxTabs(true), ...common,
        { name: 'instance-assignment', path: `/instances/${f.assignmentId}` },
        { name: 'customers', path: '/customers' },
        { name: 'hazards', path: '/hazards', primary: link('隐患登记') },
        { name: 'allocation', path: '/allocation' },
        { name: 'products', path: '/products' },
      ];
    case 'admin':
      return [
        ...inboxTabs(true), ...common,
        { name: 'customers', path: '/customers' },
        { name: 'customer', path: `/customers/${f.customerId}` },
        { name: 'hazards', path: '/hazards', primary: link('隐患登记') },
        { name: 'instance-regrade', path: `/instances/${f.regradeId}` },
        { name: 'allocation', path: '/allocation' },
        { name: 'products', path: '/products' },
      ];
    default:
      throw new Error(`no pages for ${role}`);
  }
}

/** A picture for people to look at (test-artifacts/<name>.png), once menus and dialogs have finished sliding in. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage, animations: 'disabled' });
}

/** Until the page has its data: the network is quiet and no spinner or progress bar is left. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await expect.poll(() => page.getByRole('progressbar').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
}

/** The text a person sees: visible text nodes and placeholders. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (text && parent?.checkVisibility({ visibilityProperty: true, opacityProperty: true })) texts.push(text);
    }
    for (const field of Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]'))) {
      if (field.checkVisibility()) texts.push(field.placeholder);
    }
    return texts;
  });
}

/** Message keys (or key-like words) in the visible text. */
function rawKeys(texts: string[]): string[] {
  const found = new Set<string>();
  for (const original of texts) {
    const text = original.replace(NOT_KEYS, ' ');
    for (const key of MESSAGE_KEYS) {
      const at = text.indexOf(key);
      if (at < 0) continue;
      const before = text[at - 1] ?? ' ';
      const after = text[at + key.length] ?? ' ';
      if (!/[\w.]/.test(before) && !/[\w.-]/.test(after)) found.add(`${key} in "${original}"`);
    }
    for (const match of text.matchAll(KEY_LIKE)) if (!FILE_NAME.test(match[0])) found.add(`${match[0]} in "${original}"`);
  }
  return [...found];
}

/** Tap targets on a phone smaller than a finger: buttons, tabs, selects and the cards' links. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>(
      'button, [role="tab"], [role="combobox"], [role="listitem"] a, header a, input[type="checkbox"]');
    for (const element of Array.from(targets)) {
      if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      // A field's tap area is its whole box; a checkbox's its ripple span.
      const area = element.matches('[role="combobox"]') ? element.closest('.MuiInputBase-root') ?? element
        : element.matches('input') ? element.parentElement ?? element : element;
      const { height, width } = area.getBoundingClientRect();
      if (height === 0 || width === 0) continue;
      if (height < min - 0.5) small.push(`${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(height)}px`);
    }
    return small;
  }, TOUCH);
}

/** Checks one page at the page's current viewport; what is wrong with it (nothing: []). */
async function check(page: Page, role: string, target: PageCheck, phone: boolean): Promise<string[]> {
  const problems: string[] = [];
  const where = `${role} ${target.name} @${phone ? 'phone' : 'desktop'}`;
  await page.goto(target.path);
  await settle(page);
  const viewport = page.viewportSize()!;
  const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  if (width.scroll > Math.min(width.inner, viewport.width)) problems.push(`${where}: ${width.scroll} px wide on a ${viewport.width} px screen`);
  for (const key of rawKeys(await visibleTexts(page))) problems.push(`${where}: raw key ${key}`);
  if (phone) for (const small of await smallTargets(page)) problems.push(`${where}: tap target ${small}`);
  if (target.primary) {
    const scope: Page | Locator = phone && target.bar ? page.getByTestId('task-bottom-bar') : page;
    const first = scope.getByRole(target.primary.role, { name: target.primary.name, exact: true }).first();
    if (await first.isVisible()) {
      // On the phone's task page the bar is on the screen as it opens; elsewhere the action is one scroll away, never beside the screen.
      if (!(phone && target.bar)) await first.scrollIntoViewIfNeeded();
      const box = (await first.boundingBox())!;
      const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;
      if (!inside) problems.push(`${where}: the primary action is off the screen (${JSON.stringify(box)})`);
      if (phone && box.height < TOUCH - 0.5) problems.push(`${where}: the primary action is ${box.height} px high`);
    } else {
      problems.push(`${where}: no primary action`);
    }
  }
  if (phone) await shot(page, `phone-${role}-${target.name}`);
  return problems;
}

describe('the web app on a phone and on a desktop', () => {
  for (const role of ['mgr1', 'sup1', 'head', 'safety', 'leader', 'admin']) {
    it(`${role}: every page fits the screen, speaks Chinese and has its primary action at hand`, { timeout: 300_000 }, async () => {
      const problems: string[] = [];
      const phone = await suite.asPhone(role);
      for (const target of pagesOf(role)) problems.push(...await check(phone, role, target, true));
      const desktop = await suite.as(role);
      await desktop.setViewportSize(DESKTOP_VIEWPORT);
      for (const target of pagesOf(role)) problems.push(...await check(desktop, role, target, false));
      expect(problems).toEqual([]);
    });
  }

  it('the phone\'s top bar: a menu drawer with the pages, the language and 退出登录; the bell stays in the bar', { timeout: 60_000 }, async () => {
    const page = await suite.asPhone('sup1');
    const bell = await page.getByTestId('notification-bell').boundingBox();
    expect(bell!.x + bell!.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await page.getByRole('button', { name: '菜单' }).click();
    const drawer = page.getByRole('presentation').filter({ has: page.getByRole('navigation') });
    await expect.poll(() => drawer.getByTestId('current-user').textContent()).toContain('张主管');
    for (const name of ['待办', '发起流程', '我的流程', '督办', '客户', '货源投放', '规格与可供量', '学习记录']) {
      expect(await drawer.getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
    }
    await shot(page, 'phone-menu');
    // English and back from the drawer; a link closes it.
    await drawer.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('tab-group').textContent()).toContain('Group tasks');
    await expect.poll(() => page.getByRole('navigation').count()).toBe(0);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByTestId('tab-group').textContent()).toContain('组待办');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '客户', exact: true }).click();
    await page.waitForURL(/\/customers$/);
    await expect.poll(() => page.getByRole('navigation').count()).toBe(0);
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
  });

  it('the inbox\'s filters on a phone: folded under 筛选, with the app\'s own Chinese date picker full screen', { timeout: 60_000 }, async () => {
    const page = await suite.asPhone('sup1');
    await page.getByRole('button', { name: '筛选' }).click();
    const field = page.locator('.MuiPickersTextField-root').filter({ hasText: '截止日期至' });
    await field.getByRole('button').last().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box).toMatchObject({ x: 0, y: 0, width: PHONE_VIEWPORT.width, height: PHONE_VIEWPORT.height });
    // Weeks from Monday, the month as Chinese writes it.
    expect(await dialog.getByRole('columnheader').first().getAttribute('aria-label')).toBe('星期一');
    expect(await dialog.textContent()).toMatch(/\d{4}年\d{1,2}月/);
    await shot(page, 'phone-date-picker');
    await dialog.getByRole('gridcell', { name: '28', exact: true }).click();
    await dialog.getByRole('button', { name: '确认' }).click();
    await page.waitForURL(/dueBefore=\d{4}-\d{2}-28/);
    await expect.poll(() => field.textContent()).toMatch(/\d{4}年\d{1,2}月28日/);
  });

  it('a regrade on the phone by tapping alone: the manager proposes from the customer page, the supervisor approves from the bottom bar', { timeout: 180_000 }, async () => {
    const { stack } = suite;
    const customer = await customerOf(stack, await stack.login('mgr1'), 9);
    const code = (await stack.call('GET', `/api/customers/${customer.id}`, await stack.login('mgr1'))).body.code as string;

    const manager = await suite.asPhone('mgr1');
    await manager.getByRole('button', { name: '菜单' }).click();
    await manager.getByRole('link', { name: '客户', exact: true }).click();
    await manager.getByLabel('搜索客户名称或编号').fill(code);
    await manager.getByTestId('customer-row').filter({ hasText: code }).getByRole('link').click();
    await expect.poll(() => manager.getByTestId('customer-tier').textContent()).toBe('D9');
    await manager.getByRole('link', { name: '发起分档调整' }).click();
    await expect.poll(() => manager.getByTestId('start-customer').textContent()).toContain(`${code}），当前档位 D9`);
    await manager.getByLabel('建议档位').fill('11');
    await manager.getByLabel('变更理由').fill('近三个月购进量持续增长，经营规模扩大');
    for (const row of [1, 2, 3]) await manager.getByLabel(`购进量（条） ${row}`).fill(String(200 + row * 15));
    // The visit date from the full-screen picker: yesterday's… or any day of this month before today, the 1st.
    const visit = manager.locator('.MuiPickersTextField-root').filter({ hasText: '走访日期' });
    await visit.getByRole('button').last().click();
    await manager.getByRole('dialog').getByRole('gridcell', { name: '1', exact: true }).click();
    await expect.poll(() => visit.textContent()).toMatch(/\d{4}年\d{1,2}月1日/);
    await manager.getByLabel('走访核实情况').fill('实地走访，门店扩大经营面积，货架陈列饱满');
    await shot(manager, 'phone-regrade-form', true);
    await manager.getByRole('button', { name: '提交' }).click();
    await manager.waitForURL(/\/instances\//);
    await expect.poll(() => manager.getByTestId('open-tasks').textContent(), { timeout: 15_000 }).toContain('主管审批');
    const instanceId = new URL(manager.url()).pathname.split('/').pop()!;
    const visitDate = (await stack.call('GET', `/api/instances/${instanceId}`, await stack.login('mgr1'))).body.records[0].data.visitDate as string;
    expect(visitDate).toMatch(/^\d{4}-\d{2}-01$/);

    const supervisor = await suite.asPhone('sup1');
    const card = supervisor.getByTestId('task-row').filter({ hasText: code });
    await card.getByRole('link', { name: '主管审批' }).click();
    const bar = supervisor.getByTestId('task-bottom-bar');
    await bar.getByRole('button', { name: '同意', exact: true }).waitFor();
    await expect.poll(() => supervisor.getByTestId('record').first().textContent()).toContain('发起流程');
    // The other actions (转交, 加签, 抄送) are under 更多.
    await bar.getByRole('button', { name: '更多' }).click();
    expect(await supervisor.getByRole('menuitem', { name: '转交' }).isVisible()).toBe(true);
    await shot(supervisor, 'phone-task-more');
    await supervisor.keyboard.press('Escape');
    await shot(supervisor, 'phone-task');
    await bar.getByRole('button', { name: '同意', exact: true }).click();
    await supervisor.getByTestId('flow-toast').filter({ hasText: '已同意：客户分档调整' }).waitFor();

    await manager.goto(`/customers/${customer.id}`);
    await expect.poll(() => manager.getByTestId('customer-tier').textContent(), { timeout: 15_000 }).toBe('D11');
    expect(await manager.getByTestId('tier-history').textContent()).toContain('D9');
    await shot(manager, 'phone-customer-after');
  });

  it('in English on a phone: the pages fit and name everything, the date picker speaks English too', { timeout: 120_000 }, async () => {
    const page = await suite.asPhone('head');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('tab-group').textContent()).toContain('Group tasks');
    try {
      const problems: string[] = [];
      for (const target of pagesOf('head').map((p) => ({ ...p, name: `en-${p.name}`, primary: undefined }))) {
        problems.push(...await check(page, 'head', target, true));
      }
      expect(problems).toEqual([]);
      await page.goto('/');
      await page.getByRole('button', { name: 'Filters' }).click();
      const field = page.locator('.MuiPickersTextField-root').filter({ hasText: 'Due from' });
      await field.getByRole('button').last().click();
      const dialog = page.getByRole('dialog');
      expect(await dialog.getByRole('columnheader').first().getAttribute('aria-label')).toBe('Monday');
      await dialog.getByRole('gridcell', { name: '2', exact: true }).click();
      await dialog.getByRole('button', { name: 'OK' }).click();
      await expect.poll(() => field.textContent()).toMatch(/[A-Z][a-z]{2} 2, \d{4}/);
    } finally {
      // The language is the user's setting on the server: back to Chinese for whoever logs in as head next.
      await page.goto('/');
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => page.getByTestId('tab-group').textContent()).toContain('组待办');
    }
  });
});
