import { randomInt } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { handOverAtOnce, requestHandOversOfDeactivated } from '../../activities/taskHandOvers.js';
import { appendAudit } from '../../db/audit.js';
import { UserSchema, type User } from '../../db/entities/index.js';
import { hashPassword, verifyPassword } from '../../db/passwords.js';
import type { Locale } from '../../forms/formDefinition.js';
import { endSessionsOf, type SessionUser } from '../http/auth.js';
import { ApiError, ConflictError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import type { ChangePasswordBody } from '../me/meContract.js';
import type { SetupAdminBody } from '../setup/setupContract.js';
import { PASSWORD_MIN, passwordProblem } from './passwordRules.js';
import type { AdminUser, CreateUserBody, UpdatedUser, UpdateUserBody } from './userContract.js';

/**
 * Key of the advisory lock that serialises changes to who is an admin and to reporting lines: two first-admin
 * setups cannot both win, and the last active admin cannot be removed by two admins at once.
 */
export const PEOPLE_LOCK = 0x9e09_1e14;
const MAX_USER_ID = 2_147_483_647;
/** One-time passwords: no look-alike characters (0/O, 1/l/I), so they can be read out over the phone. */
const ONE_TIME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const ONE_TIME_LENGTH = 14;

export function adminUserJson(user: User): AdminUser {
  return {
    id: user.id, username: user.username, displayName: user.displayName, roles: user.roles,
    supervisorId: user.supervisorId ?? null, area: user.area ?? null, phone: user.phone ?? null,
    active: user.active, mustChangePassword: user.mustChangePassword, createdAt: user.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a user before and after a change: everything an admin sees but the creation time. */
export function snapshot(user: User) {
  const { createdAt: _created, ...rest } = adminUserJson(user);
  return rest;
}

/** A random one-time password (about 80 bits), which the password rules always accept. */
export function oneTimePassword(): string {
  return Array.from({ length: ONE_TIME_LENGTH }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join('');
}

function checkPassword(password: string, username: string, path: string, locale: Locale): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new ValidationError([{ path, message: t(locale, problem, { min: PASSWORD_MIN }) }]);
}

/** 404 for a user id that names nobody (a path's, e.g. the admin's user page or the allocation chase's manager). */
export const userNotFound = () => new ApiError(404, 'not_found', 'userNotFound');
const usernameTaken = (username: string) => new ConflictError('usernameTaken', { username });

/** A user id from a path, or 404 (a malformed or impossible id names nobody). */
function userIdOf(text: string): number {
  const id = /^\d{1,10}$/.test(text) ? Number(text) : 0;
  if (id < 1 || id > MAX_USER_ID) throw userNotFound();
  return id;
}

export async function activeAdminExists(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<{ found: boolean }[]>(`select exists (select 1 from users where active and 'admin' = any(roles)) as found`);
  return Boolean(row?.found);
}

/** 422 at `/supervisorId` unless `supervisorId` is an active user whose own reporting line never reaches `userId`. */
async function checkSupervisor(em: EntityManager, userId: number | undefined, supervisorId: number, locale: Locale): Promise<void> {
  const fail = (key: 'supervisorInvalid' | 'supervisorCycle') => new ValidationError([{ path: '/supervisorId', message: t(locale, key) }]);
  if (supervisorId > MAX_USER_ID) throw fail('supervisorInvalid');
  const supervisor = await em.findOne(UserSchema, { id: supervisorId });
  if (!supervisor?.active) throw fail('supervisorInvalid');
  if (userId === undefined) return;
  const [row] = await em.execute<{ cycle: boolean }[]>(`
with recursive chain(id, supervisor_id, depth) as (
  select id, supervisor_id, 0 from users where id = ?
  union all
  select u.id, u.supervisor_id, c.depth + 1 from users u join chain c on u.id = c.supervisor_id where c.depth < 1000
)
select exists (select 1 from chain where id = ?) as cycle`, [supervisorId, userId]);
  if (row?.cycle) throw fail('supervisorCycle');
}

/** Flushes, turning a username another request took meanwhile into 409. */
async function flushUnique(em: EntityManager, username: string): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw usernameTaken(username);
    throw err;
  }
}

/**
 * Going live and keeping people (issue 14): the first admin, the admins' people list, and passwords;
 * `temporal` hands a deactivated user's open tasks on.
 */
export function createUserAdminService(orm: MikroORM, temporal?: Client) {
  return {
    /** Whether the installation still needs its first admin. */
    async setupStatus() {
      return { needsAdmin: !(await activeAdminExists(orm.em.fork())) };
    },

    /** Creates the first admin; 409 once an active admin exists (also for the loser of two concurrent calls). */
    async createFirstAdmin(body: SetupAdminBody, locale: Locale): Promise<AdminUser> {
      // Refused before the costly hash: after setup, an anonymous caller must not make the server hash anything.
      if (await activeAdminExists(orm.em.fork())) throw new ConflictError('adminExists');
      checkPassword(body.password, body.username, '/password', locale);
      const passwordHash = await hashPassword(body.password);
      const user = await orm.em.fork().transactional(async (tx) => {
        await tx.execute('select pg_advisory_xact_lock(?)', [PEOPLE_LOCK]);
        if (await activeAdminExists(tx)) throw new ConflictError('adminExists');
        if (await tx.count(UserSchema, { username: body.username })) throw usernameTaken(body.username);
        const created = tx.create(UserSchema, {
          username: body.username, displayName: body.name.trim(), roles: ['admin'], passwordHash, supervisorId: null,
          area: null, phone: null, mustChangePassword: false,
        });
        await flushUnique(tx, body.username);
        appendAudit(tx, { type: 'setup.adminCreated', actorId: created.id, data: { userId: created.id, before: null, after: snapshot(created) } });
        return created;
      });
      return adminUserJson(user);
    },

    /** Every user, inactive ones too, by id. */
    async list() {
      const users = await orm.em.fork().find(UserSchema, {}, { orderBy: { id: 'asc' } });
      return { items: users.map(adminUserJson) };
    },

    /** A new user with a random one-time password they must change at first sign-in. */
    async create(actor: SessionUser, body: CreateUserBody, locale: Locale) {
      const initialPassword = oneTimePassword();
      const passwordHash = await hashPassword(initialPassword);
      const user = await orm.em.fork().transactional(async (tx) => {
        await tx.execute('select pg_advisory_xact_lock(?)', [PEOPLE_LOCK]);
        if (await tx.count(UserSchema, { username: body.username })) throw usernameTaken(body.username);
        if (body.supervisorId != null) await checkSupervisor(tx, undefined, body.supervisorId, locale);
        const created = tx.create(UserSchema, {
          username: body.username, displayName: body.displayName.trim(), roles: [...body.roles], passwordHash,
          supervisorId: body.supervisorId ?? null, area: body.area ?? null, phone: body.phone ?? null, mustChangePassword: true,
        });
        await flushUnique(tx, body.username);
        appendAudit(tx, { type: 'user.created', actorId: actor.id, data: { userId: created.id, before: null, after: snapshot(created) } });
        return created;
      });
      return { user: adminUserJson(user), initialPassword };
    },

    /**
     * Changes the given fields. Deactivation ends the user's sessions (a trigger does it in the same
     * statement) and, in the same transaction, asks for their open tasks to be handed on; they are then
     * handed on through their workflows (what Temporal cannot take now, the reconciler does).
     */
    async update(actor: SessionUser, idText: string, body: UpdateUserBody, locale: Locale): Promise<UpdatedUser> {
      const id = userIdOf(idText);
      const { user, handOvers } = await orm.em.fork().transactional(async (tx) => {
        await tx.execute('select pg_advisory_xact_lock(?)', [PEOPLE_LOCK]);
        const row = await tx.findOne(UserSchema, { id });
        if (!row) throw userNotFound();
        const before = snapshot(row);
        if (body.supervisorId != null && body.supervisorId !== row.supervisorId) await checkSupervisor(tx, id, body.supervisorId, locale);
        if (body.displayName !== undefined) row.displayName = body.displayName.trim();
        if (body.roles !== undefined) row.roles = [...body.roles];
        if (body.supervisorId !== undefined) row.supervisorId = body.supervisorId;
        if (body.area !== undefined) row.area = body.area;
        if (body.phone !== undefined) row.phone = body.phone;
        if (body.active !== undefined) row.active = body.active;
        const after = snapshot(row);
        if (JSON.stringify(before) === JSON.stringify(after)) return { user: row, handOvers: undefined };
        await tx.flush();
        // An installation without an active admin would offer `POST /api/setup/admin` to anyone.
        if (!(await activeAdminExists(tx))) {
          throw new ValidationError([{ path: body.active === false ? '/active' : '/roles', message: t(locale, 'lastAdmin') }]);
        }
        const deactivated = before.active && !after.active;
        const taskIds = deactivated ? await requestHandOversOfDeactivated(tx, id, actor.id) : undefined;
        appendAudit(tx, { type: 'user.updated', actorId: actor.id, data: { userId: id, before, after, ...(taskIds ? { tasksToHandOver: taskIds.length } : {}) } });
        return { user: row, handOvers: taskIds };
      });
      if (!handOvers) return adminUserJson(user);
      return { ...adminUserJson(user), handOver: await handOverAtOnce(orm, temporal, handOvers) };
    },

    /** A new one-time password for the user; their sessions end, and they must change it at the next sign-in. */
    async resetPassword(actor: SessionUser, idText: string) {
      const id = userIdOf(idText);
      const initialPassword = oneTimePassword();
      const passwordHash = await hashPassword(initialPassword);
      await orm.em.fork().transactional(async (tx) => {
        const row = await tx.findOne(UserSchema, { id });
        if (!row) throw userNotFound();
        const before = { mustChangePassword: row.mustChangePassword };
        row.passwordHash = passwordHash;
        row.mustChangePassword = true;
        await tx.flush();
        const ended = await endSessionsOf(tx, id);
        appendAudit(tx, {
          type: 'user.passwordReset', actorId: actor.id, data: { userId: id, before, after: { mustChangePassword: true }, sessionsEnded: ended },
        });
      });
      return { initialPassword };
    },

    /** The caller's own change: the current password must match; every other session of theirs ends. */
    async changeOwnPassword(user: SessionUser, sessionId: string, body: ChangePasswordBody, locale: Locale): Promise<void> {
      const em = orm.em.fork();
      const row = await em.findOneOrFail(UserSchema, { id: user.id });
      if (!(await verifyPassword(body.currentPassword, row.passwordHash))) {
        throw new ValidationError([{ path: '/currentPassword', message: t(locale, 'currentPasswordWrong') }]);
      }
      checkPassword(body.newPassword, row.username, '/newPassword', locale);
      const passwordHash = await hashPassword(body.newPassword);
      await em.transactional(async (tx) => {
        const before = { mustChangePassword: row.mustChangePassword };
        await tx.nativeUpdate(UserSchema, { id: user.id }, { passwordHash, mustChangePassword: false });
        const ended = await endSessionsOf(tx, user.id, sessionId);
        appendAudit(tx, {
          type: 'user.passwordChanged', actorId: user.id, data: { userId: user.id, before, after: { mustChangePassword: false }, sessionsEnded: ended },
        });
      });
    },
  };
}
