import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import {
  currentConfig, defaultSettings, mergedSettings, SETTINGS_SECTIONS, storedSettings, type BusinessSettings, type StoredSettings,
} from '../../activities/businessSettings.js';
import { appendAudit } from '../../db/audit.js';
import type { AppConfig } from '../../runtime/config.js';
import { bandProblems, businessTypeRuleProblems } from '../../domain/visitPlanRules.js';
import type { Locale } from '../../forms/formDefinition.js';
import { ensureAllocationSchedule } from '../../worker/allocationSchedule.js';
import { ensureVisitPlanSchedule } from '../../worker/visitPlanSchedule.js';
import { requireRole, type SessionUser } from '../http/auth.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import type { BusinessSettingsBody, SettingsView } from './settingsContract.js';

function viewOf(defaults: BusinessSettings, stored: StoredSettings | null): SettingsView {
  return {
    settings: mergedSettings(defaults, stored), defaults,
    updatedAt: stored?.updatedAt.toISOString() ?? null, updatedBy: stored?.updatedBy ?? null,
  };
}

/** JSON with every object's keys sorted: PostgreSQL's jsonb keeps its own key order (the visit bands' fields come back reordered). */
const canonical = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** Each setting whose value differs, as `section.key`, with its value before and after. */
function changesBetween(before: BusinessSettings, after: BusinessSettings) {
  return SETTINGS_SECTIONS.flatMap((section) => Object.keys(after[section]).flatMap((key) => {
    const [was, is] = [(before[section] as Record<string, unknown>)[key], (after[section] as Record<string, unknown>)[key]];
    return canonical(was) === canonical(is) ? [] : [{ setting: `${section}.${key}`, before: was, after: is }];
  }));
}

/** 422 when the visit bands do not cover D1–D30 exactly once or a business type has two rules, each problem at its field. */
function checkVisitRules(settings: BusinessSettings, locale: Locale): void {
  const { bands, byBusinessType } = settings.visitPlan;
  const problems = [
    ...bandProblems(bands).map((p) => ({ ...p, path: `/visitPlan/bands${p.path}` })),
    ...businessTypeRuleProblems(byBusinessType).map((p) => ({ ...p, path: `/visitPlan/byBusinessType${p.path}` })),
  ];
  if (problems.length) throw new ValidationError(problems.map((p) => ({ path: p.path, message: t(locale, p.problem, p.params) })));
}

/**
 * Reads and saves the business settings (activities/businessSettings.ts lays them over the env defaults).
 * A save also gives the monthly allocation Schedule and the weekly visit-plan Schedule the new values (`warn`
 * when Temporal cannot take them now: every worker start sets them again).
 */
export function createSettingsService(orm: MikroORM, config: AppConfig, temporal: Client, warn: (err: unknown) => void) {
  const defaults = defaultSettings(config);
  return {
    async view(user: SessionUser): Promise<SettingsView> {
      requireRole(user, 'admin', 'dept_head');
      return viewOf(defaults, await storedSettings(orm));
    },

    /** Stores the settings whole; audited with each change; the same values again write nothing. */
    async save(user: SessionUser, body: BusinessSettingsBody, locale: Locale): Promise<SettingsView> {
      requireRole(user, 'admin');
      const settings = body as BusinessSettings;
      checkVisitRules(settings, locale);
      const changed = await orm.em.fork().transactional(async (tx) => {
        const [row] = await tx.execute<{ settings: StoredSettings['values'] }[]>('select settings from business_settings where id = 1 for update');
        const before = mergedSettings(defaults, row ? { values: row.settings, updatedAt: new Date(), updatedBy: null } : null);
        const changes = changesBetween(before, settings);
        if (!changes.length) return false;
        await tx.execute(`
insert into business_settings (id, settings, updated_at, updated_by) values (1, ?::jsonb, now(), ?)
on conflict (id) do update set settings = excluded.settings, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [JSON.stringify(settings), user.id]);
        appendAudit(tx, { type: 'settings.updated', actorId: user.id, data: { changes } });
        return true;
      });
      if (changed) {
        const current = await currentConfig(orm, config);
        await Promise.all([ensureAllocationSchedule(temporal, current).catch(warn), ensureVisitPlanSchedule(temporal, current).catch(warn)]);
      }
      return viewOf(defaults, await storedSettings(orm));
    },
  };
}
