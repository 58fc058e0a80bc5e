import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AttachmentSchema, ProcessInstanceSchema, TaskSchema, type Attachment } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { createAttachmentStore, StoredFileMissingError, StoreRejectedError } from '../../activities/attachmentStore.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ApiError, ForbiddenError, NotFoundError, TooLargeError, UnsupportedTypeError, ValidationError } from '../http/errors.js';
import { matchesSignature, SIGNATURE_BYTES } from './fileSignatures.js';
import { maySee } from '../processes/instanceService.js';
import { t } from '../http/messages.js';
import { isUuid } from '../http/requestBody.js';
import { canAct } from '../tasks/taskView.js';
import { currentConfig } from '../../activities/businessSettings.js';

export const FILE_NAME_MAX = 200;

/** What an upload request brings: query parameters and headers as received, and the body unread. */
export interface UploadInput {
  name: unknown;
  taskId: unknown;
  contentType: string | undefined;
  contentLength: string | undefined;
  body: Readable;
}

/** The JSON a client gets for an attachment. */
export function attachmentJson(attachment: Attachment) {
  return {
    id: attachment.id,
    name: attachment.fileName,
    size: attachment.size,
    contentType: attachment.contentType,
    sha256: attachment.sha256,
    createdAt: attachment.createdAt,
  };
}

/** The media type of a Content-Type header, without parameters, in lower case ('' when absent). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Control characters (C0, C1), format characters (Cf: the bidi controls U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C, zero-width ones) and line or paragraph separators. `invoice\u202Egnp.exe` shows as
 * `invoiceexe.png`: a name must read as what it is.
 */
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** A file name to keep: 1–200 characters, no path separators, no control or invisible characters, not just dots. */
function fileName(value: unknown, locale: Locale): string {
  const name = typeof value === 'string' ? value.trim() : '';
  const bad = [...name].length > FILE_NAME_MAX || /[/\\]/.test(name) || INVISIBLE_OR_CONTROL.test(name) || /^\.*$/.test(name);
  if (bad) throw new ValidationError([{ path: '/name', message: t(locale, 'fileName', { max: FILE_NAME_MAX }) }]);
  return name;
}

/**
 * Uploads and downloads of attachments. Bytes go to the content-addressed store DUTYFLOW_ATTACHMENT_STORE
 * names (`dataDir/files`, or PostgreSQL for every replica); rows say who uploaded what and which process
 * instance uses it. The bytes are stored before the row that names them.
 */
export function createAttachmentService(deps: ApiDeps) {
  const store = createAttachmentStore({ kind: deps.config.attachments.store, dataDir: deps.config.dataDir }, deps.orm);

  /** The instance an upload for `taskId` belongs to; 404 for no such task, 403 unless the caller may act on it now. */
  async function taskInstance(em: EntityManager, taskId: unknown, user: SessionUser): Promise<string | null> {
    if (taskId === undefined || taskId === '') return null;
    const task = typeof taskId === 'string' && isUuid(taskId) ? await em.findOne(TaskSchema, { id: taskId }) : null;
    if (!task) throw new NotFoundError('task');
    if (task.excludedUserIds.includes(user.id) || !canAct(task, user)) throw new ForbiddenError();
    return task.instanceId;
  }

  /** The attachment if `user` may read it: its uploader, or whoever may see the instance it is linked to. */
  async function readable(id: string, user: SessionUser): Promise<Attachment> {
    const em = deps.orm.em.fork();
    const attachment = isUuid(id) ? await em.findOne(AttachmentSchema, { id }) : null;
    if (!attachment) throw new NotFoundError('attachment');
    if (attachment.uploadedBy === user.id) return attachment;
    const instance = attachment.instanceId ? await em.findOne(ProcessInstanceSchema, { id: attachment.instanceId }) : null;
    if (instance && (await maySee(deps.orm, em, instance, user))) return attachment;
    throw new ForbiddenError();
  }

  return {
    /**
     * Checks name, type, size and (with a task) the right to act on it before reading the body,
     * then streams it to the store: over the limit (413) or not of its declared type (415) stops
     * the reading and keeps nothing.
     */
    async upload(user: SessionUser, locale: Locale, input: UploadInput) {
      const name = fileName(input.name, locale);
      const contentType = mediaType(input.contentType);
      // The admin's 业务参数 (activities/businessSettings.ts), read per upload: a change applies at once.
      const { maxBytes, types } = (await currentConfig(deps.orm, deps.config)).attachments;
      if (!types.includes(contentType)) throw new UnsupportedTypeError('fileType', contentType, types);
      if (Number(input.contentLength) > maxBytes) throw new TooLargeError(maxBytes);
      const em = deps.orm.em.fork();
      const instanceId = await taskInstance(em, input.taskId, user);

      let stored: { sha256: string; size: number };
      try {
        stored = await store.put(input.body, { maxBytes, headBytes: SIGNATURE_BYTES, accepts: (head) => matchesSignature(contentType, head) });
      } catch (err) {
        if (!(err instanceof StoreRejectedError)) throw err;
        if (err.reason === 'tooLarge') throw new TooLargeError(maxBytes);
        if (err.reason === 'signature') throw new UnsupportedTypeError('fileContent', contentType, types);
        throw new ValidationError([{ path: '', message: t(locale, 'fileEmpty') }]);
      }
      const attachment = em.create(AttachmentSchema, {
        id: randomUUID(), sha256: stored.sha256, size: stored.size, contentType, fileName: name, uploadedBy: user.id, instanceId,
      });
      await em.flush();
      return attachmentJson(attachment);
    },

    async meta(id: string, user: SessionUser) {
      return attachmentJson(await readable(id, user));
    },

    /** The attachment and a stream of its bytes, for `user` who may read it. */
    async open(id: string, user: SessionUser) {
      const attachment = await readable(id, user);
      const bytes = await store.read(attachment.sha256).catch((err: unknown) => {
        // Its row exists but its bytes are not here: an API replica without the shared folder, or a lost file or blob.
        if (err instanceof StoredFileMissingError) {
          throw new ApiError(404, 'not_found', err.store === 'local' ? 'attachmentFileMissing' : 'attachmentBlobMissing');
        }
        throw err;
      });
      return { attachment, bytes };
    },
  };
}
