import { AuditOutlined, FormOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { ReportButton } from '@/components/report-button';
import { HazardList } from '@/features/hazards/components/hazard-list';
import type { InspectionSummary, ProjectDetail, Unit } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import {
  CASE_STATUS_COLORS,
  CASE_STATUS_NAMES,
  INSPECTION_KIND_NAMES,
  LEVEL_NAMES,
  nameOf,
  PERSON_ROLE_NAMES,
  PROJECT_CATEGORY_NAMES,
  PROJECT_PHASE_NAMES,
  UNIT_ROLE_NAMES,
} from '@/lib/vocabulary';
import { useProject, useProjectConditions } from '../api/projects';
import { ConditionsList } from '../components/conditions-panel';
import { RecordCriticismButton, RecordIncidentButton } from '../components/record-forms';

function Inspections(props: { project: ProjectDetail }) {
  return (
    <Table<InspectionSummary>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={props.project.inspections ?? []}
      scroll={{ x: 760 }}
      locale={{ emptyText: '暂无检查记录' }}
      columns={[
        { title: '检查日期', dataIndex: 'date', width: 110 },
        {
          title: '检查类型',
          dataIndex: 'kind',
          width: 120,
          render: (kind: string) => nameOf(INSPECTION_KIND_NAMES, kind),
        },
        {
          title: '检查人员',
          dataIndex: 'inspectors',
          render: (names: string[] | undefined) => names?.join('、') ?? '—',
        },
        { title: '发现问题', dataIndex: 'findings', width: 90, render: (count?: number) => count ?? '—' },
        {
          title: '操作',
          key: 'actions',
          width: 250,
          render: (_, row) => (
            <Space size={4} wrap>
              <ReportButton inspectionId={row.id} />
              <Link to={`/projects/${props.project.id}/assessments/new?inspectionId=${row.id}`}>
                <Button size="small">政府评估</Button>
              </Link>
            </Space>
          ),
        },
      ]}
    />
  );
}

function UnitsTable(props: { units: Unit[] }) {
  return (
    <Table<Unit>
      rowKey="creditCode"
      size="middle"
      pagination={false}
      dataSource={props.units}
      columns={[
        { title: '单位类型', dataIndex: 'role', width: 140, render: (role) => nameOf(UNIT_ROLE_NAMES, role) },
        { title: '单位名称', dataIndex: 'name' },
        { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
        { title: '所属集团', dataIndex: 'groupCompany', render: (group?: string) => group ?? '—' },
        {
          title: '动态记分',
          key: 'points',
          width: 100,
          render: (_, unit) => (
            <Link
              to={`/penalty-points?kind=enterprise&id=${unit.creditCode}&name=${encodeURIComponent(unit.name)}`}
              aria-label={`${unit.name}的动态记分`}
            >
              查看记分
            </Link>
          ),
        },
      ]}
    />
  );
}

function Conditions(props: { projectId: string }) {
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const conditions = useProjectConditions(props.projectId, asOf?.format('YYYY-MM-DD'));
  return (
    <Card
      title="六项差别化监管条件"
      extra={
        <Space>
          <span>评估日期</span>
          <DatePicker value={asOf} onChange={setAsOf} placeholder="今天" aria-label="条件评估日期" />
        </Space>
      }
    >
      <QueryState query={conditions} what="六项条件">
        {(result) => (
          <>
            <Typography.Paragraph type="secondary">
              评估日期 {result.asOf} · 规则版本 {result.ruleSetVersion}
            </Typography.Paragraph>
            <ConditionsList conditions={result.conditions} />
          </>
        )}
      </QueryState>
    </Card>
  );
}

/** 项目详情: the record, its units and key persons, open hazards, inspections, the six conditions, its case. */
export function Component() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  return (
    <QueryState query={project} what="项目">
      {(data) => (
        <Page
          title={data.name}
          crumbs={[{ title: '工程项目', to: '/projects' }, { title: data.name }]}
          subTitle={
            data.case ? (
              <Space>
                <Tag color={CASE_STATUS_COLORS[data.case.status]}>{nameOf(CASE_STATUS_NAMES, data.case.status)}</Tag>
                {data.case.status === 'active' && <Tag color="volcano">{LEVEL_NAMES[data.case.level]}</Tag>}
                <Link to={`/cases/${data.case.id}`}>查看监管案件</Link>
              </Space>
            ) : (
              <Tag>未纳入差别化监管</Tag>
            )
          }
          extra={
            <>
              <Link to={`/projects/${data.id}/inspections/new`}>
                <Button type="primary" icon={<FormOutlined />}>
                  录入检查
                </Button>
              </Link>
              <Link to={`/projects/${data.id}/assessments`}>
                <Button icon={<AuditOutlined />}>安全状况评估</Button>
              </Link>
              <RecordIncidentButton projectId={data.id} />
              <RecordCriticismButton projectId={data.id} />
            </>
          }
        >
          <Card title="基本信息">
            <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
              <Descriptions.Item label="所属区域">{data.district}</Descriptions.Item>
              <Descriptions.Item label="工程类别">{nameOf(PROJECT_CATEGORY_NAMES, data.category)}</Descriptions.Item>
              <Descriptions.Item label="施工阶段">{nameOf(PROJECT_PHASE_NAMES, data.phase)}</Descriptions.Item>
              <Descriptions.Item label="项目地址" span={2}>
                {data.address}
              </Descriptions.Item>
              <Descriptions.Item label="登记时间">{formatTimestamp(data.registeredAt)}</Descriptions.Item>
              {data.persons.map((person) => (
                <Descriptions.Item key={person.role} label={nameOf(PERSON_ROLE_NAMES, person.role)}>
                  {person.name}
                  {person.registrationNo && (
                    <>
                      {' '}
                      <Link
                        to={`/penalty-points?kind=person&id=${encodeURIComponent(person.registrationNo)}&name=${encodeURIComponent(person.name)}`}
                      >
                        记分
                      </Link>
                    </>
                  )}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card title="参建单位">
            <UnitsTable units={data.units} />
          </Card>
          <Card title={`未闭合隐患（${data.openHazards.length}）`}>
            <HazardList hazards={data.openHazards} units={data.units} />
          </Card>
          <Card title="检查记录">
            <Inspections project={data} />
          </Card>
          <Conditions projectId={data.id} />
        </Page>
      )}
    </QueryState>
  );
}
