import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { ApiProblem } from '@/lib/api/problem';
import type { ProjectSummary } from '@/lib/api/views';
import { creditCodeMessage } from '@/lib/credit-code';
import {
  CASE_STATUS_COLORS,
  CASE_STATUS_NAMES,
  LEVEL_SHORT_NAMES,
  nameOf,
  PROJECT_CATEGORY_NAMES,
  PROJECT_PHASE_NAMES,
  UNIT_ROLE_NAMES,
} from '@/lib/vocabulary';
import { type ProjectFilters, useProjectSearch } from '../api/projects';

const FILTER_KEYS = ['q', 'district', 'creditCode'] as const;

function filtersOf(params: URLSearchParams): ProjectFilters {
  return Object.fromEntries(
    FILTER_KEYS.flatMap((key) => {
      const value = params.get(key)?.trim();
      return value ? [[key, value]] : [];
    }),
  );
}

/**
 * 工程项目: search by a fragment of the name (several fragments separated by spaces), the district, or a unit's
 * unified social credit code (any role) — the filters live in the URL, so a search can be bookmarked and shared —
 * newest first, page by page with the API's `nextToken`. A name search reads the directory in bounded sweeps: a
 * page may come back short while more remains, and 继续查找 goes on where it stopped.
 */
export function Component() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const [form] = Form.useForm<ProjectFilters>();
  const search = useProjectSearch(filters);
  const rows = search.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = Object.keys(filters).length > 0;
  const byUnit = Boolean(filters.creditCode);

  // the form follows the URL (back and forward, a shared link)
  const key = params.toString();
  useEffect(() => {
    form.setFieldsValue({ q: '', district: '', creditCode: '', ...filtersOf(new URLSearchParams(key)) });
  }, [form, key]);

  // a filter the API refused (400) is shown beside its field
  useEffect(() => {
    if (search.error instanceof ApiProblem && search.error.status === 400) {
      form.setFields(
        search.error
          .fieldErrors()
          .filter((field) => FILTER_KEYS.includes(field.name[0] as (typeof FILTER_KEYS)[number]))
          .map((field) => ({ name: field.name[0] as (typeof FILTER_KEYS)[number], errors: field.errors })),
      );
    }
  }, [form, search.error]);

  return (
    <Page
      title="工程项目"
      crumbs={[{ title: '工程项目' }]}
      extra={
        <Link to="/projects/new">
          <Button type="primary" icon={<PlusOutlined />}>
            登记项目
          </Button>
        </Link>
      }
    >
      <Card>
        <Form<ProjectFilters>
          form={form}
          layout="inline"
          role="search"
          aria-label="项目查询"
          initialValues={filters}
          onFinish={(values) => {
            const next = new URLSearchParams();
            for (const [name, value] of Object.entries(values)) {
              const trimmed = typeof value === 'string' ? value.trim() : '';
              if (trimmed) next.set(name, name === 'creditCode' ? trimmed.toUpperCase() : trimmed);
            }
            setParams(next);
          }}
          className="filter-form"
        >
          <Form.Item name="q" label="项目名称">
            <Input allowClear placeholder="名称关键字，多个用空格分隔" />
          </Form.Item>
          <Form.Item name="district" label="区域">
            <Input allowClear placeholder="例如：通州区" />
          </Form.Item>
          <Form.Item
            name="creditCode"
            label="单位信用代码"
            normalize={(value?: string) => value?.toUpperCase()}
            rules={[
              {
                validator: async (_, value?: string) => {
                  const message = value?.trim() ? creditCodeMessage(value.trim()) : undefined;
                  if (message) throw new Error(message);
                },
              },
            ]}
          >
            <Input allowClear placeholder="18 位统一社会信用代码" maxLength={18} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ q: '', district: '', creditCode: '' });
                  setParams(new URLSearchParams());
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <QueryState query={search} what="项目查询">
          {() => (
            <>
              {searching && rows.length === 0 && search.hasNextPage && (
                <Alert
                  type="info"
                  showIcon
                  className="problem-alert"
                  title="本次已查找部分项目，尚未找到匹配项"
                  description="项目较多时按批查找，请点击下方“加载更多”继续查找。"
                />
              )}
              <Table<ProjectSummary>
                rowKey="id"
                dataSource={rows}
                pagination={false}
                scroll={{ x: 960 }}
                locale={{ emptyText: searching ? '没有符合条件的项目' : '尚未登记项目' }}
                columns={[
                  {
                    title: '项目名称',
                    dataIndex: 'name',
                    render: (name: string, project) => (
                      <Link to={`/projects/${project.id}`} data-project={project.id}>
                        {name}
                      </Link>
                    ),
                  },
                  { title: '区域', dataIndex: 'district', width: 100 },
                  { title: '类别', dataIndex: 'category', width: 80, render: (c) => nameOf(PROJECT_CATEGORY_NAMES, c) },
                  { title: '施工阶段', dataIndex: 'phase', width: 110, render: (p) => nameOf(PROJECT_PHASE_NAMES, p) },
                  byUnit
                    ? {
                        title: '该单位角色',
                        dataIndex: 'unitRole',
                        width: 140,
                        render: (role?: string) => nameOf(UNIT_ROLE_NAMES, role),
                      }
                    : {
                        title: '施工总承包单位',
                        key: 'contractor',
                        width: 220,
                        render: (_, project) => project.generalContractor?.name ?? '—',
                      },
                  {
                    title: '施工许可证',
                    dataIndex: 'permitNo',
                    width: 170,
                    render: (permit: string | null) => permit ?? '—',
                  },
                  {
                    title: '差别化监管',
                    key: 'case',
                    width: 140,
                    render: (_, project) =>
                      project.case ? (
                        <Link to={`/cases/${project.case.id}`}>
                          <Tag color={CASE_STATUS_COLORS[project.case.status]}>
                            {nameOf(CASE_STATUS_NAMES, project.case.status)}
                            {project.case.status === 'active'
                              ? ` · ${LEVEL_SHORT_NAMES[project.case.level] ?? ''}`
                              : ''}
                          </Tag>
                        </Link>
                      ) : (
                        <Tag>未纳入</Tag>
                      ),
                  },
                ]}
              />
              <LoadMore query={search} shown={rows.length} />
            </>
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
