import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import type { CaseStatus, CaseSummary } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { CASE_STATUS_COLORS, CASE_STATUS_NAMES, LEVEL_NAMES, nameOf } from '@/lib/vocabulary';
import { type CaseFilters, useCaseList } from '../api/cases';

const STATUS_OPTIONS = Object.entries(CASE_STATUS_NAMES).map(([value, label]) => ({ value, label }));
const LEVEL_OPTIONS = Object.entries(LEVEL_NAMES).map(([value, label]) => ({ value: Number(value), label }));

function filtersFrom(params: URLSearchParams): CaseFilters {
  const status = params.get('status');
  const level = params.get('level');
  const district = params.get('district');
  return {
    ...(status && status in CASE_STATUS_NAMES ? { status: status as CaseStatus } : {}),
    ...(level && /^[0-3]$/.test(level) ? { level: Number(level) } : {}),
    ...(district ? { district } : {}),
  };
}

/** 监管案件: filter by status, level and district (kept in the URL), newest first, paginated with `nextToken`. */
export function Component() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const cases = useCaseList(filters);
  const rows = cases.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page title="监管案件" crumbs={[{ title: '监管案件' }]}>
      <Card>
        <Form<CaseFilters>
          layout="inline"
          initialValues={filters}
          onFinish={(values) => {
            const next = new URLSearchParams();
            if (values.status) next.set('status', values.status);
            if (values.level !== undefined && values.level !== null) next.set('level', String(values.level));
            if (values.district?.trim()) next.set('district', values.district.trim());
            setParams(next);
          }}
        >
          <Form.Item name="status" label="案件状态">
            <Select allowClear options={STATUS_OPTIONS} placeholder="全部" className="filter-select" />
          </Form.Item>
          <Form.Item name="level" label="监管等级">
            <Select allowClear options={LEVEL_OPTIONS} placeholder="全部" className="filter-select" />
          </Form.Item>
          <Form.Item name="district" label="区域">
            <Input allowClear placeholder="例如：通州区" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button onClick={() => setParams(new URLSearchParams())}>重置</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <QueryState query={cases} what="案件列表">
          {() => (
            <>
              <Table<CaseSummary>
                rowKey="id"
                dataSource={rows}
                pagination={false}
                scroll={{ x: 760 }}
                locale={{ emptyText: '没有符合条件的案件' }}
                columns={[
                  {
                    title: '工程项目',
                    dataIndex: 'projectName',
                    render: (name: string, row) => <Link to={`/cases/${row.id}`}>{name}</Link>,
                  },
                  { title: '区域', dataIndex: 'district', width: 100 },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    width: 100,
                    render: (status: string) => (
                      <Tag color={CASE_STATUS_COLORS[status]}>{nameOf(CASE_STATUS_NAMES, status)}</Tag>
                    ),
                  },
                  {
                    title: '监管等级',
                    dataIndex: 'level',
                    width: 180,
                    render: (level: number, row) => (row.status === 'active' ? LEVEL_NAMES[level] : '—'),
                  },
                  { title: '提出时间', dataIndex: 'proposedAt', width: 160, render: formatTimestamp },
                  { title: '纳入时间', dataIndex: 'includedAt', width: 160, render: formatTimestamp },
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
