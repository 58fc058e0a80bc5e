import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import type { MikroORM } from '@mikro-orm/postgresql';
import { UserSchema, type Role, type User } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import { requestLocale } from './locale.js';

export const SESSION_COOKIE = 'dutyflow_session';
const TOKEN_LIFETIME = '12h';

/** The authenticated caller of a request, as handlers see it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  supervisorId: number | null;
  locale: Locale;
}

/** Issues and checks session tokens (HS256 JWT; the subject is the user id). */
export function createTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    issue: (userId: number) =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(String(userId))
        .setIssuedAt().setExpirationTime(TOKEN_LIFETIME).sign(key),
    /** The user id, or undefined for a missing, forged or expired token. */
    async verify(token: string): Promise<number | undefined> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
        const id = Number(payload.sub);
        return Number.isInteger(id) ? id : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
export type Tokens = ReturnType<typeof createTokens>;

function bearerOrCookie(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookies = req.get('cookie') ?? '';
  for (const pair of cookies.split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** A user row as handlers (and `GET /api/me`) see it. */
export function sessionUser(user: User): SessionUser {
  return {
    id: user.id, username: user.username, displayName: user.displayName, roles: user.roles,
    supervisorId: user.supervisorId ?? null, locale: user.locale === 'en' ? 'en' : 'zh-CN',
  };
}

/** Loads the caller from the token or cookie into `res.locals.user`; 401 when there is none. */
export function authenticate(orm: MikroORM, tokens: Tokens): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerOrCookie(req);
    const id = token ? await tokens.verify(token) : undefined;
    const user = id === undefined ? null : await orm.em.fork().findOne(UserSchema, { id, active: true });
    if (!user) throw new UnauthorizedError();
    const session = sessionUser(user);
    res.locals.user = session;
    res.locals.locale = requestLocale(req, session.locale);
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
