/**
 * The words of differentiated supervision (差别化监管), as SPEC §3 names them. Plain constants: the zod schemas,
 * the domain rules and the documents all read them from here.
 */

export const PROJECT_CATEGORIES = ['building', 'municipal', 'rail', 'housing'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export const PROJECT_CATEGORY_NAMES: Record<ProjectCategory, string> = {
  building: '房建',
  municipal: '市政',
  rail: '轨道',
  housing: '保障房',
};

export const PROJECT_PHASES = [
  'preparation',
  'earthwork',
  'foundation',
  'structure',
  'masonry',
  'decoration',
  'installation',
  'completion',
] as const;
export type ProjectPhase = (typeof PROJECT_PHASES)[number];
export const PROJECT_PHASE_NAMES: Record<ProjectPhase, string> = {
  preparation: '施工准备',
  earthwork: '土方开挖支护',
  foundation: '基础施工',
  structure: '结构施工',
  masonry: '二次结构',
  decoration: '装饰装修',
  installation: '机电安装',
  completion: '竣工收尾',
};

/** Participating units (参建单位). */
export const UNIT_ROLES = ['developer', 'general_contractor', 'supervisor', 'subcontractor'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export const UNIT_ROLE_NAMES: Record<UnitRole, string> = {
  developer: '建设单位',
  general_contractor: '施工总承包单位',
  supervisor: '监理单位',
  subcontractor: '分包单位',
};
/** Every project names these three units; subcontractors are optional. */
export const REQUIRED_UNIT_ROLES: readonly UnitRole[] = ['developer', 'general_contractor', 'supervisor'];

/** Key persons: 项目经理 and 总监理工程师. */
export const PERSON_ROLES = ['project_manager', 'chief_supervising_engineer'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const PERSON_ROLE_NAMES: Record<PersonRole, string> = {
  project_manager: '项目经理',
  chief_supervising_engineer: '总监理工程师',
};

export const INSPECTION_KINDS = ['routine', 'joint', 'special', 'follow_up', 'resident'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
/** How an inspection's kind is written in documents (检查报告). */
export const INSPECTION_KIND_NAMES: Record<InspectionKind, string> = {
  routine: '日常监督检查',
  joint: '联合执法检查',
  special: '专项检查',
  follow_up: '复查',
  resident: '驻场监督检查',
};

/** Management finding kinds of SPEC §2.1 (C1–C3); `hazard` is a site hazard (隐患). */
export const MANAGEMENT_FINDING_KINDS = [
  'safety_org_incomplete',
  'responsibility_not_implemented',
  'hazard_screening_not_performed',
  'management_rules_incomplete',
  'negligent_management',
  'management_system_incomplete',
  'site_disorder',
] as const;
export const FINDING_KINDS = ['hazard', ...MANAGEMENT_FINDING_KINDS] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const HAZARD_CATEGORIES = [
  'excavation',
  'scaffolding',
  'formwork',
  'lifting',
  'electrical',
  'work_at_height',
  'fire',
  'management',
  'other',
] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];
export const HAZARD_CATEGORY_NAMES: Record<HazardCategory, string> = {
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

export const SEVERITIES = ['general', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = { general: '一般', major: '重大' };

/** A hazard's own states; "overdue" is derived (past its deadline and not accepted), never stored. */
export const HAZARD_STATUSES = ['open', 'submitted', 'accepted', 'rejected', 'refused'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const CRITICISM_ISSUERS = ['city_government', 'district_government', 'authority'] as const;
export type CriticismIssuer = (typeof CRITICISM_ISSUERS)[number];

export const CASE_STATUSES = ['proposed', 'active', 'released', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const NOTICE_TYPES = ['inclusion', 'release'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** The documents the agency issues (文书), each rendered as a PDF after its commit. */
export const ISSUED_DOCUMENT_KINDS = [
  'inclusion_notice',
  'release_notice',
  'inspection_report',
  'group_order',
  'municipal_report',
] as const;
export type IssuedDocumentKind = (typeof ISSUED_DOCUMENT_KINDS)[number];
/** Their titles as printed: the notices' from the seed's 附件1 and 附件2, the others ours (the seed names none). */
export const ISSUED_DOCUMENT_TITLES: Record<IssuedDocumentKind, string> = {
  inclusion_notice: '差别化监管告知单',
  release_notice: '差别化监管解除告知单',
  inspection_report: '施工现场安全检查报告',
  group_order: '差别化监管责令通知书',
  municipal_report: '关于差别化监管项目违法违规情况的报告',
};

export const VERDICTS = ['release', 'escalate', 'continue'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * A circular's states (SPEC §2.2, §2.5): a `draft` waits out the statement window; an officer publishes it (it takes
 * its number then) or withdraws it (`withdrawn`: abandoned, never public, no number); a published circular is later
 * `retracted` by an officer or `expired` at the end of its publication period.
 */
export const CIRCULAR_STATUSES = ['draft', 'withdrawn', 'published', 'retracted', 'expired'] as const;
export type CircularStatus = (typeof CIRCULAR_STATUSES)[number];

/** The states as the agency's messages name them. */
export const CIRCULAR_STATUS_NAMES: Record<CircularStatus, string> = {
  draft: '草稿',
  withdrawn: '已撤销（草稿作废）',
  published: '已发布',
  retracted: '已撤回',
  expired: '公示期满',
};

export const DOCUMENT_TYPES = [
  'notice_receipt',
  'rectification_plan',
  'rectification_evidence',
  'daily_report',
  'patrol_record',
  'follow_up_report',
  'weekly_report',
  'self_inspection',
  'group_report',
  'statement',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const UPLOAD_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const CONDITION_IDS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'] as const;
export type ConditionId = (typeof CONDITION_IDS)[number];

/** A notice must come back signed and stamped within 5 working days (附件1 注). */
export const RECEIPT_WORKING_DAYS = 5;

/** Agency duty per case and calendar month (seed §3(2)): at least 4 inspections, 1 of them joint enforcement. */
export const AGENCY_INSPECTIONS_PER_MONTH = 4;
export const AGENCY_JOINT_INSPECTIONS_PER_MONTH = 1;
