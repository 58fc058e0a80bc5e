import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const TRACK_STATUSES = ['accepting', 'clarifying', 'working', 'reviewing', 'closed', 'cancelled'] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

/** One assignee's track of a 领导交办事项; its process state lives in Temporal. */
export const AssignedTrackSchema = defineEntity({
  name: 'AssignedTrack',
  tableName: 'assigned_tracks',
  properties: (p) => ({
    instanceId: p.uuid().primary(),
    assigneeId: p.integer().primary(),
    leaderId: p.integer(),
    coOrganizerIds: p.array<number>().$type<number[]>(),
    title: p.string().length(100),
    priority: p.string().length(10),
    /** China dates, YYYY-MM-DD; overdue is judged against the original one. */
    originalDeadline: p.date(),
    deadline: p.date(),
    status: p.enum([...TRACK_STATUSES]).default('accepting'),
    assignedAt: p.datetime().onCreate(() => new Date()),
    acceptedAt: p.datetime().nullable(),
    lastFeedbackAt: p.datetime().nullable(),
    feedbackCount: p.integer().default(0),
    chaseCount: p.integer().default(0),
    extensionCount: p.integer().default(0),
    rounds: p.integer().default(0),
    reportedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    rating: p.smallint().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type AssignedTrack = InferEntity<typeof AssignedTrackSchema>;
