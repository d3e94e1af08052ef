import { Button, Card, Result, Space, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { Page } from '@/components/page';
import { ReportButton } from '@/components/report-button';
import type { InspectionRecorded } from '@/lib/api/views';
import { CONDITION_NAMES } from '@/lib/vocabulary';

interface RecordedState {
  result?: InspectionRecorded;
  projectId?: string;
  projectName?: string;
  date?: string;
}

/**
 * After an inspection is recorded: what it produced (hazards, conditions met, a proposed case) and its report
 * (检查报告, `GET /v1/inspections/{id}/report`).
 */
export function Component() {
  const { inspectionId = '' } = useParams();
  const state = (useLocation().state ?? {}) as RecordedState;
  const result = state.result;
  const met = result?.conditions.filter((condition) => condition.met) ?? [];
  return (
    <Page
      title="检查记录"
      crumbs={[
        { title: '工程项目', to: '/projects' },
        ...(state.projectId ? [{ title: state.projectName ?? '项目', to: `/projects/${state.projectId}` }] : []),
        { title: '检查记录' },
      ]}
    >
      <Card>
        <Result
          status="success"
          title="检查记录已保存"
          subTitle={
            <>
              检查编号 <span className="hash">{inspectionId}</span>
              {state.date ? ` · ${state.date}` : ''}
            </>
          }
          extra={
            <Space wrap>
              <ReportButton inspectionId={inspectionId} size="middle" />
              {state.projectId && (
                <Link to={`/projects/${state.projectId}`}>
                  <Button>返回项目</Button>
                </Link>
              )}
              {state.projectId && (
                <Link to={`/projects/${state.projectId}/assessments/new?inspectionId=${inspectionId}`}>
                  <Button>录入政府评估</Button>
                </Link>
              )}
              {result?.caseId && (
                <Link to={`/cases/${result.caseId}`}>
                  <Button type="primary">查看监管案件</Button>
                </Link>
              )}
            </Space>
          }
        />
        {result && (
          <Typography>
            <Typography.Paragraph>
              登记隐患 {result.hazardIds.length} 项，各责任单位须在 5 个工作日内提交整改方案（一厂一策）。
            </Typography.Paragraph>
            {met.length > 0 ? (
              <Typography.Paragraph>
                <Typography.Text type="danger">符合差别化监管条件：</Typography.Text>
                {met.map((condition) => CONDITION_NAMES[condition.id] ?? condition.id).join('；')}
                {result.caseId ? '。已生成纳入建议，待负责人确认。' : '。'}
              </Typography.Paragraph>
            ) : (
              <Typography.Paragraph>六项差别化监管条件均不符合。</Typography.Paragraph>
            )}
          </Typography>
        )}
      </Card>
    </Page>
  );
}
