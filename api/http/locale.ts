import type { Request } from 'express';
import type { Locale } from '../../forms/formDefinition.js';

/**
 * The caller's language: an explicit Accept-Language naming zh or en wins (the UI's switch sends it),
 * then the user's own setting, then Chinese.
 */
export function requestLocale(req: Request, userLocale?: string | null): Locale {
  const header = req.get('accept-language') ?? '';
  for (const part of header.split(',')) {
    const tag = part.trim().split(';')[0]?.toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return userLocale === 'en' ? 'en' : 'zh-CN';
}
