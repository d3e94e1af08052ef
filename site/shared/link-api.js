/**
 * What the pages a unit opens from a link (the upload page, the assessment page) share: the token and the API's
 * address from the link's fragment, calling the API with the token, turning failures into Chinese a site manager
 * can act on, and small DOM helpers. Plain browser modules, no build step: the pages import them from
 * /public/shared/.
 *
 * The token travels in the URL fragment (`#token=…`), which browsers never send to a server (so it stays out of
 * access logs); it is sent only as `Authorization: Bearer <token>` to the API. Everything the server returns was
 * typed by people, so it reaches the page only through `textContent`.
 */

/** The link's parameters: its token, and the API's base URL ('' when the API is on the page's own origin). */
export function linkParameters() {
  const parameters = new URLSearchParams(location.hash.slice(1));
  return { token: parameters.get('token'), apiBase: apiBaseOf(parameters.get('api')) };
}

/**
 * Where the API is: the same host (local twin), or the API's own host named in the link when the page is served by
 * the public site's CDN (AWS). Only https (or a loopback address) is accepted, so a doctored link cannot send the
 * token elsewhere in clear text.
 */
function apiBaseOf(named) {
  if (!named) return '';
  try {
    const url = new URL(named);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    return url.protocol === 'https:' || loopback ? url.origin + url.pathname.replace(/\/$/, '') : '';
  } catch {
    return '';
  }
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

/** A client of the API for one link: `call(path, {method, body})` answers the parsed JSON or throws ApiError. */
export function linkClient({ token, apiBase }) {
  return async function call(path, { method = 'GET', body } = {}) {
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(apiBase + path, {
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
