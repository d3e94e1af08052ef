import { useInfiniteQuery } from '@tanstack/react-query';
import { Card, Empty, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { type OverdueKind, overdueHazardPages, overdueNoticePages } from '../api/overdue';
import { OverdueHazardRow, OverdueNoticeRow } from '../components/overdue-rows';
import '../overdue.css';

const TAB_NAMES: Record<OverdueKind, string> = { hazards: '逾期隐患', notices: '告知单逾期未回执' };

function HazardList() {
  const hazards = useInfiniteQuery(overdueHazardPages());
  const rows = hazards.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <QueryState query={hazards} what="逾期隐患">
      {() =>
        rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无逾期隐患" />
        ) : (
          <>
            <ul className="overdue-list" aria-label="逾期隐患">
              {rows.map((hazard) => (
                <OverdueHazardRow key={hazard.id} hazard={hazard} />
              ))}
            </ul>
            <LoadMore query={hazards} shown={rows.length} />
          </>
        )
      }
    </QueryState>
  );
}

function NoticeList() {
  const notices = useInfiniteQuery(overdueNoticePages());
  const rows = notices.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <QueryState query={notices} what="逾期未回执的告知单">
      {() =>
        rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无逾期未回执的告知单" />
        ) : (
          <>
            <ul className="overdue-list" aria-label="告知单逾期未回执">
              {rows.map((notice) => (
                <OverdueNoticeRow key={notice.id} notice={notice} />
              ))}
            </ul>
            <LoadMore query={notices} shown={rows.length} />
          </>
        )
      }
    </QueryState>
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
