/**
 * The upload page of a participating unit (参建单位): its overdue hazards first, a draft circular naming it with the
 * deadline of its statement (陈述申辩), what is due and missing for this unit of one case, its hazards still to
 * rectify, its inspection reports, and an upload form that sends documents straight to S3 through the presigned
 * POSTs of the uploads API.
 *
 * The upload token travels in the URL fragment (`#token=…`), so it never reaches a server log; the page sends it
 * as `Authorization: Bearer <token>` to the deployment's API (its origin from `/public/config.json`, never from the
 * link: site/shared/link-api.js). Everything the server returns was typed by people, so it reaches the page only
 * through `textContent`.
 */

import {
  badge,
  byId,
  el,
  formatTime,
  isLinkRefused,
  linkClient,
  linkToken,
  messageOf,
  setMessage,
  show,
  UserError,
} from '/public/shared/link-api.js';

const MAX_BYTES = 20 * 1024 * 1024;
const POLL_INTERVAL_MS = 1000;
const POLL_LIMIT_MS = 60_000;
const INVALID_LINK = '上传链接无效、已过期或已被撤销，请联系监督机构重新获取链接。';

/** The content types the API accepts, by file extension (for files the browser gives no type). */
const CONTENT_TYPES = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

const CASE_STATUS_NAMES = {
  proposed: '待确认',
  active: '差别化监管中',
  released: '已解除差别化监管',
  dismissed: '未纳入',
};
const LEVEL_NAMES = ['', '一级措施（驻场监督）', '二级措施', '三级措施（通报批评）'];
const HAZARD_CATEGORY_NAMES = {
  excavation: '基坑',
  scaffolding: '脚手架',
  formwork: '模板支撑',
  lifting: '起重机械',
  electrical: '临时用电',
  work_at_height: '高处作业',
  fire: '消防',
  management: '安全管理',
  other: '其他',
};
const HAZARD_STATUS_NAMES = {
  open: '待整改',
  submitted: '已报整改，待复查',
  rejected: '复查未通过，请重新整改',
  refused: '已认定拒不整改',
};
/** What became of the latest rectification evidence the unit sent for a hazard. */
const EVIDENCE_NAMES = {
  pending: '整改证明核验中',
  accepted: '整改证明已提交，待监督机构复查',
  rejected: '整改证明未通过核验，请重新上传',
};
const INSPECTION_KIND_NAMES = {
  routine: '日常检查',
  joint: '联合执法检查',
  special: '专项检查',
  follow_up: '复查',
  resident: '驻场监督检查',
};
const DOCUMENT_STATUS_NAMES = { pending: '核验中', accepted: '已通过', rejected: '未通过' };
const UPLOAD_STATUS_NAMES = {
  hashing: '正在计算文件校验值…',
  requesting: '正在申请上传…',
  uploading: '正在上传',
  pending: '已上传，核验中…',
  accepted: '已通过',
  rejected: '未通过',
  failed: '上传失败',
  timeout: '核验尚未完成，请稍后刷新页面查看结果',
};

const page = {
  projectName: byId('project-name'),
  unit: byId('unit'),
  caseStatus: byId('case-status'),
  expiry: byId('link-expiry'),
  error: byId('page-error'),
  overdueSection: byId('overdue-section'),
  overdueLead: byId('overdue-lead'),
  overdueHazards: byId('overdue-hazards'),
  circularsSection: byId('circulars-section'),
  circulars: byId('circulars'),
  hazardsSection: byId('hazards-section'),
  openHazards: byId('open-hazards'),
  openHazardsEmpty: byId('open-hazards-empty'),
  reportsSection: byId('reports-section'),
  reports: byId('reports'),
  reportsEmpty: byId('reports-empty'),
  reportError: byId('report-error'),
  obligations: byId('obligations'),
  due: byId('due'),
  dueEmpty: byId('due-empty'),
  missing: byId('missing'),
  missingEmpty: byId('missing-empty'),
  upload: byId('upload'),
  form: /** @type {HTMLFormElement} */ (byId('upload-form')),
  docType: /** @type {HTMLSelectElement} */ (byId('doc-type')),
  reportDateField: byId('report-date-field'),
  reportDate: /** @type {HTMLInputElement} */ (byId('report-date')),
  hazardField: byId('hazard-field'),
  hazard: /** @type {HTMLSelectElement} */ (byId('hazard')),
  hazardEmpty: byId('hazard-empty'),
  file: /** @type {HTMLInputElement} */ (byId('file')),
  formError: byId('form-error'),
  submit: /** @type {HTMLButtonElement} */ (byId('submit')),
  progressField: byId('progress-field'),
  progress: /** @type {HTMLProgressElement} */ (byId('progress')),
  uploads: byId('uploads'),
  uploadsEmpty: byId('uploads-empty'),
  documentsSection: byId('documents-section'),
  documents: byId('documents'),
  documentsEmpty: byId('documents-empty'),
};

