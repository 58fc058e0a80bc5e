/**
 * What a password must be (issue 14), one pure rule used by the first admin's setup, the self-service change
 * and nowhere else needed: admins never choose passwords for others (they get a random one-time password).
 */
import type { MessageKey } from '../http/messages.js';

export const PASSWORD_MIN = 10;
/** Longer than any passphrase, short enough that nobody makes the server hash a megabyte. */
export const PASSWORD_MAX = 1024;

/** Passwords of 10+ characters that lists of leaked passwords put near the top, and this product's own words. */
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', '1234512345', '1q2w3e4r5t', '1qaz2wsx3edc',
  'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwertyuiop123', 'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123',
  'password1234', 'passw0rd123', 'p@ssw0rd123', 'iloveyou12', 'abc1234567', 'abcd123456', 'a123456789', 'aa12345678',
  'woaini1314', 'woaini5201314', '5201314520', 'admin12345', 'admin123456', 'administrator', 'welcome123', 'changeme123',
  'letmein123', 'dutyflow123', 'dutyflow2026', 'tobacco123', 'zhongguo123',
]);

/** The message key of the first rule `password` breaks for `username`, or undefined when it is acceptable. */
export function passwordProblem(password: string, username: string): MessageKey | undefined {
  if ([...password].length < PASSWORD_MIN) return 'passwordTooShort';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'passwordIsUsername';
  if (COMMON.has(password.toLowerCase())) return 'passwordCommon';
  return undefined;
}
