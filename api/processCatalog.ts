import type { Role } from '../db/entities/index.js';
import type { Locale } from '../forms/formDefinition.js';

/** A process a user can start from the API. More join as their issues land. */
export interface ProcessEntry {
  key: string;
  title: Record<Locale, string>;
  /** The form whose data starts it. */
  formKey: string;
  startRoles: Role[];
}

export const PROCESSES: readonly ProcessEntry[] = [
  {
    key: 'regrade',
    title: { 'zh-CN': '客户分档调整', en: 'Customer regrade' },
    formKey: 'regrade-proposal',
    startRoles: ['customer_manager'],
  },
];