const token = linkToken();
const call = linkClient(token);

/** The last context the API sent (`GET /v1/uploads/context`). */
let context;

function typeOf(docType) {
  return context?.documentTypes.find((type) => type.docType === docType) ?? { docType, name: docType, needs: null };
}

const isAllowed = (docType) => Boolean(context?.link.docTypes.includes(docType));

// ---------------------------------------------------------------------------------------------------------------
// Rendering the context

function render() {
  const { case: supervisionCase, unit, link } = context;
  page.projectName.textContent = supervisionCase.projectName;
  page.unit.textContent = unit.roleName ? `${unit.name}（${unit.roleName}）` : unit.name;
  document.title = `${supervisionCase.projectName} · 材料上传`;
  const level = LEVEL_NAMES[supervisionCase.level] ?? '';
  const status = CASE_STATUS_NAMES[supervisionCase.status] ?? supervisionCase.status;
  page.caseStatus.textContent = level ? `${status} · ${level}` : status;
  page.expiry.textContent = link.expiresAt ? `链接有效期至 ${formatTime(link.expiresAt)}` : '';

  renderOverdueHazards();
  renderCirculars();
  renderObligations(page.due, page.dueEmpty, context.due);
  renderObligations(page.missing, page.missingEmpty, context.missing);
  renderOpenHazards();
  renderReports();
  renderTypeOptions();
  renderHazardOptions();
  renderDocuments();
  show(page.obligations, true);
  show(page.upload, true);
  show(page.documentsSection, true);
}

