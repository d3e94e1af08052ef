import { type Bilingual, DomainError, type FieldProblem, type Language, type Message } from '../domain/errors.js';

/** A problem document (RFC 9457) as sent: every text in the one language of the answer. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://supervision.example.gov.cn/problems/';

/**
 * The title of every problem type, by the slug of its `type` URI, in both languages (SPEC §4 "Errors"). A title
 * names the kind of problem; the `detail` says what is wrong with this request and what to do.
 */
const TITLES = {
  validation: { zh: '请求内容有误', en: 'The request is not valid' },
  'malformed-json': { zh: '请求正文不是有效的 JSON', en: 'The request body is not valid JSON' },
  'unsupported-media-type': { zh: '请以 JSON 格式提交', en: 'Send JSON' },
  unauthorized: { zh: '需要身份凭证', en: 'Authentication required' },
  forbidden: { zh: '无权执行此操作', en: 'Not allowed' },
  'not-found': { zh: '未找到', en: 'Not found' },
  conflict: { zh: '与记录的当前状态冲突', en: 'Conflict with the current state' },
  'rule-violation': { zh: '不符合差别化监管规则', en: 'Not allowed by the rules of supervision' },
  'idempotency-key-reused': {
    zh: 'Idempotency-Key 已用于另一请求',
    en: 'Idempotency-Key reused for a different request',
  },
  'not-implemented': { zh: '功能尚未提供', en: 'Not implemented yet' },
  internal: { zh: '服务器内部错误', en: 'Internal error' },
  // the gateway's own (the local twin's; in AWS, API Gateway answers these itself)
  starting: { zh: '服务正在启动', en: 'Starting' },
  'payload-too-large': { zh: '请求内容过大', en: 'Request too large' },
  'invalid-path': { zh: '路径无效', en: 'Invalid path' },
  'local-only': { zh: '仅限本机访问', en: 'Local requests only' },
  'function-failed': { zh: '定时任务执行失败', en: 'The scheduled function failed' },
  timeout: { zh: '网关超时', en: 'Gateway timeout' },
  'function-not-loaded': { zh: '函数无法加载', en: 'Function could not be loaded' },
} as const satisfies Record<string, Bilingual>;

/** The kinds of problem the API answers, each with its title above. */
export type ProblemType = keyof typeof TITLES;

/**
 * An error that is already an HTTP answer: thrown anywhere in a handler, rendered by the error middleware in the
 * language the request asked for (shared/http/language.ts). It holds every text in both languages until then.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: ProblemType;
  readonly detail: Message;
  /** the fields at fault, for validation problems */
  readonly fields: FieldProblem[];
  /** machine-readable members besides the texts (e.g. the existing record a duplicate names) */
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    type: ProblemType,
    detail: Message,
    options: { fields?: FieldProblem[]; extensions?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail.en);
    this.status = status;
    this.type = type;
    this.detail = detail;
    this.fields = options.fields ?? [];
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  /** The problem document in one language. */
  render(language: Language, instance?: string): ProblemBody {
    return {
      type: TYPE_BASE + this.type,
      title: TITLES[this.type][language],
      status: this.status,
      detail: this.detail[language],
      ...(instance ? { instance } : {}),
      ...this.extensions,
      ...(this.fields.length
        ? { errors: this.fields.map(({ field, message }) => ({ field, message: message[language] })) }
        : {}),
    };
  }
}

/** The parts of a request a validation problem can be about. */
export type RequestPart = 'path' | 'query' | 'headers' | 'body';

const PART_NAMES: Record<RequestPart, Bilingual> = {
  path: { zh: '路径参数', en: 'path' },
  query: { zh: '查询参数', en: 'query string' },
  headers: { zh: '请求头', en: 'headers' },
  body: { zh: '请求正文', en: 'body' },
};

/** How many field problems a validation detail spells out; the rest are in `errors`. */
const DETAIL_FIELDS = 3;

