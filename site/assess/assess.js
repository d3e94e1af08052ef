/**
 * The assessment page of a participating unit (SPEC §6.2): what is due for this unit of one project (this month's
 * self-assessment for the general contractor; this quarter's enterprise re-assessment for the developer, the
 * general contractor and the supervising firm), each check table of the scheme with its items, deductions and
 * 不涉及 toggles pre-marked from the project's phase, the running score and grade, submitting, the unit's
 * submissions, and its statement when one of them is suspected of falsification.
 *
 * The running score is computed in the browser by the scoring rules the server uses: /public/shared/scoring.js is
 * shared/domain/assessment/scoring.ts bundled by `npm run build:site`, not a copy. The server scores again on
 * submission, and its answer is what counts.
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
} from '/public/shared/link-api.js';
import { GRADE_NAMES, scoreAssessment } from '/public/shared/scoring.js';

const INVALID_LINK = '评估链接无效、已过期或已被撤销，请联系监督机构重新获取链接。';
const TIER_NAMES = { self: '项目自评', enterprise: '企业再评', government: '政府评估' };
const FALSIFICATION_NAMES = { suspected: '涉嫌弄虚作假', confirmed: '已认定弄虚作假', cleared: '已排除弄虚作假' };
const KIND_NAMES = { guaranteed: '保证项目', general: '一般项目' };

const page = {
  projectName: byId('project-name'),
  unit: byId('unit'),
  phase: byId('phase'),
  expiry: byId('link-expiry'),
  error: byId('page-error'),
  dueSection: byId('due-section'),
  due: byId('due'),
  dueEmpty: byId('due-empty'),
  assessSection: byId('assess-section'),
  assessTitle: byId('assess-title'),
  phaseHint: byId('phase-hint'),
  scoreTotal: byId('score-total'),
  scoreGrade: byId('score-grade'),
  scoreProblem: byId('score-problem'),
  form: /** @type {HTMLFormElement} */ (byId('assess-form')),
  categories: byId('categories'),
  signerName: /** @type {HTMLInputElement} */ (byId('signer-name')),
  signerRegistration: /** @type {HTMLInputElement} */ (byId('signer-registration')),
  signerHint: byId('signer-hint'),
  formError: byId('form-error'),
  submit: /** @type {HTMLButtonElement} */ (byId('submit')),
  result: byId('result'),
  historySection: byId('history-section'),
  history: byId('history'),
  historyEmpty: byId('history-empty'),
};

const token = linkToken();
const call = linkClient(token);

/** `GET /v1/assessments/context`, the scheme it names, and the period being filled in. */
let context;
let scheme;
let chosen;
/** The form's controls by table and item id. */
const controls = new Map();

/** '2026-10' → 2026年10月, '2026Q4' → 2026年第4季度. */
function periodName(period) {
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  return month ? `${month[1]}年${Number(month[2])}月` : period;
}

const gradeBadge = (grade) =>
  badge(grade === 'fail' ? 'bad' : grade === 'excellent' ? 'ok' : 'pass', GRADE_NAMES[grade] ?? grade);

// ---------------------------------------------------------------------------------------------------------------
// what is due, and the unit's submissions

function renderHeader() {
  const { project, unit } = context;
  page.projectName.textContent = project.name;
  document.title = `${project.name} · 安全状况评估`;
  page.unit.textContent = `${unit.name}（${unit.roleName}）`;
  page.phase.textContent = `施工阶段：${project.phaseName}`;
  page.expiry.textContent = context.link.expiresAt ? `链接有效期至 ${formatTime(context.link.expiresAt)}` : '';
}

function renderDue() {
  page.due.replaceChildren(
    ...context.due.map((item) => {
      const row = el('li', 'item');
      row.dataset.tier = item.tier;
      row.dataset.period = item.period;
      const main = el('div', 'item-main');
      const title = `${periodName(item.period)} ${TIER_NAMES[item.tier]}`;
      main.append(
        el('span', 'item-title', title),
        el('span', 'item-meta', `截止 ${formatTime(item.dueAt)}${item.overdue ? ' · 已逾期，逾期提交将记分' : ''}`),
      );
      const state = item.submitted
        ? badge(item.submitted.grade === 'fail' ? 'bad' : 'ok', `已提交 ${item.submitted.score.toFixed(1)}分`)
        : badge(item.overdue ? 'bad' : 'wait', item.overdue ? '逾期未交' : '待提交');
      const status = el('span', 'item-status');
      status.append(state);
      main.append(status);
      const fill = el('button', 'secondary', item.submitted ? '重新填写' : '填写');
      fill.type = 'button';
      fill.setAttribute('aria-label', `${item.submitted ? '重新填写' : '填写'}：${title}`);
      fill.addEventListener('click', () => choose(item, true));
      row.append(main, fill);
      return row;
    }),
  );
  show(page.dueEmpty, context.due.length === 0);
  show(page.dueSection, true);
}

