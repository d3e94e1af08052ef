/**
 * The Chinese words of the console. The project's vocabulary (shared/domain/vocabulary.ts) names categories,
 * phases, unit and person roles; the rest of what a screen shows is named here, once.
 */
export {
  CONDITION_IDS,
  DOCUMENT_TYPES,
  FINDING_KINDS,
  HAZARD_CATEGORIES,
  HAZARD_CATEGORY_NAMES,
  INSPECTION_KINDS,
  MANAGEMENT_FINDING_KINDS,
  PERSON_ROLE_NAMES,
  PROJECT_CATEGORIES,
  PROJECT_CATEGORY_NAMES,
  PROJECT_PHASE_NAMES,
  PROJECT_PHASES,
  REQUIRED_UNIT_ROLES,
  SEVERITIES,
  UNIT_ROLE_NAMES,
  UNIT_ROLES,
} from '../../../shared/domain/vocabulary.js';

/** Look a code up in a table of names, showing the code itself when the table lacks it. */
export function nameOf(table: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return table[code] ?? code;
}

export const INSPECTION_KIND_NAMES: Record<string, string> = {
  routine: '日常检查',
  joint: '联合执法检查',
  special: '专项检查',
  follow_up: '复查',
  resident: '驻场检查',
};

export const SEVERITY_NAMES: Record<string, string> = { general: '一般隐患', major: '重大隐患' };

export const FINDING_KIND_NAMES: Record<string, string> = {
  hazard: '安全隐患',
  safety_org_incomplete: '安全管理机构不健全',
  responsibility_not_implemented: '安全生产责任制落实不到位',
  hazard_screening_not_performed: '未认真履行隐患排查治理制度',
  management_rules_incomplete: '项目管理制度不健全',
  negligent_management: '疏于管理',
  management_system_incomplete: '项目部管理体系不健全',
  site_disorder: '现场管理混乱',
};

export const HAZARD_STATUS_NAMES: Record<string, string> = {
  open: '待整改',
  submitted: '已提交整改',
  accepted: '已验收闭合',
  rejected: '验收未通过',
  refused: '拒不整改',
};

export const CASE_STATUS_NAMES: Record<string, string> = {
  proposed: '待确认',
  active: '监管中',
  released: '已解除',
  dismissed: '已驳回',
};

export const CASE_STATUS_COLORS: Record<string, string> = {
  proposed: 'gold',
  active: 'red',
  released: 'green',
  dismissed: 'default',
};

/** The escalation ladder (SPEC §2.4). */
export const LEVEL_NAMES: Record<number, string> = {
  0: '零级（纳入监管）',
  1: '一级（驻场监督）',
  2: '二级（高限高额处罚）',
  3: '三级（全区通报批评）',
};

export const LEVEL_SHORT_NAMES: Record<number, string> = { 0: '零级', 1: '一级', 2: '二级', 3: '三级' };

export const VERDICT_NAMES: Record<string, string> = { release: '解除监管', escalate: '升级', continue: '继续监管' };

export const NOTICE_TYPE_NAMES: Record<string, string> = {
  inclusion: '差别化监管告知单',
  release: '差别化监管解除告知单',
};

export const CIRCULAR_STATUS_NAMES: Record<string, string> = {
  draft: '草稿',
  withdrawn: '已撤销草稿',
  published: '已发布',
  retracted: '已撤回',
  expired: '已到期',
};

export const CIRCULAR_STATUS_COLORS: Record<string, string> = {
  draft: 'gold',
  withdrawn: 'default',
  published: 'red',
  retracted: 'purple',
  expired: 'default',
};

export const DOCUMENT_TYPE_NAMES: Record<string, string> = {
  notice_receipt: '告知单回执',
  rectification_plan: '整改方案（一厂一策）',
  rectification_evidence: '隐患整改材料',
  daily_report: '日报',
  patrol_record: '巡查记录',
  follow_up_report: '复查报告',
  weekly_report: '周报',
  self_inspection: '自查自纠报告',
  group_report: '集团报告',
  statement: '陈述申辩',
};

export const OBLIGATION_STATUS_NAMES: Record<string, string> = {
  missing: '未报送',
  on_time: '按时报送',
  onTime: '按时报送',
  late: '逾期报送',
  pending: '待报送',
  due: '待报送',
};

export const DOCUMENT_STATUS_NAMES: Record<string, string> = {
  pending: '待核验',
  accepted: '已接收',
  rejected: '已退回',
};

