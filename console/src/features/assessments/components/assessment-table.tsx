import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import type { Assessment } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { periodName } from '@/lib/periods';
import {
  FALSIFICATION_COLORS,
  FALSIFICATION_NAMES,
  GRADE_COLORS,
  GRADE_NAMES,
  nameOf,
  TIER_NAMES,
} from '@/lib/vocabulary';

/** Who made an assessment: the unit, or the inspectors of a government assessment. */
export function assessorOf(assessment: Assessment): string {
  if (assessment.tier === 'government') return assessment.inspectors?.join('、') ?? '监督机构';
  return assessment.unitName ?? assessment.unitCreditCode ?? '—';
}

/** The assessments of a period (history included: a replaced submission is marked), newest first. */
export function AssessmentTable(props: { assessments: Assessment[] }) {
  return (
    <Table<Assessment>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={props.assessments}
      scroll={{ x: 980 }}
      locale={{ emptyText: '该期间尚无评估' }}
      rowClassName={(row) => (row.inForce ? '' : 'row-superseded')}
      columns={[
        {
          title: '层级',
          dataIndex: 'tier',
          width: 100,
          render: (tier: string, row) => (
            <Link to={`/assessments/${row.id}`} data-assessment={row.id}>
              {nameOf(TIER_NAMES, tier)}
            </Link>
          ),
        },
        { title: '期间', dataIndex: 'period', width: 130, render: (period: string) => periodName(period) },
        { title: '评估单位 / 人员', key: 'assessor', render: (_, row) => assessorOf(row) },
        {
          title: '得分',
          dataIndex: 'score',
          width: 80,
          align: 'right',
          render: (score: number) => score.toFixed(1),
        },
        {
          title: '等级',
          dataIndex: 'grade',
          width: 80,
          render: (grade: string) => <Tag color={GRADE_COLORS[grade]}>{nameOf(GRADE_NAMES, grade)}</Tag>,
        },
        {
          title: '状态',
          key: 'state',
          width: 220,
          render: (_, row) => (
            <>
              {row.late && <Tag color="orange">逾期提交</Tag>}
              {row.falsification && (
                <Tag color={FALSIFICATION_COLORS[row.falsification.status]}>
                  {nameOf(FALSIFICATION_NAMES, row.falsification.status)}
                </Tag>
              )}
              {!row.inForce && <Tag>已被新提交替换</Tag>}
              {row.inForce && !row.late && !row.falsification && <span className="secondary-text">有效</span>}
            </>
          ),
        },
        { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: formatTimestamp },
      ]}
    />
  );
}