function renderHistory() {
  page.history.replaceChildren(...context.assessments.map(historyEntry));
  show(page.historyEmpty, context.assessments.length === 0);
  show(page.historySection, true);
}

function historyEntry(assessment) {
  const row = el('li', 'item');
  row.dataset.assessmentId = assessment.id;
  const main = el('div', 'item-main');
  const head = el('span', 'item-head');
  head.append(
    el('span', 'item-title', `${periodName(assessment.period)} ${TIER_NAMES[assessment.tier]}`),
    gradeBadge(assessment.grade),
  );
  main.append(head);
  const meta = [
    `${assessment.score.toFixed(1)}分`,
    `提交于 ${formatTime(assessment.submittedAt)}`,
    assessment.late ? '逾期提交' : '',
    assessment.inForce ? '' : '已被新的提交替换',
  ];
  main.append(el('span', 'item-meta', meta.filter(Boolean).join(' · ')));
  const falsification = assessment.falsification;
  if (falsification) main.append(falsificationBlock(assessment, falsification));
  row.append(main);
  return row;
}

/** A suspicion, the unit's statement (or the form to make it), and the officer's decision. */
function falsificationBlock(assessment, falsification) {
  const block = el('div', 'statement');
  const name = FALSIFICATION_NAMES[falsification.status] ?? falsification.status;
  const grounds = falsification.grounds.join('；');
  block.append(
    el(
      'p',
      `banner ${falsification.status === 'cleared' ? 'banner-ok' : 'banner-warn'}`,
      `${name}：${grounds}。${falsification.status === 'suspected' ? `可在 ${formatTime(falsification.statementDueAt)} 前提交陈述。` : ''}`,
    ),
  );
  if (falsification.statement) {
    block.append(
      el('p', 'muted', `已于 ${formatTime(falsification.statement.madeAt)} 提交陈述：${falsification.statement.text}`),
    );
  } else if (falsification.status === 'suspected') {
    block.append(statementForm(assessment));
  }
  if (falsification.decision) {
    block.append(
      el(
        'p',
        'muted',
        `监督机构认定（${formatTime(falsification.decision.decidedAt)}）：${falsification.decision.reason}`,
      ),
    );
  }
  return block;
}

function statementForm(assessment) {
  const form = el('form', 'statement-form');
  form.noValidate = true;
  const id = `statement-${assessment.id}`;
  const label = el('label', '', '陈述内容');
  label.htmlFor = id;
  const text = /** @type {HTMLTextAreaElement} */ (el('textarea'));
  text.id = id;
  text.name = 'statement';
  text.maxLength = 5000;
  const error = el('p', 'banner banner-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const send = el('button', 'secondary', '提交陈述');
  send.type = 'submit';
  form.append(label, text, error, send);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      setMessage(error, '请填写陈述内容。');
      return;
    }
    send.disabled = true;
    try {
      await call(`/v1/assessments/${encodeURIComponent(assessment.id)}/statement`, {
        method: 'POST',
        body: { statement: text.value.trim() },
      });
      await loadContext();
    } catch (failure) {
      setMessage(error, messageOf(failure, '提交陈述', INVALID_LINK));
      send.disabled = false;
    }
  });
  return form;
}

// ---------------------------------------------------------------------------------------------------------------
// the form: every table of the scheme, by category

