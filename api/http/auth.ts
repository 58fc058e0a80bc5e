import { randomUUID } from 'node:crypto';
import type { CookieOptions, NextFunction, Request, RequestHandler, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { SessionSchema, UserSchema, type Role, type User } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { ApiError, ForbiddenError, UnauthorizedError } from './errors.js';
import { requestLocale } from './locale.js';

export const SESSION_COOKIE = 'dutyflow_session';
const SESSION_LIFETIME_MS = 12 * 3600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The authenticated caller of a request, as handlers see it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  supervisorId: number | null;
  locale: Locale;
}

/** What a valid token says: whose session, and which (the `sessions` row, the token's `jti`). */
export interface TokenClaims { userId: number; sessionId: string }

/** Issues and checks session tokens (HS256 JWT; the subject is the user id, the `jti` the session id). */
export function createTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    issue: (claims: TokenClaims, expiresAt: Date) =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(String(claims.userId)).setJti(claims.sessionId)
        .setIssuedAt().setExpirationTime(expiresAt).sign(key),
    /** The claims, or undefined for a missing, forged or expired token (or one from before sessions had ids). */
    async verify(token: string): Promise<TokenClaims | undefined> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
        const userId = Number(payload.sub);
        const sessionId = payload.jti;
        return Number.isInteger(userId) && sessionId && UUID.test(sessionId) ? { userId, sessionId } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
export type Tokens = ReturnType<typeof createTokens>;

/** Starts a session of `userId` (its row, then its token) and sets the session cookie; the token. */
export async function startSession(orm: MikroORM, tokens: Tokens, res: Response, userId: number, publicUrl: string | null): Promise<string> {
  const em = orm.em.fork();
  const session = em.create(SessionSchema, { id: randomUUID(), userId, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) });
  await em.flush();
  // Nothing reads expired rows: deleting them at sign-ins keeps the table to live sessions without a scheduled job.
  await em.nativeDelete(SessionSchema, { expiresAt: { $lt: new Date() } });
  const token = await tokens.issue({ userId, sessionId: session.id }, session.expiresAt);
  res.cookie(SESSION_COOKIE, token, { ...sessionCookie(publicUrl), maxAge: SESSION_LIFETIME_MS });
  return token;
}

/** Ends the caller's session at once, on every replica (logout), and clears the cookie. */
export async function endSession(orm: MikroORM, res: Response, publicUrl: string | null): Promise<void> {
  await orm.em.fork().nativeUpdate(SessionSchema, { id: res.locals.sessionId as string, revokedAt: null }, { revokedAt: new Date() });
  res.clearCookie(SESSION_COOKIE, sessionCookie(publicUrl));
}

/**
 * Ends every session of `userId` except `keep` (the caller's own): a password change or reset must call it,
 * so a stolen token dies with the old password. Deactivation needs no call: a trigger does it.
 */
export function endSessionsOf(em: EntityManager, userId: number, keep?: string): Promise<number> {
  return em.nativeUpdate(SessionSchema, { userId, revokedAt: null, ...(keep ? { id: { $ne: keep } } : {}) }, { revokedAt: new Date() });
}

/** `Secure` once the app is served over https, so the cookie never travels in clear. */
function sessionCookie(publicUrl: string | null): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: publicUrl?.startsWith('https:') ?? false };
}

function credentialOf(req: Request): { token: string; fromCookie: boolean } | undefined {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), fromCookie: false };
  const cookies = req.get('cookie') ?? '';
  for (const pair of cookies.split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === SESSION_COOKIE) return { token: decodeURIComponent(value.join('=')), fromCookie: true };
  }
  return undefined;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A browser attaches the cookie to another site's request too (a form posting `text/plain`, a same-site
 * page on another port): only our own pages may change state with it. The public URL counts as our own
 * origin because a proxy may rewrite the Host header.
 */
function fromForeignSite(req: Request, publicUrl: string | null): boolean {
  if (req.get('sec-fetch-site') === 'cross-site') return true;
  const origin = req.get('origin');
  if (origin === undefined) return false;
  // `Origin: null` (a sandboxed frame, a redirect across sites) has no host and is foreign too.
  const host = URL.canParse(origin) ? new URL(origin).host : undefined;
  return host === undefined || (host !== req.get('host') && host !== (publicUrl && new URL(publicUrl).host));
}

const SESSION_OWNER = `select u.* from sessions s join users u on u.id = s.user_id
where s.id = ? and s.user_id = ? and s.revoked_at is null and s.expires_at > now() and u.active`;

/** The active user of a live session, in one primary-key lookup of each table; null when it has ended. */
async function sessionOwner(orm: MikroORM, claims: TokenClaims): Promise<User | null> {
  const em = orm.em.fork();
  const [row] = await em.execute<Record<string, unknown>[]>(SESSION_OWNER, [claims.sessionId, claims.userId]);
  return row ? em.map(UserSchema, row) : null;
}

/** A user row as handlers (and `GET /api/me`) see it. */
export function sessionUser(user: User): SessionUser {
  return {
    id: user.id, username: user.username, displayName: user.displayName, roles: user.roles,
    supervisorId: user.supervisorId ?? null, locale: user.locale === 'en' ? 'en' : 'zh-CN',
  };
}

/** What a user with a one-time password (set by an admin) may do before choosing their own. */
const PASSWORD_CHANGE_ALLOWS = new Set(['GET /api/me', 'POST /api/me/password', 'POST /api/auth/logout']);

function pathOf(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Whether the caller must change their password before anything else (`GET /api/me` shows it). */
export function mustChangePassword(res: Response): boolean {
  return res.locals.mustChangePassword === true;
}

/**
 * Loads the caller of a live session from the token or cookie into `res.locals.user` (and the session id
 * into `res.locals.sessionId`); 401 when there is none, 403 for a cookie sent by another site's page, and
 * 403 `password_change_required` while the user must replace an admin's one-time password.
 */
export function authenticate(orm: MikroORM, tokens: Tokens, publicUrl: string | null): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const credential = credentialOf(req);
    if (credential?.fromCookie && STATE_CHANGING.has(req.method) && fromForeignSite(req, publicUrl)) {
      throw new ForbiddenError('crossSiteRequest');
    }
    const claims = credential && await tokens.verify(credential.token);
    const user = claims && await sessionOwner(orm, claims);
    if (!claims || !user) throw new UnauthorizedError();
    const session = sessionUser(user);
    res.locals.user = session;
    res.locals.sessionId = claims.sessionId;
    res.locals.locale = requestLocale(req, session.locale);
    res.locals.mustChangePassword = user.mustChangePassword;
    if (user.mustChangePassword && !PASSWORD_CHANGE_ALLOWS.has(`${req.method} ${pathOf(req)}`)) {
      throw new ApiError(403, 'password_change_required', 'passwordChangeRequired');
    }
    next();
  };
}

/** The authenticated caller; only valid behind `authenticate`. */
export function currentUser(res: Response): SessionUser {
  return res.locals.user as SessionUser;
}

export function hasRole(user: SessionUser, ...roles: Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

/** 403 unless the caller holds one of `roles`. */
export function requireRole(user: SessionUser, ...roles: Role[]): void {
  if (!hasRole(user, ...roles)) throw new ForbiddenError();
}
