import { randomUUID } from 'node:crypto';
import type { AccessFixtures } from '../../api/http/accessTable.js';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { awaitReviews, publishAllocation, startAllocationCycle } from './allocationFlows.js';
import type { DemoUsers } from './demoUsers.js';
import { chinaDay, hazardReport, reportHazard, uploadPhoto } from './hazardFlows.js';
import { customerOf, proposal, proposeForReview, start } from './regradeFlows.js';
import { eventually, type TestStack } from './stack.js';
import { act, openTask } from './taskFlows.js';

/** The fixtures of the access matrix; those a row uses up are made again for each request that names them. */
export interface AccessFixtureSet {
  values: Omit<AccessFixtures, 'requestId'>;
  /** Fixtures made anew for each request that names them: a request id, a claim that a row releases. */
  renewed: Partial<Record<keyof AccessFixtures, () => Promise<string | number>>>;
}

/** Fails with the answer unless `status` is `expected`: a fixture that was not made would fail rows for the wrong reason. */
function made<T extends { status: number; body: any }>(what: string, answer: T, expected = 201): T {
  if (answer.status !== expected) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** mgr1's regrades: one under review, one for the row that decides it, one to withdraw; and a customer free for a new one. */
async function regrades(stack: TestStack, mgr1: string, sup1: string) {
  const review = await proposeForReview(stack, mgr1, sup1, 3, 4);
  const decidable = await proposeForReview(stack, mgr1, sup1, 5, 6);
  const withdrawable = made('withdrawable regrade', await start(stack, mgr1, proposal((await customerOf(stack, mgr1, 7)).id, 8)));
  return {
    mgr1Customer: review.customer.id, mgr1FreeCustomer: (await customerOf(stack, mgr1, 11)).id,
    reviewInstance: review.started.body.id as string, reviewTask: review.review.id as string,
    decidableTask: decidable.review.id as string, withdrawableInstance: withdrawable.body.id as string,
  };
}

/** A hazard mgr1 reported with a photo, waiting for a safety officer's assessment; and a file of mgr1's no form uses. */
async function hazard(stack: TestStack, mgr1: string, safety: string) {
  const hazardPhoto = await uploadPhoto(stack, mgr1);
  const reported = made('hazard', await reportHazard(stack, mgr1, hazardReport({ photos: [hazardPhoto] })));
  const assess = await openTask(stack, safety, reported.body.id, 'assess');
  return { mgr1Hazard: reported.body.summary.code as string, assessTask: assess.id as string, hazardPhoto, mgr1Draft: await uploadPhoto(stack, mgr1) };
}

/** A 督办 from the leader to mgr1, accepted; the notification it gave mgr1; mgr1's saved filter, webhook and a learning record. */
async function mgr1Work(stack: TestStack, users: DemoUsers, mgr1: string, leader: string) {
  const assigned = made('assignment', await stack.call('POST', '/api/processes/assigned-task/instances', leader, {
    requestId: randomUUID(),
    data: {
      title: '年末零售户走访', requirement: '走访辖区全部零售户，核实经营状况并更新客户资料', assigneeIds: [users.ids.mgr1],
      mode: 'separate', deadline: chinaDay(10), priority: 'high',
    },
  }));
  await act(stack, mgr1, assigned.body.id, `accept-${users.ids.mgr1}`, { outcome: 'accept' });
  const notification = await eventually(async () => (await stack.call('GET', '/api/me/notifications', mgr1)).body.items[0]?.id as string | undefined);
  const filter = made('filter', await stack.call('POST', '/api/me/filters', mgr1, { name: '访问矩阵', query: { view: 'mine' } }));
  made('webhook', await stack.call('PUT', '/api/me/webhook', mgr1, { url: 'https://93.184.215.14/mgr1', enabled: false }), 200);
  // A record in mgr1's year, so the rows that read it answer with one.
  made('learning record', await stack.call('POST', '/api/processes/learning-record/instances', mgr1, {
    requestId: randomUUID(),
    data: { title: '卷烟零售终端建设专题培训', kind: 'training', date: chinaDay(), hours: 3.5, content: '学习了现代终端建设标准与陈列规范，计划选 3 户试点' },
  }));
  return { assignment: assigned.body.id as string, mgr1Notification: notification, mgr1Filter: filter.body.id as string };
}

/** Next month's allocation plan, drafted, reviewed, approved and published. */
async function publishedPlan(stack: TestStack, users: DemoUsers, head: string): Promise<string> {
  const month = nextAllocationMonth(new Date()).slice(0, 7);
  const started = made('allocation cycle', await startAllocationCycle(stack, head, month));
  await awaitReviews(stack, users, started.body.id);
  await publishAllocation(stack, users, started.body.id, month);
  return month;
}

/**
 * Makes every record the access tables name (api/http/accessTable.ts), the independent ones at once.
 * The stack needs SHORT_ALLOCATION_DUES for the plan to be published.
 */
export async function createAccessFixtures(stack: TestStack, users: DemoUsers): Promise<AccessFixtureSet> {
  const { mgr1, sup1, safety, leader, head, admin } = await users.tokens(['mgr1', 'sup1', 'safety', 'leader', 'head', 'admin']);
  const [regrade, reported, work, allocationMonth, spare] = await Promise.all([
    regrades(stack, mgr1, sup1), hazard(stack, mgr1, safety), mgr1Work(stack, users, mgr1, leader), publishedPlan(stack, users, head),
    stack.call('POST', '/api/admin/users', admin, { username: 'matrix-spare', displayName: '备用账号', roles: ['customer_manager'] }),
  ]);
  const claimedAssessTask = async () => {
    made('claim', await stack.call('POST', `/api/tasks/${reported.assessTask}/claim`, safety), 200);
    return reported.assessTask;
  };
  return {
    values: {
      mgr1Id: users.ids.mgr1!, spareUserId: made('spare user', spare).body.user.id as number, ...regrade, ...reported, ...work, allocationMonth,
      claimedAssessTask: reported.assessTask,
    },
    renewed: { claimedAssessTask, requestId: async () => randomUUID() },
  };
}
