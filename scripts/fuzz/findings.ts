import { existsSync, readFileSync } from 'node:fs';

/** How the summary sorts schemathesis' checks; `serverError` is counted from the answers themselves. */
export type Category = 'serverError' | 'schema' | 'validRefused' | 'invalidAccepted' | 'other';

const CATEGORY_OF_CHECK: Record<string, Category> = {
  not_a_server_error: 'serverError',
  response_schema_conformance: 'schema',
  status_code_conformance: 'schema',
  content_type_conformance: 'schema',
  response_headers_conformance: 'schema',
  positive_data_acceptance: 'validRefused',
  negative_data_rejection: 'invalidAccepted',
};

/** One kind of failure on one operation: the first request that showed it, and how many did. */
export interface Finding {
  category: Category;
  check: string;
  operation: string;
  status: number | null;
  /** What schemathesis says is wrong, cut short. */
  detail: string;
  count: number;
  request: RecordedRequest;
  response: string;
}

export interface RecordedRequest { method: string; uri: string; headers: Record<string, string[]>; body: Buffer | undefined }

export interface FuzzFindings {
  /** `METHOD /path` of every operation schemathesis ran a scenario for. */
  operationsSeen: Set<string>;
  requests: number;
  serverErrorAnswers: number;
  findings: Finding[];
  /** Whether the run got to its end (not stopped at the time limit or by a crash). */
  finished: boolean;
}

interface Interaction {
  request: { method: string; uri: string; headers: Record<string, string[]>; body?: unknown };
  response?: { status_code: number; headers?: Record<string, string[]>; content?: unknown } | null;
}
interface CheckResult { name: string; status: string; failure_info?: { failure: { operation: string; title: string; message: string } } }
interface Recorder {
  label?: string;
  cases?: Record<string, { value: { method: string; path: string } }>;
  checks?: Record<string, CheckResult[]>;
  interactions?: Record<string, Interaction>;
}

/** A recorded body: base64 (`{$base64}`) or text, as the bytes that went over the wire. */
function bytesOf(content: unknown): Buffer {
  if (content === undefined || content === null) return Buffer.alloc(0);
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  const b64 = (content as { $base64?: string }).$base64;
  return b64 === undefined ? Buffer.from(JSON.stringify(content), 'utf8') : Buffer.from(b64, 'base64');
}

/** An answer's body as one short line; a file (an export, an upload) by its size and type only. */
function describeAnswer(response: Interaction['response']): string {
  const bytes = bytesOf(response?.content);
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes) && !/[\u0000-\u0008\u000e-\u001f]/.test(text)) return oneLine(text, 240);
  const type = Object.entries(response?.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1]?.[0];
  return `(${bytes.length} bytes of ${type ?? 'binary'})`;
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/** The part of a check's message that tells two failures of one check apart (e.g. which parameter). */
function detailOf(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  const telling = lines.filter((line) => !/^(Expected|Valid data should|Invalid data should)/.test(line));
  return oneLine(telling.join(' · '), 240);
}

/** The messages of an error answer (`{error:{details:{errors:[{message}]}}}`), which tell refusals apart. */
function refusalReasons(answer: string): string {
  try {
    const body = JSON.parse(answer) as { error?: { code?: string; details?: { errors?: { message?: string }[] } } };
    const messages = (body.error?.details?.errors ?? []).map((e) => e.message ?? '');
    return [body.error?.code ?? '', ...new Set(messages)].join(' | ');
  } catch {
    return '';
  }
}

/** Reads the NDJSON events of one `st run`: every request sent, each failing check grouped by operation. */
export function readFindings(ndjsonFile: string): FuzzFindings {
  const byKey = new Map<string, Finding>();
  const result: FuzzFindings = { operationsSeen: new Set(), requests: 0, serverErrorAnswers: 0, findings: [], finished: false };
  const add = (key: string, make: () => Omit<Finding, 'count'>) => {
    const found = byKey.get(key);
    if (found) found.count++;
    else byKey.set(key, { ...make(), count: 1 });
  };
  // No file: the CLI failed before it began; `finished` stays false and the run counts as broken.
  const text = existsSync(ndjsonFile) ? readFileSync(ndjsonFile, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let event: Record<string, { recorder?: Recorder; stop_reason?: string }>;
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      continue; // the last line of a run killed mid-write
    }
    if (event.EngineFinished) result.finished = event.EngineFinished.stop_reason === 'completed';
    const recorder = event.ScenarioFinished?.recorder;
    if (!recorder) continue;
    if (recorder.label && /^[A-Z]+ \//.test(recorder.label)) result.operationsSeen.add(recorder.label);
    for (const [id, interaction] of Object.entries(recorder.interactions ?? {})) {
      result.requests++;
      const value = recorder.cases?.[id]?.value;
      const operation = value ? `${value.method} ${value.path}` : interaction.request.method;
      const status = interaction.response?.status_code ?? null;
      const request = { ...interaction.request, body: interaction.request.body === undefined ? undefined : bytesOf(interaction.request.body) };
      const response = describeAnswer(interaction.response);
      const reasons = refusalReasons(bytesOf(interaction.response?.content).toString('utf8'));
      if (status !== null && status >= 500) {
        result.serverErrorAnswers++;
        add(`5xx ${operation} ${status}`, () => ({ category: 'serverError', check: 'not_a_server_error', operation, status, detail: 'server error', request, response }));
      }
      for (const check of recorder.checks?.[id] ?? []) {
        const failure = check.failure_info?.failure;
        const category = CATEGORY_OF_CHECK[check.name] ?? 'other';
        if (check.status !== 'failure' || !failure || category === 'serverError') continue;
        const detail = [failure.title, detailOf(failure.message)].filter(Boolean).join(': ');
        add(`${check.name} ${failure.operation} ${status} ${detail} ${reasons}`, () =>
          ({ category, check: check.name, operation: failure.operation, status, detail, request, response }));
      }
    }
  }
  result.findings = [...byKey.values()];
  return result;
}
