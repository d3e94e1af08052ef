/**
 * The unit status form of the public site (SPEC §4 `GET /public/status`): a citizen or a tender clerk types a unit's
 * unified social credit code and a date (today when left empty) and reads, in Chinese, whether the unit took part in a
 * project under differentiated supervision that day (and at which level) and whether a standing circular named it.
 *
 * Where the route is: the API named by the site's own `/public/config.json` (`{api}`, written at each
 * deployment in AWS, where the site and the API are two origins), or this page's origin when there is none (the local
 * twin serves both). Only an https address (or a loopback one) is taken. The answer carries no personal data;
 * whatever it holds reaches the page through `textContent` only.
 */

const LEVEL_NAMES = ['尚未升级', '一级（驻场监督）', '二级（高限高额处罚等）', '三级（全区通报批评）'];
/** GB 32100-2015: the alphabet of a unified social credit code and the weights of its check character. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ (byId('status-form'));
const codeInput = /** @type {HTMLInputElement} */ (byId('credit-code'));
const dateInput = /** @type {HTMLInputElement} */ (byId('date'));
const submit = /** @type {HTMLButtonElement} */ (byId('submit'));
const fieldErrors = { creditCode: byId('credit-code-error'), date: byId('date-error') };
const inputs = { creditCode: codeInput, date: dateInput };
const formError = byId('form-error');
const answer = byId('answer');
const answerBody = byId('answer-body');

/** What is wrong with a credit code, in Chinese, or null (the server checks again and has the last word). */
function creditCodeProblem(code) {
  if (code.length !== 18) return '统一社会信用代码应为18位，请核对。';
  for (const ch of code)
    if (!ALPHABET.includes(ch)) return '统一社会信用代码只含数字和大写英文字母（不含 I、O、S、V、Z）。';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
  if (ALPHABET.charAt((31 - (sum % 31)) % 31) !== code.charAt(17)) {
    return '最后一位校验码不符，请核对是否输错。';
  }
  return null;
}

/** '2026-12-01' → '2026年12月1日'. */
function chineseDate(date) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : (date ?? '');
}

function showFieldError(field, message) {
  const box = fieldErrors[field];
  const input = inputs[field];
  if (!box || !input) return false;
  box.textContent = message;
  box.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return true;
}

function clearErrors() {
  for (const field of Object.keys(fieldErrors)) showFieldError(field, '');
  formError.textContent = '';
  formError.hidden = true;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** The answer, worded for a person. */
function render(status) {
  answerBody.replaceChildren();
  const when = chineseDate(status.date);
  answerBody.append(element('p', `统一社会信用代码 ${status.creditCode}，${when}：`));
  const supervised = status.underSupervision
    ? `参建的工程项目处于差别化监管中（最高等级：${LEVEL_NAMES[status.level ?? 0] ?? status.level}）。`
    : '未参建处于差别化监管的工程项目。';
  answerBody.append(element('p', supervised, 'verdict'));
  if (status.cases.length) {
    const list = element('ul');
    for (const entry of status.cases) {
      const released = entry.releasedOn ? `，${chineseDate(entry.releasedOn)}解除` : '';
      list.append(
        element(
          'li',
          `${entry.projectName}：${chineseDate(entry.includedOn)}纳入差别化监管${released}；当日等级：${LEVEL_NAMES[entry.level] ?? entry.level}`,
        ),
      );
    }
    answerBody.append(list);
  }
  const named = status.namedInStandingCircular ? '被公示期内的通报点名：' : '未被公示期内的通报点名。';
  answerBody.append(element('p', named, 'verdict'));
  if (status.circulars.length) {
    const list = element('ul');
    for (const circular of status.circulars) {
      const item = element('li');
      const link = element('a', circular.number);
      link.href = `/public/circulars/${encodeURIComponent(circular.id)}.html`;
      item.append(link, ` （公示期 ${chineseDate(circular.publishedOn)}至${chineseDate(circular.validUntil)}）`);
      list.append(item);
    }
    answerBody.append(list);
  }
  answer.hidden = false;
}

/** The API's base URL ('' for this origin), read once from the site's configuration. */
const apiBase = fetch('/public/config.json', { cache: 'no-store', credentials: 'omit' })
  .then((response) => (response.ok ? response.json() : {}))
  .then((config) => {
    const url = new URL(String(config?.api ?? ''));
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    return url.protocol === 'https:' || loopback ? url.origin + url.pathname.replace(/\/$/, '') : '';
  })
  .catch(() => '');

async function ask(creditCode, date) {
  const query = new URLSearchParams({ creditCode });
  if (date) query.set('date', date);
  let response;
  try {
    response = await fetch(`${await apiBase}/public/status?${query}`, {
      headers: { accept: 'application/json, application/problem+json', 'accept-language': 'zh-CN' },
    });
  } catch {
    formError.textContent = '网络连接失败，请检查网络后重试。';
    formError.hidden = false;
    return;
  }
  const body = await response.json().catch(() => undefined);
  if (response.ok && body) {
    render(body);
    return;
  }
  answer.hidden = true;
  let placed = false;
  for (const problem of body?.errors ?? []) placed = showFieldError(problem.field, problem.message) || placed;
  if (!placed) {
    formError.textContent = body?.detail ?? `查询失败（${response.status}），请稍后重试。`;
    formError.hidden = false;
  } else if (body?.detail) {
    formError.textContent = body.detail;
    formError.hidden = false;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  const creditCode = codeInput.value.trim().toUpperCase();
  codeInput.value = creditCode;
  const problem = creditCode ? creditCodeProblem(creditCode) : '请输入统一社会信用代码。';
  if (problem) {
    showFieldError('creditCode', problem);
    answer.hidden = true;
    codeInput.focus();
    return;
  }
  submit.disabled = true;
  try {
    await ask(creditCode, dateInput.value);
  } finally {
    submit.disabled = false;
  }
});

// a link may name the unit and the date (`#creditCode=…&date=…`), e.g. from a tender platform
const named = new URLSearchParams(location.hash.slice(1));
if (named.get('creditCode')) {
  codeInput.value = named.get('creditCode') ?? '';
  dateInput.value = named.get('date') ?? '';
  form.requestSubmit();
}
