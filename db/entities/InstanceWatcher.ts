import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** Someone copied in on a process (抄送): they may read it. */
export const InstanceWatcherSchema = defineEntity({
  name: 'InstanceWatcher',
  tableName: 'instance_watchers',
  properties: (p) => ({
    instanceId: p.uuid().primary(),
    userId: p.integer().primary(),
    addedBy: p.integer(),
    addedAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type InstanceWatcher = InferEntity<typeof InstanceWatcherSchema>;
