import { DEMO_PASSWORD } from '../../db/demoSeed.js';
import { UserSchema, type Role } from '../../db/entities/index.js';
import { hashPassword } from '../../db/passwords.js';
import type { TestStack } from './stack.js';

/** The users of one test stack's database (the demo's, unless a test added some), by username. */
export interface DemoUsers {
  /** Each user's id, as the database had them when `demoUsers` ran. */
  readonly ids: Record<string, number>;
  /** Each user's display name, likewise. */
  readonly names: Record<string, string>;
  /** The user's session token: logged in on first use, the same token after. */
  token(username: string): Promise<string>;
  /** The tokens of `usernames` by username (each logged in on first use). */
  tokens<U extends string>(usernames: readonly U[]): Promise<Record<U, string>>;
}

/**
 * Who is who on `stack`, read from its database at once; sessions only as tests ask for them. A session
 * token names its user only (roles are read per request), so one stays good after a test changes roles.
 */
export async function demoUsers(stack: TestStack): Promise<DemoUsers> {
  const users = await stack.orm.em.fork().find(UserSchema, {}, { orderBy: { id: 'asc' } });
  const sessions = new Map<string, Promise<string>>();
  const token = (username: string): Promise<string> => {
    const session = sessions.get(username) ?? stack.login(username);
    sessions.set(username, session);
    return session;
  };
  return {
    ids: Object.fromEntries(users.map((u) => [u.username, u.id])),
    names: Object.fromEntries(users.map((u) => [u.username, u.displayName])),
    token,
    async tokens<U extends string>(usernames: readonly U[]) {
      return Object.fromEntries(await Promise.all(usernames.map(async (u) => [u, await token(u)] as const))) as Record<U, string>;
    },
  };
}

/** Adds a user with the demo password (a second leader, say); its id. `demoUsers` run after it knows it. */
export async function addDemoUser(stack: TestStack, user: { username: string; displayName: string; roles: Role[] }): Promise<number> {
  const em = stack.orm.em.fork();
  const added = em.create(UserSchema, { ...user, passwordHash: await hashPassword(DEMO_PASSWORD) });
  await em.flush();
  return added.id;
}
