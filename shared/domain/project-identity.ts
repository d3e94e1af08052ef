/**
 * How a project is recognised by what people type: its name (工程名称), its district, and its construction permit
 * number (施工许可证编号). Pure text rules, shared by the project search (SPEC §4 "More agency routes": search by
 * name) and the refusal of a second registration of the same project (SPEC §4: same permit number, or same name and
 * same general contractor → 409).
 *
 * The same project is written in many ways: full-width or half-width digits and brackets (１号 / 1号, （一期） /
 * (一期)), with or without spaces (3 号地块 / 3号地块), with different punctuation (A-1 / A1, 〔2023〕 / [2023]).
 * A regulator searching types a fragment (运河商务区, 3号地块), sometimes two (运河 办公楼). So names are compared
 * in a normalised form: Unicode NFKC (full-width → half-width), lower case, without white space, punctuation or
 * invisible format characters.
 */

/** White space, punctuation and format characters (zero-width and bidi marks): none of them tells projects apart. */
const IGNORED = /[\s\p{P}\p{Z}\p{Cf}\p{Cc}]/gu;

/** The normalised form of a project name or district: what two spellings of the same name have in common. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(IGNORED, '');
}

/**
 * The normalised form of a construction permit number (施工许可证编号): upper case, without spaces or punctuation,
 * so that `[2023]施[通]建字0012号` and `〔2023〕施〔通〕建字 0012 号` are the same permit.
 */
export function permitKey(permitNo: string): string {
  return permitNo.normalize('NFKC').toUpperCase().replace(IGNORED, '');
}

/** At most this many fragments in one search: more narrows nothing a person would type. */
export const MAX_SEARCH_TERMS = 5;

/**
 * The fragments of a name search, each normalised: a project matches when its normalised name contains every one
 * (运河 办公楼 → 运河, 办公楼). Duplicates and fragments that normalise to nothing (punctuation alone) are dropped.
 */
export function searchTerms(query: string): string[] {
  const terms = query
    .normalize('NFKC')
    .split(/\s+/)
    .map(nameKey)
    .filter((term) => term.length > 0);
  return [...new Set(terms)].slice(0, MAX_SEARCH_TERMS);
}
