import { Router } from 'express';
import type { ApiDeps } from '../http/deps.js';
import { createUserService } from './userService.js';
import { serve } from '../http/apiRoute.js';
import { userApi } from './userApi.js';

/** The people directory: any signed-in user may read the names behind ids. */
export function userRoutes(deps: ApiDeps): Router {
  const router = Router();
  const users = createUserService(deps.orm);
  serve(router, userApi.listUsers, async (_req, res) => {
    res.json(await users.list());
  });
  return router;
}
