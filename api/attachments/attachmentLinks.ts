import type { EntityManager } from '@mikro-orm/postgresql';
import { AttachmentSchema, type Attachment } from '../../db/entities/index.js';
import type { AttachmentRef } from '../../forms/attachmentFields.js';
import type { Locale } from '../../forms/formDefinition.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { isUuid } from '../http/requestBody.js';

/** What the link functions take: attachment ids, or AttachmentRefs (see `attachmentRefs`) to name each field. */
type AttachmentIds = readonly (string | AttachmentRef)[];

const key = (id: string) => id.toLowerCase();

function refsOf(ids: AttachmentIds): AttachmentRef[] {
  return ids.map((entry) => (typeof entry === 'string' ? { path: '', id: entry } : entry));
}

function refusal(bad: AttachmentRef[], locale: Locale): ValidationError {
  return new ValidationError(bad.map((ref) => ({ path: ref.path, message: t(locale, 'attachmentUnusable', { id: ref.id }) })));
}

/**
 * The attachment rows of `refs`, once each is known usable on `instanceId` by `userId`: linked to it
 * already, or unlinked and uploaded by them; otherwise throws the ValidationError naming each bad id.
 */
async function usableRows(em: EntityManager, refs: AttachmentRef[], instanceId: string, userId: number, locale: Locale): Promise<Attachment[]> {
  const wanted = [...new Set(refs.map((ref) => key(ref.id)).filter(isUuid))];
  const rows = wanted.length ? await em.find(AttachmentSchema, { id: { $in: wanted } }, { disableIdentityMap: true }) : [];
  const byId = new Map(rows.map((row) => [key(row.id), row]));
  const usable = (row: Attachment | undefined) =>
    row !== undefined && (row.instanceId === instanceId || (row.instanceId == null && row.uploadedBy === userId));
  const bad = refs.filter((ref) => !usable(byId.get(key(ref.id))));
  if (bad.length) throw refusal(bad, locale);
  return rows;
}

/**
 * Throws the 422 `linkAttachments` would, linking nothing: for a caller that must hear about a bad
 * attachment before a workflow decides, and may link only once it has accepted.
 */
export async function checkAttachments(em: EntityManager, ids: AttachmentIds, instanceId: string, userId: number, locale: Locale): Promise<void> {
  const refs = refsOf(ids);
  if (refs.length) await usableRows(em, refs, instanceId, userId, locale);
}

/**
 * Links uploaded attachments to the process instance whose record uses them. Each id must exist and
 * be linked to `instanceId` already, or be unlinked and uploaded by `userId`; otherwise it throws a
 * ValidationError (422) naming each bad id, at the field's path when given AttachmentRefs (see
 * `attachmentRefs`), else at the data root. Checking first means a refusal links nothing, except
 * when a concurrent request took one of the files meanwhile: links to `instanceId` may then remain,
 * which are harmless. Call it inside the transaction that starts the process, and a refusal undoes all.
 * Linking again what is linked already changes nothing, so a retried request may call it again.
 */
export async function linkAttachments(em: EntityManager, ids: AttachmentIds, instanceId: string, userId: number, locale: Locale): Promise<void> {
  const refs = refsOf(ids);
  if (refs.length === 0) return;
  const rows = await usableRows(em, refs, instanceId, userId, locale);
  const unlinked = rows.filter((row) => row.instanceId == null).map((row) => row.id);
  if (unlinked.length === 0) return;
  await em.nativeUpdate(AttachmentSchema, { id: { $in: unlinked }, instanceId: null, uploadedBy: userId }, { instanceId });
  // Another request may have linked one of them to another instance in between: not ours to use.
  const taken = await em.find(AttachmentSchema, { id: { $in: unlinked }, instanceId: { $ne: instanceId } }, { disableIdentityMap: true });
  if (taken.length) {
    const takenIds = new Set(taken.map((row) => key(row.id)));
    throw refusal(refs.filter((ref) => takenIds.has(key(ref.id))), locale);
  }
}
