import { getControlPath, getI18nKey, type ErrorTranslator, type JsonFormsI18nState, type Translator } from '@jsonforms/core';
import type { ErrorObject } from 'ajv';
import localizeEn from 'ajv-i18n/localize/en';
import localizeZh from 'ajv-i18n/localize/zh';
import type { Locale } from '../messages';

const REQUIRED: Record<Locale, string> = { 'zh-CN': '为必填项', en: 'is required' };

/** Texts the stock renderers ask for, in Chinese (their own defaults are English). */
const RENDERER_TEXTS_ZH: Record<string, string> = {
  addTooltip: '添加', addAriaLabel: '添加', removeTooltip: '删除', removeAriaLabel: '删除', noDataMessage: '暂无数据',
  deleteDialogTitle: '确认删除', deleteDialogMessage: '确定要删除这一项吗？', deleteDialogAccept: '删除', deleteDialogDecline: '取消',
  up: '上移', down: '下移', clearDialogTitle: '清空', clearDialogMessage: '确定要清空吗？', clearDialogAccept: '确定', clearDialogDecline: '取消',
};

/** The message ajv-i18n gives for one Ajv error in `locale`. */
export function ajvMessage(error: ErrorObject, locale: Locale): string {
  const copy = [{ ...error }];
  (locale === 'en' ? localizeEn : localizeZh)(copy);
  return copy[0]?.message ?? error.message ?? '';
}

/**
 * JSON Forms i18n from a form's own dictionary (`<field>.label`, enum values, `<field>.error.<keyword>`),
 * with Ajv's messages in the user's language where the form has none. Server errors (keyword `server`)
 * arrive already translated.
 */
export function formI18n(locale: Locale, dictionary: Record<string, string>): JsonFormsI18nState {
  const translate = ((id: string, defaultMessage: string | undefined) => {
    if (id in dictionary) return dictionary[id];
    const last = id.slice(id.lastIndexOf('.') + 1);
    if (locale === 'zh-CN' && last in RENDERER_TEXTS_ZH) return RENDERER_TEXTS_ZH[last];
    return defaultMessage;
  }) as Translator;
  const translateError: ErrorTranslator = (error, t, uischema) => {
    if (error.keyword === 'server') return error.message ?? '';
    const specific = t(getI18nKey(error.parentSchema, uischema, getControlPath(error), `error.${error.keyword}`), undefined, { error });
    if (specific !== undefined) return specific;
    if (error.keyword === 'required') return REQUIRED[locale];
    return ajvMessage(error, locale);
  };
  return { locale, translate, translateError };
}
