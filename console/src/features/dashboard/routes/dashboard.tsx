import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { LevelBars } from '@/components/level-bars';
import { useIsOfficer } from '@/components/officer-only';
import { recentRuns, runPercent, useEvaluationRun } from '@/features/evaluations/api/evaluations';
import { ApiProblem, chineseMessage } from '@/lib/api/problem';
import type { CaseSummary } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { periodName } from '@/lib/periods';
import { ENTERPRISE_GROUND_SHORT_NAMES, LEVEL_NAMES, LEVEL_SHORT_NAMES, nameOf } from '@/lib/vocabulary';
import { dashboardQueries, statisticsMonths, statisticsQuery } from '../api/dashboard-data';
import { Badge, Failed, Figure, ItemList, Meter, Panel, Placeholder } from '../components/parts';

const LEVEL_COLORS = ['#1677ff', '#faad14', '#fa541c', '#cf1322'];
/**
 * The latest month with statistics (written by its evaluation, on the 1st of the next month) among the last three,
 * with the agency's quota of inspections and, for that month's quarter, of government assessments.
 */
function useLatestStatistics() {
  const months = statisticsMonths();
  const answers = useQueries({ queries: months.map(statisticsQuery) });
  const index = answers.findIndex((answer) => answer.data);
  return {
    stats: index >= 0 ? answers[index]?.data : undefined,
    month: months[index] ?? months[0],
    pending: answers.some((answer) => answer.isPending),
    failed: answers.find(
      (answer) => answer.error && !(answer.error instanceof ApiProblem && answer.error.status === 404),
    ),
  };
}

function Quota() {
  const { stats, month, pending, failed } = useLatestStatistics();
  if (!stats) {
    return (
      <Panel title="监管机构履职">
        {pending ? (
          <Placeholder />
        ) : failed ? (
          <Failed what="统计" message={chineseMessage(failed.error)} retry={() => void failed.refetch()} />
        ) : (
          <p className="secondary-text">近三个月尚无统计：统计在月度评估后生成（每月 1 日评估上月）。</p>
        )}
      </Panel>
    );
  }
  const inspections = stats.agencyInspections;
  const total = inspections.perCase.length;
  const met = inspections.casesMeetingTarget;
  const government = stats.governmentAssessments;
  return (
    <Panel title={`监管机构履职（${month}）`} extra={<Link to={`/stats?month=${month}`}>统计分析</Link>}>
      <div data-quota="inspections">
        <div>检查频次</div>
        <Meter
          percent={total ? (met / total) * 100 : 100}
          state={met === total ? 'good' : 'bad'}
          label="检查频次达标比例"
        />
        <p className="secondary-text">
          {met}/{total} 个监管中案件达到每月不少于 {inspections.target.perMonth} 次检查（其中联合执法不少于{' '}
          {inspections.target.joint} 次）；告知单逾期未回执 {stats.noticesOverdue} 份。
        </p>
      </div>
      {government && government.assessedProjects === 0 && (
        <p className="secondary-text" data-quota="government-assessments" data-shortfall={0}>
          政府评估（{periodName(government.quarter)}）：本季度尚无参评项目。
        </p>
      )}
      {government && government.assessedProjects > 0 && (
        <div data-quota="government-assessments" data-shortfall={government.shortfall}>
          <div>政府评估（{periodName(government.quarter)}）</div>
          <Meter
            percent={
              government.assessedProjects
                ? (government.withGovernmentAssessment / government.assessedProjects) * 100
                : 100
            }
            state={government.shortfall === 0 ? 'good' : 'bad'}
            label="政府评估完成比例"
          />
          <p className="secondary-text">
            参评项目 {government.assessedProjects} 个，已政府评估 {government.withGovernmentAssessment} 个；
            {government.shortfall > 0 ? (
              <strong className="figure-value-alert">尚欠 {government.shortfall} 次政府评估</strong>
            ) : (
              '本季度政府评估已全部完成'
            )}
            （每项目每季度不少于 {government.target.perProjectPerQuarter} 次）。
          </p>
          {government.projectsShort.length > 0 && (
            <ItemList
              empty=""
              items={government.projectsShort.slice(0, 5).map((project) => ({
                key: project.projectId,
                title: (
                  <Link to={`/projects/${project.projectId}/assessments?period=${government.quarter}`}>
                    {project.name}
                  </Link>
                ),
                description: `${project.district} · 已政府评估 ${project.governmentAssessments} 次`,
              }))}
            />
          )}
        </div>
      )}
    </Panel>
  );
}

