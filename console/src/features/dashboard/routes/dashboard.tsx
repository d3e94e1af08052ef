import { useQueries } from '@tanstack/react-query';
import { Alert, Card, Col, Progress, Row, Statistic, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { ItemList } from '@/components/item-list';
import { LevelBars } from '@/components/level-bars';
import { useIsOfficer } from '@/components/officer-only';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { useCaseList } from '@/features/cases/api/cases';
import { useCirculars } from '@/features/circulars/api/circulars';
import { recentRuns } from '@/features/evaluations/api/evaluations';
import { RunProgress } from '@/features/evaluations/components/run-progress';
import { api, unwrap } from '@/lib/api/client';
import { ApiProblem } from '@/lib/api/problem';
import type { CaseDetail, CaseSummary, MonthStatistics } from '@/lib/api/views';
import { formatTimestamp, shanghaiMonth } from '@/lib/dates';
import { LEVEL_NAMES, LEVEL_SHORT_NAMES } from '@/lib/vocabulary';

const LEVEL_COLORS = ['#1677ff', '#faad14', '#fa541c', '#cf1322'];

/** Overdue items of the active cases on the first page: hazards past their deadline and notices without receipt. */
function useOverdue(cases: CaseSummary[]) {
  const details = useQueries({
    queries: cases.slice(0, 20).map((row) => ({
      queryKey: ['case', row.id],
      queryFn: () => unwrap<CaseDetail>(api().GET('/v1/cases/{caseId}', { params: { path: { caseId: row.id } } })),
    })),
  });
  const loaded = details.flatMap((query) => (query.data ? [query.data] : []));
  const now = Date.now();
  return {
    pending: details.some((query) => query.isPending),
    hazards: loaded.flatMap((detail) =>
      (detail.openHazards ?? [])
        .filter((hazard) => hazard.overdue)
        .map((hazard) => ({ ...hazard, caseId: detail.id, projectName: detail.projectName })),
    ),
    notices: loaded.flatMap((detail) =>
      detail.notices
        .filter((notice) => !notice.acknowledgedAt && new Date(notice.receiptDueAt).getTime() < now)
        .map((notice) => ({ ...notice, projectName: detail.projectName })),
    ),
  };
}

function LevelChart(props: { cases: CaseSummary[]; more: boolean }) {
  const counts = useMemo(
    () => [0, 1, 2, 3].map((level) => props.cases.filter((row) => row.level === level).length),
    [props.cases],
  );
  const labels = useMemo(() => [0, 1, 2, 3].map((level) => LEVEL_SHORT_NAMES[level] ?? String(level)), []);
  return (
    <Card title={`监管中案件按等级${props.more ? '（前 100 件）' : ''}`} size="small">
      <LevelBars
        labels={labels}
        values={counts}
        colors={LEVEL_COLORS}
        summary={counts.map((value, level) => `${LEVEL_NAMES[level]} ${value} 件`).join('，')}
      />
    </Card>
  );
}

function Quota() {
  // the statistics of a month are written by its evaluation (on the 1st of the next month): the latest of the last
  // three months that has them is shown, with its month
  const months = [shanghaiMonth(), shanghaiMonth(-1), shanghaiMonth(-2)];
  const answers = useQueries({
    queries: months.map((month) => ({
      queryKey: ['stats', month],
      queryFn: () => unwrap<MonthStatistics>(api().GET('/v1/stats', { params: { query: { month } } })),
    })),
  });
  const index = answers.findIndex((answer) => answer.data);
  const stats = index >= 0 ? answers[index]?.data : undefined;
  const month = months[index] ?? months[0];
  if (!stats) {
    const failed = answers.find(
      (answer) => answer.error && !(answer.error instanceof ApiProblem && answer.error.status === 404),
    );
    return (
      <Card title="监管机构检查频次" size="small">
        {failed ? (
          <Alert type="warning" title="统计暂不可用" />
        ) : (
          <span className="secondary-text">
            {answers.some((answer) => answer.isPending) ? '加载中…' : '近三个月尚无统计，统计在月度评估后生成。'}
          </span>
        )}
      </Card>
    );
  }
  const total = stats.agencyInspections.perCase.length;
  const met = stats.agencyInspections.casesMeetingTarget;
  return (
    <Card
      title={`监管机构检查频次（${month}）`}
      size="small"
      extra={<Link to={`/stats?month=${month}`}>统计分析</Link>}
    >
      <Progress
        percent={total ? Math.round((met / total) * 100) : 100}
        status={met === total ? 'success' : 'exception'}
        aria-label="检查频次达标比例"
      />
      <p>
        {met}/{total} 个监管中案件达到每月不少于 {stats.agencyInspections.target.perMonth} 次检查（其中联合执法不少于{' '}
        {stats.agencyInspections.target.joint} 次）；告知单逾期未回执 {stats.noticesOverdue} 份。
      </p>
    </Card>
  );
}

/**
 * 工作台: the month at a glance — cases by level, proposals awaiting a decision, overdue notices and hazards,
 * the agency's inspection quota, circular drafts and their statement windows, the last evaluation's progress.
 */
export function Component() {
  const officer = useIsOfficer();
  const active = useCaseList({ status: 'active' }, 100);
  const proposed = useCaseList({ status: 'proposed' }, 10);
  const drafts = useCirculars('draft');
  const activeCases = active.data?.pages[0]?.items ?? [];
  const overdue = useOverdue(activeCases);
  const proposals = proposed.data?.pages[0]?.items ?? [];
  const draftList = drafts.data?.pages[0]?.items ?? [];
  const lastRun = officer ? recentRuns()[0] : undefined;
  return (
    <Page title="工作台">
      <Row gutter={[16, 16]} className="stat-cards">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title="监管中案件"
              value={activeCases.length}
              suffix={active.data?.pages[0]?.nextToken ? '+' : ''}
              loading={active.isPending}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="待确认纳入建议" value={proposals.length} loading={proposed.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="逾期隐患" value={overdue.hazards.length} loading={overdue.pending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="告知单逾期未回执" value={overdue.notices.length} loading={overdue.pending} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <QueryState query={active} what="监管中案件">
            {() => <LevelChart cases={activeCases} more={Boolean(active.data?.pages[0]?.nextToken)} />}
          </QueryState>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="待确认的纳入建议" size="small" extra={<Link to="/cases?status=proposed">全部</Link>}>
            <QueryState query={proposed} what="纳入建议">
              {() => (
                <ItemList
                  empty="暂无待确认的纳入建议"
                  items={proposals.map((row) => ({
                    key: row.id,
                    title: <Link to={`/cases/${row.id}`}>{row.projectName}</Link>,
                    description: `${row.district} · 提出于 ${formatTimestamp(row.proposedAt)}`,
                  }))}
                />
              )}
            </QueryState>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="逾期事项" size="small">
            <ItemList
              loading={overdue.pending}
              empty="暂无逾期事项"
              items={[
                ...overdue.notices.map((notice) => ({
                  key: notice.id,
                  tag: '告知单',
                  what: `${notice.number} 未回执（期限 ${notice.receiptDueOn}）`,
                  caseId: notice.caseId,
                  projectName: notice.projectName,
                })),
                ...overdue.hazards.map((hazard) => ({
                  key: hazard.id,
                  tag: '隐患',
                  what: `${hazard.description}（期限 ${hazard.deadline}）`,
                  caseId: hazard.caseId,
                  projectName: hazard.projectName,
                })),
              ]
                .slice(0, 8)
                .map((row) => ({
                  key: row.key,
                  title: (
                    <>
                      <Tag color="red">{row.tag}</Tag>
                      {row.what}
                    </>
                  ),
                  description: <Link to={`/cases/${row.caseId}`}>{row.projectName}</Link>,
                }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {officer ? <Quota /> : null}
          <Card title="通报草稿与陈述申辩期" size="small" extra={<Link to="/circulars">通报管理</Link>}>
            <QueryState query={drafts} what="通报草稿">
              {() => (
                <ItemList
                  empty="暂无通报草稿"
                  items={draftList.map((circular) => {
                    const open = circular.statementWindowEndsAt
                      ? new Date(circular.statementWindowEndsAt) > new Date()
                      : false;
                    return {
                      key: circular.id,
                      title: <Link to="/circulars?status=draft">{circular.projectName ?? circular.title}</Link>,
                      description: (
                        <>
                          <Tag color={open ? 'gold' : 'green'}>{open ? '陈述申辩期内' : '可发布'}</Tag>
                          截止 {formatTimestamp(circular.statementWindowEndsAt)} · 已申辩{' '}
                          {circular.statements?.length ?? 0} 份
                        </>
                      ),
                    };
                  })}
                />
              )}
            </QueryState>
          </Card>
        </Col>
      </Row>
      {lastRun && (
        <Card title="最近一次月度评估" size="small" extra={<Link to="/evaluations">月度评估</Link>}>
          <RunProgress runId={lastRun} />
        </Card>
      )}
    </Page>
  );
}
