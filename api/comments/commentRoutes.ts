import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { serve } from '../http/apiRoute.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { commentApi } from './commentApi.js';
import { createCommentService } from './commentService.js';

/** The 评论 thread of every process instance. */
export function commentRoutes(deps: ApiDeps): Router {
  const router = Router();
  const comments = createCommentService(deps);

  serve(router, commentApi.listComments, async (req, res) => {
    res.json(await comments.list(req.params.id, currentUser(res)));
  });
  serve(router, commentApi.addComment, async (req, res) => {
    const { comment, created } = await comments.add(req.params.id, currentUser(res), req.body, res.locals.locale as Locale);
    res.status(created ? 201 : 200).json(comment);
  });
  return router;
}
