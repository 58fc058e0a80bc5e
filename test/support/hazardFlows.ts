import { randomUUID } from 'node:crypto';
import { DEMO_PHOTO_PNG } from '../../scripts/demoHazards.js';
import type { TestStack } from './stack.js';


/** A 1×1 transparent PNG: the smallest photo a form can carry. */
export const PNG = DEMO_PHOTO_PNG;

/** China date `days` from today, YYYY-MM-DD. */
export function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export function hazardReport(extra: Record<string, unknown> = {}) {
  return {
    place: '城东仓库二号库房', category: 'fire', suspectedLevel: 'general',
    description: '库房东侧两具灭火器压力表指针在红区，已过有效期', foundOn: chinaDay(), ...extra,
  };
}

/** Uploads `bytes` as a PNG (linked to `taskId`'s instance when given); the attachment id. */
export async function uploadPhoto(stack: TestStack, token: string, taskId?: string): Promise<string> {
  const query = new URLSearchParams({ name: '整改后.png', ...(taskId ? { taskId } : {}) });
  const response = await fetch(`${stack.baseUrl}/api/attachments?${query}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: PNG,
  });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

export async function reportHazard(stack: TestStack, token: string, report: Record<string, unknown> = hazardReport()) {
  return stack.call('POST', '/api/processes/hazard/instances', token, { data: report, requestId: randomUUID() });
}

export function notice(responsibleId: number, extra: Record<string, unknown> = {}) {
  return {
    level: 'general', responsibleId, deadline: chinaDay(7), responsibility: '库管员负责更换与检查',
    standard: '灭火器压力正常且在有效期内', measures: '更换过期灭火器，张贴月度检查卡并建立台账', ...extra,
  };
}