/** Whole days from one `YYYY-MM-DD` to another (the API counts in Asia/Shanghai dates). */
function daysFrom(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The hazards of the context, or none (an older API did not list them all with these fields). */
const hazardsOf = () => context.hazards ?? [];

/** One hazard: what and where, its deadline (and how late it is), where its rectification stands. */
function hazardRow(hazard) {
  const row = el('li', hazard.overdue ? 'item item-hazard item-overdue' : 'item item-hazard');
  row.dataset.hazardId = hazard.id;
  row.dataset.overdue = String(Boolean(hazard.overdue));
  const main = el('div', 'item-main');
  const category = HAZARD_CATEGORY_NAMES[hazard.category] ?? hazard.category;
  const title = el('span', 'item-title');
  if (hazard.severity === 'major') title.append(el('span', 'tag tag-major', '重大隐患'), ' ');
  title.append(`【${category}】${hazard.description}`);
  main.append(title);
  const deadline = el('span', hazard.overdue ? 'item-deadline item-deadline-overdue' : 'item-deadline');
  deadline.append(`整改期限 ${hazard.deadline}`);
  if (hazard.overdue) {
    deadline.append(' · ', el('strong', '', `已逾期 ${hazard.daysOverdue} 天`));
  } else {
    const left = daysFrom(context.today, hazard.deadline);
    deadline.append(left === 0 ? ' · 今日到期' : ` · 还剩 ${left} 天`);
  }
  main.append(deadline);
  const standing = hazard.evidence
    ? (EVIDENCE_NAMES[hazard.evidence.status] ?? hazard.evidence.status)
    : (HAZARD_STATUS_NAMES[hazard.status] ?? hazard.status);
  main.append(el('span', 'item-meta', standing));
  row.append(main);
  if (isAllowed('rectification_evidence')) {
    const send = el('button', 'secondary', '上传整改证明');
    send.type = 'button';
    send.setAttribute('aria-label', `上传整改证明：${hazard.description}`);
    send.addEventListener('click', () => chooseHazard(hazard));
    row.append(send);
  }
  return row;
}

/** Overdue hazards come first on the page, never folded away: the unit must see them at once. */
function renderOverdueHazards() {
  const overdue = hazardsOf().filter((hazard) => hazard.overdue);
  page.overdueLead.textContent = `以下 ${overdue.length} 项隐患已超过整改期限仍未销项，请立即整改，并上传整改证明。`;
  page.overdueHazards.replaceChildren(...overdue.map(hazardRow));
  show(page.overdueSection, overdue.length > 0);
}

function renderOpenHazards() {
  const open = hazardsOf().filter((hazard) => !hazard.overdue);
  page.openHazards.replaceChildren(...open.map(hazardRow));
  show(page.openHazardsEmpty, open.length === 0);
  show(page.hazardsSection, hazardsOf().length > 0);
}

function renderReports() {
  const reports = context.reports ?? [];
  page.reports.replaceChildren(
    ...reports.map((report) => {
      const row = el('li', 'item');
      row.dataset.inspectionId = report.inspectionId;
      row.dataset.report = report.report.status;
      const main = el('div', 'item-main');
      const kind = INSPECTION_KIND_NAMES[report.kind] ?? report.kind;
      main.append(
        el('span', 'item-title', `${report.date} ${kind}`),
        el('span', 'item-meta', `发现本单位隐患 ${report.hazardCount} 项，尚未销项 ${report.openHazardCount} 项`),
      );
      // seed §3(2): the units answer the report with a rectification plan (一厂一策) by the day it names
      if (report.rectificationPlanDueOn) {
        main.append(el('span', 'item-meta', `整改方案（一厂一策）报送期限 ${report.rectificationPlanDueOn}`));
      }
      row.append(main);
      if (report.report.status === 'ready' && report.report.href) {
        const open = el('button', 'secondary', '查看报告');
        open.type = 'button';
        open.setAttribute('aria-label', `查看报告：${report.date} ${kind}`);
        open.addEventListener('click', () => openReport(report.report.href));
        row.append(open);
      } else {
        row.append(badge('working', '报告生成中'));
      }
      return row;
    }),
  );
  show(page.reportsEmpty, reports.length === 0);
  show(page.reportsSection, true);
}

/**
 * Open a report's PDF in a new tab. The link needs the upload token, so the page asks the API for a short-lived
 * link (JSON) and sends the tab there; the tab is opened at once, inside the tap, so phones do not block it.
 */
async function openReport(href) {
  setMessage(page.reportError, '');
  const tab = window.open('', '_blank');
  try {
    const link = await call(href);
    if (tab) {
      tab.opener = null;
      tab.location.replace(link.url);
    } else {
      location.assign(link.url);
    }
  } catch (error) {
    tab?.close();
    setMessage(page.reportError, messageOf(error, '打开检查报告', INVALID_LINK));
  }
}

/** Draft circulars naming the unit: what it is criticised for and until when it may state its case (陈述申辩). */
function renderCirculars() {
  const circulars = context.circulars ?? [];
  page.circulars.replaceChildren(
    ...circulars.map((circular) => {
      const block = el('article', 'circular');
      block.dataset.circularId = circular.id;
      block.dataset.statementMade = String(circular.statementMade);
      block.append(el('h3', 'circular-title', circular.title));
      const deadline = el('p', 'circular-deadline');
      deadline.append('陈述申辩截止：', el('strong', '', formatTime(circular.statementWindowEndsAt)));
      block.append(deadline);
      let state;
      if (circular.statementMade) state = '本单位已提交陈述申辩材料，监督机构将在决定是否发布通报前审阅。';
      else if (circular.statementWindowOpen) {
        state =
          '监督机构拟对本项目予以通报批评。本单位有权进行陈述和申辩：请在截止时间前上传加盖公章的陈述申辩材料；逾期未提交的，视为放弃陈述申辩。';
      } else state = '陈述申辩期限已届满。';
      block.append(el('p', circular.statementMade ? 'circular-state circular-state-done' : 'circular-state', state));
      const full = el('details', 'circular-body');
      full.append(el('summary', '', '查看通报草稿全文'), el('p', 'circular-text', circular.body));
      block.append(full);
      if (circular.statementWindowOpen && isAllowed('statement')) {
        const send = el('button', 'secondary', circular.statementMade ? '补充陈述申辩材料' : '上传陈述申辩材料');
        send.type = 'button';
        send.addEventListener('click', () => chooseType('statement'));
        block.append(send);
      }
      return block;
    }),
  );
  show(page.circularsSection, circulars.length > 0);
}

function renderObligations(list, empty, items) {
  list.replaceChildren(
    ...items.map((item) => {
      const row = el('li', 'item');
      row.dataset.docType = item.docType;
      row.dataset.key = item.key;
      if (item.reportDate) row.dataset.reportDate = item.reportDate;
      const main = el('div', 'item-main');
      main.append(
        el('span', 'item-title', item.description),
        el('span', 'item-meta', `截止 ${formatTime(item.dueAt)}`),
      );
      row.append(main);
      if (isAllowed(item.docType)) {
        const choose = el('button', 'secondary', '上传');
        choose.type = 'button';
        choose.setAttribute('aria-label', `上传：${item.description}`);
        choose.addEventListener('click', () => chooseObligation(item));
        row.append(choose);
      }
      return row;
    }),
  );
  show(empty, items.length === 0);
}

function renderTypeOptions() {
  const selected = page.docType.value;
  const allowed = context.documentTypes.filter((type) => isAllowed(type.docType));
  // Types the link allows but the API did not describe still appear, under their code.
  for (const docType of context.link.docTypes) {
    if (!allowed.some((type) => type.docType === docType)) allowed.push(typeOf(docType));
  }
  page.docType.replaceChildren(
    ...allowed.map((type) => {
      const option = el('option', '', type.name);
      option.value = type.docType;
      return option;
    }),
  );
  if (allowed.some((type) => type.docType === selected)) page.docType.value = selected;
  page.docType.disabled = allowed.length === 0;
  page.submit.disabled = allowed.length === 0;
  updateTypeFields();
}

function renderHazardOptions() {
  const selected = page.hazard.value;
  const placeholder = el('option', '', '请选择隐患');
  placeholder.value = '';
  page.hazard.replaceChildren(
    placeholder,
    ...hazardsOf().map((hazard) => {
      const category = HAZARD_CATEGORY_NAMES[hazard.category] ?? hazard.category;
      const late = hazard.overdue ? '【已逾期】' : '';
      const option = el('option', '', `${late}【${category}】${hazard.description}（整改期限 ${hazard.deadline}）`);
      option.value = hazard.id;
      return option;
    }),
  );
  if (hazardsOf().some((hazard) => hazard.id === selected)) page.hazard.value = selected;
  show(page.hazardEmpty, hazardsOf().length === 0);
}

function renderDocuments() {
  // The API lists them newest first.
  const documents = context.documents;
  page.documents.replaceChildren(
    ...documents.map((document) => {
      const row = el('li', 'item');
      row.dataset.documentId = document.documentId;
      row.dataset.status = document.status;
      const main = el('div', 'item-main');
      main.append(el('span', 'item-title', `${typeOf(document.docType).name} · ${document.fileName}`));
      const meta = [
        document.reportDate ? `报告日期 ${document.reportDate}` : '',
        document.uploadedAt ? `提交于 ${formatTime(document.uploadedAt)}` : '',
      ];
      main.append(el('span', 'item-meta', meta.filter(Boolean).join(' · ')));
      if (document.status === 'rejected' && document.reason) main.append(el('span', 'item-reason', document.reason));
      row.append(main, badge(document.status, DOCUMENT_STATUS_NAMES[document.status] ?? document.status));
      return row;
    }),
  );
  show(page.documentsEmpty, documents.length === 0);
}

function updateTypeFields() {
  const { needs } = typeOf(page.docType.value);
  show(page.reportDateField, needs === 'reportDate');
  page.reportDate.required = needs === 'reportDate';
  if (needs === 'reportDate' && !page.reportDate.value) page.reportDate.value = context.today;
  show(page.hazardField, needs === 'hazardId');
  page.hazard.required = needs === 'hazardId';
}

/** Bring the form up with a document type chosen, ready for the file. */
function chooseType(docType) {
  page.docType.value = docType;
  updateTypeFields();
  page.form.scrollIntoView({ behavior: 'smooth', block: 'start' });
  page.file.focus({ preventScroll: true });
}

function chooseObligation(item) {
  chooseType(item.docType);
  if (item.reportDate) page.reportDate.value = item.reportDate;
}

function chooseHazard(hazard) {
  chooseType('rectification_evidence');
  page.hazard.value = hazard.id;
}

async function loadContext() {
  context = await call('/v1/uploads/context');
  render();
}

/** Reload the lists after an upload settles; a failure here leaves the page as it was and says so. */
async function refresh() {
  try {
    await loadContext();
    setMessage(page.error, '');
  } catch (error) {
    setMessage(page.error, messageOf(error, '刷新列表', INVALID_LINK));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Uploading

function contentTypeOf(file) {
  if (Object.values(CONTENT_TYPES).includes(file.type)) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return file.type ? undefined : CONTENT_TYPES[extension];
}

async function sha256Hex(file) {
  if (!globalThis.crypto?.subtle) {
    throw new UserError('当前浏览器无法计算文件校验值，请通过 https 链接打开本页面或更换浏览器。');
  }
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The presigned POST: every field first, the file last under `file` (S3 ignores fields after the file). */
function postToStorage(upload, file, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) body.append(name, value);
    body.append('file', file.type === contentType ? file : new Blob([file], { type: contentType }), file.name);
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(100);
        resolve();
        return;
      }
      const message = request.responseXML?.querySelector('Message')?.textContent;
      reject(new UserError(`存储服务拒绝了文件（${request.status}${message ? `：${message}` : ''}），请重新上传。`));
    });
    request.addEventListener('error', () => reject(new UserError('网络中断，文件未能上传，请重新上传。')));
    request.addEventListener('abort', () => reject(new UserError('上传已取消。')));
    request.send(body);
  });
}