function LastRun(props: { runId: string }) {
  const run = useEvaluationRun(props.runId);
  const data = run.data;
  return (
    <Panel title="最近一次月度评估" extra={<Link to="/evaluations">月度评估</Link>}>
      {data ? (
        <div data-run-status={data.status}>
          <Meter
            percent={runPercent(data)}
            state={data.status === 'failed' ? 'bad' : data.status === 'succeeded' ? 'good' : 'active'}
            label={`${data.month} 月度评估进度`}
          />
          <p className="secondary-text">
            {data.month} ·{' '}
            {data.status === 'running' ? (
              <Badge color="blue">运行中</Badge>
            ) : data.status === 'succeeded' ? (
              <Badge color="green">已完成</Badge>
            ) : (
              <Badge color="red">失败</Badge>
            )}
            已评估 {data.evaluated} 件：升级 {data.escalated}，解除 {data.released}，继续 {data.continued}
            ；新提出纳入建议 {data.proposed} 件 · 开始于 {formatTimestamp(data.startedAt)}
          </p>
        </div>
      ) : (
        <Placeholder lines={2} />
      )}
    </Panel>
  );
}

function LevelChart(props: { cases: CaseSummary[]; more: boolean }) {
  const counts = useMemo(
    () => [0, 1, 2, 3].map((level) => props.cases.filter((row) => row.level === level).length),
    [props.cases],
  );
  return (
    <Panel title={`监管中案件按等级${props.more ? '（前 100 件）' : ''}`}>
      <LevelBars
        labels={[0, 1, 2, 3].map((level) => LEVEL_SHORT_NAMES[level] ?? String(level))}
        values={counts}
        colors={LEVEL_COLORS}
        summary={counts.map((value, level) => `${LEVEL_NAMES[level]} ${value} 件`).join('，')}
      />
    </Panel>
  );
}

function ActiveFigure() {
  const active = useInfiniteQuery(dashboardQueries.active());
  const page = active.data?.pages[0];
  return <Figure label="监管中案件" value={page ? page.items.length : undefined} more={Boolean(page?.nextToken)} />;
}

/** Project proposals and enterprise-level proposals (SPEC §6.5) await the same decision. */
function useProposals() {
  const projects = useInfiniteQuery(dashboardQueries.proposed());
  const enterprises = useInfiniteQuery(dashboardQueries.enterpriseProposed());
  return { projects, enterprises };
}

function ProposalsFigure() {
  const { projects, enterprises } = useProposals();
  const projectPage = projects.data?.pages[0];
  const enterprisePage = enterprises.data?.pages[0];
  return (
    <Figure
      label="待确认纳入建议"
      value={projectPage ? projectPage.items.length + (enterprisePage?.items.length ?? 0) : undefined}
      more={Boolean(projectPage?.nextToken || enterprisePage?.nextToken)}
    />
  );
}

function OverdueFigures() {
  const overdue = dashboardQueries.overdue();
  const hazards = useQuery(overdue.hazards);
  const notices = useQuery(overdue.notices);
  return (
    <>
      <Figure
        label="逾期隐患"
        value={hazards.data ? hazards.data.items.length : undefined}
        more={Boolean(hazards.data?.nextToken)}
        alert
      />
      <Figure
        label="告知单逾期未回执"
        value={notices.data ? notices.data.items.length : undefined}
        more={Boolean(notices.data?.nextToken)}
        alert
      />
    </>
  );
}

function LevelPanel() {
  const active = useInfiniteQuery(dashboardQueries.active());
  if (active.isError) {
    return (
      <Panel title="监管中案件按等级">
        <Failed what="监管中案件" message={chineseMessage(active.error)} retry={() => void active.refetch()} />
      </Panel>
    );
  }
  const page = active.data?.pages[0];
  if (!page) {
    return (
      <Panel title="监管中案件按等级">
        <Placeholder lines={5} />
      </Panel>
    );
  }
  return <LevelChart cases={page.items} more={Boolean(page.nextToken)} />;
}

function ProposalsPanel() {
  const { projects, enterprises } = useProposals();
  const proposals = projects.data?.pages[0]?.items ?? [];
  const enterpriseProposals = enterprises.data?.pages[0]?.items ?? [];
  return (
    <Panel
      title="待确认的纳入建议"
      extra={
        <span>
          <Link to="/cases?status=proposed">全部</Link> · <Link to="/enterprise-cases?status=proposed">企业</Link>
        </span>
      }
    >
      {projects.isError ? (
        <Failed what="纳入建议" message={chineseMessage(projects.error)} retry={() => void projects.refetch()} />
      ) : (
        <ItemList
          loading={projects.isPending}
          empty="暂无待确认的纳入建议"
          items={[
            ...proposals.map((row) => ({
              key: row.id,
              title: <Link to={`/cases/${row.id}`}>{row.projectName}</Link>,
              description: `${row.district} · 提出于 ${formatTimestamp(row.proposedAt)}`,
            })),
            ...enterpriseProposals.map((row) => ({
              key: row.id,
              title: (
                <>
                  <Badge color="gold">企业</Badge>
                  <Link to={`/enterprise-cases/${row.id}`}>{row.name}</Link>
                </>
              ),
              description: `${row.grounds.map((ground) => nameOf(ENTERPRISE_GROUND_SHORT_NAMES, ground)).join('、')} · 提出于 ${formatTimestamp(row.proposedAt)}`,
            })),
          ]}
        />
      )}
    </Panel>
  );
}

