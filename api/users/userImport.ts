import type { MikroORM } from '@mikro-orm/postgresql';
import { appendAudit } from '../../db/audit.js';
import { UserSchema, type Role, type User } from '../../db/entities/index.js';
import { hashPassword } from '../../db/passwords.js';
import type { Locale } from '../../forms/formDefinition.js';
import { requireRole, type SessionUser } from '../http/auth.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { readImportUpload, readRows, readTable, rowErrors, textCell, type ColumnSpec, type ImportUpload, type SheetRow } from '../http/spreadsheetImport.js';
import { activeAdminExists, adminUserJson, oneTimePassword, PEOPLE_LOCK, snapshot } from './userAdminService.js';
import { ROLE, type UserImportResult } from './userContract.js';

/*
 * The people import (用户导入, issue 14): a department's users from a spreadsheet, created or updated by
 * username in one transaction. New users get a one-time password, returned once, which they must change.
 */

/** A people file has at most this many rows: each new user's password is hashed (deliberately slow). */
export const USER_IMPORT_MAX_ROWS = 2000;
const USERNAME = /^[A-Za-z0-9_.-]{1,64}$/;
const NAME_MAX = 100;
const AREA_MAX = 100;
const PHONE_MAX = 32;

export type UserColumn = 'username' | 'name' | 'roles' | 'supervisor' | 'area' | 'phone';
export const USER_COLUMNS: readonly ColumnSpec<UserColumn>[] = [
  { key: 'username', label: { 'zh-CN': '用户名', en: 'Username' }, aliases: ['账号', '登录名'], required: true },
  { key: 'name', label: { 'zh-CN': '姓名', en: 'Name' }, aliases: ['displayName'], required: true },
  { key: 'roles', label: { 'zh-CN': '角色', en: 'Roles' }, aliases: ['role'], required: true },
  { key: 'supervisor', label: { 'zh-CN': '上级用户名', en: 'Supervisor' }, aliases: ['上级', 'supervisorUsername'], required: false },
  { key: 'area', label: { 'zh-CN': '片区', en: 'Area' }, aliases: ['区域'], required: false },
  { key: 'phone', label: { 'zh-CN': '手机', en: 'Phone' }, aliases: ['电话', '手机号'], required: false },
];

const ROLE_NAMES: Record<string, Role> = {
  客户经理: 'customer_manager', 主管: 'supervisor', 市场经理: 'supervisor', 部门负责人: 'dept_head', 营销部经理: 'dept_head',
  安全员: 'safety_officer', 领导: 'leader', 管理员: 'admin',
  ...Object.fromEntries(ROLE.enum.map((role) => [role, role])),
};

/** The roles of a cell like `客户经理、主管` or `customer_manager, supervisor`; undefined if any is unknown or none given. */
export function rolesCell(text: string): Role[] | undefined {
  const names = text.split(/[、,，;；/\s]+/).filter(Boolean);
  const roles = names.map((name) => ROLE_NAMES[name.toLowerCase()] ?? ROLE_NAMES[name]);
  return roles.length && roles.every(Boolean) ? [...new Set(roles as Role[])] : undefined;
}

interface UserRow {
  number: number;
  username: string;
  name: string;
  roles: Role[];
  supervisor: string | null;
  area: string | null;
  phone: string | null;
}

function userRows(sheet: SheetRow[], locale: Locale) {
  const table = readTable(sheet, USER_COLUMNS, locale, USER_IMPORT_MAX_ROWS);
  const errors = rowErrors(USER_COLUMNS, locale);
  const firstRowOf = new Map<string, number>();
  const rows: UserRow[] = [];
  for (const row of table.rows) {
    const before = errors.errors.length;
    const text = (key: UserColumn, max: number, required: boolean) => {
      const value = textCell(table.cell(row, key));
      if (value === '' && required) errors.add(row.number, key, 'required');
      else if ([...value].length > max) errors.add(row.number, key, 'importText', { max });
      return value === '' ? null : value;
    };
    const username = textCell(table.cell(row, 'username'));
    if (username === '') errors.add(row.number, 'username', 'required');
    else if (!USERNAME.test(username)) errors.add(row.number, 'username', 'importUsername', { max: 64 });
    else if (firstRowOf.has(username)) errors.add(row.number, 'username', 'importDuplicate', { row: firstRowOf.get(username)! });
    else firstRowOf.set(username, row.number);
    const name = text('name', NAME_MAX, true);
    const rolesText = textCell(table.cell(row, 'roles'));
    const roles = rolesCell(rolesText);
    if (rolesText === '') errors.add(row.number, 'roles', 'required');
    else if (!roles) errors.add(row.number, 'roles', 'importRoles');
    const supervisor = text('supervisor', 64, false);
    const area = text('area', AREA_MAX, false);
    const phone = text('phone', PHONE_MAX, false);
    if (errors.errors.length === before) rows.push({ number: row.number, username, name: name!, roles: roles!, supervisor, area, phone });
  }
  errors.throwIfAny();
  return { rows, errors, has: (key: UserColumn) => table.has(key) };
}

