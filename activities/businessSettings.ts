import type { MikroORM } from '@mikro-orm/postgresql';
import { parseDuration, type Duration } from '../domain/calendar.js';
import type { BusinessTypeVisitRule, VisitBand } from '../domain/visitPlanRules.js';
import type { AppConfig } from '../runtime/config.js';

/*
 * Business settings (业务参数, issue 14): the deadlines and thresholds an admin tunes in the web app
 * instead of env vars. The env vars stay the first-start defaults; what an admin saved (table
 * `business_settings`, one row) is laid over them. A process reads them when it starts, so a running
 * process keeps the values it started with.
 */

/** The settings as an admin reads and writes them: durations as text (`3wd`, `2d`, `24h`, `30m`). */
export interface BusinessSettings {
  regrade: { decisionDue: string; remindAfter: string; headApprovalAbove: number };
  hazard: { assessDue: string; noticeDue: string; signOffDue: string; verifyDue: string; remindBeforeHours: number; signOffMode: 'any' | 'all' };
  assignment: { acceptDue: string; clarifyDue: string; reviewDue: string; remindBeforeHours: number };
  allocation: {
    adjustBound: number; cap: number | null; bigCustomerThreshold: number; surgePercent: number;
    reviewDue: string; approveDue: string; publishDue: string;
  };
  attachments: { maxBytes: number; types: string[] };
  /**
   * 差异化服务: the tier bands' visit frequencies, and business types' own (over the band); `dueAfter` null: a planned visit is
   * due at the end of its period.
   */
  visitPlan: { bands: VisitBand[]; byBusinessType: BusinessTypeVisitRule[]; dueAfter: string | null; remindBefore: string; lateGrace: string };
}

export type SettingsSection = keyof BusinessSettings;
export const SETTINGS_SECTIONS: readonly SettingsSection[] = ['regrade', 'hazard', 'assignment', 'allocation', 'attachments', 'visitPlan'];

/** `{ workingDays: 3 }` as `3wd`, and so on (a fixed instant has no text: it is never a setting). */
export function durationText(duration: Duration): string {
  if ('workingDays' in duration) return `${duration.workingDays}wd`;
  if ('days' in duration) return `${duration.days}d`;
  if ('hours' in duration) return `${duration.hours}h`;
  if ('minutes' in duration) return `${duration.minutes}m`;
  if ('seconds' in duration) return `${duration.seconds}s`;
  throw new Error('a fixed instant is not a setting');
}

const parsed = (text: string): Duration => {
  const duration = parseDuration(text);
  if (!duration) throw new Error(`not a duration: ${text}`);
  return duration;
};

/** The settings the environment gives: what an installation starts with. */
export function defaultSettings(config: AppConfig): BusinessSettings {
  const { regrade: r, hazard: h, assignment: a, allocation: al, attachments: at, visitPlan: v } = config;
  return {
    regrade: { decisionDue: durationText(r.decisionDue), remindAfter: durationText(r.remindAfter), headApprovalAbove: r.headApprovalAbove },
    hazard: {
      assessDue: durationText(h.assessDue), noticeDue: durationText(h.noticeDue), signOffDue: durationText(h.signOffDue),
      verifyDue: durationText(h.verifyDue), remindBeforeHours: h.remindBeforeHours, signOffMode: h.signOffMode,
    },
    assignment: {
      acceptDue: durationText(a.acceptDue), clarifyDue: durationText(a.clarifyDue), reviewDue: durationText(a.reviewDue),
      remindBeforeHours: a.remindBeforeHours,
    },
    allocation: {
      adjustBound: al.adjustBound, cap: al.cap, bigCustomerThreshold: al.bigCustomerThreshold, surgePercent: al.surgePercent,
      reviewDue: durationText(al.reviewDue), approveDue: durationText(al.approveDue), publishDue: durationText(al.publishDue),
    },
    attachments: { maxBytes: at.maxBytes, types: [...at.types] },
    visitPlan: {
      bands: v.bands.map((band) => ({ ...band })), byBusinessType: v.byBusinessType.map((rule) => ({ ...rule })), dueAfter: v.dueAfter ? durationText(v.dueAfter) : null,
      remindBefore: durationText(v.remindBefore), lateGrace: durationText(v.lateGrace),
    },
  };
}

/** What is stored, read as it is (a section saved by an older version may lack a field: the default stands in). */
export interface StoredSettings {
  values: Partial<{ [S in SettingsSection]: Partial<BusinessSettings[S]> }>;
  updatedAt: Date;
  updatedBy: number | null;
}

export async function storedSettings(orm: MikroORM): Promise<StoredSettings | null> {
  const [row] = await orm.em.fork().execute<{ settings: StoredSettings['values']; updated_at: Date; updated_by: number | null }[]>(
    'select settings, updated_at, updated_by from business_settings where id = 1');
  return row ? { values: row.settings, updatedAt: new Date(row.updated_at), updatedBy: row.updated_by === null ? null : Number(row.updated_by) } : null;
}

/** The defaults with what was stored laid over them, section by section, field by field. */
export function mergedSettings(defaults: BusinessSettings, stored: StoredSettings | null): BusinessSettings {
  const values = stored?.values ?? {};
  return Object.fromEntries(SETTINGS_SECTIONS.map((s) => [s, { ...defaults[s], ...values[s] }])) as unknown as BusinessSettings;
}

/** `config` with the settings in force now: what a process starting now reads. */
export async function currentConfig(orm: MikroORM, config: AppConfig): Promise<AppConfig> {
  const s = mergedSettings(defaultSettings(config), await storedSettings(orm));
  return {
    ...config,
    regrade: { ...config.regrade, ...s.regrade, decisionDue: parsed(s.regrade.decisionDue), remindAfter: parsed(s.regrade.remindAfter) },
    hazard: {
      ...config.hazard, ...s.hazard, assessDue: parsed(s.hazard.assessDue), noticeDue: parsed(s.hazard.noticeDue),
      signOffDue: parsed(s.hazard.signOffDue), verifyDue: parsed(s.hazard.verifyDue),
    },
    assignment: {
      ...config.assignment, ...s.assignment, acceptDue: parsed(s.assignment.acceptDue), clarifyDue: parsed(s.assignment.clarifyDue),
      reviewDue: parsed(s.assignment.reviewDue),
    },
    allocation: {
      ...config.allocation, ...s.allocation, reviewDue: parsed(s.allocation.reviewDue), approveDue: parsed(s.allocation.approveDue),
      publishDue: parsed(s.allocation.publishDue),
    },
    attachments: { ...config.attachments, ...s.attachments },
    visitPlan: {
      ...config.visitPlan, bands: s.visitPlan.bands, byBusinessType: s.visitPlan.byBusinessType, dueAfter: s.visitPlan.dueAfter === null ? null : parsed(s.visitPlan.dueAfter),
      remindBefore: parsed(s.visitPlan.remindBefore), lateGrace: parsed(s.visitPlan.lateGrace),
    },
  };
}
