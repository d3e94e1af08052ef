import { Alert, App, Button, Card, Descriptions, Result, Segmented, Space, Table, Tabs, Tag } from 'antd';
import { useCallback, useState } from 'react';
import '../rankings.css';
import { Link, useParams, useSearchParams } from 'react-router';
import { OfficerOnly } from '@/components/officer-only';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-alert';
import { QueryState } from '@/components/query-state';
import { ApiProblem } from '@/lib/api/problem';
import { formatTimestamp } from '@/lib/dates';
import { periodName } from '@/lib/periods';
import {
  type DistrictRankEntry,
  type ListKey,
  type Ranking,
  usePublishRanking,
  useRanking,
  useRankingList,
} from '../api/rankings';
import { DistrictCharts } from '../components/ranking-charts';
import { RankingList } from '../components/ranking-list';
import { RankingRunProgress } from '../components/ranking-run-progress';
import {
  LIST_GROUP_NAMES,
  type ListGroup,
  RANKING_LISTS,
  RANKING_STATUS_COLORS,
  RANKING_STATUS_NAMES,
} from '../components/ranking-vocabulary';
import { StartRanking } from '../components/start-ranking';

const GROUPS: ListGroup[] = ['projects', 'enterprises', 'persons', 'districts'];

/** The public site's files of a published quarter (SPEC §6.4): the HTML pages, the JSON and the CSV. */
function PublicLinks(props: { quarter: string }) {
  const base = `/public/rankings/${props.quarter}`;
  return (
    <Space wrap className="ranking-public-links">
      <a href={`${base}/`} target="_blank" rel="noreferrer">
        公示页面（HTML）
      </a>
      <a href={`${base}.json`} target="_blank" rel="noreferrer">
        数据（JSON）
      </a>
      <a href={`${base}.csv`} target="_blank" rel="noreferrer" download>
        表格（CSV，Excel 可直接打开）
      </a>
    </Space>
  );
}

/** 发布 (officer): a confirmation saying what publication does, then `POST …/publish {revision}`. */
function PublishRanking(props: { ranking: Ranking }) {
  const { modal, message } = App.useApp();
  const publish = usePublishRanking(props.ranking.quarter);
  const { ranking } = props;
  const correction = ranking.publications.length > 0;
  return (
    <>
      <ProblemAlert error={publish.error} title="排名未能发布" />
      <Button
        type="primary"
        loading={publish.isPending}
        disabled={Boolean(ranking.runInFlight)}
        onClick={() =>
          modal.confirm({
            title: `发布${periodName(ranking.quarter)}排名第 ${ranking.revision} 版？`,
            content: (
              <div>
                <p>
                  发布后不可撤回，公众网站将公示各项目、企业、注册人员（姓名脱敏）与各区的排名，并提供 JSON、CSV 下载。
                </p>
                <p>
                  各区各类别排名后 5%（参评不少于 10 个时）及政府评估不合格的项目将被提出差别化监管建议； 所在角色排名后
                  5% 的企业将被提出企业级差别化监管建议，均待负责人确认。
                </p>
                {correction && <p>本版为更正版本，公示页面将显示更正理由：{ranking.reason ?? '—'}</p>}
              </div>
            ),
            okText: '确认发布',
            cancelText: '取消',
            onOk: () =>
              publish.mutateAsync(ranking.revision).then(
                () => void message.success('排名已发布'),
                () => undefined,
              ),
          })
        }
      >
        发布第 {ranking.revision} 版
      </Button>
    </>
  );
}

