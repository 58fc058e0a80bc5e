import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser, requireRole } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { serve } from '../http/apiRoute.js';
import { userAdminApi } from './userAdminApi.js';
import { createUserAdminService } from './userAdminService.js';
import { createUserImport } from './userImport.js';
import { answerImport, importUpload } from '../http/importRoute.js';

/** The admins' people list: create, change, deactivate, reset passwords (issue 14). */
export function userAdminRoutes(deps: ApiDeps): Router {
  const router = Router();
  const people = createUserAdminService(deps.orm, deps.temporal);
  const imports = createUserImport(deps.orm);
  const admin = (res: Parameters<typeof currentUser>[0]) => {
    const user = currentUser(res);
    requireRole(user, 'admin');
    return user;
  };

  serve(router, userAdminApi.listAdminUsers, async (_req, res) => {
    admin(res);
    res.json(await people.list());
  });
  serve(router, userAdminApi.createUser, async (req, res) => {
    res.status(201).json(await people.create(admin(res), req.body, res.locals.locale as Locale));
  });
  serve(router, userAdminApi.updateUser, async (req, res) => {
    res.json(await people.update(admin(res), req.params.id, req.body, res.locals.locale as Locale));
  });
  serve(router, userAdminApi.importUsers, async (req, res) => {
    await answerImport(req, res, () => imports.import(admin(res), res.locals.locale as Locale, importUpload(req)));
  });
  serve(router, userAdminApi.resetUserPassword, async (req, res) => {
    res.json(await people.resetPassword(admin(res), req.params.id));
  });
  return router;
}
