import { Router } from 'express';
import { getForm, listForms } from '../../forms/registry.js';
import { NotFoundError } from '../http/errors.js';

export function formRoutes(): Router {
  const router = Router();
  router.get('/forms', (_req, res) => {
    res.json({ items: listForms() });
  });
  router.get('/forms/:key', (req, res) => {
    const form = getForm(req.params.key);
    if (!form) throw new NotFoundError('form');
    res.json({ key: form.key, version: form.version, title: form.title, schema: form.schema, uischema: form.uischema, i18n: form.i18n });
  });
  return router;
}
