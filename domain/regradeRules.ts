/** Pure regrade rules shared by the workflow and the API (no Temporal imports). */

/** The instance title lists show: customer and the move, tiers as D1–D30. */
export function regradeTitle(customerName: string, fromTier: number, toTier: number): string {
  return `${customerName} D${fromTier} → D${toTier}`;
}

/** The business key of a regrade: one running instance per customer, and how a customer's instances are found. */
export function customerBusinessKey(customerId: number | string): string {
  return `customer:${customerId}`;
}
