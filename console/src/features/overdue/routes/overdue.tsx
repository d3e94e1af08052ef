import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { Card, Empty, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { type OverdueKind, overduePages } from '../api/overdue';
import { OverdueHazardRow, OverdueNoticeRow } from '../components/overdue-rows';
import '../overdue.css';

const TAB_NAMES: Record<OverdueKind, string> = { hazards: '逾期隐患', notices: '告知单逾期未回执' };

/** One kind of overdue item, page by page: the rows, 加载更多, and an empty or failed state in Chinese. */
function OverdueList<Item extends { id: string }>(props: {
  query: UseInfiniteQueryResult<InfiniteData<{ items: Item[] }>>;
  /** the list's accessible name */
  label: string;
  /** what failed to load, in the error state */
  what: string;
  empty: string;
  row: (item: Item) => ReactNode;
}) {
  const { query, label, what, empty, row } = props;
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <QueryState query={query} what={what}>
      {() =>
        rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
        ) : (
          <>
            <ul className="overdue-list" aria-label={label}>
              {rows.map(row)}
            </ul>
            <LoadMore query={query} shown={rows.length} />
          </>
        )
      }
    </QueryState>
  );
}

function HazardList() {
  return (
    <OverdueList
      query={useInfiniteQuery(overduePages('hazards'))}
      label={TAB_NAMES.hazards}
      what="逾期隐患"
      empty="暂无逾期隐患"
      row={(hazard) => <OverdueHazardRow key={hazard.id} hazard={hazard} />}
    />
  );
}

function NoticeList() {
  return (
    <OverdueList
      query={useInfiniteQuery(overduePages('notices'))}
      label={TAB_NAMES.notices}
      what="逾期未回执的告知单"
      empty="暂无逾期未回执的告知单"
      row={(notice) => <OverdueNoticeRow key={notice.id} notice={notice} />}
    />
  );
}

/**
 * 逾期事项: everything the daily deadline sweep flagged and is still open, across every case — hazards past their
 * rectification deadline (each to its verification) and notices whose signed receipt is late (each to its case) —
 * by tab (kept in the URL: `?kind=notices`), the latest deadline first, 加载更多 page by page. The dashboard's panel
 * shows the first few; this is the whole of it, for an inspector on a phone as for an officer at a desk.
 */
export function Component() {
  const [params, setParams] = useSearchParams();
  const kind: OverdueKind = params.get('kind') === 'notices' ? 'notices' : 'hazards';
  return (
    <Page
      title="逾期事项"
      crumbs={[{ title: '逾期事项' }]}
      subTitle="每日 0:10 期限检查登记的逾期事项，按期限由近及远排列；隐患验收通过、回执上传后即移出。"
    >
      <Card className="overdue-card">
        <Tabs
          activeKey={kind}
          onChange={(key) => setParams(key === 'notices' ? { kind: key } : {})}
          items={[
            { key: 'hazards', label: TAB_NAMES.hazards, children: <HazardList /> },
            { key: 'notices', label: TAB_NAMES.notices, children: <NoticeList /> },
          ]}
        />
      </Card>
    </Page>
  );
}
