import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { createAttachmentService } from './attachmentService.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { isInlineImage } from './fileSignatures.js';
import { serve } from '../http/apiRoute.js';
import { attachmentApi } from './attachmentApi.js';

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the plain name for old clients, the exact one for the rest. */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** Uploading files (the raw body) and reading them back, for forms' attachment fields. */
export function attachmentRoutes(deps: ApiDeps): Router {
  const router = Router();
  const attachments = createAttachmentService(deps);

  serve(router, attachmentApi.uploadAttachment, async (req, res) => {
    try {
      const created = await attachments.upload(currentUser(res), res.locals.locale as Locale, {
        name: req.query.name, taskId: req.query.taskId,
        contentType: req.get('content-type'), contentLength: req.get('content-length'), body: req,
      });
      res.status(201).location(`/api/attachments/${created.id}`).json(created);
    } catch (err) {
      // A refused body is not read to its end (it may be huge): the connection closes after the answer.
      if (!req.complete) res.setHeader('Connection', 'close');
      throw err;
    }
  });
  serve(router, attachmentApi.getAttachment, async (req, res) => {
    res.json(await attachments.meta(req.params.id, currentUser(res)));
  });
  serve(router, attachmentApi.downloadAttachment, async (req, res) => {
    const { attachment, bytes } = await attachments.open(req.params.id, currentUser(res));
    res.setHeader('Content-Type', attachment.contentType);
    res.setHeader('Content-Length', String(attachment.size));
    res.setHeader('Content-Disposition', contentDisposition(attachment.fileName, isInlineImage(attachment.contentType)));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private');
    try {
      await pipeline(bytes, res);
    } catch (err) {
      // Once bytes are on their way, the error shape cannot follow: the client sees a cut response.
      if (!res.headersSent) throw err;
      deps.log.warn({ err, attachmentId: attachment.id }, 'attachment download interrupted');
      res.destroy();
    }
  });
  return router;
}
