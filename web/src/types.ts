/**
 * The API's shapes, as the server declares them: each type comes from the JSON Schema its route
 * documents in /api/openapi.json (json-schema-to-ts), so the pages cannot drift from the API.
 */
export type { CompleteTaskBody, CompleteTaskResult, Task, TaskActionBody } from '../../api/tasks/taskContract';
export type { CopiedPage } from '../../api/tasks/taskContract';
export type { TaskInFull } from '../../api/tasks/taskInFullContract';
export type { ChaseBody, ChaseResult } from '../../api/processes/processContract';
export type { Comment, CommentBody, CommentList } from '../../api/comments/commentContract';
export type {
  FormRecord, Instance, InstanceDetail, ProcessEntry, StartInstanceBody, TimelineEvent, WithdrawBody,
} from '../../api/processes/processContract';
export type { Customer, CustomerDetail } from '../../api/customers/customerContract';
export type { UserSummary } from '../../api/users/userContract';
export type { FormDefinition } from '../../api/platform/formContract';
export type { ChangePasswordBody, SavedFilterBody } from '../../api/me/meContract';
export type { WebhookBody, WebhookTestBody } from '../../api/notifications/notificationContract';
export type { FormSubmissionBody } from '../../api/http/sharedContract';
export type { ProductStrategyBody } from '../../api/allocation/allocationStrategyContract';

/** One page of a list (`page()` in the API's schemas). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}