/**
 * Each row's supervisor: an active user already there or a user of the file, and no circle of
 * reporting lines once the file is applied (checked on the whole picture: the database's lines with
 * the file's over them). Every bad row is reported.
 */
function checkReportingLines(rows: UserRow[], existing: Map<string, User>, byId: Map<number, User>, hasSupervisor: boolean,
  errors: ReturnType<typeof rowErrors<UserColumn>>) {
  const inFile = new Map(rows.map((r) => [r.username, r]));
  const supervisorOf = (username: string): string | null => {
    const row = inFile.get(username);
    if (row && hasSupervisor) return row.supervisor;
    const id = existing.get(username)?.supervisorId;
    return id == null ? null : byId.get(id)?.username ?? null;
  };
  for (const row of rows) {
    if (!row.supervisor) continue;
    if (!inFile.has(row.supervisor) && !existing.get(row.supervisor)?.active) {
      errors.add(row.number, 'supervisor', 'importSupervisor', { username: row.supervisor });
      continue;
    }
    const seen = new Set([row.username]);
    for (let next: string | null = row.supervisor; next !== null; next = supervisorOf(next)) {
      if (seen.has(next)) {
        errors.add(row.number, 'supervisor', 'importSupervisorCycle', { username: row.supervisor });
        break;
      }
      seen.add(next);
    }
  }
  errors.throwIfAny();
}

/** Imports people: create or update by username, all or nothing; new users get a one-time password, returned once. */
export function createUserImport(orm: MikroORM) {
  return {
    async import(actor: SessionUser, locale: Locale, upload: ImportUpload): Promise<UserImportResult> {
      requireRole(actor, 'admin');
      const { format, bytes } = await readImportUpload(upload, locale);
      const { rows, errors, has } = userRows(await readRows(format, bytes, locale), locale);
      const em = orm.em.fork();
      const usernames = rows.map((r) => r.username);
      // Hashed before the transaction (slow on purpose), for the users the file creates.
      const known = new Set((await em.find(UserSchema, { username: { $in: usernames } }, { fields: ['username'] })).map((u) => u.username));
      const passwords = new Map<string, { password: string; hash: string }>();
      const newPassword = async () => {
        const password = oneTimePassword();
        return { password, hash: await hashPassword(password) };
      };
      for (const username of usernames.filter((u) => !known.has(u))) passwords.set(username, await newPassword());
      return em.transactional(async (tx) => {
        await tx.execute('select pg_advisory_xact_lock(?)', [PEOPLE_LOCK]);
        const all = await tx.find(UserSchema, {});
        const existing = new Map(all.map((u) => [u.username, u]));
        const byId = new Map(all.map((u) => [u.id, u]));
        checkReportingLines(rows, existing, byId, has('supervisor'), errors);
        const created: { username: string; initialPassword: string }[] = [];
        const changes: { username: string; before: unknown; after: unknown }[] = [];
        const users: { row: UserRow; user: User; before: ReturnType<typeof snapshot> | null }[] = [];
        for (const row of rows) {
          const user = existing.get(row.username);
          if (user) {
            users.push({ row, user, before: snapshot(user) });
            continue;
          }
          const password = passwords.get(row.username) ?? await newPassword(); // deleted meanwhile: rare
          const made = tx.create(UserSchema, {
            username: row.username, displayName: row.name, roles: row.roles, passwordHash: password.hash, supervisorId: null,
            area: null, phone: null, mustChangePassword: true,
          });
          created.push({ username: row.username, initialPassword: password.password });
          users.push({ row, user: made, before: null });
        }
        await tx.flush(); // the new users' ids, for the supervisors
        const idOf = new Map([...existing.values(), ...users.map((u) => u.user)].map((u) => [u.username, u.id]));
        for (const { row, user, before } of users) {
          user.displayName = row.name;
          user.roles = row.roles;
          if (has('supervisor')) user.supervisorId = row.supervisor ? idOf.get(row.supervisor)! : null;
          if (has('area')) user.area = row.area;
          if (has('phone')) user.phone = row.phone;
          const after = snapshot(user);
          if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ username: row.username, before, after });
        }
        await tx.flush();
        if (!(await activeAdminExists(tx))) throw new ValidationError([{ path: '/rows', message: t(locale, 'lastAdmin') }]);
        const summary = { imported: rows.length, created: created.length, updated: changes.length - created.length };
        if (changes.length) appendAudit(tx, { type: 'users.imported', actorId: actor.id, data: { format, ...summary, changes } });
        return {
          ...summary, unchanged: rows.length - changes.length, createdUsers: created,
          users: users.map(({ user }) => adminUserJson(user)),
        };
      });
    },
  };
}
