import { chinaDate, DAY_MS } from '../domain/chinaTime.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DEMO_PASSWORD } from '../db/demoSeed.js';

/** A 1×1 PNG: the demo's (and the tests') stand-in for a photo. */
export const DEMO_PHOTO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type Stage = 'reported' | 'dismissed' | 'notice' | 'signOff' | 'rectifying' | 'verifying' | 'closed' | 'closedAfterFail';

interface DemoHazard {
  reporter: string;
  place: string;
  category: string;
  level: 'general' | 'major';
  description: string;
  stage: Stage;
}

const HAZARDS: DemoHazard[] = [
  { reporter: 'mgr1', place: '城东仓库二号库房', category: 'fire', level: 'general', description: '库房东侧两具灭火器压力表指针在红区，已过有效期', stage: 'closed' },
  { reporter: 'mgr2', place: '城北门店后门通道', category: 'fire', level: 'general', description: '后门通道堆放纸箱，堵塞安全出口约一米', stage: 'rectifying' },
  { reporter: 'mgr4', place: '配送三号车', category: 'traffic', level: 'general', description: '左后轮胎面磨损接近极限，雨天行驶有打滑风险', stage: 'verifying' },
  { reporter: 'safety', place: '营销部办公楼配电间', category: 'electrical', level: 'major', description: '配电柜线缆老化发热，柜内积尘严重，无漏电保护', stage: 'signOff' },
  { reporter: 'mgr5', place: '城南门店收银台', category: 'security', level: 'general', description: '收银台监控摄像头损坏，夜间无录像', stage: 'reported' },
  { reporter: 'mgr3', place: '城西仓库货架区', category: 'warehouse', level: 'general', description: '货架顶层码放过高，疑似超出承重标识', stage: 'dismissed' },
  { reporter: 'mgr6', place: '三楼会议室', category: 'electrical', level: 'general', description: '投影仪电源线从地毯下穿过，接头破损外露', stage: 'closedAfterFail' },
  { reporter: 'sup1', place: '城东片区走访用电动车', category: 'traffic', level: 'general', description: '电动车充电器外壳开裂，放在办公室内充电', stage: 'notice' },
];

/** China date `days` from now. */
function chinaDay(days: number): string {
  return chinaDate(Date.now() + days * DAY_MS);
}

/**
 * Demo hazards in every state of the ledger, made through the API as the demo users would (so every
 * record, task and audit event is real). Runs once, right after the demo data is first seeded.
 */
export async function seedDemoHazards(baseUrl: string, log: Logger): Promise<void> {
  const tokens = new Map<string, string>();
  async function call(user: string, method: string, path: string, body?: unknown): Promise<any> {
    if (!tokens.has(user)) {
      const login = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
      });
      tokens.set(user, ((await login.json()) as { token: string }).token);
    }
    const response = await fetch(baseUrl + path, {
      method, headers: { authorization: `Bearer ${tokens.get(user)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const payload = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`${method} ${path} as ${user}: ${response.status} ${JSON.stringify(payload)}`);
    return payload;
  }
  async function openTask(user: string, instanceId: string, stepKey: string): Promise<{ id: string }> {
    for (let i = 0; i < 100; i++) {
      const instance = await call(user, 'GET', `/api/instances/${instanceId}`);
      const task = instance.tasks.find((t: { stepKey: string; status: string }) => t.stepKey === stepKey && t.status === 'open');
      if (task) return task;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no open ${stepKey} on ${instanceId}`);
  }
  async function act(user: string, instanceId: string, stepKey: string, body: Record<string, unknown>) {
    const task = await openTask(user, instanceId, stepKey);
    await call(user, 'POST', `/api/tasks/${task.id}/complete`, { requestId: randomUUID(), ...body });
  }
  async function rectify(instanceId: string, stepKey: string) {
    const task = await openTask('mgr2', instanceId, stepKey);
    const upload = await fetch(`${baseUrl}/api/attachments?name=${encodeURIComponent('整改后照片.png')}&taskId=${task.id}`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.get('mgr2')}`, 'content-type': 'image/png' }, body: DEMO_PHOTO_PNG,
    });
    const { id } = (await upload.json()) as { id: string };
    await call('mgr2', 'POST', `/api/tasks/${task.id}/complete`, {
      requestId: randomUUID(), data: { actions: '已按整改措施完成整改，现场复查无异常', completedOn: chinaDay(0), evidence: [id] },
    });
  }

  const mgr2 = (await call('mgr2', 'GET', '/api/me')) as { id: number };
  for (const h of HAZARDS) {
    const { id } = await call(h.reporter, 'POST', '/api/processes/hazard/instances', {
      requestId: randomUUID(),
      data: { place: h.place, category: h.category, suspectedLevel: h.level, description: h.description, foundOn: chinaDay(-2) },
    });
    if (h.stage === 'reported') continue;
    if (h.stage === 'dismissed') {
      await act('safety', id, 'assess', { data: { outcome: 'dismiss', comment: '经核实承重在标识范围内，不构成隐患' } });
      continue;
    }
    await act('safety', id, 'assess', { data: { outcome: 'confirm', level: h.level } });
    if (h.stage === 'notice') continue;
    await act('safety', id, 'notice', {
      data: {
        level: h.level, responsibleId: mgr2.id, deadline: chinaDay(10), responsibility: '责任人负责整改并报验',
        standard: '隐患消除，现场符合安全规范', measures: '立即采取临时防护措施，三日内完成整改并留存照片',
        ...(h.level === 'major' ? { funds: 26000, emergencyPlan: '发现发热冒烟立即断电、疏散人员并报告值班领导' } : {}),
      },
    });
    if (h.stage === 'signOff' || h.stage === 'rectifying') continue;
    await rectify(id, 'rectify');
    if (h.stage === 'verifying') continue;
    if (h.stage === 'closedAfterFail') {
      await act('safety', id, 'verify', { data: { outcome: 'fail', comment: '接头仍外露，需更换整根电源线' } });
      await rectify(id, 'rectify#2');
      await act('safety', id, 'verify#2', { data: { outcome: 'pass' } });
    } else {
      await act('safety', id, 'verify', { data: { outcome: 'pass' } });
    }
  }
  log.info({ hazards: HAZARDS.length }, 'demo hazards reported and moved along');
}
