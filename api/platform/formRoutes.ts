import { Router } from 'express';
import { getForm, listForms } from '../../forms/registry.js';
import { NotFoundError } from '../http/errors.js';
import { serve } from '../http/apiRoute.js';
import { formApi } from './formApi.js';
import { formJson } from './formContract.js';

export function formRoutes(): Router {
  const router = Router();
  serve(router, formApi.listForms, (_req, res) => {
    res.json({ items: listForms() });
  });
  serve(router, formApi.getForm, (req, res) => {
    const form = getForm(req.params.key);
    if (!form) throw new NotFoundError('form');
    res.json(formJson(form));
  });
  return router;
}
