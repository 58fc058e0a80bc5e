import { describe, expect, it } from 'vitest';
import type { ApprovalDecision } from '../../forms/approvalDecision.js';
import type { RegradeProposal } from '../../forms/regradeProposal.js';
import { forms, getForm, listForms } from '../../forms/registry.js';
import { createFormValidator } from '../../forms/validate.js';
import { regradeProposal } from '../support/fixtures.js';

const validator = createFormValidator();

const proposal = regradeProposal(1024, 18);

function errorsOf(formKey: string, data: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const result = validator.validate(formKey, data, locale);
  if (result.ok) throw new Error(`expected ${formKey} to be invalid`);
  return result.errors;
}

describe('regrade-proposal', () => {
  it('accepts a complete proposal and returns the same data', () => {
    const result = validator.validate<RegradeProposal>('regrade-proposal', proposal, 'zh-CN');
    expect(result).toEqual({ ok: true, data: proposal });
  });

  it('rejects tier 31 at /proposedTier with the Chinese label', () => {
    const errors = errorsOf('regrade-proposal', { ...proposal, proposedTier: 31 });
    expect(errors).toEqual([{ path: '/proposedTier', message: expect.stringContaining('建议档位：') }]);
    expect(errors[0]?.message).toContain('30');
  });

  it('reports a missing reason at /reason in Chinese', () => {
    const { reason: _omitted, ...rest } = proposal;
    const errors = errorsOf('regrade-proposal', rest);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('/reason');
    expect(errors[0]?.message).toMatch(/^变更理由：.*[\u4e00-\u9fff]/);
  });

  it('speaks English when asked', () => {
    const errors = errorsOf('regrade-proposal', { ...proposal, proposedTier: 31 }, 'en');
    expect(errors).toEqual([{ path: '/proposedTier', message: 'Proposed tier: must be <= 30' }]);
  });

  it('addresses nested array items and unknown properties by JSON pointer', () => {
    const recentVolumes = [...proposal.recentVolumes, { month: '2025-13', cartons: -1 }];
    const errors = errorsOf('regrade-proposal', { ...proposal, recentVolumes, extra: 1 });
    expect(errors.map((e) => e.path).sort()).toEqual([
      '/extra',
      '/recentVolumes/3/cartons',
      '/recentVolumes/3/month',
    ]);
    expect(errors.find((e) => e.path === '/recentVolumes/3/month')?.message).toBe(
      '月份：应为 YYYY-MM 格式的月份',
    );
  });

  it('does not coerce types or mutate the input', () => {
    const data = { ...proposal, customerId: '1024' };
    const snapshot = structuredClone(data);
    expect(errorsOf('regrade-proposal', data).map((e) => e.path)).toEqual(['/customerId']);
    expect(data).toEqual(snapshot);
  });

  it('rejects an impossible calendar date', () => {
    const errors = errorsOf('regrade-proposal', { ...proposal, visitDate: '2025-02-30' });
    expect(errors.map((e) => e.path)).toEqual(['/visitDate']);
  });
});

describe('approval-decision', () => {
  it('requires a comment when returning, without the "then" noise', () => {
    const errors = errorsOf('approval-decision', { outcome: 'return' });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('/comment');
    expect(errors[0]?.message).toContain('审批意见');
    expect(errors.some((e) => e.message.includes('then'))).toBe(false);
  });

  it('requires a comment of at least 2 characters when rejecting', () => {
    const errors = errorsOf('approval-decision', { outcome: 'reject', comment: '否' }, 'en');
    expect(errors).toEqual([{ path: '/comment', message: expect.stringMatching(/^Comment: /) }]);
  });

  it('accepts approve without a comment', () => {
    const data: ApprovalDecision = { outcome: 'approve' };
    expect(validator.validate('approval-decision', data, 'zh-CN')).toEqual({ ok: true, data });
  });

  it('reports only the missing outcome when nothing is chosen', () => {
    expect(errorsOf('approval-decision', {}).map((e) => e.path)).toEqual(['/outcome']);
  });
});

describe('customer-profile-feedback', () => {
  const feedback = {
    customerId: 7,
    feedbackDate: '2025-05-06',
    operatingStatus: 'normal',
    contactPhone: '13800138000',
    changes: '无变更',
  };

  it('accepts mobile and landline numbers', () => {
    expect(validator.validate('customer-profile-feedback', feedback, 'zh-CN').ok).toBe(true);
    const landline = { ...feedback, contactPhone: '0731-84561234' };
    expect(validator.validate('customer-profile-feedback', landline, 'zh-CN').ok).toBe(true);
  });

  it('rejects an invalid phone number with a readable message', () => {
    const errors = errorsOf('customer-profile-feedback', { ...feedback, contactPhone: '12345' });
    expect(errors).toEqual([
      { path: '/contactPhone', message: '联系电话：应为 11 位手机号或带区号的固定电话' },
    ]);
  });
});

describe('work-record', () => {
  it('accepts a minimal record and rejects an unknown category', () => {
    const record = { date: '2025-05-06', category: 'visit', content: '拜访客户，了解销售情况' };
    expect(validator.validate('work-record', record, 'zh-CN').ok).toBe(true);
    const errors = errorsOf('work-record', { ...record, category: 'party' });
    expect(errors.map((e) => e.path)).toEqual(['/category']);
  });
});

describe('registry', () => {
  it('has unique keys and lists every form', () => {
    const keys = forms.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(listForms().map((f) => f.key)).toEqual(keys);
    expect(getForm('regrade-proposal')?.version).toBe(1);
    expect(getForm('nope')).toBeUndefined();
  });

  it('throws for an unknown form key', () => {
    expect(() => validator.validate('nope', {}, 'zh-CN')).toThrow(/nope/);
  });

  describe.each(forms.map((f) => [f.key, f] as const))('%s', (_key, form) => {
    const properties = Object.keys((form.schema as { properties: object }).properties);

    it('labels every top-level property in zh-CN and en', () => {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(form.title[locale]).toBeTruthy();
        for (const prop of properties) {
          expect(form.i18n[locale][`${prop}.label`], `${locale} ${prop}.label`).toBeTruthy();
        }
      }
    });

    it('compiles in Ajv strict mode (a schema mistake is found here, not as a 500 on the first submit)', () => {
      // Valid or not does not matter: validating compiles the schema, which throws on a strict-mode error.
      expect(() => validator.validate(form.key, {}, 'zh-CN')).not.toThrow();
    });

    it('scopes every UI control to an existing property', () => {
      const scopes = controlScopes(form.uischema);
      expect(scopes.length).toBeGreaterThan(0);
      for (const scope of scopes) {
        expect(properties.map((p) => `#/properties/${p}`)).toContain(scope);
      }
    });
  });
});

function controlScopes(element: unknown): string[] {
  const el = element as { type?: string; scope?: string; elements?: unknown[] };
  if (el.type === 'Control') return el.scope ? [el.scope] : [''];
  return (el.elements ?? []).flatMap(controlScopes);
}