function choose(item, scroll) {
  chosen = item;
  page.assessTitle.textContent = `填写评估：${periodName(item.period)} ${TIER_NAMES[item.tier]}`;
  const off = context.phaseDefaults.filter((d) => !d.applicable).length;
  page.phaseHint.textContent = `已按施工阶段「${context.project.phaseName}」预设 ${off} 张检查表为不涉及，请按现场实际修改。每项填写扣减分数，扣分不得超过该项应得分。`;
  renderTables();
  const inForce = context.assessments.find((a) => a.tier === item.tier && a.period === item.period && a.inForce);
  if (inForce) prefill(inForce.form);
  const signer = item.tier === 'self' ? context.signer.self : null;
  page.signerName.value = signer?.name ?? '';
  page.signerRegistration.value = signer?.registrationNo ?? '';
  page.signerHint.textContent =
    item.tier === 'self'
      ? '项目自评须由本项目登记的项目经理签署。'
      : '企业再评由本单位负责人签署；注册人员请填写注册编号。';
  setMessage(page.formError, '');
  setMessage(page.result, '');
  show(page.assessSection, true);
  recompute();
  if (scroll) page.assessSection.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function renderTables() {
  controls.clear();
  const applicable = new Map(context.phaseDefaults.map((d) => [d.tableId, d]));
  const tables = new Map(scheme.tables.map((table) => [table.id, table]));
  const sections = scheme.categories.map((category) => {
    const section = el('section', 'category-section');
    const heading = el('h3', 'category', category.name);
    heading.append(' ', el('span', 'category-weight', `权重 ${category.weight}`));
    section.append(heading);
    for (const tableId of category.tableIds) section.append(tableBlock(tables.get(tableId), applicable.get(tableId)));
    return section;
  });
  page.categories.replaceChildren(...sections);
}

function tableBlock(table, phaseDefault) {
  const details = el('details', 'table');
  details.dataset.tableId = table.id;
  const summary = el('summary');
  const score = el('span', 'badge', '—');
  summary.append(el('span', 'table-name', `${table.clause} ${table.name}`), score);
  const body = el('div', 'table-body');
  const offId = `off-${table.id}`;
  const toggle = el('label', 'toggle');
  const off = /** @type {HTMLInputElement} */ (el('input'));
  off.type = 'checkbox';
  off.id = offId;
  off.checked = phaseDefault ? !phaseDefault.applicable : false;
  toggle.append(off, `本表不涉及${phaseDefault && !phaseDefault.applicable ? `（预设：${phaseDefault.reason}）` : ''}`);
  body.append(toggle);
  const items = table.items.map((item) => itemRow(table, item));
  const list = el('div', 'check-items');
  list.append(...items.map((row) => row.node));
  body.append(list);
  details.append(summary, body);
  const entry = { details, off, score, items };
  controls.set(table.id, entry);
  const sync = () => {
    for (const row of items) row.setTableOff(off.checked);
    recompute();
  };
  off.addEventListener('change', sync);
  for (const row of items) row.setTableOff(off.checked);
  return details;
}

function itemRow(table, item) {
  const node = el('div', 'check-item');
  const id = `d-${item.id}`;
  const title = el('label', 'item-title');
  title.htmlFor = id;
  title.append(el('span', `kind kind-${item.kind}`, KIND_NAMES[item.kind]), `${item.name}（应得${item.maximum}分）`);
  const deduction = /** @type {HTMLInputElement} */ (el('input'));
  deduction.type = 'number';
  deduction.id = id;
  deduction.inputMode = 'decimal';
  deduction.min = '0';
  deduction.max = String(item.maximum);
  deduction.step = 'any';
  deduction.placeholder = '0';
  deduction.setAttribute('aria-label', `${table.name} ${item.name} 扣分（最多${item.maximum}分）`);
  const toggle = el('label', 'toggle');
  const off = /** @type {HTMLInputElement} */ (el('input'));
  off.type = 'checkbox';
  off.setAttribute('aria-label', `${item.name} 不涉及`);
  toggle.append(off, '不涉及');
  node.append(title, deduction, toggle);
  const refresh = () => {
    deduction.disabled = off.checked || off.disabled;
    recompute();
  };
  deduction.addEventListener('input', recompute);
  off.addEventListener('change', refresh);
  return {
    node,
    item,
    deduction,
    off,
    setTableOff(tableOff) {
      off.disabled = tableOff;
      deduction.disabled = tableOff || off.checked;
      node.hidden = tableOff;
    },
  };
}

/** A resubmission starts from the submission it replaces: its 不涉及 marks and deductions. */
function prefill(tables) {
  for (const table of tables ?? []) {
    const entry = controls.get(table.tableId);
    if (!entry) continue;
    entry.off.checked = table.notApplicable === true;
    for (const row of entry.items) {
      const item = table.items.find((candidate) => candidate.itemId === row.item.id);
      row.off.checked = item?.notApplicable === true;
      row.deduction.value = item && item.deduction > 0 ? String(item.deduction) : '';
      row.setTableOff(entry.off.checked);
    }
  }
}

/** The form as the API takes it: every table listed, 不涉及 ones marked (SPEC §6.2). */
function tablesOfForm() {
  return scheme.tables.map((table) => {
    const entry = controls.get(table.id);
    if (entry.off.checked) return { tableId: table.id, notApplicable: true, items: [] };
    return {
      tableId: table.id,
      items: entry.items.map((row) => ({
        itemId: row.item.id,
        deduction: row.off.checked || row.deduction.value.trim() === '' ? 0 : Number(row.deduction.value),
        ...(row.off.checked ? { notApplicable: true } : {}),
      })),
    };
  });
}

/** The running score and grade, by the same rules the server applies. */
function recompute() {
  if (!chosen) return;
  let result;
  try {
    result = scoreAssessment(scheme, { tables: tablesOfForm() });
  } catch (error) {
    page.scoreTotal.textContent = '—';
    page.scoreGrade.className = 'badge';
    page.scoreGrade.textContent = '—';
    setMessage(page.scoreProblem, error?.text?.zh ?? error?.message ?? String(error));
    return;
  }
  setMessage(page.scoreProblem, '');
  page.scoreTotal.textContent = result.score.toFixed(1);
  const grade = gradeBadge(result.grade);
  page.scoreGrade.className = grade.className;
  page.scoreGrade.textContent = grade.textContent;
  for (const table of result.tables) {
    const entry = controls.get(table.tableId);
    if (!entry) continue;
    entry.score.className = `badge ${table.zeroed ? 'badge-bad' : table.score === null ? '' : 'badge-ok'}`;
    entry.score.textContent =
      table.score === null ? '不涉及' : table.zeroed ? '0分（保证项目不合格）' : `${table.score.toFixed(1)}分`;
  }
}

async function onSubmit(event) {
  event.preventDefault();
  if (!chosen) return;
  const name = page.signerName.value.trim();
  if (!name) {
    setMessage(page.formError, '请填写签署人姓名。');
    page.signerName.focus();
    return;
  }
  setMessage(page.formError, '');
  page.submit.disabled = true;
  page.submit.textContent = '提交中…';
  try {
    const registrationNo = page.signerRegistration.value.trim();
    const saved = await call('/v1/assessments', {
      method: 'POST',
      body: {
        tier: chosen.tier,
        period: chosen.period,
        schemeId: context.schemeId,
        tables: tablesOfForm(),
        signedBy: { name, ...(registrationNo ? { registrationNo } : {}) },
      },
    });
    const notes = [
      `已提交：${saved.score.toFixed(1)}分，${GRADE_NAMES[saved.grade] ?? saved.grade}`,
      saved.late ? '本次为逾期提交，已按规定记分' : '',
      saved.falsification ? `${FALSIFICATION_NAMES[saved.falsification.status]}，请在提交记录中查看并陈述` : '',
    ];
    await loadContext();
    setMessage(page.result, `${notes.filter(Boolean).join('；')}。`);
  } catch (error) {
    setMessage(page.formError, messageOf(error, '提交', INVALID_LINK));
    if (isLinkRefused(error)) for (const control of page.form.elements) control.disabled = true;
  } finally {
    page.submit.disabled = false;
    page.submit.textContent = '提交评估';
  }
}

async function loadContext() {
  context = await call('/v1/assessments/context');
  if (!scheme || scheme.id !== context.schemeId) {
    scheme = await call(`/v1/assessment-schemes/${encodeURIComponent(context.schemeId)}`);
  }
  renderHeader();
  renderDue();
  renderHistory();
  if (!chosen) {
    const first = context.due.find((item) => !item.submitted) ?? context.due[0];
    if (first) choose(first, false);
  }
}

async function start() {
  page.form.addEventListener('submit', onSubmit);
  // a new link pasted into the same tab carries another token
  window.addEventListener('hashchange', () => location.reload());
  if (!token) {
    page.projectName.textContent = '无法打开评估页面';
    setMessage(page.error, '链接不完整：缺少评估凭证。请使用监督机构发送的完整链接，或联系监督机构重新获取链接。');
    return;
  }
  try {
    await loadContext();
  } catch (error) {
    page.projectName.textContent = '无法打开评估页面';
    setMessage(page.error, messageOf(error, '加载', INVALID_LINK));
  }
}

start();