/** One row of 本次上传: a file on its way, and what became of it. */
function uploadEntry(fileName, typeName) {
  const row = el('li', 'item');
  const main = el('div', 'item-main');
  const title = el('span', 'item-title', `${typeName} · ${fileName}`);
  const reason = el('span', 'item-reason');
  reason.hidden = true;
  const state = badge('working', '');
  main.append(title, reason);
  row.append(main, state);
  page.uploads.prepend(row);
  show(page.uploadsEmpty, false);
  return {
    set documentId(id) {
      row.dataset.documentId = id;
    },
    set(status, detail) {
      row.dataset.status = status;
      const settled = status === 'accepted' || status === 'rejected' || status === 'failed' || status === 'timeout';
      state.className = `badge badge-${settled ? status : 'working'}`;
      state.textContent = UPLOAD_STATUS_NAMES[status] ?? status;
      reason.textContent = detail ?? '';
      reason.hidden = !detail;
    },
    progress(percent) {
      state.textContent = `${UPLOAD_STATUS_NAMES.uploading} ${percent}%`;
    },
  };
}

/** What is wrong with the form before anything is sent, or undefined. */
function checkForm(file, contentType, type) {
  if (!type.docType) return '请选择材料类型。';
  if (!file) return '请选择要上传的文件。';
  if (!contentType) return '只能上传 PDF、JPG 或 PNG 文件。';
  if (file.size === 0) return '文件是空的，请重新选择。';
  if (file.size > MAX_BYTES) return `文件大小 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过 20 MB 的上限。`;
  if (type.needs === 'reportDate' && !page.reportDate.value) return '请选择报告日期。';
  if (type.needs === 'hazardId' && !page.hazard.value) return '请选择对应的隐患。';
  return undefined;
}

