import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpdateDefinition } from '@temporalio/client';
import { daysLate } from '../../domain/calendar.js';
import { chinaDate } from '../../domain/chinaTime.js';
import { AssignedTrackSchema, UserSchema, type AssignedTrack } from '../../db/entities/index.js';
import { attachmentRefs } from '../../forms/attachmentFields.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { getForm } from '../../forms/registry.js';
import { chaseUpdate, reportProgressUpdate, requestExtensionUpdate, type TrackInput } from '../../workflows/definitions.js';
import { checkAttachments, linkAttachments } from '../attachments/attachmentLinks.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import type { FormSubmissionBody } from '../http/sharedContract.js';
import { isUuid, paging, positiveInt } from '../http/requestBody.js';
import { sendUpdate } from '../http/temporalUpdates.js';
import { overseesAll } from '../http/visibility.js';

/** Track states still to be closed (销号). */
export const OPEN_TRACK_STATUSES: readonly string[] = ['accepting', 'clarifying', 'working', 'reviewing'];
const OPEN = OPEN_TRACK_STATUSES;

/**
 * Days past the original deadline: as of the (last) report for a closed track and one whose report
 * awaits review (the leader's review time is not the assignee's delay), as of today for the rest.
 */
export function trackDaysOverdue(track: AssignedTrack): number {
  const reported = track.status === 'reviewing' || !OPEN.includes(track.status);
  const judgedAt = reported ? (track.reportedAt ?? track.closedAt ?? new Date()) : new Date();
  return daysLate(track.originalDeadline, judgedAt);
}

/** A track's row for the board: overdue is judged against the original deadline, as of its report or today. */
function trackJson(track: AssignedTrack, names: Map<number, string>, today: string) {
  const person = (id: number) => ({ id, name: names.get(id) ?? `#${id}` });
  const open = OPEN.includes(track.status);
  const daysOverdue = trackDaysOverdue(track);
  return {
    instanceId: track.instanceId, assignee: person(track.assigneeId), leader: person(track.leaderId),
    coOrganizers: track.coOrganizerIds.map(person), title: track.title, priority: track.priority,
    originalDeadline: track.originalDeadline, deadline: track.deadline, status: track.status,
    overdue: daysOverdue > 0, daysOverdue,
    // Due soon: not late yet, and the (current) deadline is today, China date.
    dueSoon: open && daysOverdue === 0 && track.deadline <= today,
    rating: track.rating ?? null, chaseCount: track.chaseCount, feedbackCount: track.feedbackCount,
    lastFeedbackAt: track.lastFeedbackAt ?? null, extensionCount: track.extensionCount, rounds: track.rounds,
    assignedAt: track.assignedAt, reportedAt: track.reportedAt ?? null, closedAt: track.closedAt ?? null,
  };
}

