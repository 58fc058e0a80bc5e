import { randomUUID } from 'node:crypto';
import { AssignedTrackSchema, ProcessInstanceSchema, type TrackStatus } from '../../db/entities/index.js';
import type { TestStack } from './stack.js';

/** One 督办 track as the board's table holds it once its workflow's activities have run. */
export interface ReportTrack {
  title: string;
  assignee: string;
  originalDeadline: string;
  deadline?: string;
  status: TrackStatus;
  /** When the (last) completion report came in. */
  reportedAt?: string;
  rating?: number;
}

/** A hand-built March 2025 for the monthly 通报: on time, late, extended, still open, withdrawn, other months. */
export const MARCH_2025: readonly ReportTrack[] = [
  { title: '一季度零售户走访', assignee: 'mgr1', originalDeadline: '2025-03-10', status: 'closed', reportedAt: '2025-03-09T10:00:00+08:00', rating: 5 },
  // Extended to the 31st, reported on the 25th: late against the original deadline all the same.
  { title: '品牌培育方案', assignee: 'mgr1', originalDeadline: '2025-03-20', deadline: '2025-03-31', status: 'closed', reportedAt: '2025-03-25T09:00:00+08:00', rating: 3 },
  { title: '终端形象提升', assignee: 'mgr1', originalDeadline: '2025-03-31', status: 'working' },
  // 23:00 China time on the day is still on time; 00:30 the next day is a day late.
  { title: '违规经营线索核查', assignee: 'mgr2', originalDeadline: '2025-03-15', status: 'closed', reportedAt: '2025-03-15T23:00:00+08:00', rating: 4 },
  { title: '价格监测表', assignee: 'mgr2', originalDeadline: '2025-03-01', status: 'closed', reportedAt: '2025-03-02T00:30:00+08:00', rating: 2 },
  { title: '已撤回的事项', assignee: 'mgr2', originalDeadline: '2025-03-05', status: 'cancelled' },
  // Reported on time, waiting for the leader's review: not overdue however long the review takes.
  { title: '客户经营分析', assignee: 'mgr3', originalDeadline: '2025-03-28', status: 'reviewing', reportedAt: '2025-03-27T17:00:00+08:00' },
  { title: '假烟举报回访', assignee: 'mgr3', originalDeadline: '2025-03-12', status: 'accepting' },
  // Other months.
  { title: '四月事项', assignee: 'mgr3', originalDeadline: '2025-04-01', status: 'working' },
  { title: '二月事项', assignee: 'mgr3', originalDeadline: '2025-02-28', status: 'working' },
];

/** Writes `tracks` (assigned by the demo leader) straight into the board's table, with their instances. */
export async function writeReportTracks(stack: TestStack, ids: Record<string, number>, tracks: readonly ReportTrack[]): Promise<void> {
  const em = stack.orm.em.fork();
  for (const track of tracks) {
    const id = randomUUID();
    em.create(ProcessInstanceSchema, {
      id, processKey: 'assigned-task', businessKey: `assignment:${id}`, title: track.title, startedBy: ids.leader!, startRequestId: id,
      status: track.status === 'closed' ? 'completed' : track.status === 'cancelled' ? 'cancelled' : 'running', summary: {},
    });
    em.create(AssignedTrackSchema, {
      instanceId: id, assigneeId: ids[track.assignee]!, leaderId: ids.leader!, coOrganizerIds: [], title: track.title, priority: 'normal',
      originalDeadline: track.originalDeadline, deadline: track.deadline ?? track.originalDeadline, status: track.status,
      assignedAt: new Date('2025-02-20T09:00:00+08:00'), reportedAt: track.reportedAt ? new Date(track.reportedAt) : null,
      closedAt: track.status === 'closed' ? new Date(Date.parse(track.reportedAt!) + 86_400_000) : null, rating: track.rating ?? null,
    });
  }
  await em.flush();
}
