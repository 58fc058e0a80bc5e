import type { FieldError } from '../api';

/** One line of the lines API (`/allocation/cycles/:month/lines`). */
export interface ReviewLine {
  customerId: number;
  customerCode: string;
  customerName: string;
  tier: number;
  productCode: string;
  productName: string;
  drafted: number;
  quantity: number;
}

export interface Adjustment {
  customerId: number;
  productCode: string;
  quantity: number;
}

export interface GridCustomer {
  id: number;
  code: string;
  name: string;
  tier: number;
}

export interface GridProduct {
  code: string;
  name: string;
}

/**
 * A manager's part as a dense grid: customers × products, cell `row * products.length + col`.
 * Typed arrays instead of 45,000 objects: the grid reads a cell by index on every render.
 */
export interface ReviewGrid {
  customers: GridCustomer[];
  products: GridProduct[];
  /** Drafted cartons per cell; a cell without a line was drafted at 0 (the server says the same). */
  drafted: Int32Array;
  /** The manager's drafted total per product (column). */
  draftedTotals: number[];
}

/** The lines (any order) as a grid: customers by code, products by code, like the server sorts them. */
export function buildGrid(lines: readonly ReviewLine[]): ReviewGrid {
  const customers = new Map<number, GridCustomer>();
  const products = new Map<string, GridProduct>();
  for (const l of lines) {
    if (!customers.has(l.customerId)) customers.set(l.customerId, { id: l.customerId, code: l.customerCode, name: l.customerName, tier: l.tier });
    if (!products.has(l.productCode)) products.set(l.productCode, { code: l.productCode, name: l.productName });
  }
  const rows = [...customers.values()].sort((a, b) => a.code.localeCompare(b.code));
  const cols = [...products.values()].sort((a, b) => a.code.localeCompare(b.code));
  const rowOf = new Map(rows.map((c, i) => [c.id, i]));
  const colOf = new Map(cols.map((p, i) => [p.code, i]));
  const drafted = new Int32Array(rows.length * cols.length);
  const draftedTotals = cols.map(() => 0);
  for (const l of lines) {
    const col = colOf.get(l.productCode)!;
    drafted[rowOf.get(l.customerId)! * cols.length + col] = l.drafted;
    draftedTotals[col]! += l.drafted;
  }
  return { customers: rows, products: cols, drafted, draftedTotals };
}

/** The quantities a drafted line may be moved to: ⌈d·(1−b)⌉ … ⌊d·(1+b)⌋, as api/allocation/allocationReview.ts checks them. */
export function adjustmentRange(drafted: number, bound: number): { min: number; max: number } {
  const eps = 1e-9;
  return { min: Math.max(0, Math.ceil(drafted * (1 - bound) - eps)), max: Math.floor(drafted * (1 + bound) + eps) };
}

type Listener = () => void;

/**
 * The manager's edits, outside React state: a Map of changed cells, the adjusted total per product,
 * and per-key listeners, so a keystroke re-renders its own cell and its product's total only
 * (components subscribe with useSyncExternalStore to `cell index`, `total:<col>` or `summary`).
 */
export class ReviewEdits {
  /** Adjusted quantity by cell index; only cells that differ from the draft. */
  readonly edits = new Map<number, number>();
  /** Cells out of the ± bound. */
  readonly outOfBound = new Set<number>();
  /** The server's message by cell index (from the last 422), until the cell is edited. */
  readonly serverErrors = new Map<number, string>();
  /** The server's messages that name no cell. */
  otherErrors: string[] = [];
  /** Adjusted total per product. */
  readonly totals: number[];
  comment = '';
  private readonly versions = new Map<string, number>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly colOf: Map<string, number>;
  private readonly rowOf: Map<number, number>;

  private reporter: ((data: { adjustments: Adjustment[]; comment?: string }) => void) | undefined;
  private reportScheduled = false;

  constructor(readonly grid: ReviewGrid, readonly bound: number) {
    this.totals = [...grid.draftedTotals];
    this.colOf = new Map(grid.products.map((p, i) => [p.code, i]));
    this.rowOf = new Map(grid.customers.map((c, i) => [c.id, i]));
  }

  /** The cell of a customer and product, or undefined when the grid has no such customer/product. */
  indexOf(customerId: number, productCode: string): number | undefined {
    const row = this.rowOf.get(customerId);
    const col = this.colOf.get(productCode);
    return row === undefined || col === undefined ? undefined : row * this.grid.products.length + col;
  }

