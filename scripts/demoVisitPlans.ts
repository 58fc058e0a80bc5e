import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { DAY_MS } from '../domain/chinaTime.js';
import { periodOf } from '../domain/visitPlanRules.js';
import type { AppConfig } from '../runtime/config.js';
import { startVisitPlanWeek } from '../worker/visitPlanSchedule.js';
import { demoClient } from './demoService.js';

const MANAGERS = ['mgr1', 'mgr2', 'mgr3', 'mgr4', 'mgr5', 'mgr6'];

interface DayItem { taskId: string; instanceId: string; period: string; overdue: boolean; customer: { id: number } }

/**
 * Demo planned visits (差异化服务) in every state, made as the weekly Schedule and the managers would: last week's
 * plans (made late, so their weekly visits are overdue: reminded, escalated, each plan with a 督办) and this week's
 * (open); each manager records two of this week's visits on time and one of last week's late. Runs once, after
 * the demo data is first seeded.
 */
export async function seedDemoVisitPlans(baseUrl: string, temporal: Client, config: AppConfig, log: Logger): Promise<void> {
  const thisWeek = periodOf(new Date());
  const lastWeek = periodOf(Date.parse(`${thisWeek}T12:00:00+08:00`) - 7 * DAY_MS);
  for (const period of [lastWeek, thisWeek]) await (await startVisitPlanWeek(temporal, config, period)).result();
  const api = demoClient(baseUrl);
  for (const manager of MANAGERS) {
    // The plans' tasks open as their workflows start: wait for this week's and last week's overdue ones.
    let items: DayItem[] = [];
    for (let i = 0; i < 300; i++) {
      items = ((await api.call(manager, 'GET', '/api/visit-plan/today')) as { items: DayItem[] }).items;
      if (items.filter((v) => v.period === thisWeek).length >= 2 && items.some((v) => v.period === lastWeek && v.overdue)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const record = [...items.filter((v) => v.period === thisWeek).slice(0, 2), ...items.filter((v) => v.period === lastWeek && v.overdue).slice(0, 1)];
    for (const visit of record) {
      const photo = await api.photo(manager, visit.instanceId, `visit-${visit.customer.id}`, '门店陈列.png');
      await api.act(manager, visit.instanceId, `visit-${visit.customer.id}`, {
        arrivedAt: new Date().toISOString(), checked: '查看柜台陈列、价签和库存，了解近期销售与客户诉求', photos: [photo],
        followUps: '下次拜访核对新品上柜情况', analysis: '经营正常，陈列规范，客户对货源投放无异议',
      });
    }
  }
  log.info({ weeks: [lastWeek, thisWeek] }, 'demo visit plans made and some visits recorded');
}
