/** The API's shapes, as the pages use them (see /api/openapi.json). */
export interface Task {
  id: string;
  instanceId: string;
  processKey: string;
  stepKey: string;
  name: string;
  formKey: string;
  formVersion: number;
  assigneeId: number | null;
  candidateRoles: string[];
  claimedBy: number | null;
  status: 'open' | 'done' | 'cancelled';
  outcome: string | null;
  allowedOutcomes: string[];
  /** Approval actions the step allows: transfer, addSigner, cc. */
  actions: string[];
  priority: number;
  prefill: Record<string, unknown> | null;
  fixedData: Record<string, unknown> | null;
  context: Record<string, unknown>;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  completedAt: string | null;
  completedBy: number | null;
  canAct: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

export interface FormDefinition {
  key: string;
  version: number;
  title: Record<string, string>;
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  i18n: Record<string, Record<string, string>>;
}

export interface Instance {
  id: string;
  workflowId?: string;
  processKey: string;
  businessKey: string;
  title: string;
  status: string;
  currentStep: string | null;
  startedBy: number;
  summary: Record<string, unknown>;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface FormRecord {
  id: string;
  formKey: string;
  formVersion: number;
  data: Record<string, unknown>;
  taskId: string | null;
  createdBy: number;
  createdAt: string;
}

export interface TimelineEvent {
  at: string;
  type: string;
  actorId: number | null;
  taskId: string | null;
  data: Record<string, unknown>;
}

export interface InstanceDetail extends Instance {
  tasks: Task[];
  records: FormRecord[];
  timeline: TimelineEvent[];
}

export interface Customer {
  id: number;
  code: string;
  name: string;
  managerId: number;
  tier: number;
  tierLabel: string;
  marketType: string;
  businessType: string;
  address: string | null;
}

export interface CustomerDetail extends Customer {
  tierHistory: {
    fromTier: number;
    toTier: number;
    effectiveFrom: string;
    instanceId: string | null;
    decidedBy: number | null;
    changedAt: string;
  }[];
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
}

export interface ProcessEntry {
  key: string;
  title: Record<string, string>;
  formKey: string;
}
