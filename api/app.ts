import express, { type Express } from 'express';
import { authenticate } from './auth.js';
import type { ApiDeps } from './deps.js';
import { errorMiddleware } from './errorMiddleware.js';
import { NotFoundError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { allocationCycleRoutes } from './routes/allocationCycleRoutes.js';
import { allocationDataRoutes } from './routes/allocationDataRoutes.js';
import { attachmentRoutes } from './routes/attachmentRoutes.js';
import { authRoutes } from './routes/authRoutes.js';
import { calendarRoutes } from './routes/calendarRoutes.js';
import { configRoutes } from './routes/configRoutes.js';
import { customerRoutes } from './routes/customerRoutes.js';
import { formRoutes } from './routes/formRoutes.js';
import { assignedTaskRoutes } from './routes/assignedTaskRoutes.js';
import { hazardRoutes } from './routes/hazardRoutes.js';
import { healthRoutes } from './routes/healthRoutes.js';
import { learningRoutes } from './routes/learningRoutes.js';
import { meRoutes } from './routes/meRoutes.js';
import { notificationRoutes } from './routes/notificationRoutes.js';
import { processRoutes } from './routes/processRoutes.js';
import { taskRoutes } from './routes/taskRoutes.js';
import { userRoutes } from './routes/userRoutes.js';
import { webAssets } from './webAssets.js';

export interface AppOptions {
  /** The built web app to serve (default `web/dist` of this checkout; nothing is served when it has no index.html). */
  webDist?: string;
}

/**
 * The HTTP API: `/api/*` (authenticated except login and the OpenAPI document), `/healthz`, `/readyz`,
 * and the built web app for everything else.
 */
export function createApp(deps: ApiDeps, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(deps));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/api', authRoutes(deps));
  app.use('/api', authenticate(deps.orm, deps.tokens));
  app.use('/api', formRoutes(), processRoutes(deps), taskRoutes(deps), customerRoutes(deps), meRoutes(deps), userRoutes(deps),
    configRoutes(deps), calendarRoutes(deps), attachmentRoutes(deps));
  app.use('/api', hazardRoutes(deps));
  app.use('/api', assignedTaskRoutes(deps));
  app.use('/api', notificationRoutes(deps));
  app.use('/api', learningRoutes(deps));
  app.use('/api', allocationDataRoutes(deps));
  app.use('/api', allocationCycleRoutes(deps));
  app.use(webAssets(options.webDist));
  app.use(() => {
    throw new NotFoundError('route');
  });
  app.use(errorMiddleware(deps.log));
  return app;
}
