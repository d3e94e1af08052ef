import { FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Select, Statistic, Table, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { useProject } from '@/features/projects/api/projects';
import type { QuarterStanding } from '@/lib/api/views';
import { shanghaiToday } from '@/lib/dates';
import { periodName, quarterOf, recentQuarters } from '@/lib/periods';
import { GRADE_COLORS, GRADE_NAMES, nameOf, TIER_NAMES } from '@/lib/vocabulary';
import { useProjectAssessments } from '../api/assessments';
import { AssessmentLinks } from '../components/assessment-links';
import { AssessmentTable } from '../components/assessment-table';

/** The quarter standing (SPEC §6.2): tiers weighted 0.6 / 0.2 / 0.2 over those present, and the quarter's grade. */
function Standing(props: { standing: QuarterStanding }) {
  const { standing } = props;
  const government = standing.tiers.find((tier) => tier.tier === 'government');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <div data-quarter-score={standing.score ?? ''} data-quarter-grade={standing.grade ?? ''}>
          <Statistic
            title={`${periodName(standing.quarter)}综合得分`}
            value={standing.score === null ? '—' : standing.score.toFixed(1)}
            suffix={standing.score === null ? '' : '分'}
          />
          {standing.grade && <Tag color={GRADE_COLORS[standing.grade]}>{GRADE_NAMES[standing.grade]}</Tag>}
        </div>
        {standing.fatalIncident && (
          <Alert type="error" showIcon className="stacked-card" title="本季度发生亡人事故：排名列末位" />
        )}
        {government && government.count === 0 && (
          <Alert
            type="warning"
            showIcon
            className="stacked-card"
            title="本季度尚无政府评估"
            description="监督机构每季度须对每个参评项目至少进行一次政府评估。"
          />
        )}
      </Col>
      <Col xs={24} md={16}>
        <Table
          rowKey="tier"
          size="small"
          pagination={false}
          dataSource={standing.tiers}
          columns={[
            { title: '层级', dataIndex: 'tier', render: (tier: string) => nameOf(TIER_NAMES, tier) },
            { title: '份数', dataIndex: 'count', width: 70 },
            {
              title: '平均分',
              dataIndex: 'mean',
              width: 90,
              render: (mean: number | null) => (mean === null ? '缺' : mean.toFixed(1)),
            },
            { title: '权重', dataIndex: 'weight', width: 70 },
            {
              title: '计入比重',
              dataIndex: 'share',
              width: 100,
              render: (share: number) => `${Math.round(share * 1000) / 10}%`,
            },
          ]}
          footer={() => '缺少的层级不计入，其余按权重重新归一（缺评以记分处理）；政府评估不合格的，季度评定为不合格。'}
        />
      </Col>
    </Row>
  );
}

/**
 * 安全状况评估 of a project (SPEC §6.2): the quarter's assessments of the three tiers — score, grade, late,
 * falsification, replaced submissions — the quarter standing, a government assessment to record, and the units'
 * assessment links with their QR codes.
 */
export function Component() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const current = quarterOf(shanghaiToday());
  const period = params.get('period') ?? current;
  const quarters = [...new Set([...recentQuarters(current, 6), period])].sort().reverse();
  const project = useProject(projectId);
  const assessments = useProjectAssessments(projectId, period);
  return (
    <QueryState query={project} what="项目">
      {(data) => (
        <Page
          title="安全状况评估"
          subTitle={data.name}
          crumbs={[
            { title: '工程项目', to: '/projects' },
            { title: data.name, to: `/projects/${data.id}` },
            { title: '安全状况评估' },
          ]}
          extra={
            <Link to={`/projects/${data.id}/assessments/new`}>
              <Button type="primary" icon={<FormOutlined />}>
                录入政府评估
              </Button>
            </Link>
          }
        >
          <Card
            title="季度评估"
            extra={
              <Select
                value={period}
                aria-label="评估季度"
                className="filter-select"
                onChange={(value: string) => setParams({ period: value })}
                options={quarters.map((quarter) => ({ value: quarter, label: periodName(quarter) }))}
              />
            }
          >
            <QueryState query={assessments} what="评估">
              {(result) => (
                <>
                  {result.quarter && <Standing standing={result.quarter} />}
                  <Descriptions size="small" className="stacked-card">
                    <Descriptions.Item label="说明">
                      项目自评每月由施工总承包单位提交；企业再评每季度由建设、施工总承包、监理单位提交；政府评估由两名以上检查人员结合执法检查进行。
                    </Descriptions.Item>
                  </Descriptions>
                  <AssessmentTable assessments={result.items} />
                </>
              )}
            </QueryState>
          </Card>
          <AssessmentLinks projectId={data.id} units={data.units} />
        </Page>
      )}
    </QueryState>
  );
}