function setBusy(busy) {
  page.submit.disabled = busy;
  page.submit.textContent = busy ? '上传中…' : '上传';
  page.form.setAttribute('aria-busy', String(busy));
}

function disableForm() {
  for (const control of page.form.elements) control.disabled = true;
}

async function onSubmit(event) {
  event.preventDefault();
  const type = typeOf(page.docType.value);
  const file = page.file.files?.[0];
  const contentType = file && contentTypeOf(file);
  const problem = checkForm(file, contentType, type);
  setMessage(page.formError, problem);
  if (problem) return;

  const entry = uploadEntry(file.name, type.name);
  let documentId;
  setBusy(true);
  page.progress.value = 0;
  show(page.progressField, true);
  try {
    entry.set('hashing');
    const sha256 = await sha256Hex(file);
    entry.set('requesting');
    const granted = await call('/v1/uploads', {
      method: 'POST',
      body: {
        docType: type.docType,
        fileName: file.name,
        contentType,
        size: file.size,
        sha256,
        ...(type.needs === 'reportDate' ? { reportDate: page.reportDate.value } : {}),
        ...(type.needs === 'hazardId' ? { hazardId: page.hazard.value } : {}),
      },
    });
    documentId = granted.documentId;
    entry.documentId = documentId;
    entry.set('uploading');
    entry.progress(0);
    await postToStorage(granted.upload, file, contentType, (percent) => {
      page.progress.value = percent;
      entry.progress(percent);
    });
    entry.set('pending');
    page.file.value = '';
  } catch (error) {
    const message = messageOf(error, '上传', INVALID_LINK);
    entry.set('failed', message);
    setMessage(page.formError, message);
    setBusy(false);
    if (isLinkRefused(error)) disableForm();
    return;
  }
  setBusy(false);
  void refresh();
  void watch(entry, documentId);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll the verifier's verdict (magic number, size, SHA-256) until it settles or a minute has passed. */
async function watch(entry, documentId) {
  const deadline = Date.now() + POLL_LIMIT_MS;
  while (Date.now() < deadline) {
    await sleep(POLL_INTERVAL_MS);
    try {
      const upload = await call(`/v1/uploads/${encodeURIComponent(documentId)}`);
      if (upload.status === 'accepted' || upload.status === 'rejected') {
        entry.set(upload.status, upload.status === 'rejected' ? (upload.reason ?? '未说明原因') : undefined);
        await refresh();
        return;
      }
    } catch (error) {
      // A refused link will not come back; anything else may be passing, so keep polling until the deadline.
      if (isLinkRefused(error)) {
        entry.set('failed', INVALID_LINK);
        return;
      }
    }
  }
  entry.set('timeout');
}

// ---------------------------------------------------------------------------------------------------------------

async function start() {
  page.form.addEventListener('submit', onSubmit);
  page.docType.addEventListener('change', updateTypeFields);
  page.file.addEventListener('change', () => setMessage(page.formError, ''));
  // A new link pasted into the same tab carries another token.
  window.addEventListener('hashchange', () => location.reload());

  if (!token) {
    page.projectName.textContent = '无法打开上传页面';
    setMessage(page.error, '链接不完整：缺少上传凭证。请使用监督机构发送的完整链接，或联系监督机构重新获取链接。');
    return;
  }
  try {
    await loadContext();
  } catch (error) {
    page.projectName.textContent = '无法打开上传页面';
    setMessage(page.error, messageOf(error, '加载', INVALID_LINK));
  }
}

start();
