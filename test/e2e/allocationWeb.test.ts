import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { browserSuite } from '../support/browser.js';
import { demoUsers } from '../support/demoUsers.js';
import { eventually } from '../support/stack.js';
import { act, openTask } from '../support/taskFlows.js';

/**
 * 月度货源投放 in the browser: a manager adjusts their part in the review grid (a cell out of the bound
 * is marked before submitting and refused by the server on that cell, named by customer and product),
 * the part comes back with its adjustment when returned, and the dept head's overview shows the month by product and tier.
 */
const suite = browserSuite('allocation');
const { as } = suite;
const month = nextAllocationMonth(new Date()).slice(0, 7);

interface Line { customerId: number; customerCode: string; customerName: string; productCode: string; productName: string; drafted: number; quantity: number }

describe('the monthly allocation in the browser', () => {
  it('a manager adjusts a line in the grid; out-of-bound is marked and refused; the dept head sees the plan', { timeout: 180_000 }, async () => {
    const { stack } = suite;
    const users = await demoUsers(stack);
    const { head, mgr1, sup1 } = await users.tokens(['head', 'mgr1', 'sup1']);
    const mgr1Id = users.ids.mgr1!;
    const started = await stack.call('POST', '/api/processes/allocation-cycle/instances', head, { data: { month }, requestId: randomUUID() });
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;
    const review = await openTask(stack, mgr1!, instanceId, `review-${mgr1Id}`);
    const bound = Number(review.context.adjustBound);

    // A product among the grid's first columns (in view without scrolling) and two of mgr1's customers with enough of it to move.
    const cycle = (await stack.call('GET', `/api/allocation/cycles/${month}`, head)).body;
    const candidates = (cycle.products as { code: string; drafted: number }[]).slice(0, 8).sort((x, y) => y.drafted - x.drafted);
    const product = candidates[0]!.code;
    const own = (await stack.call('GET', `/api/allocation/cycles/${month}/lines?product=${product}&size=100`, mgr1)).body.items as Line[];
    // The two largest lines: one carton down stays within the bound (⌈d·(1−b)⌉ ≤ d−1 for d ≥ 5 at ±20 %).
    const [a, b] = own.filter((l) => l.drafted >= Math.ceil(1 / bound)).sort((x, y) => y.drafted - x.drafted);
    expect(a && b, `mgr1's lines of ${product}: ${own.map((l) => l.drafted).join(',')}`).toBeTruthy();
    const cellOf = (page: Awaited<ReturnType<typeof as>>, line: Line) => page.locator(`[data-key="${line.customerId}:${product}"]`);

    const manager = await as('mgr1');
    await manager.goto(`/tasks/${review.id}`);
    await manager.getByTestId('allocation-review').waitFor({ timeout: 30_000 });
    const find = manager.getByLabel('查找客户（编码或名称）');

    // b far above its draft: marked at once (cell and the product's total), before any submit.
    await find.fill(b!.customerCode);
    await cellOf(manager, b!).locator('input').fill(String(Math.floor(b!.drafted * (1 + bound)) + 5));
    await expect.poll(() => cellOf(manager, b!).getAttribute('data-invalid')).toBe('true');
    await expect.poll(() => manager.getByTestId('review-summary').textContent()).toContain('超出');
    // a one carton down: within the bound.
    await find.fill(a!.customerCode);
    await cellOf(manager, a!).locator('input').fill(String(a!.drafted - 1));
    expect(await cellOf(manager, a!).getAttribute('data-invalid')).toBeNull();

    // The server refuses b's line, and says so on b's cell.
    await manager.getByRole('button', { name: '提交', exact: true }).click();
    await manager.getByText('请修正标红的字段后再提交。').waitFor();
    // Named as people know the line: the customer's name and code and the product's name — not its code, not 第 n 行.
    const named = `${b!.customerName} (${b!.customerCode}) · ${b!.productName}：调整后应在`;
    await expect.poll(() => manager.getByTestId('review-errors').textContent()).toContain(named);
    expect(await manager.getByTestId('review-errors').textContent()).not.toMatch(new RegExp(`第 \\d+ 行|${product}`));
    await find.fill(b!.customerCode);
    expect(await cellOf(manager, b!).getAttribute('title')).toContain(named);

    // b back to its draft; the submission now holds a's change only, and the server stores it.
    await cellOf(manager, b!).locator('input').fill(String(b!.drafted));
    await expect.poll(() => cellOf(manager, b!).getAttribute('data-invalid')).toBeNull();
    await manager.getByRole('button', { name: '提交', exact: true }).click();
    // Done: on to the inbox, with a toast naming what was done.
    await manager.getByTestId('flow-toast').filter({ hasText: '已提交：月度货源投放' }).waitFor();
    const stored = await eventually(async () => {
      const { body } = await stack.call('GET', `/api/allocation/cycles/${month}/lines?customerId=${a!.customerId}&product=${product}`, mgr1);
      return body.items[0]?.quantity === a!.drafted - 1 ? body.items[0] as Line : undefined;
    });
    expect(stored.drafted).toBe(a!.drafted);
    const bLine = (await stack.call('GET', `/api/allocation/cycles/${month}/lines?customerId=${b!.customerId}&product=${product}`, mgr1)).body.items[0] as Line;
    expect(bLine.quantity).toBe(b!.drafted);

    // Returned by the supervisor: the part reopens with a's adjustment shown in the grid.
    await act(stack, sup1!, instanceId, `approve-${mgr1Id}`, { outcome: 'return', comment: '请再核对' });
    const again = await openTask(stack, mgr1!, instanceId, `review-${mgr1Id}#2`);
    await manager.goto(`/tasks/${again.id}`);
    await manager.getByTestId('allocation-review').waitFor({ timeout: 30_000 });
    await manager.getByLabel('查找客户（编码或名称）').fill(a!.customerCode);
    await expect.poll(() => cellOf(manager, a!).locator('input').inputValue()).toBe(String(a!.drafted - 1));
    expect(await manager.getByTestId('review-summary').textContent()).toContain('已调整 1 格');

    // The dept head's overview: the month, its products by tier, the parts.
    const deptHead = await as('head');
    await deptHead.getByRole('link', { name: '货源投放' }).click();
    await expect.poll(() => deptHead.getByTestId('cycle-row').first().textContent()).toContain(month);
    await expect.poll(() => deptHead.getByTestId('plan-product').count()).toBe(cycle.products.length);
    expect(await deptHead.getByTestId('plan-products').textContent()).toContain('D30');
    // mgr1's stored adjustment shows in the product's allocated figure (one carton below the draft).
    const row = deptHead.getByTestId('plan-product').filter({ hasText: product });
    const drafted = (cycle.products as { code: string; drafted: number }[]).find((p) => p.code === product)!.drafted;
    expect(await row.locator('td').nth(3).textContent()).toBe(String(drafted));
    expect(await row.locator('td').nth(4).textContent()).toBe(String(drafted - 1));
    await expect.poll(() => deptHead.getByTestId('plan-part').count()).toBe(cycle.parts.length);
    expect(await deptHead.getByTestId('product-chart').locator('rect').count()).toBe(cycle.products.length * 2);
    // The dept head may export the plan while it is in review.
    expect(await deptHead.getByTestId('plan-export').getAttribute('href')).toBe(`/api/allocation/cycles/${month}/export?version=${cycle.version}`);
  });
});
