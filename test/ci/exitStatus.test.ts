import { writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';

/**
 * The CI guard's fixture (see .ci/run): with DUTYFLOW_CI_MUST_FAIL set to a file path it records that it
 * ran there and fails, and the run must then exit non-zero; unset, it passes like any other test.
 */
test('a test that fails makes the run fail (the CI guard sets DUTYFLOW_CI_MUST_FAIL)', () => {
  const marker = process.env.DUTYFLOW_CI_MUST_FAIL;
  if (marker) writeFileSync(marker, 'the failing fixture ran\n');
  expect(marker, 'the CI guard asked this test to fail').toBeUndefined();
});
