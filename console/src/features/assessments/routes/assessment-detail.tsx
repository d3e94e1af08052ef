import type { Scheme } from '@shared/domain/assessment/scheme.js';
import { Card, Col, Collapse, Descriptions, Row, Statistic, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import type { Assessment, AssessmentScheme } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { periodName } from '@/lib/periods';
import { GRADE_COLORS, GRADE_NAMES, ITEM_KIND_NAMES, nameOf, TIER_NAMES } from '@/lib/vocabulary';
import { useAssessment, useScheme } from '../api/assessments';
import { asScheme } from '../components/assessment-form-model';
import { assessorOf } from '../components/assessment-table';
import { TableScoreTag } from '../components/check-tables';
import { FalsificationPanel } from '../components/falsification-panel';

/** The summary table (汇总表): each category's weight and score, 不涉及 ones marked. */
function Categories(props: { assessment: Assessment; scheme: Scheme }) {
  const names = new Map(props.scheme.categories.map((category) => [category.id, category.name]));
  return (
    <Table
      rowKey="categoryId"
      size="small"
      pagination={false}
      dataSource={props.assessment.categories}
      columns={[
        { title: '分项', dataIndex: 'categoryId', render: (id: string) => names.get(id) ?? id },
        { title: '满分（权重）', dataIndex: 'weight', width: 110 },
        {
          title: '得分',
          dataIndex: 'score',
          width: 100,
          render: (score: number | null, row) => (row.applicable && score !== null ? score.toFixed(1) : '不涉及'),
        },
      ]}
    />
  );
}

/** Each check table with its score (a zeroed one in red) and its items as submitted. */
function Tables(props: { assessment: Assessment; scheme: Scheme }) {
  const submitted = new Map((props.assessment.form ?? []).map((table) => [table.tableId, table]));
  const results = new Map(props.assessment.tables.map((table) => [table.tableId, table]));
  return (
    <Collapse
      size="small"
      defaultActiveKey={props.assessment.tables.filter((table) => table.zeroed).map((table) => table.tableId)}
      items={props.scheme.tables.map((table) => {
        const result = results.get(table.id);
        const form = submitted.get(table.id);
        return {
          key: table.id,
          label: (
            <span className={result?.zeroed ? 'zeroed-table' : undefined} data-table={table.id}>
              {table.clause} {table.name}
            </span>
          ),
          extra: <TableScoreTag score={result?.score} zeroed={result?.zeroed} />,
          children: form?.notApplicable ? (
            <p className="secondary-text">本表不涉及。</p>
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              // no horizontal scroll: on a phone the item's name wraps (a scrolling table of plain text would be a
              // region a keyboard cannot reach, WCAG 2.1.1)
              dataSource={table.items.map((item) => ({
                ...item,
                input: form?.items.find((candidate) => candidate.itemId === item.id),
              }))}
              columns={[
                {
                  title: '检查项目',
                  dataIndex: 'name',
                  render: (name: string, row) => (
                    <>
                      <Tag color={row.kind === 'guaranteed' ? 'volcano' : 'default'}>{ITEM_KIND_NAMES[row.kind]}</Tag>
                      {name}
                      {row.input?.note && <div className="secondary-text">{row.input.note}</div>}
                    </>
                  ),
                },
                { title: '应得分', dataIndex: 'maximum', width: 64 },
                {
                  title: '扣分',
                  key: 'deduction',
                  width: 64,
                  render: (_, row) => (row.input?.notApplicable ? '不涉及' : (row.input?.deduction ?? 0)),
                },
                {
                  title: '实得分',
                  key: 'actual',
                  width: 64,
                  render: (_, row) =>
                    row.input?.notApplicable ? '—' : Math.round((row.maximum - (row.input?.deduction ?? 0)) * 10) / 10,
                },
              ]}
            />
          ),
        };
      })}
    />
  );
}

function Detail(props: { assessment: Assessment; scheme: AssessmentScheme }) {
  const { assessment } = props;
  const scheme = asScheme(props.scheme);
  const zeroed = assessment.tables.filter((table) => table.zeroed);
  const tableNames = new Map(scheme.tables.map((table) => [table.id, table.name]));
  return (
    <>
      <Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={6}>
            <div data-assessment-score={assessment.score.toFixed(1)} data-assessment-grade={assessment.grade}>
              <Statistic title="总得分" value={assessment.score.toFixed(1)} suffix="分" />
              <Tag color={GRADE_COLORS[assessment.grade]}>{GRADE_NAMES[assessment.grade]}</Tag>
              {zeroed.length > 0 && (
                <div className="secondary-text stacked-card">
                  零分表：{zeroed.map((table) => tableNames.get(table.tableId) ?? table.tableId).join('、')}
                </div>
              )}
            </div>
          </Col>
          <Col xs={24} md={18}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="评估层级">{nameOf(TIER_NAMES, assessment.tier)}</Descriptions.Item>
              <Descriptions.Item label="期间">{periodName(assessment.period)}</Descriptions.Item>
              <Descriptions.Item label={assessment.tier === 'government' ? '评估人员' : '评估单位'}>
                {assessorOf(assessment)}
              </Descriptions.Item>
              <Descriptions.Item label="签署人">{assessment.signedBy?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="提交时间">{formatTimestamp(assessment.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="截止时间">
                {assessment.dueAt ? formatTimestamp(assessment.dueAt) : '—'}
                {assessment.late && (
                  <Tag color="orange" className="inline-tag">
                    逾期提交
                  </Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="评估指标体系">
                {scheme.name}（{scheme.standard}）
              </Descriptions.Item>
              <Descriptions.Item label="规则版本">{assessment.ruleSetVersion}</Descriptions.Item>
              <Descriptions.Item label="效力">
                {assessment.inForce ? '有效' : '已被新提交替换'}
                {assessment.supersededBy && (
                  <>
                    {' '}
                    <Link to={`/assessments/${assessment.supersededBy}`}>查看新提交</Link>
                  </>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Col>
        </Row>
      </Card>
      <FalsificationPanel assessment={assessment} />
      <Card title="汇总表">
        <Categories assessment={assessment} scheme={scheme} />
      </Card>
      <Card title="分项检查评分表">
        <Tables assessment={assessment} scheme={scheme} />
      </Card>
      {(assessment.history?.length ?? 0) > 1 && (
        <Card title="同期提交记录">
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={assessment.history}
            columns={[
              {
                title: '提交时间',
                dataIndex: 'submittedAt',
                render: (at: string, row) =>
                  row.id === assessment.id ? (
                    formatTimestamp(at)
                  ) : (
                    <Link to={`/assessments/${row.id}`}>{formatTimestamp(at)}</Link>
                  ),
              },
              { title: '得分', dataIndex: 'score', width: 80, render: (score: number) => score.toFixed(1) },
              { title: '等级', dataIndex: 'grade', width: 80, render: (grade: string) => nameOf(GRADE_NAMES, grade) },
              { title: '逾期', dataIndex: 'late', width: 80, render: (late: boolean) => (late ? '是' : '否') },
            ]}
          />
        </Card>
      )}
    </>
  );
}

/** 评估详情: one assessment — its score and grade, the summary table, each check table (zeroed ones open), its items. */
export function Component() {
  const { assessmentId = '' } = useParams();
  const assessment = useAssessment(assessmentId);
  const scheme = useScheme(assessment.data?.schemeId);
  return (
    <QueryState query={assessment} what="评估">
      {(data) => (
        <Page
          title={`${nameOf(TIER_NAMES, data.tier)} · ${periodName(data.period)}`}
          crumbs={[
            { title: '工程项目', to: '/projects' },
            { title: '项目', to: `/projects/${data.projectId}` },
            { title: '安全状况评估', to: `/projects/${data.projectId}/assessments?period=${data.quarter}` },
            { title: '评估详情' },
          ]}
        >
          <QueryState query={scheme} what="评估指标体系">
            {(loaded) => <Detail assessment={data} scheme={loaded} />}
          </QueryState>
        </Page>
      )}
    </QueryState>
  );
}
