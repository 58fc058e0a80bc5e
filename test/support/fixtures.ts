import type { RegradeProposal } from '../../forms/regradeProposal.js';

/** A valid regrade proposal for `customerId`, with evidence as a customer manager would give it. */
export function regradeProposal(customerId: number, proposedTier: number, extra: Partial<RegradeProposal> = {}): RegradeProposal {
  return {
    customerId,
    proposedTier,
    reason: '近三个月销量持续增长，经营面积扩大，申请调整档位',
    recentVolumes: [
      { month: '2026-08', cartons: 120 },
      { month: '2026-09', cartons: 135 },
      { month: '2026-10', cartons: 150 },
    ],
    visitDate: '2026-11-20',
    visitFacts: '实地走访核实：店面已扩建，客流明显增加',
    ...extra,
  };
}
