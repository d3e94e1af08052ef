import { Card, Select, Space, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import type { EnterpriseCaseStatus, EnterpriseCaseSummary } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import {
  ENTERPRISE_CASE_STATUS_COLORS,
  ENTERPRISE_CASE_STATUS_NAMES,
  ENTERPRISE_GROUND_SHORT_NAMES,
  nameOf,
} from '@/lib/vocabulary';
import { useEnterpriseCaseList } from '../api/enterprise-cases';

const STATUS_OPTIONS = Object.entries(ENTERPRISE_CASE_STATUS_NAMES).map(([value, label]) => ({ value, label }));

/**
 * 企业监管 (SPEC §6.5): enterprise-level cases, filtered by status (kept in the URL: a link names the filter),
 * newest first, paginated with `nextToken`.
 */
export function Component() {
  const [params, setParams] = useSearchParams();
  const given = params.get('status');
  const status = given && given in ENTERPRISE_CASE_STATUS_NAMES ? (given as EnterpriseCaseStatus) : undefined;
  const cases = useEnterpriseCaseList(status);
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page
      title="企业监管"
      subTitle="企业级差别化监管：季度排名位于本类企业后 5%、2 个以上项目同时被纳入差别化监管，或动态记分达到 16 分的企业"
      crumbs={[{ title: '企业监管' }]}
    >
      <Card>
        <Space wrap>
          <label htmlFor="enterprise-case-status">状态</label>
          <Select
            id="enterprise-case-status"
            allowClear
            value={status ?? null}
            placeholder="全部"
            className="filter-select"
            options={STATUS_OPTIONS}
            onChange={(value: string | null) => setParams(value ? { status: value } : {})}
          />
        </Space>
      </Card>
      <Card>
        <QueryState query={cases} what="企业监管记录">
          {() => (
            <>
              <Table<EnterpriseCaseSummary>
                rowKey="id"
                dataSource={rows}
                pagination={false}
                scroll={{ x: 760 }}
                locale={{ emptyText: '没有符合条件的企业监管记录' }}
                columns={[
                  {
                    title: '企业',
                    dataIndex: 'name',
                    render: (name: string, row) => (
                      <Link to={`/enterprise-cases/${row.id}`} data-enterprise-case={row.id}>
                        {name}
                      </Link>
                    ),
                  },
                  { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190 },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    width: 100,
                    render: (value: string) => (
                      <Tag color={ENTERPRISE_CASE_STATUS_COLORS[value]}>
                        {nameOf(ENTERPRISE_CASE_STATUS_NAMES, value)}
                      </Tag>
                    ),
                  },
                  {
                    title: '提出依据',
                    dataIndex: 'grounds',
                    width: 200,
                    render: (grounds: string[]) =>
                      grounds.map((g) => nameOf(ENTERPRISE_GROUND_SHORT_NAMES, g)).join('；'),
                  },
                  { title: '提出时间', dataIndex: 'proposedAt', width: 160, render: formatTimestamp },
                  { title: '纳入日期', dataIndex: 'includedOn', width: 110, render: (on: string | null) => on ?? '—' },
                ]}
              />
              <LoadMore query={cases} shown={rows.length} />
            </>
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
