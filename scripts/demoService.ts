import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DEMO_PASSWORD } from '../db/demoSeed.js';
import { DEMO_PHOTO_PNG } from './demoHazards.js';

/** A demo user's client of the API at `baseUrl`: JSON calls, and tasks found and completed as the inbox would. */
export function demoClient(baseUrl: string) {
  const tokens = new Map<string, string>();
  async function token(user: string): Promise<string> {
    if (!tokens.has(user)) {
      const login = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
      });
      tokens.set(user, ((await login.json()) as { token: string }).token);
    }
    return tokens.get(user)!;
  }
  async function call(user: string, method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(baseUrl + path, {
      method, headers: { authorization: `Bearer ${await token(user)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const payload = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`${method} ${path} as ${user}: ${response.status} ${JSON.stringify(payload)}`);
    return payload;
  }
  async function openTask(user: string, instanceId: string, stepKey: string): Promise<{ id: string }> {
    for (let i = 0; i < 100; i++) {
      // Until the task's row exists, someone not yet involved may not see the instance (404): ask again.
      const instance = await call(user, 'GET', `/api/instances/${instanceId}`).catch(() => null);
      const task = instance?.tasks.find((t: { stepKey: string; status: string }) => t.stepKey === stepKey && t.status === 'open');
      if (task) return task;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no open ${stepKey} on ${instanceId}`);
  }
  return {
    call,
    async act(user: string, instanceId: string, stepKey: string, data: Record<string, unknown>) {
      const task = await openTask(user, instanceId, stepKey);
      await call(user, 'POST', `/api/tasks/${task.id}/complete`, { requestId: randomUUID(), data });
    },
    /** A photo uploaded to the task's process; its attachment id. */
    async photo(user: string, instanceId: string, stepKey: string, name: string): Promise<string> {
      const task = await openTask(user, instanceId, stepKey);
      const upload = await fetch(`${baseUrl}/api/attachments?name=${encodeURIComponent(name)}&taskId=${task.id}`, {
        method: 'POST', headers: { authorization: `Bearer ${await token(user)}`, 'content-type': 'image/png' }, body: DEMO_PHOTO_PNG,
      });
      return ((await upload.json()) as { id: string }).id;
    },
  };
}

type RequestStage = 'new' | 'replied' | 'visited' | 'visitedFirst';
type ComplaintStage = 'new' | 'handling' | 'revisiting' | 'closed' | 'closedAfterUnsatisfied';

/** Requests: who records it for which manager's customer, what, and how far it goes. */
const REQUESTS: { by: string; manager: string; channel: string; category: string; content: string; stage: RequestStage }[] = [
  { by: 'sup1', manager: 'mgr1', channel: 'phone', category: 'equipment', content: '店内条码扫描枪无法识别，请尽快上门查看', stage: 'new' },
  { by: 'mgr2', manager: 'mgr2', channel: 'wechat', category: 'supply', content: '希望增加细支烟品规的订购量，想了解下月投放政策', stage: 'replied' },
  { by: 'mgr1', manager: 'mgr1', channel: 'walk_in', category: 'guidance', content: '新店开业，请指导柜台陈列与价签摆放', stage: 'visited' },
  { by: 'mgr4', manager: 'mgr4', channel: 'system', category: 'ordering', content: '网上订货结算失败两次，需要帮助核对账户', stage: 'visitedFirst' },
  { by: 'sup2', manager: 'mgr5', channel: 'phone', category: 'license', content: '许可证即将到期，询问延续办理所需材料', stage: 'replied' },
];

/** Complaints: who records it, about which manager's customer (null: anonymous), how far it goes. */
const COMPLAINTS: { by: string; manager: string | null; complainedAbout?: string; category: string; urgency: string; content: string; stage: ComplaintStage }[] = [
  { by: 'mgr4', manager: null, category: 'quality', urgency: 'normal', content: '匿名来电反映某品规卷烟受潮，要求调换', stage: 'new' },
  { by: 'mgr4', manager: 'mgr4', category: 'price', urgency: 'urgent', content: '客户反映周边门店价格标识不统一，要求说明', stage: 'handling' },
  { by: 'mgr2', manager: 'mgr1', complainedAbout: 'mgr1', category: 'service', urgency: 'normal', content: '客户经理多次未按约定时间上门，订货问题无人解答', stage: 'revisiting' },
  { by: 'mgr3', manager: 'mgr3', category: 'supply', urgency: 'normal', content: '紧俏品种连续两周未到货，影响经营', stage: 'closed' },
  { by: 'mgr6', manager: 'mgr6', complainedAbout: 'mgr6', category: 'service', urgency: 'urgent', content: '客户经理态度生硬，拒绝解释投放量调整原因', stage: 'closedAfterUnsatisfied' },
];

const SUPERVISOR: Record<string, string> = { mgr1: 'sup1', mgr2: 'sup1', mgr3: 'sup1', mgr4: 'sup2', mgr5: 'sup2', mgr6: 'sup2' };
/** Who handles a complaint about a manager's customer: a colleague in the same team, never the manager complained about. */
const HANDLER: Record<string, string> = { mgr1: 'mgr2', mgr2: 'mgr3', mgr3: 'mgr1', mgr4: 'mgr5', mgr5: 'mgr6', mgr6: 'mgr4' };

/**
 * Demo service requests, visits and complaints in every state, made through the API as the demo users
 * would (every record, task and timeline event is real). Runs once, right after the demo data is first seeded.
 */
export async function seedDemoService(baseUrl: string, log: Logger): Promise<void> {
  const api = demoClient(baseUrl);
  const ids = new Map<string, number>();
  for (const user of ['mgr1', 'mgr2', 'mgr3', 'mgr4', 'mgr5', 'mgr6']) ids.set(user, ((await api.call(user, 'GET', '/api/me')) as { id: number }).id);
  const customerOf = async (manager: string, index: number): Promise<number> =>
    (await api.call(manager, 'GET', `/api/customers?managerId=${ids.get(manager)}&size=20`)).items[index].id as number;

  for (const [i, r] of REQUESTS.entries()) {
    const { id } = await api.call(r.by, 'POST', '/api/processes/service-request/instances', {
      requestId: randomUUID(), data: { customerId: await customerOf(r.manager, i + 1), channel: r.channel, category: r.category, content: r.content },
    });
    if (r.stage === 'new') continue;
    if (r.stage !== 'visitedFirst') await api.act(r.manager, id, 'reply', { reply: '已电话答复客户，约定明天上午上门', via: 'phone' });
    if (r.stage === 'replied') continue;
    const photo = await api.photo(r.manager, id, 'visit', '门店现场.png');
    await api.act(r.manager, id, 'visit', {
      arrivedAt: new Date().toISOString(), checked: '查看柜台陈列、价签与订货终端，听取客户意见', photos: [photo],
      followUps: '一周后电话回访', analysis: '现场问题已解决，客户对处理结果满意',
    });
  }

  for (const [i, c] of COMPLAINTS.entries()) {
    const customerId = c.manager === null ? null : await customerOf(c.manager, 10 + i);
    const { id } = await api.call(c.by, 'POST', '/api/processes/complaint/instances', {
      requestId: randomUUID(),
      data: {
        ...(customerId === null ? { anonymous: true } : { customerId }), channel: 'phone', category: c.category, urgency: c.urgency, content: c.content,
        ...(c.complainedAbout ? { complainedManagerId: ids.get(c.complainedAbout) } : {}),
      },
    });
    if (c.stage === 'new' || c.manager === null) continue;
    const supervisor = SUPERVISOR[c.manager]!;
    const handler = HANDLER[c.manager]!;
    await api.act(supervisor, id, 'assign', { handlerId: ids.get(handler), comment: '请 24 小时内联系客户' });
    await api.act(handler, id, 'respond', { response: '已致电客户致歉并了解情况', via: 'phone' });
    if (c.stage === 'handling') continue;
    await api.act(handler, id, 'resolve', { actions: '上门核实情况，向客户说明并落实整改', result: '客户表示接受' });
    if (c.stage === 'revisiting') continue;
    if (c.stage === 'closedAfterUnsatisfied') {
      await api.act(supervisor, id, 'revisit', { satisfaction: 'unsatisfied', comment: '客户认为解释不充分' });
      await api.act(handler, id, 'resolve#2', { actions: '主管陪同再次上门，书面说明投放量调整依据', result: '客户认可' });
      await api.act(supervisor, id, 'revisit#2', { satisfaction: 'basically_satisfied', comment: '客户基本满意' });
    } else {
      await api.act(supervisor, id, 'revisit', { satisfaction: 'satisfied' });
    }
  }
  log.info({ requests: REQUESTS.length, complaints: COMPLAINTS.length }, 'demo service requests and complaints recorded and moved along');
}
