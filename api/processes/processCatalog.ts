import { ROLES, type Role } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';

/** A process a user can start from the API. More join as their issues land. */
export interface ProcessEntry {
  key: string;
  title: Record<Locale, string>;
  /** The form whose data starts it. */
  formKey: string;
  startRoles: Role[];
  /** Roles that see every instance of the process (beyond the managing roles that see everything). */
  overseenBy?: Role[];
}

export const PROCESSES: readonly ProcessEntry[] = [
  {
    key: 'regrade',
    title: { 'zh-CN': '客户分档调整', en: 'Customer regrade' },
    formKey: 'regrade-proposal',
    startRoles: ['customer_manager'],
  },
  {
    key: 'hazard',
    title: { 'zh-CN': '隐患登记', en: 'Report a hazard' },
    formKey: 'hazard-report',
    // Everyone who finds a hazard reports it (安全人人有责).
    startRoles: [...ROLES],
    overseenBy: ['safety_officer'],
  },
  {
    key: 'assigned-task',
    title: { 'zh-CN': '领导交办', en: 'Assign a task' },
    formKey: 'task-assignment',
    startRoles: ['leader'],
  },
  {
    key: 'learning-record',
    title: { 'zh-CN': '学习记录', en: 'Learning record' },
    formKey: 'learning-record',
    // 自身建设 is everyone's duty; whoever has no supervisor is acknowledged by the dept head.
    startRoles: [...ROLES],
  },
  {
    key: 'allocation-cycle',
    title: { 'zh-CN': '月度货源投放', en: 'Monthly allocation cycle' },
    formKey: 'allocation-cycle-start',
    startRoles: ['admin', 'dept_head'],
    overseenBy: ['supervisor'],
  },
];

/** Keys of the processes whose every instance `roles` may see. */
export function processesOverseenBy(roles: readonly string[]): string[] {
  return PROCESSES.filter((p) => p.overseenBy?.some((role) => roles.includes(role))).map((p) => p.key);
}
