import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** Role keys of DOMAIN.md; a user may hold several. */
export const ROLES = ['customer_manager', 'supervisor', 'dept_head', 'safety_officer', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    username: p.string().length(64).unique(),
    displayName: p.string().length(100),
    roles: p.array<Role>().$type<Role[]>(),
    /** scrypt hash, never sent to a client (see api/auth). */
    passwordHash: p.string().length(255).hidden(),
    /** The supervisor a customer manager reports to. */
    supervisorId: p.integer().nullable(),
    locale: p.string().length(8).default('zh-CN'),
    active: p.boolean().default(true),
    /** The territory or market area a person works in (free text, shown to admins). */
    area: p.string().length(100).nullable(),
    phone: p.string().length(32).nullable(),
    /** Set by an admin's create or reset: every route but `GET /api/me`, the password change and logout is 403 until it is cleared. */
    mustChangePassword: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type User = InferEntity<typeof UserSchema>;
