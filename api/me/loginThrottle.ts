import type { MikroORM } from '@mikro-orm/postgresql';
import { appendAudit } from '../../db/audit.js';
import type { AppConfig } from '../../runtime/config.js';
import { ApiError } from '../http/errors.js';

/** 429 while an account or a client address is locked out; the route sends `retryAfterSeconds` as Retry-After. */
export class LoginThrottledError extends ApiError {
  override readonly name = 'LoginThrottledError';
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', 'loginThrottled', { minutes: Math.ceil(retryAfterSeconds / 60) });
  }
}

interface Count { key: string; failures: number; window_ends: string; seconds_left: number }

// One statement per attempt, so replicas and parallel requests count each attempt exactly once.
const COUNT_ATTEMPT = `
insert into login_failures as f (key, failures, window_ends)
values (?, 1, now() + ? * interval '1 millisecond'), (?, 1, now() + ? * interval '1 millisecond')
on conflict (key) do update set
  failures = case when f.window_ends <= now() then 1 else f.failures + 1 end,
  window_ends = case when f.window_ends <= now() then excluded.window_ends else f.window_ends end
returning key, failures, to_json(window_ends) as window_ends, greatest(1, ceil(extract(epoch from window_ends - now())))::int as seconds_left`;
// Also drops lapsed windows of every key: nothing reads them, and no scheduled job is needed.
const FORGET_ACCOUNT = 'delete from login_failures where key = ? or window_ends < now()';
const GIVE_BACK = 'update login_failures set failures = failures - 1 where key = ? and failures > 0';

/**
 * Failed sign-ins per account and per client address, counted in PostgreSQL so that every API replica
 * sees the same counts. An attempt counts as failed from its start, before its password is hashed, so a
 * parallel burst cannot slip past the limit; a success gives it back.
 */
export function createLoginThrottle(orm: MikroORM, limits: AppConfig['login']) {
  return {
    async begin(username: string, address: string) {
      const account = `account:${username.slice(0, 100)}`;
      const limitOf = (key: string) => (key === account ? limits.maxFailuresPerAccount : limits.maxFailuresPerAddress);
      const counts = await orm.em.fork().execute<Count[]>(COUNT_ATTEMPT, [account, limits.windowMs, `address:${address}`, limits.windowMs]);
      const over = counts.filter((c) => c.failures > limitOf(c.key));
      return {
        /** Seconds until every lockout this attempt ran into ends; 0 when it may go on. */
        retryAfterSeconds: Math.max(0, ...over.map((c) => c.seconds_left)),
        /** The account starts afresh; the address keeps its other failures. */
        async succeeded(): Promise<void> {
          const em = orm.em.fork();
          await em.execute(FORGET_ACCOUNT, [account]);
          await em.execute(GIVE_BACK, [`address:${address}`]);
        },
        /** Audits the lockout this failure starts, if it is the one that reaches a limit. */
        async failed(): Promise<void> {
          const reached = counts.filter((c) => c.failures === limitOf(c.key));
          if (!reached.length) return;
          const em = orm.em.fork();
          for (const c of reached) {
            appendAudit(em, {
              type: 'auth.lockedOut',
              data: { scope: c.key === account ? 'account' : 'address', username, address, failures: c.failures, until: c.window_ends },
            });
          }
          await em.flush();
        },
      };
    },
  };
}
