/**
 * What the pages a unit opens from a link (the upload page, the assessment page) share: the token from the link's
 * fragment, the API's address from the deployment's `/public/config.json`, calling the API with the token, turning failures into Chinese a site manager
 * can act on, and small DOM helpers. Plain browser modules, no build step: the pages import them from
 * /public/shared/.
 *
 * The token travels in the URL fragment (`#token=…`), which browsers never send to a server (so it stays out of
 * access logs); it is sent only as `Authorization: Bearer <token>` to the API. Everything the server returns was
 * typed by people, so it reaches the page only through `textContent`.
 */

/** The link's token, from its fragment (`#token=…`); null when the link lacks it. */
export function linkToken() {
  return new URLSearchParams(location.hash.slice(1)).get('token');
}

/**
 * Where the API is: fixed by the deployment, never by the link. The stack writes `/public/config.json` beside the
 * pages (`{"api": "<origin>"}`, the local twin likewise), and the pages' Content-Security-Policy lets them reach that
 * origin (and the documents bucket) only. An `api=` in a forged link is ignored, so it cannot make a page show
 * someone else's text or send the unit's token and files elsewhere. '' = the page's own origin.
 */
export async function loadApiBase() {
  let config;
  try {
    const response = await fetch('/public/config.json', { cache: 'no-store', credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    config = await response.json();
  } catch {
    throw new UserError('页面配置加载失败，请稍后刷新页面重试。');
  }
  const url = new URL(String(config?.api ?? ''), location.origin);
  return url.origin === location.origin ? '' : url.origin;
}

/** An API answer other than 2xx, with its problem+json body when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** A failure already worded for the user (in Chinese). */
export class UserError extends Error {}

/**
 * A client of the API for one link's token: `call(path, {method, body})` answers the parsed JSON or throws ApiError
 * (or a UserError already in Chinese). The API's address is read from the deployment's config on the first call.
 */
export function linkClient(token) {
  let apiBase;
  return async function call(path, { method = 'GET', body } = {}) {
    apiBase ??= loadApiBase();
    let base;
    try {
      base = await apiBase;
    } catch (error) {
      apiBase = undefined; // a later call tries again
      throw error;
    }
    // the page is Chinese: its problems too, whatever language the phone is set to (SPEC §4 "Errors")
    const headers = {
      authorization: `Bearer ${token}`,
      accept: 'application/json, application/problem+json',
      'accept-language': 'zh-CN',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        cache: 'no-store',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new UserError('网络连接失败，请检查网络后重试。');
    }
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  };
}

/** The link was refused: unknown, expired or revoked (the gateway's 401/403). */
export const isLinkRefused = (error) => error instanceof ApiError && (error.status === 401 || error.status === 403);

/**
 * What to tell the user about a failure of `action` (e.g. '提交'): the problem's detail and its field messages,
 * framed in Chinese; `invalidLink` when the link itself was refused.
 */
export function messageOf(error, action, invalidLink) {
  if (isLinkRefused(error)) return invalidLink;
  if (error instanceof UserError) return error.message;
  if (error instanceof ApiError) {
    const problem = error.problem ?? {};
    const fields = Array.isArray(problem.errors)
      ? problem.errors.map((item) => (item.field ? `${item.field}：${item.message}` : item.message)).filter(Boolean)
      : [];
    const detail = [problem.detail ?? problem.title, ...fields.slice(0, 5)].filter(Boolean).join('；');
    if (error.status >= 500) return `${action}失败：服务暂时不可用（${error.status}），请稍后重试。`;
    return `${action}失败（${error.status}）${detail ? `：${detail}` : ''}`;
  }
  return `${action}失败：${error instanceof Error ? error.message : String(error)}`;
}

/** The element with this id. */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** A new element with a class and text (text through textContent, never HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function show(node, visible) {
  node.hidden = !visible;
}

/** Show a message in a banner, or hide the banner when there is none. */
export function setMessage(node, message) {
  node.textContent = message ?? '';
  show(node, Boolean(message));
}

/** A status pill; its colours come from `.badge-<status>` in link-page.css. */
export function badge(status, text) {
  return el('span', `badge badge-${status}`, text);
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Beijing time, e.g. 2026/10/31 23:59. */
export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso ?? '') : timeFormat.format(date);
}
