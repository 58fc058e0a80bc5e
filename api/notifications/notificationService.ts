import type { MikroORM } from '@mikro-orm/postgresql';
import { NotificationSchema, type Notification } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import type { SessionUser } from '../http/auth.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { isUuid, paging } from '../http/requestBody.js';

export function notificationJson(n: Notification) {
  return { id: n.id, kind: n.kind, taskId: n.taskId ?? null, instanceId: n.instanceId ?? null, data: n.data, createdAt: n.createdAt, readAt: n.readAt ?? null };
}

/** The caller's own notification centre: list, unread count, mark read. */
export function createNotificationService(orm: MikroORM) {
  return {
    /** Newest first; `unread=true` only the unread ones. */
    async list(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      const { unread } = query;
      if (unread !== undefined && unread !== 'true' && unread !== 'false') {
        throw new ValidationError([{ path: '/unread', message: t(locale, 'notBoolean') }]);
      }
      const { page, size, offset } = paging(query);
      const [items, total] = await orm.em.fork().findAndCount(NotificationSchema,
        { userId: user.id, ...(unread === 'true' ? { readAt: null } : {}) },
        { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size, offset });
      return { items: items.map(notificationJson), total, page, size };
    },

    async unreadCount(user: SessionUser): Promise<{ unread: number }> {
      return { unread: await orm.em.fork().count(NotificationSchema, { userId: user.id, readAt: null }) };
    },

    /** Marks one of the caller's notifications read (again: no change); another user's, or none, is 404. */
    async markRead(user: SessionUser, id: string): Promise<void> {
      if (!isUuid(id)) throw new NotFoundError('notification');
      const em = orm.em.fork();
      const changed = await em.nativeUpdate(NotificationSchema, { id, userId: user.id, readAt: null }, { readAt: new Date() });
      if (changed === 0 && (await em.count(NotificationSchema, { id, userId: user.id })) === 0) throw new NotFoundError('notification');
    },

    async markAllRead(user: SessionUser): Promise<void> {
      await orm.em.fork().nativeUpdate(NotificationSchema, { userId: user.id, readAt: null }, { readAt: new Date() });
    },
  };
}
