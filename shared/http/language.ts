import type { Language } from '../domain/errors.js';

/**
 * The language of an answer's messages (SPEC §4 "Errors"): Chinese unless the request's `Accept-Language`
 * (RFC 9110 §12.5.4) prefers English. The users are Chinese, so Chinese is the default for an absent, empty or
 * unreadable header, for `*`, and for any language we do not write (`fr` alone is answered in Chinese). Among the
 * ranges the header lists, the one with the highest quality that names `en…` or `zh…` wins; on equal quality the
 * first listed wins; `q=0` means "not this one".
 *
 *   en-US,en;q=0.9,zh-CN;q=0.8  → en        zh-CN,zh;q=0.9,en;q=0.8  → zh
 *   fr, en;q=0.5                → en        en;q=0, *                → zh
 */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'zh';
  let best: { language: Language; quality: number } | undefined;
  // a header longer than any browser sends is not worth reading past (it is attacker-controlled input)
  for (const range of acceptLanguage.slice(0, 1024).split(',')) {
    const [tag = '', ...parameters] = range.split(';').map((part) => part.trim());
    const language = languageOfRange(tag.toLowerCase());
    if (!language) continue;
    const quality = qualityOf(parameters);
    if (quality > 0 && (!best || quality > best.quality)) best = { language, quality };
  }
  return best?.language ?? 'zh';
}

/** The `Content-Language` an answer in this language carries. */
export const CONTENT_LANGUAGE: Record<Language, string> = { zh: 'zh-CN', en: 'en' };

/** The language a range names, if it is one we write; `*` (any) is our default, Chinese. */
function languageOfRange(tag: string): Language | undefined {
  if (tag === '*') return 'zh';
  const primary = tag.split('-')[0];
  if (primary === 'en') return 'en';
  if (primary === 'zh') return 'zh';
  return undefined;
}

/** The `q` weight of a range (1 when absent); a malformed weight counts as absent, as browsers treat it. */
function qualityOf(parameters: string[]): number {
  for (const parameter of parameters) {
    const match = /^q\s*=\s*([01](?:\.\d{0,3})?)$/i.exec(parameter);
    if (match) return Math.min(1, Number(match[1]));
  }
  return 1;
}
