import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { Hazard, Unit } from '@/lib/api/views';
import {
  FINDING_KIND_NAMES,
  HAZARD_CATEGORY_NAMES,
  HAZARD_STATUS_NAMES,
  nameOf,
  SEVERITY_NAMES,
} from '@/lib/vocabulary';
import { VerifyHazardActions } from './verify-hazard';

/**
 * Hazards (隐患) item by item: category, severity, responsible unit, deadline, status (overdue in red), with the
 * verification actions. Used on the project and the case (the one component other features take from here).
 */
export function HazardList(props: { hazards: Hazard[]; units?: Unit[]; caption?: string }) {
  const unitName = (code: string) => props.units?.find((unit) => unit.creditCode === code)?.name ?? code;
  return (
    <Table<Hazard>
      rowKey="id"
      size="middle"
      dataSource={props.hazards}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: '暂无未闭合隐患' }}
      {...(props.caption ? { title: () => props.caption } : {})}
      columns={[
        {
          title: '隐患',
          dataIndex: 'description',
          render: (text: string, hazard) => <Link to={`/hazards/${hazard.id}`}>{text}</Link>,
        },
        { title: '类型', dataIndex: 'kind', render: (kind: string) => nameOf(FINDING_KIND_NAMES, kind), width: 150 },
        { title: '类别', dataIndex: 'category', render: (c: string) => nameOf(HAZARD_CATEGORY_NAMES, c), width: 90 },
        {
          title: '等级',
          dataIndex: 'severity',
          width: 90,
          render: (s: string) => <Tag color={s === 'major' ? 'red' : 'orange'}>{nameOf(SEVERITY_NAMES, s)}</Tag>,
        },
        { title: '责任单位', dataIndex: 'unitCreditCode', render: unitName, width: 180 },
        { title: '整改期限', dataIndex: 'deadline', width: 110 },
        {
          title: '状态',
          dataIndex: 'status',
          width: 150,
          render: (status: string, hazard) => (
            <>
              <Tag>{nameOf(HAZARD_STATUS_NAMES, status)}</Tag>
              {hazard.overdue && <Tag color="red">逾期</Tag>}
            </>
          ),
        },
        { title: '操作', key: 'actions', width: 170, render: (_, hazard) => <VerifyHazardActions hazard={hazard} /> },
      ]}
    />
  );
}
