import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

/**
 * The custom search attributes every dutyflow workflow carries, so operators find a run in the Temporal UI
 * or CLI by process, business key (`customer:17`, `hazard:YH202611-0007`, `allocation:2026-12`), customer
 * or starter: `temporal workflow list --query "DutyflowBusinessKey = 'customer:17'"`.
 */
export const DUTYFLOW_SEARCH_ATTRIBUTES = {
  /** The process key (`regrade`, `hazard`, `allocation-cycle`, …). */
  process: defineSearchAttributeKey('DutyflowProcess', SearchAttributeType.KEYWORD),
  businessKey: defineSearchAttributeKey('DutyflowBusinessKey', SearchAttributeType.KEYWORD),
  /** The customer's id (as in `/api/customers/17`), for processes about one customer. */
  customer: defineSearchAttributeKey('DutyflowCustomer', SearchAttributeType.INT),
  /** The starter's username, or `schedule` for a run the monthly Schedule started. */
  starter: defineSearchAttributeKey('DutyflowStarter', SearchAttributeType.KEYWORD),
} as const;

/** Their names and types, as `temporal operator search-attribute create` takes them. */
export const SEARCH_ATTRIBUTE_TYPES: ReadonlyArray<{ name: string; type: 'Keyword' | 'Int' }> = Object.values(DUTYFLOW_SEARCH_ATTRIBUTES)
  .map((key) => ({ name: key.name, type: key.type === SearchAttributeType.INT ? 'Int' : 'Keyword' }));

/** The CLI command that registers `names` (all by default) on `namespace` of the Temporal at `address`. */
export function searchAttributeCommand(address: string, namespace: string, names = SEARCH_ATTRIBUTE_TYPES.map((a) => a.name)): string {
  const pairs = SEARCH_ATTRIBUTE_TYPES.filter((a) => names.includes(a.name)).map((a) => `--name ${a.name} --type ${a.type}`);
  return `temporal operator search-attribute create --address ${address} --namespace ${namespace} ${pairs.join(' ')}`;
}

/** What a dutyflow process instance's workflow is started with. */
export interface InstanceAttributes {
  processKey: string;
  businessKey?: string;
  customerId?: number;
  starter: string;
}

/** The typed search attributes of a workflow start. */
export function instanceSearchAttributes({ processKey, businessKey, customerId, starter }: InstanceAttributes): SearchAttributePair[] {
  const { process, businessKey: key, customer, starter: by } = DUTYFLOW_SEARCH_ATTRIBUTES;
  return [
    { key: process, value: processKey },
    ...(businessKey ? [{ key, value: businessKey }] : []),
    ...(customerId !== undefined && Number.isSafeInteger(customerId) ? [{ key: customer, value: customerId }] : []),
    { key: by, value: starter },
  ];
}
