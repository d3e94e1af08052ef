import { chineseFieldMessage, fieldPath } from './field-messages';

/** RFC 9457 problem details as the API answers every error (SPEC §4), with `errors[].field` for validation. */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  /** a registration refused as a duplicate (409) names the project already registered */
  existingProject?: { id: string; name: string };
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容有误，请按提示修改。',
  401: '登录已失效，请重新登录。',
  403: '当前账号无权执行此操作。',
  404: '未找到该记录。',
  409: '当前状态下不能执行此操作。',
  413: '提交的内容过大。',
  422: '不符合差别化监管规则。',
  429: '请求过于频繁，请稍后再试。',
  501: '功能即将上线。',
  503: '服务正在启动，请稍后再试。',
};

/** An answer of the API that is not a success: the status and the problem document. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
  ) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
  }

  /** What to tell the person, in Chinese: the API's own words when they are Chinese, else by status. */
  get chinese(): string {
    const own = [this.body.detail, this.body.title].find((text) => text && HAS_CHINESE.test(text));
    return own ?? STATUS_MESSAGES[this.status] ?? `操作失败（HTTP ${this.status}），请稍后再试。`;
  }

  /** Field messages, in Chinese, by the form's field path (`units[0].creditCode` → `['units', 0, 'creditCode']`). */
  fieldErrors(): Array<{ name: Array<string | number>; errors: string[] }> {
    return (this.body.errors ?? []).map(({ field, message }) => ({
      name: fieldPath(field),
      errors: [chineseFieldMessage(message)],
    }));
  }
}

/** A message for any error a query or mutation may throw. */
export function chineseMessage(error: unknown): string {
  if (error instanceof ApiProblem) return error.chinese;
  if (error instanceof TypeError) return '无法连接服务器，请检查网络后重试。';
  return error instanceof Error && HAS_CHINESE.test(error.message) ? error.message : '操作失败，请稍后再试。';
}
