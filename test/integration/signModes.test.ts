import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskSchema } from '../../db/entities/index.js';
import { addDemoUser, demoUsers } from '../support/demoUsers.js';
import { hazardReport, notice, reportHazard } from '../support/hazardFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { act, complete, openTask } from '../support/taskFlows.js';

/**
 * 或签 and 会签 on a real step: a major hazard's plan is signed off by every leader (two here), the
 * first decision winning (default) or all of them needed (DUTYFLOW_HAZARD_SIGNOFF_MODE=all).
 */
const stacks: Record<'any' | 'all', TestStack | undefined> = { any: undefined, all: undefined };

const withSecondLeader = (stack: TestStack) => addDemoUser(stack, { username: 'leader2', displayName: '钱副总', roles: ['leader'] });

/** A major hazard up to its sign-off; the open sign-off tasks by leader. */
async function toSignOff(stack: TestStack) {
  const users = await demoUsers(stack);
  const { mgr1, safety } = await users.tokens(['mgr1', 'safety']);
  const mgr2Id = users.ids.mgr2!;
  const { body: { id } } = await reportHazard(stack, mgr1, hazardReport({ suspectedLevel: 'major' }));
  await act(stack, safety, id, 'assess', { data: { outcome: 'confirm', level: 'major' } });
  await act(stack, safety, id, 'notice', {
    data: notice(mgr2Id, { level: 'major', funds: 50000, emergencyPlan: '发现险情立即断电、疏散并报告值班领导' }),
  });
  return id as string;
}

async function openSteps(stack: TestStack, instanceId: string): Promise<string[]> {
  const open = await stack.orm.em.fork().find(TaskSchema, { instanceId, status: 'open' });
  return open.map((t) => t.stepKey).sort();
}

beforeAll(async () => {
  [stacks.any, stacks.all] = await Promise.all([startStack(), startStack({ DUTYFLOW_HAZARD_SIGNOFF_MODE: 'all' })]);
});
afterAll(async () => {
  await Promise.all(Object.values(stacks).map((s) => s?.close()));
});

describe('sign modes', () => {
  it('或签: the first leader to decide decides; the other leader\'s task closes', async () => {
    const stack = stacks.any!;
    const leader2Id = await withSecondLeader(stack);
    const id = await toSignOff(stack);
    const leader2 = await stack.login('leader2');
    const mine = await openTask(stack, leader2, id, `sign-off-${leader2Id}`);
    expect(await openSteps(stack, id)).toEqual(['sign-off', `sign-off-${leader2Id}`]);
    expect((await complete(stack, leader2, mine.id, { outcome: 'approve' })).status).toBe(200);
    await eventually(async () => ((await openSteps(stack, id)).join() === 'rectify' ? true : undefined));
    const first = await stack.orm.em.fork().findOneOrFail(TaskSchema, { instanceId: id, stepKey: 'sign-off' });
    expect(first.status).toBe('cancelled');
  });

  it('会签: every leader must approve before the rectification starts', async () => {
    const stack = stacks.all!;
    const leader2Id = await withSecondLeader(stack);
    const id = await toSignOff(stack);
    const [leader, leader2] = await Promise.all([stack.login('leader'), stack.login('leader2')]);
    await act(stack, leader, id, 'sign-off', { outcome: 'approve' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await openSteps(stack, id)).toEqual([`sign-off-${leader2Id}`]);
    await act(stack, leader2, id, `sign-off-${leader2Id}`, { outcome: 'approve' });
    await eventually(async () => ((await openSteps(stack, id)).join() === 'rectify' ? true : undefined));
  });
});
