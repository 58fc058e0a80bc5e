import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../api/http/auth.js';
import { ValidationError } from '../../api/http/errors.js';
import { readLearningQuery } from '../../api/learning/learningRecords.js';
import { createFormValidator } from '../../forms/validate.js';

const validator = createFormValidator();
const me: SessionUser = { id: 7, username: 'mgr1', displayName: '王经理', roles: ['customer_manager'], supervisorId: 4, locale: 'zh-CN' };
const record = { title: '营销技能培训', kind: 'training', date: '2026-03-02', hours: 2.5, content: '终端陈列与客户沟通技巧的学习体会' };

function paths(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return err.errors.map((e) => e.path).sort();
    throw err;
  }
  return [];
}

describe('the learning-record form', () => {
  it('takes a record without certificates, and up to three', () => {
    expect(validator.validate('learning-record', record, 'zh-CN').ok).toBe(true);
    const ids = Array.from({ length: 4 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    expect(validator.validate('learning-record', { ...record, certificate: ids.slice(0, 3) }, 'zh-CN').ok).toBe(true);
    const tooMany = validator.validate('learning-record', { ...record, certificate: ids }, 'en');
    expect(tooMany.ok ? [] : tooMany.errors).toEqual([{ path: '/certificate', message: expect.stringMatching(/^Certificates: /) }]);
  });

  it('refuses no hours, more than 200, an unknown kind and a short content, each at its field', () => {
    const bad = validator.validate('learning-record', { ...record, hours: 0, kind: 'party', content: '太短' }, 'zh-CN');
    expect(bad.ok ? [] : bad.errors.map((e) => e.path).sort()).toEqual(['/content', '/hours', '/kind']);
    const over = validator.validate('learning-record', { ...record, hours: 200.5 }, 'zh-CN');
    expect(over.ok ? [] : over.errors[0]?.message).toMatch(/^学时（小时）：/);
  });

  it('acknowledges with or without a comment', () => {
    expect(validator.validate('learning-ack', {}, 'zh-CN').ok).toBe(true);
    expect(validator.validate('learning-ack', { comment: '很好' }, 'zh-CN').ok).toBe(true);
    expect(validator.validate('learning-ack', { outcome: 'approve' }, 'zh-CN').ok).toBe(false);
  });
});

describe('the learning list query', () => {
  it('defaults to the caller and this year in China', () => {
    const chinaYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    expect(readLearningQuery({}, me, 'zh-CN')).toEqual({ userId: 7, year: chinaYear });
    expect(readLearningQuery({ userId: '12', year: '2025' }, me, 'zh-CN')).toEqual({ userId: 12, year: 2025 });
  });

  it('names each bad parameter', () => {
    expect(paths(() => readLearningQuery({ userId: '0', year: '1969' }, me, 'zh-CN'))).toEqual(['/userId', '/year']);
    expect(paths(() => readLearningQuery({ userId: '1e3' }, me, 'zh-CN'))).toEqual(['/userId']);
    expect(paths(() => readLearningQuery({ userId: '99999999999' }, me, 'zh-CN'))).toEqual(['/userId']);
    expect(paths(() => readLearningQuery({ year: '26' }, me, 'zh-CN'))).toEqual(['/year']);
  });
});