/** "请求正文有 2 处错误：units[0].creditCode：…；name：…" — the detail names the fields, so it is useful alone. */
function validationDetail(part: RequestPart, fields: FieldProblem[]): Bilingual {
  const listed = fields.slice(0, DETAIL_FIELDS);
  const more = fields.length > DETAIL_FIELDS;
  const where = PART_NAMES[part];
  return {
    zh:
      `${where.zh}有 ${fields.length} 处错误：` +
      listed.map((f) => `${f.field || where.zh}：${f.message.zh}`).join('；') +
      (more ? '；……（全部见 errors）' : '') +
      '。请修改后重新提交。',
    en:
      `${fields.length} problem${fields.length === 1 ? '' : 's'} in the ${where.en}: ` +
      listed.map((f) => `${f.field || where.en}: ${f.message.en}`).join('; ') +
      (more ? '; … (all in errors)' : '') +
      '.',
  };
}

/** Where a JSON parser stopped, as a person counts characters (V8 says "at position 12", 0-based). */
function parserPosition(parserMessage: string): { zh: string; en: string } {
  const position = /position (\d+)/.exec(parserMessage)?.[1];
  if (position === undefined) return { zh: '', en: '' };
  const n = Number(position) + 1;
  return { zh: `（第 ${n} 个字符附近）`, en: ` (near character ${n})` };
}

export const problems = {
  validation: (part: RequestPart, fields: FieldProblem[]) =>
    new HttpProblem(400, 'validation', validationDetail(part, fields), { fields }),
  malformedJson: (parserMessage: string) => {
    const at = parserPosition(parserMessage);
    return new HttpProblem(400, 'malformed-json', {
      zh: `请求正文无法按 JSON 解析${at.zh}：请检查引号、逗号和括号是否成对，字段名须加双引号。`,
      en: `The request body is not valid JSON${at.en}: ${parserMessage}`,
    });
  },
  unsupportedMediaType: () =>
    new HttpProblem(415, 'unsupported-media-type', {
      zh: '请求正文须为 JSON：请加请求头 Content-Type: application/json 后重新提交。',
      en: 'The request body must be application/json: send the header Content-Type: application/json.',
    }),
  unauthorized: (detail: Message) =>
    new HttpProblem(401, 'unauthorized', detail, { headers: { 'www-authenticate': 'Bearer' } }),
  forbidden: (detail: Message) => new HttpProblem(403, 'forbidden', detail),
  notFound: (detail: Message) => new HttpProblem(404, 'not-found', detail),
  /** No route has this path (and method). */
  noRoute: (method: string, path: string) =>
    new HttpProblem(404, 'not-found', {
      zh: `没有 ${method} ${path} 这个接口：请核对路径和请求方法（全部接口见 GET /openapi.json）。`,
      en: `There is no route ${method} ${path}: check the path and the method (every route is in GET /openapi.json).`,
    }),
  idempotencyMismatch: () =>
    new HttpProblem(422, 'idempotency-key-reused', {
      zh: '此 Idempotency-Key 已用于另一个请求（路径或请求正文不同）：新的请求请使用新的键；重试原请求请原样发送。',
      en: 'This Idempotency-Key was already used with a different request body or path. Use a new key for a new request.',
    }),
  notImplemented: (operationId: string) =>
    new HttpProblem(501, 'not-implemented', {
      zh: `接口 ${operationId} 已列入 API 约定，但尚未实现，请稍后再用。`,
      en: `The operation ${operationId} is part of the API contract but is not built yet.`,
    }),
  internal: (requestId: string) =>
    new HttpProblem(500, 'internal', {
      zh: `服务器内部出错，本次请求未做任何更改。请稍后重试；如需报告问题，请提供请求编号 ${requestId}。`,
      en: `Something went wrong on our side. Nothing was changed. Quote request id ${requestId} when reporting it.`,
    }),
};

const DOMAIN_STATUS: Record<DomainError['kind'], [number, ProblemType]> = {
  not_found: [404, 'not-found'],
  conflict: [409, 'conflict'],
  rule: [422, 'rule-violation'],
  forbidden: [403, 'forbidden'],
  invalid: [400, 'validation'],
};

/** Any error as a problem: HTTP problems as they are, domain errors by kind, anything else a 500 without internals. */
export function toProblem(error: unknown, requestId: string): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) {
    const [status, type] = DOMAIN_STATUS[error.kind];
    return new HttpProblem(status, type, error.text, { fields: error.fields, extensions: error.extensions });
  }
  return problems.internal(requestId);
}
