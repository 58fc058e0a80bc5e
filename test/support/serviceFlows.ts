import { randomUUID } from 'node:crypto';
import type { TestStack } from './stack.js';

/*
 * Customer service duties as their users go through them: a request recorded for a customer, the
 * manager's reply and visit record, a complaint with its handler, handling and 回访.
 */

/** The first customer of `managerId` (by code). */
export async function firstCustomerOf(stack: TestStack, token: string, managerId: number): Promise<{ id: number; name: string; code: string }> {
  const { body } = await stack.call('GET', `/api/customers?managerId=${managerId}&size=1`, token);
  const customer = body.items[0];
  if (!customer) throw new Error(`no customer of user ${managerId}`);
  return customer;
}

export function serviceRequest(customerId: number, extra: Record<string, unknown> = {}) {
  return { customerId, channel: 'phone', category: 'equipment', content: '店内条码扫描枪无法识别，请尽快上门查看', ...extra };
}

export function startServiceRequest(stack: TestStack, token: string, data: Record<string, unknown>, requestId: string = randomUUID()) {
  return stack.call('POST', '/api/processes/service-request/instances', token, { data, requestId });
}

export const reply = { reply: '已电话答复，明天上午上门检修扫描枪', via: 'phone' };

/** A visit record; `photos` are attachment ids. */
export function visitRecord(photos: string[] = [], extra: Record<string, unknown> = {}) {
  return {
    arrivedAt: new Date().toISOString(), checked: '检查扫描枪及数据线，确认数据线接口松动', photos,
    followUps: '一周后电话回访使用情况', analysis: '接口松动导致无法识别，已重新固定，需求已解决', ...extra,
  };
}

export function complaintRecord(customerId: number | null, extra: Record<string, unknown> = {}) {
  return {
    ...(customerId === null ? { anonymous: true } : { customerId }),
    channel: 'phone', category: 'service', urgency: 'normal', content: '客户经理多次未按约定时间上门，订货问题无人解答', ...extra,
  };
}

export function startComplaint(stack: TestStack, token: string, data: Record<string, unknown>, requestId: string = randomUUID()) {
  return stack.call('POST', '/api/processes/complaint/instances', token, { data, requestId });
}
