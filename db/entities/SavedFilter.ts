import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** An inbox filter a user saved under a name: the inbox's query parameters, as the web app sends them. */
export const SavedFilterSchema = defineEntity({
  name: 'SavedFilter',
  tableName: 'saved_filters',
  properties: (p) => ({
    id: p.uuid().primary(),
    userId: p.integer(),
    name: p.string().length(60),
    /** Inbox query parameter → value, e.g. `{view: 'group', overdue: 'true'}`. */
    query: p.json<Record<string, string>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
  /** Saving a name again replaces its query. */
  uniques: [{ properties: ['userId', 'name'] }],
});

export type SavedFilter = InferEntity<typeof SavedFilterSchema>;
