// Every workflow the worker runs; the bundler starts here.
export { regrade } from './regrade.js';
export { hazardRectification } from './hazardRectification.js';
export { learningRecord } from './learningRecord.js';
export { deliverWebhook } from './webhookDelivery.js';
export { assignedTask } from './assignedTask.js';
export { allocationCycle } from './allocationCycle.js';
export { serviceRequest } from './serviceRequest.js';
export { complaint } from './complaint.js';
export { dailyRecord } from './dailyRecord.js';
export { visitPlan, visitPlanWeek } from './visitPlan.js';
