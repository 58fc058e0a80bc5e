import type { ApiRoute } from '../http/apiRoute.js';
import { allocationCycleApi } from '../allocation/allocationCycleApi.js';
import { allocationDataApi } from '../allocation/allocationDataApi.js';
import { allocationStrategyApi } from '../allocation/allocationStrategyApi.js';
import { assignedTaskApi } from '../assignments/assignedTaskApi.js';
import { attachmentApi } from '../attachments/attachmentApi.js';
import { calendarApi } from '../calendar/calendarApi.js';
import { settingsApi } from '../settings/settingsApi.js';
import { auditApi } from '../audit/auditApi.js';
import { customerAdminApi } from '../customers/customerAdminApi.js';
import { customerApi } from '../customers/customerApi.js';
import { hazardApi } from '../hazards/hazardApi.js';
import { learningApi } from '../learning/learningApi.js';
import { authApi } from '../me/authApi.js';
import { meApi } from '../me/meApi.js';
import { notificationApi } from '../notifications/notificationApi.js';
import { configApi } from '../platform/configApi.js';
import { formApi } from '../platform/formApi.js';
import { healthApi } from '../platform/healthApi.js';
import { processApi } from '../processes/processApi.js';
import { taskApi } from '../tasks/taskApi.js';
import { userApi } from '../users/userApi.js';
import { userAdminApi } from '../users/userAdminApi.js';
import { setupApi } from '../setup/setupApi.js';
import { openapiApi } from './openapiApi.js';
import { serviceApi } from '../service/serviceApi.js';
import { visitPlanApi } from '../service/visitPlanApi.js';
import { commentApi } from '../comments/commentApi.js';

/** Every route declared beside its handlers; the OpenAPI document's paths are generated from these. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...Object.values(allocationCycleApi),
  ...Object.values(allocationDataApi),
  ...Object.values(allocationStrategyApi),
  ...Object.values(assignedTaskApi),
  ...Object.values(attachmentApi),
  ...Object.values(calendarApi),
  ...Object.values(settingsApi),
  ...Object.values(auditApi),
  ...Object.values(customerApi),
  ...Object.values(customerAdminApi),
  ...Object.values(hazardApi),
  ...Object.values(learningApi),
  ...Object.values(authApi),
  ...Object.values(meApi),
  ...Object.values(notificationApi),
  ...Object.values(configApi),
  ...Object.values(formApi),
  ...Object.values(healthApi),
  ...Object.values(processApi),
  ...Object.values(taskApi),
  ...Object.values(userApi),
  ...Object.values(userAdminApi),
  ...Object.values(setupApi),
  ...Object.values(serviceApi),
  ...Object.values(visitPlanApi),
  ...Object.values(commentApi),
  ...Object.values(openapiApi),
];
