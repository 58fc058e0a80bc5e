import { hasMessage } from './messages';

/** Tiers are integers in the API and D1…D30 on screen. */
export function tierLabel(tier: number | null | undefined): string {
  return tier == null ? '' : `D${tier}`;
}

/** A customer as people name it: 城东便利店（C0001）. */
export function customerLabel(customer: { name: string; code?: string | null }): string {
  return customer.code ? `${customer.name}（${customer.code}）` : customer.name;
}

/** A step's display name: its message when there is one (`step.regrade.review`), else the key. */
export function stepLabel(t: (key: string) => string, name: string): string {
  return hasMessage(`step.${name}`) ? t(`step.${name}`) : name;
}

export function outcomeLabel(t: (key: string) => string, outcome: string | null | undefined): string {
  if (!outcome) return t('outcome.submitted');
  return hasMessage(`outcome.${outcome}`) ? t(`outcome.${outcome}`) : outcome;
}

/** Hours before the due date from which a task counts as due soon. */
export const DUE_SOON_HOURS = 24;

export type Urgency = 'overdue' | 'dueSoon' | null;

export function urgency(task: { status: string; dueAt: string | null }, now = Date.now()): Urgency {
  if (task.status !== 'open' || !task.dueAt) return null;
  const due = Date.parse(task.dueAt);
  if (due < now) return 'overdue';
  return due - now < DUE_SOON_HOURS * 3600_000 ? 'dueSoon' : null;
}

/** Process keys the inbox can filter by, in the order of the job standard. */
export const PROCESS_KEYS = ['allocation-cycle', 'hazard', 'regrade', 'assigned-task', 'learning-record'];

/** A code's label from the dictionary (`market.urban`), or the code itself when there is none. */
export function codeLabel(t: (key: string) => string, group: string, code: string): string {
  return hasMessage(`${group}.${code}`) ? t(`${group}.${code}`) : code;
}