/** What the daily deadline sweep flagged and is not yet accepted or acknowledged, across every case. */
function OverduePanel() {
  const overdue = dashboardQueries.overdue();
  const hazards = useQuery(overdue.hazards);
  const notices = useQuery(overdue.notices);
  // one list, the latest due first (as the API lists each kind): what just became overdue is on top
  const items = [
    ...(notices.data?.items ?? []).map((notice) => ({
      key: notice.id,
      due: notice.receiptDueOn,
      tag: '告知单',
      what: `${notice.number} 未回执（期限 ${notice.receiptDueOn}）`,
      to: `/cases/${notice.caseId}`,
      projectName: notice.projectName,
    })),
    ...(hazards.data?.items ?? []).map((hazard) => ({
      key: hazard.id,
      due: hazard.deadline,
      tag: '隐患',
      what: `${hazard.description}（期限 ${hazard.deadline}）`,
      to: `/hazards/${hazard.id}`,
      projectName: hazard.projectName,
    })),
  ].sort((a, b) => b.due.localeCompare(a.due));
  return (
    <Panel
      title="逾期事项"
      extra={
        <Link to="/overdue" aria-label="全部逾期事项">
          全部
        </Link>
      }
    >
      {hazards.isError || notices.isError ? (
        <Failed
          what="逾期事项"
          message={chineseMessage(hazards.error ?? notices.error)}
          retry={() => {
            void hazards.refetch();
            void notices.refetch();
          }}
        />
      ) : (
        <ItemList
          loading={hazards.isPending || notices.isPending}
          empty="暂无逾期事项"
          items={items.slice(0, 8).map((row) => ({
            key: row.key,
            title: (
              <>
                <Badge color="red">{row.tag}</Badge>
                <Link to={row.to}>{row.what}</Link>
              </>
            ),
            description: row.projectName,
          }))}
        />
      )}
      <p className="secondary-text">以每日 0:10 的期限检查登记为准；隐患验收通过、回执上传后即移出。</p>
    </Panel>
  );
}

function DraftsPanel() {
  const drafts = useInfiniteQuery(dashboardQueries.drafts());
  const draftList = drafts.data?.pages[0]?.items ?? [];
  return (
    <Panel title="通报草稿与陈述申辩期" extra={<Link to="/circulars">通报管理</Link>}>
      {drafts.isError ? (
        <Failed what="通报草稿" message={chineseMessage(drafts.error)} retry={() => void drafts.refetch()} />
      ) : (
        <ItemList
          loading={drafts.isPending}
          empty="暂无通报草稿"
          items={draftList.map((circular) => {
            const open = circular.statementWindowEndsAt ? new Date(circular.statementWindowEndsAt) > new Date() : false;
            return {
              key: circular.id,
              title: <Link to="/circulars?status=draft">{circular.projectName ?? circular.title}</Link>,
              description: (
                <>
                  <Badge color={open ? 'gold' : 'green'}>{open ? '陈述申辩期内' : '可发布'}</Badge>
                  截止 {formatTimestamp(circular.statementWindowEndsAt)} · 已申辩 {circular.statements?.length ?? 0} 份
                </>
              ),
            };
          })}
        />
      )}
    </Panel>
  );
}

/**
 * 工作台: the month at a glance — cases by level, proposals awaiting a decision, overdue notices and hazards, the
 * agency's quota of inspections and government assessments, circular drafts and their statement windows, the last
 * evaluation's progress. Plain markup (no antd), the first screen a person opens: it must be quick on a phone. Each
 * panel and figure reads its own query (TanStack Query shares one request between those that name the same one),
 * so an answer re-renders only what shows it, not the whole screen nine times.
 */
export function Component() {
  const officer = useIsOfficer();
  const lastRun = officer ? recentRuns()[0] : undefined;
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">工作台</h1>
      </div>
      <div className="desk-figures">
        <ActiveFigure />
        <ProposalsFigure />
        <OverdueFigures />
      </div>
      <div className="desk-grid">
        <LevelPanel />
        <ProposalsPanel />
      </div>
      <div className="desk-grid">
        <OverduePanel />
        <div className="desk-stack">
          {officer && <Quota />}
          <DraftsPanel />
        </div>
      </div>
      {lastRun && (
        <div className="desk-grid-full">
          <LastRun runId={lastRun} />
        </div>
      )}
    </div>
  );
}
