import { Alert, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { CaseTimeline } from '@/features/cases/components/case-timeline';
import type { AgencyQuotaLine, EnterpriseCaseDetail, EnterpriseDutyLine } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { periodName } from '@/lib/periods';
import {
  ENTERPRISE_CASE_STATUS_COLORS,
  ENTERPRISE_CASE_STATUS_NAMES,
  nameOf,
  PROJECT_PHASE_NAMES,
  UNIT_ROLE_NAMES,
} from '@/lib/vocabulary';
import { useEnterpriseCase } from '../api/enterprise-cases';
import { EnterpriseCaseActions } from '../components/enterprise-case-actions';
import { TalksPanel } from '../components/talks';

type Detail = EnterpriseCaseDetail;

/** One piece of a ground's evidence, linked where the console has a screen for it. */
function Evidence(props: { id: string; creditCode: string }) {
  const { id } = props;
  if (id.startsWith('cas_')) return <Link to={`/cases/${id}`}>{id}</Link>;
  if (id.startsWith('points:')) {
    return <Link to={`/penalty-points?kind=enterprise&id=${props.creditCode}`}>记分记录 {id.slice(7)}</Link>;
  }
  const ranking = /^ranking:(\d{4}Q[1-4]):(\w+)$/.exec(id);
  if (ranking) return <span>{`${periodName(ranking[1] as string)}${nameOf(UNIT_ROLE_NAMES, ranking[2])}排名`}</span>;
  return <span className="hash">{id}</span>;
}

function Overview(props: { data: Detail }) {
  const { data } = props;
  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="企业名称">{data.name}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{data.creditCode}</Descriptions.Item>
          <Descriptions.Item label="参建角色">
            {data.roles.map((role) => nameOf(UNIT_ROLE_NAMES, role)).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={ENTERPRISE_CASE_STATUS_COLORS[data.status]}>
              {nameOf(ENTERPRISE_CASE_STATUS_NAMES, data.status)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="提出时间">{formatTimestamp(data.proposedAt)}</Descriptions.Item>
          <Descriptions.Item label="纳入日期">{data.includedOn ?? '—'}</Descriptions.Item>
          {data.dismissedOn && <Descriptions.Item label="不予纳入日期">{data.dismissedOn}</Descriptions.Item>}
          {data.dismissReason && <Descriptions.Item label="不予纳入理由">{data.dismissReason}</Descriptions.Item>}
          {data.releasedOn && <Descriptions.Item label="解除日期">{data.releasedOn}</Descriptions.Item>}
          {data.lastReviewed && (
            <Descriptions.Item label="最近复核">
              {periodName(data.lastReviewed.quarter)}排名（第 {data.lastReviewed.revision} 版）
            </Descriptions.Item>
          )}
          <Descriptions.Item label="规则版本">{data.ruleSetVersion}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="提出依据">
        <ul className="ground-list">
          {data.grounds.map((ground) => (
            <li key={ground.ground} data-ground={ground.ground}>
              <Typography.Text strong>{ground.name}</Typography.Text>
              <div>{ground.explanation}</div>
              {ground.evidence.length > 0 && (
                <div>
                  <Typography.Text type="secondary">证据：</Typography.Text>
                  {ground.evidence.map((id, index) => (
                    <span key={id}>
                      {index > 0 && '、'}
                      <Evidence id={id} creditCode={data.creditCode} />
                    </span>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card size="small" title="参建项目及其监管状态">
        <Table
          rowKey={(row) => `${row.projectId}:${row.role}`}
          size="small"
          pagination={false}
          scroll={{ x: 600 }}
          dataSource={data.projects ?? []}
          locale={{ emptyText: '该企业没有登记的参建项目' }}
          columns={[
            {
              title: '工程项目',
              dataIndex: 'name',
              render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
            },
            { title: '区域', dataIndex: 'district', width: 90 },
            { title: '角色', dataIndex: 'role', width: 120, render: (role: string) => nameOf(UNIT_ROLE_NAMES, role) },
            {
              title: '施工阶段',
              dataIndex: 'phase',
              width: 100,
              render: (phase: string) => nameOf(PROJECT_PHASE_NAMES, phase),
            },
            {
              title: '差别化监管',
              dataIndex: 'caseId',
              width: 110,
              render: (caseId: string | null) =>
                caseId ? (
                  <Link to={`/cases/${caseId}`}>
                    <Tag color="red">监管中</Tag>
                  </Link>
                ) : (
                  <Tag>未纳入</Tag>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

const metTag = (met: boolean) => <Tag color={met ? 'green' : 'red'}>{met ? '达标' : '未达标'}</Tag>;

/** 监管措施: what is owed while the case is active, and what was done, as the API counts it today. */
function Measures(props: { data: Detail }) {
  const { measures } = props.data;
  if (!measures) {
    return (
      <Alert
        type="info"
        showIcon
        title="监管措施自确认纳入之日起执行"
        description="纳入后：监管机构对企业的每个在建项目每月执法检查不少于 2 次；企业每季度对其每个在建项目至少检查 2 次；约谈企业负责人。"
      />
    );
  }
  const agency = measures.agencyInspections;
  const own = measures.enterpriseInspections;
  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card
        size="small"
        title={`监管机构执法检查（${periodName(measures.month)}，每个项目不少于 ${agency.required} 次）`}
        extra={
          <span data-agency-shortfall={agency.shortfall}>
            达标 {agency.projectsMeetingTarget}/{agency.projects.length} 个项目，尚缺 {agency.shortfall} 次
          </span>
        }
      >
        <Table<AgencyQuotaLine>
          rowKey="projectId"
          size="small"
          pagination={false}
          dataSource={agency.projects}
          locale={{ emptyText: '没有在建项目' }}
          columns={[
            {
              title: '工程项目',
              dataIndex: 'name',
              render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
            },
            {
              title: '本月检查',
              dataIndex: 'inspections',
              width: 100,
              render: (value: number, row) => `${value} / ${row.required}`,
            },
            { title: '结论', dataIndex: 'meetsTarget', width: 90, render: metTag },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`企业自查（${periodName(own.quarter)}，每个项目至少 ${own.required} 次）`}
        extra={metTag(own.met)}
      >
        <Table<EnterpriseDutyLine>
          rowKey="projectId"
          size="small"
          pagination={false}
          dataSource={own.projects}
          locale={{ emptyText: '没有在建项目' }}
          columns={[
            {
              title: '工程项目',
              dataIndex: 'name',
              render: (name: string, row) => <Link to={`/projects/${row.projectId}`}>{name}</Link>,
            },
            {
              title: '本季度自查',
              dataIndex: 'delivered',
              width: 110,
              render: (value: number, row) => `${value} / ${row.required}`,
            },
            { title: '结论', dataIndex: 'met', width: 90, render: metTag },
          ]}
        />
      </Card>
    </Space>
  );
}

/**
 * 企业监管详情 (SPEC §6.5): the enterprise, the grounds it was proposed on with their evidence, its projects and
 * their supervision, the measures owed while active with their compliance, summons talks (约谈) listed and recorded,
 * the officer's decision, and the hash-chained timeline verified in the browser (the case screen's own component).
 */
export function Component() {
  const { enterpriseCaseId = '' } = useParams();
  const enterpriseCase = useEnterpriseCase(enterpriseCaseId);
  return (
    <QueryState query={enterpriseCase} what="企业监管记录">
      {(data) => (
        <Page
          title={data.name}
          crumbs={[{ title: '企业监管', to: '/enterprise-cases' }, { title: data.name }]}
          subTitle={
            <Space wrap>
              <Tag color={ENTERPRISE_CASE_STATUS_COLORS[data.status]} data-enterprise-case-status={data.status}>
                {nameOf(ENTERPRISE_CASE_STATUS_NAMES, data.status)}
              </Tag>
              <Typography.Text type="secondary" className="hash">
                {data.id}
              </Typography.Text>
            </Space>
          }
          extra={<EnterpriseCaseActions enterpriseCase={data} />}
        >
          {data.status === 'proposed' && (
            <Alert type="warning" showIcon title="该企业符合企业级差别化监管条件，待负责人确认纳入或不予纳入。" />
          )}
          <Card>
            <Tabs
              className="case-tabs"
              defaultActiveKey="overview"
              items={[
                { key: 'overview', label: '概况', children: <Overview data={data} /> },
                { key: 'measures', label: '监管措施', children: <Measures data={data} /> },
                {
                  key: 'talks',
                  label: `约谈（${data.talks.length}）`,
                  children: (
                    <TalksPanel enterpriseCaseId={data.id} talks={data.talks} active={data.status === 'active'} />
                  ),
                },
                { key: 'timeline', label: '时间线', children: <CaseTimeline entries={data.timeline} /> },
              ]}
            />
          </Card>
        </Page>
      )}
    </QueryState>
  );
}