/** The 督办 board and what people do on a track outside its tasks: progress, chase, extension. */
export function createAssignedTaskService(deps: ApiDeps) {
  async function trackOf(em: EntityManager, instanceId: string, assigneeId: unknown): Promise<AssignedTrack> {
    const id = positiveInt(assigneeId);
    const track = isUuid(instanceId) && id ? await em.findOne(AssignedTrackSchema, { instanceId, assigneeId: id }) : null;
    if (!track) throw new NotFoundError('track');
    return track;
  }

  /**
   * Validates `body.data` against `formKey` and sends it to the workflow as `update`, once per requestId;
   * its attachments are linked to the instance only once the workflow has accepted.
   */
  async function send<Ret>(update: UpdateDefinition<Ret, [TrackInput]>, track: AssignedTrack, user: SessionUser, locale: Locale,
    { data, requestId }: FormSubmissionBody, formKey: string, extraErrors: (data: Record<string, unknown>) => FieldError[] = () => []) {
    const checked = deps.forms.validate<Record<string, unknown>>(formKey, data, locale);
    if (!checked.ok) throw new ValidationError(checked.errors);
    const errors = extraErrors(checked.data);
    if (errors.length) throw new ValidationError(errors);
    const files = attachmentRefs(getForm(formKey)!.schema, checked.data);
    const em = deps.orm.em.fork();
    // A file the caller may not use is refused before the workflow records anything, but nothing is
    // linked until the workflow accepts: whoever it refuses (not on the track) links nothing to the
    // instance. A retry with the same requestId gets the same acceptance and links again (a no-op when
    // done), so a crash between the two ends linked on the retry.
    await checkAttachments(em, files, track.instanceId, user.id, locale);
    const answer = await sendUpdate(deps.temporal, track.instanceId, update,
      [{ actor: { id: user.id, roles: user.roles }, assigneeId: track.assigneeId, data: checked.data, requestId }],
      `${update.name}:${track.assigneeId}:${user.id}:${requestId}`);
    await em.transactional((tx) => linkAttachments(tx, files, track.instanceId, user.id, locale));
    return answer;
  }

  return {
    async progress(instanceId: string, assigneeId: string, user: SessionUser, locale: Locale, body: FormSubmissionBody) {
      const track = await trackOf(deps.orm.em.fork(), instanceId, assigneeId);
      return send(reportProgressUpdate, track, user, locale, body, 'progress-feedback');
    },

    async chase(instanceId: string, assigneeId: string, user: SessionUser, locale: Locale, body: FormSubmissionBody) {
      const track = await trackOf(deps.orm.em.fork(), instanceId, assigneeId);
      await send(chaseUpdate, track, user, locale, body, 'supervision-note');
    },

    /** Asked before the (current) deadline, for a later date; the leader decides in a task. */
    async extension(instanceId: string, assigneeId: string, user: SessionUser, locale: Locale, body: FormSubmissionBody) {
      const track = await trackOf(deps.orm.em.fork(), instanceId, assigneeId);
      return send(requestExtensionUpdate, track, user, locale, body, 'extension-request', (data) => {
        if (chinaDate(new Date()) > track.deadline) return [{ path: '/newDeadline', message: t(locale, 'extensionTooLate') }];
        if (String(data.newDeadline) <= track.deadline) return [{ path: '/newDeadline', message: t(locale, 'extensionNotLater') }];
        return [];
      });
    },

    /**
     * The board: `view=assigned` (what I assigned, the default), `mine` (what I carry or co-organise),
     * `all` (the managing roles); open ones overdue first, then due soon, then by deadline.
     */
    async board(user: SessionUser, query: Record<string, unknown>) {
      const view = typeof query.view === 'string' ? query.view : 'assigned';
      const status = typeof query.status === 'string' ? query.status : 'open';
      const errors = [];
      if (!['assigned', 'mine', 'all'].includes(view)) errors.push({ path: '/view', message: 'assigned | mine | all' });
      if (!['open', 'closed', 'all'].includes(status)) errors.push({ path: '/status', message: 'open | closed | all' });
      if (errors.length) throw new ValidationError(errors);
      if (view === 'all' && !overseesAll(user)) throw new ForbiddenError();
      const where: Record<string, unknown>[] = [];
      if (view === 'assigned') where.push({ leaderId: user.id });
      if (view === 'mine') where.push({ $or: [{ assigneeId: user.id }, { coOrganizerIds: { $overlap: [user.id] } }] });
      if (status === 'open') where.push({ status: { $in: OPEN } });
      if (status === 'closed') where.push({ status: 'closed' });
      const em = deps.orm.em.fork();
      const tracks = await em.find(AssignedTrackSchema, { $and: where }, { orderBy: { deadline: 'asc', assignedAt: 'asc' } });
      const ids = [...new Set(tracks.flatMap((tr) => [tr.assigneeId, tr.leaderId, ...tr.coOrganizerIds]))];
      const users = ids.length ? await em.find(UserSchema, { id: { $in: ids } }, { fields: ['id', 'displayName'] }) : [];
      const names = new Map(users.map((u) => [u.id, u.displayName]));
      const today = chinaDate(new Date());
      const rows = tracks.map((tr) => trackJson(tr, names, today));
      const rank = (r: ReturnType<typeof trackJson>) => (OPEN.includes(r.status) ? (r.overdue ? 0 : r.dueSoon ? 1 : 2) : 3);
      rows.sort((a, b) => rank(a) - rank(b));
      const { page, size, offset } = paging(query);
      return { items: rows.slice(offset, offset + size), total: rows.length, page, size };
    },
  };
}
