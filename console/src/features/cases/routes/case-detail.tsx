import { Alert, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { HazardList } from '@/features/hazards/components/hazard-list';
import type { CaseDetail, Circular } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import {
  CASE_STATUS_COLORS,
  CASE_STATUS_NAMES,
  CIRCULAR_STATUS_COLORS,
  CIRCULAR_STATUS_NAMES,
  CONDITION_NAMES,
  LEVEL_NAMES,
  nameOf,
  UNIT_ROLE_NAMES,
  VERDICT_NAMES,
} from '@/lib/vocabulary';
import { useCase, useCasePreview } from '../api/cases';
import { CaseActions } from '../components/case-actions';
import { CaseTimeline } from '../components/case-timeline';
import { CycleTable } from '../components/cycles';
import { CaseDocuments } from '../components/documents';
import { LadderDocumentTable, NoticeTable } from '../components/notices';
import { ObligationsPanel } from '../components/obligations';
import { UploadLinks } from '../components/upload-links';

function Preview(props: { caseId: string; active: boolean }) {
  const preview = useCasePreview(props.caseId, props.active);
  if (!props.active) return null;
  return (
    <Card title="本周期预判（若今日结束）" size="small">
      <QueryState query={preview} what="本周期预判">
        {(data) => (
          <>
            <Descriptions column={{ xs: 1, md: 3 }} size="small">
              <Descriptions.Item label="本周期">
                第 {data.cycle.index} 期 {data.cycle.start} 至 {data.cycle.end}
              </Descriptions.Item>
              <Descriptions.Item label="预判结论">
                {data.verdict ? nameOf(VERDICT_NAMES, data.verdict) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="预判等级">
                {data.levelAfter === undefined ? '—' : LEVEL_NAMES[data.levelAfter]}
              </Descriptions.Item>
            </Descriptions>
            {data.reasons && data.reasons.length > 0 && (
              <ul className="preview-reasons">
                {data.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </Card>
  );
}

function Overview(props: { supervisionCase: CaseDetail }) {
  const { supervisionCase: data } = props;
  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="工程项目">
            <Link to={`/projects/${data.projectId}`}>{data.projectName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="区域">{data.district}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={CASE_STATUS_COLORS[data.status]}>{nameOf(CASE_STATUS_NAMES, data.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="监管等级">
            {data.status === 'active' ? LEVEL_NAMES[data.level] : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="提出时间">{formatTimestamp(data.proposedAt)}</Descriptions.Item>
          <Descriptions.Item label="纳入时间">{formatTimestamp(data.includedAt)}</Descriptions.Item>
          <Descriptions.Item label="提出依据">
            {(data.proposedConditions ?? []).map((id) => CONDITION_NAMES[id] ?? id).join('；') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="规则版本">{data.ruleSetVersion}</Descriptions.Item>
          {data.dismissReason && <Descriptions.Item label="驳回理由">{data.dismissReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Preview caseId={data.id} active={data.status === 'active'} />
      <Card size="small" title={`六项条件（截至 ${data.conditionsAsOf ?? '今日'}）`}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.conditions}
          columns={[
            { title: '条件', dataIndex: 'id', width: 280, render: (id: string) => CONDITION_NAMES[id] ?? id },
            {
              title: '结论',
              dataIndex: 'met',
              width: 80,
              render: (met: boolean) => <Tag color={met ? 'red' : 'green'}>{met ? '符合' : '不符合'}</Tag>,
            },
            { title: '说明', dataIndex: 'explanation' },
          ]}
        />
      </Card>
      <Card size="small" title="参建单位">
        <Table
          rowKey="creditCode"
          size="small"
          pagination={false}
          dataSource={data.units ?? []}
          columns={[
            {
              title: '单位类型',
              dataIndex: 'role',
              width: 140,
              render: (role: string) => nameOf(UNIT_ROLE_NAMES, role),
            },
            { title: '单位名称', dataIndex: 'name' },
            { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200 },
          ]}
        />
      </Card>
    </Space>
  );
}

function CaseCirculars(props: { circulars: Circular[] }) {
  return (
    <Table<Circular>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={props.circulars}
      locale={{ emptyText: '暂无通报' }}
      columns={[
        { title: '标题', dataIndex: 'title', render: (title: string) => <Link to="/circulars">{title}</Link> },
        {
          title: '文号',
          dataIndex: 'number',
          width: 200,
          render: (number: string | null) => number ?? '（发布时编号）',
        },
        {
          title: '状态',
          dataIndex: 'status',
          width: 110,
          render: (status: string) => (
            <Tag color={CIRCULAR_STATUS_COLORS[status]}>{nameOf(CIRCULAR_STATUS_NAMES, status)}</Tag>
          ),
        },
        { title: '陈述申辩截止', dataIndex: 'statementWindowEndsOn', width: 130 },
      ]}
    />
  );
}

/**
 * 案件详情: the record and its conditions, the preview, the officer's decisions, notices and their PDFs, cycles and
 * verdicts, each unit's obligations and compliance, open hazards, upload links with a QR code, the documents, the
 * circulars, and the hash-chained timeline verified in the browser.
 */
export function Component() {
  const { caseId = '' } = useParams();
  const supervisionCase = useCase(caseId);
  return (
    <QueryState query={supervisionCase} what="案件">
      {(data) => (
        <Page
          title={data.projectName}
          crumbs={[{ title: '监管案件', to: '/cases' }, { title: data.projectName }]}
          subTitle={
            <Space wrap>
              <Tag color={CASE_STATUS_COLORS[data.status]} data-case-status={data.status}>
                {nameOf(CASE_STATUS_NAMES, data.status)}
              </Tag>
              {data.status === 'active' && <Tag color="volcano">{LEVEL_NAMES[data.level]}</Tag>}
              <Typography.Text type="secondary" className="hash">
                {data.id}
              </Typography.Text>
            </Space>
          }
          extra={<CaseActions supervisionCase={data} />}
        >
          {data.status === 'proposed' && (
            <Alert type="warning" showIcon title="该项目符合差别化监管条件，待负责人确认纳入或驳回。" />
          )}
          <Card>
            <Tabs
              className="case-tabs"
              defaultActiveKey="overview"
              items={[
                { key: 'overview', label: '概况', children: <Overview supervisionCase={data} /> },
                {
                  key: 'notices',
                  label: `告知单（${data.notices.length}）`,
                  children: (
                    <>
                      <NoticeTable notices={data.notices} />
                      <LadderDocumentTable documents={data.issuedDocuments ?? []} />
                    </>
                  ),
                },
                {
                  key: 'cycles',
                  label: '监管周期',
                  children: <CycleTable cycles={data.cycles} evaluations={data.evaluations ?? []} />,
                },
                {
                  key: 'obligations',
                  label: '报送义务',
                  children: <ObligationsPanel obligations={data.obligations} units={data.units ?? []} />,
                },
                {
                  key: 'hazards',
                  label: `隐患（${data.openHazards?.length ?? 0}）`,
                  children: <HazardList hazards={data.openHazards ?? []} units={data.units ?? []} />,
                },
                ...(data.status === 'active'
                  ? [
                      {
                        key: 'links',
                        label: '上传链接',
                        children: <UploadLinks caseId={data.id} units={data.units ?? []} />,
                      },
                    ]
                  : []),
                { key: 'documents', label: '报送材料', children: <CaseDocuments caseId={data.id} /> },
                { key: 'circulars', label: '通报', children: <CaseCirculars circulars={data.circulars ?? []} /> },
                { key: 'timeline', label: '时间线', children: <CaseTimeline entries={data.timeline} /> },
              ]}
            />
          </Card>
        </Page>
      )}
    </QueryState>
  );
}
