import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs, TypedSearchAttributes } from '@temporalio/common';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectClient } from '../../runtime/temporalConnection.js';
import { DUTYFLOW_SEARCH_ATTRIBUTES } from '../../runtime/searchAttributes.js';
import { allocationScheduleId, ensureAllocationSchedule } from '../../worker/allocationSchedule.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';

/* What an operator relies on: dutyflow's workflows carry search attributes, registered where dutyflow may. */

const { IndexedValueType } = proto.temporal.api.enums.v1;
const address = inject('temporalAddress');
const NAMES = ['DutyflowProcess', 'DutyflowBusinessKey', 'DutyflowCustomer', 'DutyflowStarter'];

/** A namespace made the way an operator of a cluster makes it: without dutyflow's search attributes. */
async function bareNamespace(): Promise<string> {
  const namespace = `bare-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  } finally {
    await connection.close();
  }
  return namespace;
}

/** Runs an entry point (`api/main.ts`, `worker/main.ts`) until it exits; its exit code and what it printed. */
function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.once('exit', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe('registering the search attributes', () => {
  it('a namespace dutyflow creates (the dev server) gets all four, with their types', async () => {
    const namespace = `ns-${randomUUID().slice(0, 8)}`;
    const client = await connectClient(address, namespace, { createNamespace: true, timeoutMs: 30_000 });
    try {
      const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace });
      expect(customAttributes).toMatchObject({
        DutyflowProcess: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, DutyflowBusinessKey: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        DutyflowCustomer: IndexedValueType.INDEXED_VALUE_TYPE_INT, DutyflowStarter: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      });
    } finally {
      await client.connection.close();
    }
  });

  it('a cluster\'s namespace without them is refused at once, naming them and the command that adds them', async () => {
    const namespace = await bareNamespace();
    const started = Date.now();
    const refusal = await connectClient(address, namespace).then(() => undefined, (err: unknown) => err as Error);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refusal?.message).toContain(`Temporal at ${address}, namespace "${namespace}", lacks dutyflow's search attributes ${NAMES.join(', ')}`);
    expect(refusal?.message).toContain(`temporal operator search-attribute create --address ${address} --namespace ${namespace} `
      + '--name DutyflowProcess --type Keyword --name DutyflowBusinessKey --type Keyword --name DutyflowCustomer --type Int '
      + '--name DutyflowStarter --type Keyword');
  });

  it('npm run api and npm run worker stop at start on such a namespace, with that message', async () => {
    const namespace = await bareNamespace();
    const env = {
      DATABASE_URL: String(stack.orm.config.get('clientUrl')), TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace,
      DUTYFLOW_SECRET: 'test-secret-0123456789', DUTYFLOW_MIGRATE: 'false', DUTYFLOW_DEMO: 'false', LOG_LEVEL: 'silent', PORT: '0',
    };
    const [api, worker] = await Promise.all([run('api/main.ts', env), run('worker/main.ts', env)]);
    for (const { code, output } of [api, worker]) {
      expect(code).toBe(1);
      expect(output).toContain(`lacks dutyflow's search attributes ${NAMES.join(', ')}`);
      expect(output).toContain(`temporal operator search-attribute create --address ${address} --namespace ${namespace}`);
    }
  });

  it('once an operator has added them, the namespace is accepted', async () => {
    const namespace = await bareNamespace();
    const connection = await Connection.connect({ address });
    try {
      await connection.operatorService.addSearchAttributes({
        namespace, searchAttributes: Object.fromEntries(Object.values(DUTYFLOW_SEARCH_ATTRIBUTES).map((key) =>
          [key.name, key.type === 'INT' ? IndexedValueType.INDEXED_VALUE_TYPE_INT : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
      });
    } finally {
      await connection.close();
    }
    const client = await connectClient(address, namespace);
    await client.connection.close();
  });
});

describe('workflows carry them', () => {
  it('a started regrade is found by its business key, with its process, customer and starter', async () => {
    const token = await stack.login('mgr1');
    const { customer, started } = await proposeForReview(stack, token, await stack.login('sup1'), 11, 12);
    const businessKey = `customer:${customer.id}`;
    const found = await eventually(async () => {
      for await (const execution of stack.temporal.workflow.list({ query: `DutyflowBusinessKey = '${businessKey}' AND DutyflowProcess = 'regrade'` })) {
        if (execution.workflowId === started.body.id) return execution;
      }
      return undefined;
    });
    expect(found.typedSearchAttributes.get(DUTYFLOW_SEARCH_ATTRIBUTES.customer)).toBe(customer.id);
    expect(found.typedSearchAttributes.get(DUTYFLOW_SEARCH_ATTRIBUTES.starter)).toBe('mgr1');
    expect(found.typedSearchAttributes.get(DUTYFLOW_SEARCH_ATTRIBUTES.businessKey)).toBe(businessKey);
  });

  it('the monthly Schedule starts its runs with the process and `schedule` as starter', async () => {
    const config = { ...stack.config, allocation: { ...stack.config.allocation, schedule: true } };
    const scheduleId = await ensureAllocationSchedule(stack.temporal, config);
    try {
      const described = await stack.temporal.schedule.getHandle(allocationScheduleId(config.temporal.taskQueue)).describe();
      expect(described.action.type).toBe('startWorkflow');
      const given = described.action.type === 'startWorkflow' ? described.action.typedSearchAttributes : undefined;
      const attributes = given instanceof TypedSearchAttributes ? given : new TypedSearchAttributes(given ?? []);
      expect(attributes.get(DUTYFLOW_SEARCH_ATTRIBUTES.process)).toBe('allocation-cycle');
      expect(attributes.get(DUTYFLOW_SEARCH_ATTRIBUTES.starter)).toBe('schedule');
    } finally {
      await stack.temporal.schedule.getHandle(scheduleId!).delete();
    }
  });
});
