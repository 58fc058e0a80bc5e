import express, { type Express } from 'express';
import { authenticate } from './http/auth.js';
import { compressReads } from './http/compressReads.js';
import type { ApiDeps } from './http/deps.js';
import { errorMiddleware } from './http/errorMiddleware.js';
import { NotFoundError } from './http/errors.js';
import { refuseNulCharacters } from './http/nulCharacters.js';
import { securityHeaders } from './http/securityHeaders.js';
import { API_ROUTES } from './openapi/apiRoutes.js';
import { openapiRoutes } from './openapi/openapiRoutes.js';
import { allocationCycleRoutes } from './allocation/allocationCycleRoutes.js';
import { allocationDataRoutes } from './allocation/allocationDataRoutes.js';
import { allocationStrategyRoutes } from './allocation/allocationStrategyRoutes.js';
import { attachmentRoutes } from './attachments/attachmentRoutes.js';
import { authRoutes } from './me/authRoutes.js';
import { calendarRoutes } from './calendar/calendarRoutes.js';
import { settingsRoutes } from './settings/settingsRoutes.js';
import { auditRoutes } from './audit/auditRoutes.js';
import { configRoutes } from './platform/configRoutes.js';
import { customerRoutes } from './customers/customerRoutes.js';
import { customerAdminRoutes } from './customers/customerAdminRoutes.js';
import { formRoutes } from './platform/formRoutes.js';
import { assignedTaskRoutes } from './assignments/assignedTaskRoutes.js';
import { hazardRoutes } from './hazards/hazardRoutes.js';
import { adminHealthRoutes, healthRoutes } from './platform/healthRoutes.js';
import { learningRoutes } from './learning/learningRoutes.js';
import { meRoutes } from './me/meRoutes.js';
import { notificationRoutes } from './notifications/notificationRoutes.js';
import { processRoutes } from './processes/processRoutes.js';
import { taskRoutes } from './tasks/taskRoutes.js';
import { userRoutes } from './users/userRoutes.js';
import { userAdminRoutes } from './users/userAdminRoutes.js';
import { setupRoutes } from './setup/setupRoutes.js';
import { webAssets } from './http/webAssets.js';
import { serviceRoutes } from './service/serviceRoutes.js';
import { visitPlanRoutes } from './service/visitPlanRoutes.js';
import { commentRoutes } from './comments/commentRoutes.js';

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
  app.use(securityHeaders());
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', compressReads());
  app.use(refuseNulCharacters(API_ROUTES));
  app.use(healthRoutes(deps));
  app.use('/api', openapiRoutes());
  app.use('/api', setupRoutes(deps));
  app.use('/api', authRoutes(deps));
  app.use('/api', authenticate(deps.orm, deps.tokens, deps.config.webhooks.publicUrl));
  app.use('/api', formRoutes(), processRoutes(deps), taskRoutes(deps), customerRoutes(deps), meRoutes(deps), userRoutes(deps),
    configRoutes(deps), calendarRoutes(deps), settingsRoutes(deps), auditRoutes(deps), attachmentRoutes(deps));
  app.use('/api', hazardRoutes(deps));
  app.use('/api', assignedTaskRoutes(deps));
  app.use('/api', notificationRoutes(deps));
  app.use('/api', learningRoutes(deps));
  app.use('/api', serviceRoutes(deps));
  app.use('/api', visitPlanRoutes(deps));
  app.use('/api', commentRoutes(deps));
  app.use('/api', allocationDataRoutes(deps));
  app.use('/api', allocationCycleRoutes(deps));
  app.use('/api', allocationStrategyRoutes(deps));
  app.use('/api', adminHealthRoutes(deps));
  app.use('/api', customerAdminRoutes(deps));
  app.use('/api', userAdminRoutes(deps));
  app.use(webAssets(options.webDist));
  app.use(() => {
    throw new NotFoundError('route');
  });
  app.use(errorMiddleware(deps.log));
  return app;
}
