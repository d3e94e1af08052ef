import { Tag } from 'antd';
import { Link } from 'react-router';
import type { OverdueHazard, OverdueNotice } from '@/lib/api/views';
import { daysOverdue } from '@/lib/dates';
import {
  HAZARD_CATEGORY_NAMES,
  HAZARD_STATUS_NAMES,
  NOTICE_TYPE_NAMES,
  nameOf,
  SEVERITY_NAMES,
} from '@/lib/vocabulary';

/**
 * How late an item is, in Asia/Shanghai days after its last day allowed (逾期 N 天), set apart on the row's right so
 * the eye can run down a list of them. A device whose clock is behind the server's may count 0: it says 已逾期.
 */
function OverdueDays(props: { deadline: string }) {
  const days = daysOverdue(props.deadline);
  return (
    <div className="overdue-days" data-days-overdue={days}>
      {days > 0 ? (
        <>
          逾期 <strong className="overdue-days-value">{days}</strong> 天
        </>
      ) : (
        '已逾期'
      )}
    </div>
  );
}

/** A hazard past its rectification deadline: what, where, its category, and since when (links to its verification). */
export function OverdueHazardRow(props: { hazard: OverdueHazard }) {
  const { hazard } = props;
  return (
    <li className="overdue-row" data-overdue-hazard={hazard.id}>
      <div className="overdue-row-main">
        <Link className="overdue-row-title" to={`/hazards/${hazard.id}`}>
          {hazard.description}
        </Link>
        <div className="overdue-row-project">{hazard.projectName}</div>
        <div className="overdue-row-facts">
          <Tag>{nameOf(HAZARD_CATEGORY_NAMES, hazard.category)}</Tag>
          <Tag color={hazard.severity === 'major' ? 'red' : 'orange'}>{nameOf(SEVERITY_NAMES, hazard.severity)}</Tag>
          {/* open is what overdue means; a submitted rectification awaits its verification, a rejected one is redone */}
          {hazard.status !== 'open' && (
            <Tag color={hazard.status === 'submitted' ? 'blue' : undefined}>
              {nameOf(HAZARD_STATUS_NAMES, hazard.status)}
            </Tag>
          )}
          <span className="overdue-row-deadline">整改期限 {hazard.deadline}</span>
        </div>
      </div>
      <OverdueDays deadline={hazard.deadline} />
    </li>
  );
}

/** A notice whose signed receipt (回执) did not come back by its day: its number, project and due day (links to the case). */
export function OverdueNoticeRow(props: { notice: OverdueNotice }) {
  const { notice } = props;
  return (
    <li className="overdue-row" data-overdue-notice={notice.id}>
      <div className="overdue-row-main">
        <Link className="overdue-row-title" to={`/cases/${notice.caseId}`}>
          {notice.number} 未回执
        </Link>
        <div className="overdue-row-project">{notice.projectName}</div>
        <div className="overdue-row-facts">
          <Tag>{nameOf(NOTICE_TYPE_NAMES, notice.noticeType)}</Tag>
          <span className="overdue-row-deadline">回执期限 {notice.receiptDueOn}</span>
        </div>
      </div>
      <OverdueDays deadline={notice.receiptDueOn} />
    </li>
  );
}
