export * from './User.js';
export * from './Customer.js';
export * from './ProcessInstance.js';
export * from './Task.js';
export * from './FormRecord.js';
export * from './AuditEvent.js';
export * from './Hazard.js';
export * from './AssignedTrack.js';
export * from './InstanceWatcher.js';
export * from './SavedFilter.js';
export * from './Attachment.js';
export * from './WorkCalendarDay.js';
export * from './Notification.js';
export * from './Webhook.js';
export * from './LearningRecord.js';
export * from './Product.js';
export * from './AllocationPlan.js';
export * from './Session.js';
export * from './ServiceRequest.js';
export * from './Complaint.js';
export * from './AllocationStrategy.js';
export * from './PlannedVisit.js';
export * from './Comment.js';

import { UserSchema } from './User.js';
import { CustomerSchema, TierChangeSchema } from './Customer.js';
import { ProcessInstanceSchema } from './ProcessInstance.js';
import { TaskSchema } from './Task.js';
import { FormRecordSchema } from './FormRecord.js';
import { AuditEventSchema } from './AuditEvent.js';
import { HazardSchema } from './Hazard.js';
import { AssignedTrackSchema } from './AssignedTrack.js';
import { InstanceWatcherSchema } from './InstanceWatcher.js';
import { SavedFilterSchema } from './SavedFilter.js';
import { AttachmentSchema } from './Attachment.js';
import { WorkCalendarDaySchema } from './WorkCalendarDay.js';
import { NotificationSchema } from './Notification.js';
import { WebhookDeliverySchema, WebhookSchema } from './Webhook.js';
import { LearningRecordSchema } from './LearningRecord.js';
import { ProductAvailabilitySchema, ProductSchema } from './Product.js';
import { AllocationPartSchema, AllocationPlanSchema } from './AllocationPlan.js';
import { SessionSchema } from './Session.js';
import { CustomerVisitSchema, ServiceRequestSchema } from './ServiceRequest.js';
import { ComplaintSchema } from './Complaint.js';
import { AllocationStrategySchema } from './AllocationStrategy.js';
import { PlannedVisitSchema } from './PlannedVisit.js';
import { CommentSchema } from './Comment.js';

export const entities = [
  UserSchema, CustomerSchema, TierChangeSchema, ProcessInstanceSchema, TaskSchema, FormRecordSchema, AuditEventSchema, HazardSchema, AssignedTrackSchema, InstanceWatcherSchema,
  SavedFilterSchema, WorkCalendarDaySchema,
  AttachmentSchema,
  NotificationSchema, WebhookSchema, WebhookDeliverySchema,
  LearningRecordSchema,
  ProductSchema, ProductAvailabilitySchema,
  AllocationPlanSchema, AllocationPartSchema,
  SessionSchema,
  ServiceRequestSchema, CustomerVisitSchema, ComplaintSchema,
  AllocationStrategySchema,
  PlannedVisitSchema,
  CommentSchema,
];
