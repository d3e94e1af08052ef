import type { Bilingual } from './errors.js';
import { type DocumentType, UNIT_ROLE_NAMES, type UnitRole, type UploadContentType } from './vocabulary.js';

/** Chinese names of the document types, as the units see them on the upload page. */
export const DOCUMENT_TYPE_NAMES: Record<DocumentType, string> = {
  notice_receipt: '告知单回执（签字盖章）',
  rectification_plan: '整改方案（一厂一策）',
  rectification_evidence: '隐患整改证明',
  daily_report: '日报（项目经理签字）',
  patrol_record: '安全巡查记录',
  follow_up_report: '整改复查情况',
  weekly_report: '安全工作周报',
  self_inspection: '自查自纠报告',
  group_report: '集团整改情况报告',
  statement: '陈述申辩',
};

/** What a document type needs besides the file. */
export const DOCUMENT_TYPE_NEEDS: Record<DocumentType, 'reportDate' | 'hazardId' | null> = {
  notice_receipt: null,
  rectification_plan: null,
  rectification_evidence: 'hazardId',
  daily_report: 'reportDate',
  patrol_record: 'reportDate',
  follow_up_report: 'reportDate',
  weekly_report: 'reportDate',
  self_inspection: null,
  group_report: null,
  statement: null,
};

const EVERY_UNIT: readonly UnitRole[] = ['developer', 'general_contractor', 'supervisor', 'subcontractor'];

/**
 * Which unit sends which document (seed §3(3), SPEC §2.3): the general contractor the daily report (日报), the
 * supervising firm the patrols, follow-ups and weekly reports, developer and contractor the self-inspection, every
 * unit its plan, receipt, rectification evidence and statement; the group report comes from the three main units.
 */
const SENDERS: Record<DocumentType, readonly UnitRole[]> = {
  notice_receipt: EVERY_UNIT,
  rectification_plan: EVERY_UNIT,
  rectification_evidence: EVERY_UNIT,
  daily_report: ['general_contractor'],
  patrol_record: ['supervisor'],
  follow_up_report: ['supervisor'],
  weekly_report: ['supervisor'],
  self_inspection: ['developer', 'general_contractor'],
  group_report: ['developer', 'general_contractor', 'supervisor'],
  statement: EVERY_UNIT,
};

/** Escalation level from which a document type is owed at all. */
const FROM_LEVEL: Partial<Record<DocumentType, number>> = { group_report: 2, statement: 3 };

/** The document types a unit of this role may send to a case at this level. */
export function documentTypesFor(role: UnitRole, level: number): DocumentType[] {
  return (Object.keys(SENDERS) as DocumentType[]).filter(
    (type) => SENDERS[type].includes(role) && level >= (FROM_LEVEL[type] ?? 0),
  );
}

/** Why a unit may not send this type now, or null when it may. */
export function documentTypeRefusal(type: DocumentType, role: UnitRole, level: number): Bilingual | null {
  if (!SENDERS[type].includes(role)) {
    return {
      zh: `${DOCUMENT_TYPE_NAMES[type]}由${SENDERS[type].map((sender) => UNIT_ROLE_NAMES[sender]).join('、')}报送，${UNIT_ROLE_NAMES[role]}无需报送`,
      en: `${type} is sent by ${SENDERS[type].join(', ')}, not by a ${role}`,
    };
  }
  const from = FROM_LEVEL[type];
  if (from !== undefined && level < from) {
    return {
      zh: `${DOCUMENT_TYPE_NAMES[type]}自升级至${from}级起报送，本案件现为${level}级，尚不需要`,
      en: `${type} is owed from escalation level ${from}; the case is at level ${level}`,
    };
  }
  return null;
}

/** The first bytes each accepted content type must start with (magic numbers). */
const MAGIC: Record<UploadContentType, number[][]> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
};

/** The longest magic number, so a verifier knows how many leading bytes to keep. */
export const MAGIC_BYTES = 8;

/** Do these leading bytes match the declared content type? */
export function matchesMagicNumber(contentType: UploadContentType, head: Uint8Array): boolean {
  return MAGIC[contentType].some((magic) => magic.every((byte, index) => head[index] === byte));
}

/** The content type the bytes look like, for a rejection reason a person understands. */
export function sniffContentType(head: Uint8Array): UploadContentType | null {
  for (const type of Object.keys(MAGIC) as UploadContentType[]) if (matchesMagicNumber(type, head)) return type;
  return null;
}

export const CONTENT_TYPE_EXTENSIONS: Record<UploadContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};