export const CONDITION_NAMES: Record<string, string> = {
  C1: '（一）管理混乱，安全生产责任制落实不到位',
  C2: '（二）项目管理制度不健全，疏于管理',
  C3: '（三）项目部管理体系不健全，人员到岗履职差',
  C4: '（四）隐患拒不整改或不认真整改且问题频发',
  C5: '（五）被通报批评',
  C6: '（六）发生亡人事故',
};

export const TIMELINE_ACTION_NAMES: Record<string, string> = {
  proposed: '提出纳入建议',
  included: '确认纳入差别化监管',
  dismissed: '驳回纳入建议',
  notice_issued: '签发告知单',
  notice_acknowledged: '收到告知单回执',
  notice_receipt_overdue: '告知单回执逾期',
  cycle_evaluated: '周期评估',
  cycle_extended: '延长监管周期',
  escalated: '监管等级升级',
  released: '解除差别化监管',
  upload_link_created: '生成上传链接',
  upload_link_revoked: '撤销上传链接',
  document_accepted: '材料核验通过',
  document_rejected: '材料核验未通过',
  hazard_overdue: '隐患逾期',
  circular_drafted: '起草通报',
  circular_published: '发布通报',
  circular_retracted: '撤回通报',
  circular_withdrawn: '撤销通报草稿',
  circular_expired: '通报公示期满',
  measures_ordered: '采取监管措施',
  // an enterprise case's own entries (shared/usecases/enterprise-cases.ts)
  reviewed: '季度排名复核：条件仍成立',
  talk_recorded: '记录约谈',
  project_included: '所属项目纳入差别化监管',
  project_released: '所属项目解除差别化监管',
};

// status assessment and penalty points (SPEC §6.1–6.3)

/** The three tiers (SPEC §6.2; seed 004: 项目自评、企业再评、政府评估), as shared/domain/assessment/tiers.ts names them. */
export const TIER_NAMES: Record<string, string> = { self: '项目自评', enterprise: '企业再评', government: '政府评估' };

/** JGJ 59-2011 §5.0.1 grades, as shared/domain/assessment/scoring.ts names them. */
export const GRADE_NAMES: Record<string, string> = { excellent: '优良', pass: '合格', fail: '不合格' };
export const GRADE_COLORS: Record<string, string> = { excellent: 'green', pass: 'blue', fail: 'red' };

/** 保证项目 / 一般项目 (JGJ 59-2011 §2.0.2–2.0.3). */
export const ITEM_KIND_NAMES: Record<string, string> = { guaranteed: '保证项目', general: '一般项目' };

export const FALSIFICATION_NAMES: Record<string, string> = {
  suspected: '涉嫌弄虚作假',
  confirmed: '已认定弄虚作假',
  cleared: '已排除弄虚作假',
};
export const FALSIFICATION_COLORS: Record<string, string> = { suspected: 'orange', confirmed: 'red', cleared: 'green' };

/** Why points were charged (SPEC §6.3). */
export const PENALTY_CODE_NAMES: Record<string, string> = {
  late_self_assessment: '项目自评逾期',
  late_enterprise_assessment: '企业再评逾期',
  missing_assessment: '评估缺失',
  falsification: '评估弄虚作假',
  enforcement_measure: '执法处理',
};

/** The points an officer records for an enforcement measure (SPEC §6.3). */
export const ENFORCEMENT_POINTS: Array<{ points: 1 | 2 | 3; name: string }> = [
  { points: 1, name: '责令改正' },
  { points: 2, name: '罚款（1万元以下）' },
  { points: 3, name: '罚款（1万元及以上）' },
];

/** What reaching each threshold of points within 12 months entails (SPEC §6.3; 京建法〔2007〕825号 as amended). */
export const PENALTY_LEVEL_NAMES: Record<number, string> = {
  8: '书面警告',
  16: '建筑市场公示，限制资质升级',
  24: '核查安全生产条件和资质',
  30: '建议降低或吊销资质',
};

export const PENALTY_SUBJECT_NAMES: Record<string, string> = { enterprise: '企业', person: '注册人员' };

// enterprise-level supervision (SPEC §6.5; shared/domain/enterprise-case.ts)

export const ENTERPRISE_CASE_STATUS_NAMES: Record<string, string> = {
  proposed: '拟纳入',
  active: '监管中',
  released: '已解除',
  dismissed: '不予纳入',
};

export const ENTERPRISE_CASE_STATUS_COLORS: Record<string, string> = {
  proposed: 'gold',
  active: 'red',
  released: 'green',
  dismissed: 'default',
};

/** The three grounds, short, as the list's tags show them (the detail shows the API's own sentence). */
export const ENTERPRISE_GROUND_SHORT_NAMES: Record<string, string> = {
  bottom_of_role_list: '排名后5%',
  supervised_projects: '多个项目被监管',
  penalty_points: '记分达16分',
};