  /** Whose line a cell is, as the grid names it to people: the customer's name and code, the product's name. */
  cellNames(index: number): { customer: string; code: string; product: string } {
    const P = this.grid.products.length;
    const customer = this.grid.customers[Math.floor(index / P)]!;
    return { customer: customer.name, code: customer.code, product: this.grid.products[index % P]!.name };
  }

  drafted(index: number): number {
    return this.grid.drafted[index] ?? 0;
  }

  quantity(index: number): number {
    return this.edits.get(index) ?? this.drafted(index);
  }

  overTotal(col: number): boolean {
    return (this.totals[col] ?? 0) > (this.grid.draftedTotals[col] ?? 0);
  }

  /** Sets a cell (undefined: back to the draft) and tells its cell, its product's total and the summary. */
  set(index: number, quantity: number | undefined): void {
    const col = index % this.grid.products.length;
    const drafted = this.drafted(index);
    const next = quantity === undefined || quantity === drafted ? undefined : quantity;
    const before = this.quantity(index);
    if (next === undefined) this.edits.delete(index);
    else this.edits.set(index, next);
    const after = this.quantity(index);
    const { min, max } = adjustmentRange(drafted, this.bound);
    if (after < min || after > max) this.outOfBound.add(index);
    else this.outOfBound.delete(index);
    this.serverErrors.delete(index);
    this.totals[col] = (this.totals[col] ?? 0) - before + after;
    this.notify(String(index), `total:${col}`, 'summary');
    this.report();
  }

  setComment(comment: string): void {
    this.comment = comment;
    this.report();
  }

  /** Who is told the submission after edits (at most once per turn of the event loop); returns the undo. */
  listen(reporter: (data: { adjustments: Adjustment[]; comment?: string }) => void): () => void {
    this.reporter = reporter;
    return () => {
      if (this.reporter === reporter) this.reporter = undefined;
    };
  }

  /** `{adjustments, comment}` as the form's data. */
  submission(): { adjustments: Adjustment[]; comment?: string } {
    return { adjustments: this.adjustments(), ...(this.comment ? { comment: this.comment } : {}) };
  }

  private report(): void {
    if (this.reportScheduled) return;
    this.reportScheduled = true;
    setTimeout(() => {
      this.reportScheduled = false;
      this.reporter?.(this.submission());
    }, 0);
  }

  /** The submission: every changed line, in grid order. */
  adjustments(): Adjustment[] {
    const P = this.grid.products.length;
    return [...this.edits.keys()].sort((a, b) => a - b).map((index) => ({
      customerId: this.grid.customers[Math.floor(index / P)]!.id, productCode: this.grid.products[index % P]!.code, quantity: this.edits.get(index)!,
    }));
  }

  /** Loads a submission (a prefill or a stored record) without telling anyone: the grid renders after. */
  load(adjustments: readonly Adjustment[], comment = ''): void {
    for (const a of adjustments) {
      const index = this.indexOf(a.customerId, a.productCode);
      if (index !== undefined) this.set(index, a.quantity);
    }
    this.comment = comment;
  }

  /** Places the server's 422 errors (`/adjustments/<i>/…` of the `submitted` array) on their cells. */
  showServerErrors(errors: readonly FieldError[], submitted: readonly Adjustment[]): void {
    const touched = [...this.serverErrors.keys()];
    this.serverErrors.clear();
    this.otherErrors = [];
    for (const e of errors) {
      const match = /^\/adjustments\/(\d+)(?:\/|$)/.exec(e.path);
      const line = match ? submitted[Number(match[1])] : undefined;
      const index = line ? this.indexOf(line.customerId, line.productCode) : undefined;
      if (index === undefined) this.otherErrors.push(e.message);
      else this.serverErrors.set(index, this.serverErrors.has(index) ? `${this.serverErrors.get(index)!}; ${e.message}` : e.message);
    }
    this.notify(...[...touched, ...this.serverErrors.keys()].map(String), 'summary');
  }

  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** A number that changes whenever `key` does (the snapshot for useSyncExternalStore). */
  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  private notify(...keys: string[]): void {
    for (const key of keys) {
      this.versions.set(key, this.version(key) + 1);
      for (const listener of this.listeners.get(key) ?? []) listener();
    }
  }
}