/** The quarter's status, revision, reason and publications; the officer's actions on it. */
function Summary(props: { ranking: Ranking; onRun: (runId: string) => void }) {
  const { ranking } = props;
  const latestPublished = ranking.publications.at(-1);
  return (
    <Card size="small" title="排名概况" className="ranking-summary">
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        <Descriptions.Item label="状态">
          <Tag color={RANKING_STATUS_COLORS[ranking.status]}>{RANKING_STATUS_NAMES[ranking.status]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="版本">第 {ranking.revision} 版</Descriptions.Item>
        <Descriptions.Item label="排名日">{ranking.rankedOn}</Descriptions.Item>
        <Descriptions.Item label="计算完成">{formatTimestamp(ranking.computedAt)}</Descriptions.Item>
        <Descriptions.Item label="规则版本">{ranking.ruleSetVersion}</Descriptions.Item>
        {ranking.publishedOn && <Descriptions.Item label="发布日期">{ranking.publishedOn}</Descriptions.Item>}
        {ranking.reason && (
          <Descriptions.Item label="更正理由" span={3}>
            {ranking.reason}
          </Descriptions.Item>
        )}
      </Descriptions>
      {ranking.runInFlight && (
        <Alert type="info" showIcon className="problem-alert" title="排名正在重新计算，完成后方可发布。" />
      )}
      {ranking.status === 'draft' && latestPublished && (
        <Alert
          type="warning"
          showIcon
          className="problem-alert"
          title={`第 ${ranking.revision} 版（更正）尚未发布；公众网站仍公示第 ${latestPublished.revision} 版。`}
        />
      )}
      {ranking.publications.length > 0 && (
        <>
          <h2 className="ranking-subheading">发布记录</h2>
          <Table
            rowKey="revision"
            size="small"
            pagination={false}
            dataSource={ranking.publications}
            scroll={{ x: 480 }}
            columns={[
              { title: '版本', dataIndex: 'revision', width: 80, render: (revision: number) => `第 ${revision} 版` },
              { title: '发布日期', dataIndex: 'publishedOn', width: 120 },
              {
                title: '更正理由',
                dataIndex: 'reason',
                render: (reason: string | null) => reason ?? '—（首次发布）',
              },
            ]}
          />
          <h2 className="ranking-subheading">公示</h2>
          <PublicLinks quarter={ranking.quarter} />
          <p className="secondary-text ranking-supervision-note">
            发布时已按排名提出差别化监管建议（依据“排名”）：各区各类别排名后 5% 及政府评估不合格的项目，待负责人在{' '}
            <Link to="/cases?status=proposed">监管案件（待确认）</Link> 中确认或驳回；所在角色排名后 5%
            的企业提出企业级差别化监管建议，见 <Link to="/enterprise-cases?status=proposed">企业监管（拟纳入）</Link>。
          </p>
        </>
      )}
      <OfficerOnly>
        <Space direction="vertical" className="ranking-actions">
          {ranking.status === 'draft' && <PublishRanking ranking={ranking} />}
          <details className="ranking-rerun">
            <summary>{ranking.status === 'published' ? '更正（重新计算）' : '重新计算草稿'}</summary>
            <StartRanking
              quarter={ranking.quarter}
              published={() => ranking.publications.length > 0 && ranking.status === 'published'}
              onStarted={(run) => props.onRun(run.runId)}
            />
          </details>
        </Space>
      </OfficerOnly>
    </Card>
  );
}

/** The districts' charts, from the district list (every district: a short list). */
function Charts(props: { quarter: string; revision: number }) {
  const districts = useRankingList(props.quarter, 'districts', props.revision, 1000);
  const rows = (districts.data?.pages.flatMap((page) => page.items) ?? []) as DistrictRankEntry[];
  return <DistrictCharts districts={rows} partial={districts.hasNextPage} />;
}

/**
 * 区域 for the project lists: the districts ranked this quarter (the districts list, read once for the charts too);
 * the API filters, so every page shown is the district's.
 */
function DistrictChoice(props: {
  quarter: string;
  revision: number;
  value: string | undefined;
  onChange: (district: string | undefined) => void;
}) {
  const districts = useRankingList(props.quarter, 'districts', props.revision, 1000);
  const names = ((districts.data?.pages.flatMap((page) => page.items) ?? []) as DistrictRankEntry[])
    .map((entry) => entry.district)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return (
    // a native list: a few districts, the phone's own picker, and a name for every part (antd's Select leaves its
    // hidden listbox unnamed, which axe-core reports when the list has been opened)
    <select
      className="filter-select ranking-district-choice"
      aria-label="按区域筛选项目排名"
      value={props.value ?? ''}
      disabled={districts.isPending}
      onChange={(event) => props.onChange(event.target.value || undefined)}
    >
      <option value="">全部区域</option>
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}

/**
 * 季度排名 (SPEC §6.4): a quarter's latest revision — its status, reason and publications, the districts as charts,
 * every list by tab (projects per category, enterprises and persons per role, districts) page by page; an officer
 * publishes it (with a confirmation) or recomputes it, and watches the run.
 */
export function Component() {
  const quarter = useParams().quarter ?? '';
  const valid = /^\d{4}Q[1-4]$/.test(quarter);
  const ranking = useRanking(quarter);
  const [params, setParams] = useSearchParams();
  const [runs, setRuns] = useState<string[]>([]);
  const refetch = ranking.refetch;
  const onFinished = useCallback(() => void refetch(), [refetch]);
  const chosen = RANKING_LISTS.find((list) => list.key === params.get('list')) ?? RANKING_LISTS[0];
  // the district filter (project lists only), kept in the URL with the list, and kept across the categories
  const district = chosen?.group === 'projects' ? (params.get('district') ?? undefined) : undefined;
  const show = (key: ListKey, within: string | undefined) =>
    setParams(key.startsWith('projects.') && within ? { list: key, district: within } : { list: key }, {
      replace: true,
    });
  const choose = (key: ListKey) => show(key, district);
  if (!valid) return <Result status="404" title={`“${quarter}”不是季度（应写作如 2026Q3）`} />;
  const title = `${periodName(quarter)}排名`;
  return (
    <Page title={title} crumbs={[{ title: '排名', to: '/rankings' }, { title: quarter }]}>
      {runs.map((runId) => (
        <Card key={runId} title={`排名计算 ${runId}`} size="small" className="ranking-run">
          <RankingRunProgress runId={runId} onFinished={onFinished} />
        </Card>
      ))}
      {ranking.error instanceof ApiProblem && ranking.error.status === 404 ? (
        // a quarter not ranked yet: say so, and let an officer run it here
        <Card size="small">
          <Result status="info" title={`${quarter} 尚无排名`} subTitle="排名计算完成后，各名单将显示在此处。" />
          <OfficerOnly>
            <StartRanking quarter={quarter} onStarted={(run) => setRuns((current) => [run.runId, ...current])} />
          </OfficerOnly>
        </Card>
      ) : (
        <QueryState query={ranking} what={title}>
          {(data) => (
            <>
              <Summary ranking={data} onRun={(runId) => setRuns((current) => [runId, ...current])} />
              <Charts quarter={quarter} revision={data.revision} />
              <Card size="small" className="ranking-lists">
                <Tabs
                  activeKey={chosen?.group}
                  onChange={(group) => {
                    const first = RANKING_LISTS.find((list) => list.group === group);
                    if (first) choose(first.key);
                  }}
                  items={GROUPS.map((group) => ({ key: group, label: LIST_GROUP_NAMES[group] }))}
                />
                {chosen && chosen.group !== 'districts' && (
                  <Segmented<ListKey>
                    className="ranking-list-choice"
                    aria-label={`${LIST_GROUP_NAMES[chosen.group]}：选择名单`}
                    value={chosen.key}
                    onChange={choose}
                    options={RANKING_LISTS.filter((list) => list.group === chosen.group).map((list) => ({
                      value: list.key,
                      label: `${list.name}（${data.totals[list.key] ?? 0}）`,
                    }))}
                  />
                )}
                {chosen && chosen.group === 'projects' && (
                  <div className="ranking-district-filter">
                    <DistrictChoice
                      quarter={quarter}
                      revision={data.revision}
                      value={district}
                      onChange={(next) => show(chosen.key, next)}
                    />
                  </div>
                )}
                {chosen && (
                  <RankingList
                    key={`${chosen.key}:${data.revision}:${district ?? ''}`}
                    quarter={quarter}
                    list={chosen.key}
                    revision={data.revision}
                    district={district}
                    title={`${chosen.group === 'districts' ? '各区' : chosen.name}${LIST_GROUP_NAMES[chosen.group]}`}
                  />
                )}
              </Card>
            </>
          )}
        </QueryState>
      )}
    </Page>
  );
}
