import { join, resolve } from 'node:path';
import { parseDuration, type Duration } from '../domain/calendar.js';
import { DEFAULT_VISIT_BANDS, type BusinessTypeVisitRule, type VisitBand } from '../domain/visitPlanRules.js';
import { parseAllowEntry, type AllowEntry } from './outboundAddress.js';

/** Everything the processes read from the environment, validated once at boot. */
export interface AppConfig {
  dataDir: string;
  /** External PostgreSQL; unset: embedded PostgreSQL under dataDir/pg. */
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  temporal: {
    /** External Temporal; unset: the dev server under dataDir/temporal.db. */
    address: string | undefined;
    namespace: string;
    /**
     * Register the namespace when it does not exist (DUTYFLOW_TEMPORAL_CREATE_NAMESPACE; default: only for
     * the embedded dev server — on a cluster an operator creates it, with the retention they want).
     */
    createNamespace: boolean;
    taskQueue: string;
    devServerPort: number;
    uiPort: number;
    /** Where people open the Temporal Web UI (links from the web app); null when unknown. */
    uiUrl: string | null;
    /** SQLite `synchronous` of the embedded dev server: `full` survives power loss, `normal` only a crash. */
    sqliteSynchronous: 'full' | 'normal';
  };
  port: number;
  /**
   * The address the API listens on (HOST); undefined: every address. Demo mode, whose accounts and password
   * are public, listens on 127.0.0.1 unless HOST says otherwise.
   */
  host: string | undefined;
  /** Signs session tokens; required outside demo mode. */
  secret: string | undefined;
  /** Seed the demo accounts and customers on first start. */
  demo: boolean;
  /** False (DUTYFLOW_MIGRATE=false): processes do not migrate at start; `npm run migrate` is a separate deployment step. */
  migrate: boolean;
  logLevel: string;
  regrade: { decisionDue: Duration; remindAfter: Duration; headApprovalAbove: number };
  /**
   * Hazard rectification SLAs: assessment, notice and leader sign-off, verification after the report;
   * the reminder comes this many hours before the deadline. `rectifyDue` replaces the notice's
   * deadline date (for trials and tests with a short deadline).
   */
  /**
   * 督办 SLAs: acceptance, the leader's answer to a question, the leader's review; `deadline` replaces the
   * assignment's date (tests); `feedbackDay` is the "day" of periodic feedback (`feedbackEveryDays`), shorter in trials.
   */
  assignment: { acceptDue: Duration; clarifyDue: Duration; reviewDue: Duration; remindBeforeHours: number; deadline?: Duration; feedbackDay: Duration };
  /**
   * 月度货源投放: a manager may move a drafted quantity by ± `adjustBound` (a fraction, 0.2 = 20 %);
   * `cap` is the per-customer cap of every product (null: none); the review, a supervisor's approval
   * of a part and the dept head's publication are due after these.
   */
  allocation: {
    adjustBound: number; cap: number | null; reviewDue: Duration; approveDue: Duration; publishDue: Duration;
    /** 大客户: a customer whose month's supply (all products) exceeds this many cartons gets a sales-flow feedback task. */
    bigCustomerThreshold: number;
    /** 内管预警: a customer's month above this percentage of the previous month's published plan (200). */
    surgePercent: number;
    /** Replaces "the end of the month's last working day" as the market reports' due time, counted from publication (trials, tests). */
    monthEnd?: Duration;
    /** The Temporal Schedule that starts next month's cycle on the 1st at 08:00 China time (`DUTYFLOW_ALLOCATION_SCHEDULE=on|off`). */
    schedule: boolean;
  };
  hazard: { assessDue: Duration; noticeDue: Duration; signOffDue: Duration; verifyDue: Duration; remindBeforeHours: number; rectifyDue?: Duration; signOffMode: 'any' | 'all' };
  /**
   * Customer service (issue 16): a request is answered within `replyDue` and visited within `visitDue` (natural time, from the
   * request); a complaint gets its first response within `complaintResponseDue` (natural time, from the record) and is resolved
   * within `complaintResolveDue` of the handler's assignment, and its 回访 within `complaintRevisitDue`. Reminders come
   * `remindBefore` ahead of a natural-time deadline. A running process keeps the values it started with.
   */
  service: {
    replyDue: Duration; visitDue: Duration; remindBefore: Duration;
    complaintResponseDue: Duration; complaintResolveDue: Duration; complaintRevisitDue: Duration;
  };
  /**
   * Planned visits by customer class (差异化服务, issue 16): the tier bands and how often each is visited, and the
   * business types visited at their own frequency whatever the tier (`byBusinessType`, none at first: an admin adds them); a planned
   * visit is due at the end of its band's period, or `dueAfter` after the plan is made (trials, tests); reminded
   * `remindBefore` ahead; still recordable `lateGrace` after its due time, then closed as missed. `schedule`: the
   * Temporal Schedule that makes each week's plan on Monday at 07:00 China time (`DUTYFLOW_VISIT_PLAN_SCHEDULE=on|off`).
   */
  visitPlan: {
    bands: VisitBand[]; byBusinessType: BusinessTypeVisitRule[]; dueAfter: Duration | null; remindBefore: Duration; lateGrace: Duration; schedule: boolean;
  };
  /**
   * Uploaded files: the largest accepted size in bytes, and the accepted media types (lower case). `store`
   * (DUTYFLOW_ATTACHMENT_STORE): `local` keeps the bytes under dataDir/files (replicas must share that folder),
   * `postgres` in the `attachment_blob` table, which every replica sees.
   */
  attachments: { maxBytes: number; types: readonly string[]; store: 'local' | 'postgres' };
  /** How long a worker caches the work calendar, in ms: an admin's edit reaches new deadlines within it. */
  calendarCacheMs: number;
  /**
   * How each worker keeps the projection true to Temporal (worker/reconciler.ts): every `intervalMs` it
   * resolves the instances left `starting` for longer than `startGraceMs` (a start that died between the
   * database and Temporal), and compares a slice of open instances and tasks (older than that) with their workflows.
   */
  reconcile: {
    intervalMs: number; startGraceMs: number;
    /**
     * The orphan cleanup beside it (worker/orphanCleanup.ts): every `intervalMs`, stored files (or blobs) of the
     * attachment store that no attachment row names and that are older than `olderThanMs` are removed.
     */
    orphans: { store: 'local' | 'postgres'; dataDir: string; olderThanMs: number; intervalMs: number };
  };
  /**
   * Webhook deliveries: the first retry's wait (doubling after each failed attempt), the attempts in all,
   * and the public address of the web app for the links in a delivery (null: links are paths like `/tasks/<id>`).
   * `allowList` (DUTYFLOW_WEBHOOK_ALLOW, comma-separated `host[:port]` or CIDR entries) lets webhooks reach
   * internal or local addresses that are otherwise refused, such as a 企业微信/钉钉 bot relay on the intranet.
   */
  webhooks: { retryInitialMs: number; maxAttempts: number; publicUrl: string | null; allowList?: AllowEntry[] };
  /**
   * Sign-in throttling, shared by all API replicas: after this many failed sign-ins for one account, or from
   * one client address, within `windowMs` of the first, sign-ins there get 429 until the window ends.
   */
  login: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowMs: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function positive(env: Env, name: string, fallback: number, max: number): number {
  const value = integer(env, name, fallback);
  if (value === 0 || value > max) throw new ConfigError(`${name} must be an integer from 1 to ${max}, got "${env[name]}"`);
  return value;
}

function duration(env: Env, name: string, fallback: string): Duration {
  const raw = env[name] ?? fallback;
  const value = parseDuration(raw);
  if (!value) throw new ConfigError(`${name} must look like 3wd, 2d, 48h, 30m or 10s, got "${raw}"`);
  return value;
}

/** A duration of natural time (`2d`, `12h`, `30m`, `3s`): a timer in a workflow, which has no work calendar. */
function naturalDuration(env: Env, name: string, fallback: string): Duration {
  const value = duration(env, name, fallback);
  if ('workingDays' in value || !Object.values(value).every((n) => typeof n === 'number' && n > 0)) {
    throw new ConfigError(`${name} must be a natural-time duration like 1d, 12h, 30m or 3s, got "${env[name]}"`);
  }
  return value;
}

function choice<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

const DEFAULT_ATTACHMENT_TYPES = [
  'image/jpeg', 'image/png', 'image/webp', 'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** A comma-separated list of media types (`type/subtype`), lower-cased; at least one. */
function mediaTypes(env: Env, name: string, fallback: readonly string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...fallback];
  const types = [...new Set(raw.split(',').map((type) => type.trim().toLowerCase()).filter(Boolean))];
  const bad = types.find((type) => !/^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/.test(type));
  if (bad !== undefined || types.length === 0) throw new ConfigError(`${name} must be a comma-separated list of media types like image/png, got "${raw}"`);
  return types;
}

/** A comma-separated list of allow-list entries (outboundAddress.ts); an empty one allows nothing. */
function allowList(env: Env, name: string): AllowEntry[] {
  const texts = (env[name] ?? '').split(',').map((text) => text.trim()).filter(Boolean);
  const bad = texts.find((text) => !parseAllowEntry(text));
  if (bad !== undefined) throw new ConfigError(`${name} must list host[:port] or CIDR entries like relay.corp:8080 or 10.8.0.0/16, got "${bad}"`);
  return texts.map((text) => parseAllowEntry(text)!);
}

/** An http(s) URL from `name` without trailing slashes (so clients can append `/path`); undefined when unset. */
function httpUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

/**
 * DUTYFLOW_TEMPORAL_UI_URL, else the embedded dev server's UI on this host; an external Temporal's UI
 * is only known when configured.
 */
function temporalUiUrl(env: Env, address: string | undefined, uiPort: number): string | null {
  return httpUrl(env, 'DUTYFLOW_TEMPORAL_UI_URL') ?? (address ? null : `http://localhost:${uiPort}`);
}

/** A short wait such as `1s`, `0.2s` or `2m`, in ms (at least 1). */
function shortWaitMs(env: Env, name: string, fallback: string): number {
  const raw = env[name] || fallback;
  const value = parseDuration(raw);
  const ms = value && 'seconds' in value ? value.seconds * 1000 : value && 'minutes' in value ? value.minutes * 60_000 : NaN;
  if (!(ms >= 1 && ms <= 3600_000)) throw new ConfigError(`${name} must be a wait from 0.001s to 60m, like 1s or 0.2s, got "${raw}"`);
  return Math.round(ms);
}

/** A fraction from `20%` or `0.2`, in [0, 1]. */
function fraction(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
  if (!(value >= 0 && value <= 1)) throw new ConfigError(`${name} must be a fraction like 20% or 0.2 (0–100 %), got "${raw}"`);
  return value;
}

/** Reads and checks the configuration; throws ConfigError naming the bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = resolve(env.DUTYFLOW_DATA_DIR ?? join(process.cwd(), 'data'));
  const databaseUrl = env.DATABASE_URL || undefined;
  const demo = env.DUTYFLOW_DEMO !== undefined ? env.DUTYFLOW_DEMO === 'true' : databaseUrl === undefined;
  const secret = env.DUTYFLOW_SECRET || undefined;
  if (!demo && !secret) throw new ConfigError('DUTYFLOW_SECRET is required outside demo mode');
  if (secret !== undefined && secret.length < 16) throw new ConfigError('DUTYFLOW_SECRET must be at least 16 characters');
  const temporalAddress = env.TEMPORAL_ADDRESS || undefined;
  const uiPort = integer(env, 'DUTYFLOW_TEMPORAL_UI_PORT', 8233);
  const attachmentStore = choice(env, 'DUTYFLOW_ATTACHMENT_STORE', ['local', 'postgres'] as const, 'local');
  return {
    dataDir,
    databaseUrl,
    embeddedPgPort: integer(env, 'DUTYFLOW_PG_PORT', 54329),
    temporal: {
      address: temporalAddress,
      namespace: env.TEMPORAL_NAMESPACE || 'default',
      createNamespace: env.DUTYFLOW_TEMPORAL_CREATE_NAMESPACE !== undefined
        ? env.DUTYFLOW_TEMPORAL_CREATE_NAMESPACE === 'true' : temporalAddress === undefined,
      taskQueue: env.TEMPORAL_TASK_QUEUE || 'dutyflow',
      devServerPort: integer(env, 'DUTYFLOW_TEMPORAL_PORT', 7233),
      uiPort,
      uiUrl: temporalUiUrl(env, temporalAddress, uiPort),
      sqliteSynchronous: choice(env, 'DUTYFLOW_TEMPORAL_SQLITE_SYNC', ['full', 'normal'] as const, 'full'),
    },
    port: integer(env, 'PORT', 3000),
    host: env.HOST || (demo ? '127.0.0.1' : undefined),
    secret,
    demo,
    migrate: env.DUTYFLOW_MIGRATE !== 'false',
    logLevel: env.LOG_LEVEL || 'info',
    regrade: {
      decisionDue: duration(env, 'DUTYFLOW_REGRADE_DECISION_DUE', '3wd'),
      remindAfter: duration(env, 'DUTYFLOW_REGRADE_REMIND_AFTER', '2wd'),
      headApprovalAbove: integer(env, 'DUTYFLOW_REGRADE_HEAD_ABOVE', 2),
    },
    assignment: {
      acceptDue: duration(env, 'DUTYFLOW_ASSIGNMENT_ACCEPT_DUE', '1wd'),
      clarifyDue: duration(env, 'DUTYFLOW_ASSIGNMENT_CLARIFY_DUE', '1wd'),
      reviewDue: duration(env, 'DUTYFLOW_ASSIGNMENT_REVIEW_DUE', '3wd'),
      remindBeforeHours: integer(env, 'DUTYFLOW_ASSIGNMENT_REMIND_BEFORE_HOURS', 24),
      ...(env.DUTYFLOW_ASSIGNMENT_DEADLINE ? { deadline: duration(env, 'DUTYFLOW_ASSIGNMENT_DEADLINE', '') } : {}),
      feedbackDay: naturalDuration(env, 'DUTYFLOW_ASSIGNMENT_FEEDBACK_DAY', '1d'),
    },
    allocation: {
      adjustBound: fraction(env, 'DUTYFLOW_ALLOCATION_ADJUST_BOUND', 0.2),
      cap: integer(env, 'DUTYFLOW_ALLOCATION_CAP', 0) || null,
      reviewDue: duration(env, 'DUTYFLOW_ALLOCATION_REVIEW_DUE', '3wd'),
      approveDue: duration(env, 'DUTYFLOW_ALLOCATION_APPROVE_DUE', '2wd'),
      publishDue: duration(env, 'DUTYFLOW_ALLOCATION_PUBLISH_DUE', '2wd'),
      bigCustomerThreshold: integer(env, 'DUTYFLOW_BIG_CUSTOMER_THRESHOLD', 1000),
      surgePercent: integer(env, 'DUTYFLOW_ALLOCATION_SURGE_PERCENT', 200),
      ...(env.DUTYFLOW_ALLOCATION_MONTH_END ? { monthEnd: duration(env, 'DUTYFLOW_ALLOCATION_MONTH_END', '') } : {}),
      schedule: choice(env, 'DUTYFLOW_ALLOCATION_SCHEDULE', ['on', 'off'] as const, 'on') === 'on',
    },
    hazard: {
      assessDue: duration(env, 'DUTYFLOW_HAZARD_ASSESS_DUE', '2wd'),
      noticeDue: duration(env, 'DUTYFLOW_HAZARD_NOTICE_DUE', '2wd'),
      signOffDue: duration(env, 'DUTYFLOW_HAZARD_SIGNOFF_DUE', '3wd'),
      verifyDue: duration(env, 'DUTYFLOW_HAZARD_VERIFY_DUE', '10d'),
      remindBeforeHours: integer(env, 'DUTYFLOW_HAZARD_REMIND_BEFORE_HOURS', 24),
      signOffMode: choice(env, 'DUTYFLOW_HAZARD_SIGNOFF_MODE', ['any', 'all'] as const, 'any'),
      ...(env.DUTYFLOW_HAZARD_RECTIFY_DUE ? { rectifyDue: duration(env, 'DUTYFLOW_HAZARD_RECTIFY_DUE', '') } : {}),
    },
    service: {
      replyDue: naturalDuration(env, 'DUTYFLOW_SERVICE_REPLY_DUE', '24h'),
      visitDue: naturalDuration(env, 'DUTYFLOW_SERVICE_VISIT_DUE', '48h'),
      remindBefore: naturalDuration(env, 'DUTYFLOW_SERVICE_REMIND_BEFORE', '4h'),
      complaintResponseDue: naturalDuration(env, 'DUTYFLOW_COMPLAINT_RESPONSE_DUE', '24h'),
      complaintResolveDue: duration(env, 'DUTYFLOW_COMPLAINT_RESOLVE_DUE', '5wd'),
      complaintRevisitDue: duration(env, 'DUTYFLOW_COMPLAINT_REVISIT_DUE', '2wd'),
    },
    visitPlan: {
      bands: DEFAULT_VISIT_BANDS.map((band) => ({ ...band })),
      byBusinessType: [],
      dueAfter: env.DUTYFLOW_VISIT_PLAN_DUE ? naturalDuration(env, 'DUTYFLOW_VISIT_PLAN_DUE', '') : null,
      remindBefore: naturalDuration(env, 'DUTYFLOW_VISIT_PLAN_REMIND_BEFORE', '1d'),
      lateGrace: naturalDuration(env, 'DUTYFLOW_VISIT_PLAN_LATE_GRACE', '7d'),
      schedule: choice(env, 'DUTYFLOW_VISIT_PLAN_SCHEDULE', ['on', 'off'] as const, 'on') === 'on',
    },
    attachments: {
      // The size is stored as a PostgreSQL int.
      maxBytes: positive(env, 'DUTYFLOW_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 2 ** 31 - 1),
      types: mediaTypes(env, 'DUTYFLOW_ATTACHMENT_TYPES', DEFAULT_ATTACHMENT_TYPES),
      store: attachmentStore,
    },
    calendarCacheMs: integer(env, 'DUTYFLOW_CALENDAR_CACHE_MS', 60_000),
    reconcile: {
      intervalMs: shortWaitMs(env, 'DUTYFLOW_RECONCILE_INTERVAL', '30s'),
      startGraceMs: shortWaitMs(env, 'DUTYFLOW_START_GRACE', '1m'),
      orphans: {
        store: attachmentStore, dataDir,
        olderThanMs: shortWaitMs(env, 'DUTYFLOW_ATTACHMENT_ORPHAN_AGE', '60m'),
        intervalMs: shortWaitMs(env, 'DUTYFLOW_ATTACHMENT_ORPHAN_INTERVAL', '10m'),
      },
    },
    webhooks: {
      retryInitialMs: shortWaitMs(env, 'DUTYFLOW_WEBHOOK_RETRY_INITIAL', '1s'),
      maxAttempts: positive(env, 'DUTYFLOW_WEBHOOK_MAX_ATTEMPTS', 8, 100),
      publicUrl: httpUrl(env, 'DUTYFLOW_PUBLIC_URL') ?? null,
      ...(env.DUTYFLOW_WEBHOOK_ALLOW ? { allowList: allowList(env, 'DUTYFLOW_WEBHOOK_ALLOW') } : {}),
    },
    login: {
      maxFailuresPerAccount: positive(env, 'DUTYFLOW_LOGIN_MAX_FAILURES', 10, 10_000),
      maxFailuresPerAddress: positive(env, 'DUTYFLOW_LOGIN_MAX_FAILURES_PER_ADDRESS', 50, 1_000_000),
      windowMs: shortWaitMs(env, 'DUTYFLOW_LOGIN_WINDOW', '15m'),
    },
  };
}
