import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import type { ProjectSummary } from '@/lib/api/views';
import {
  CASE_STATUS_COLORS,
  CASE_STATUS_NAMES,
  LEVEL_SHORT_NAMES,
  nameOf,
  PROJECT_CATEGORY_NAMES,
  PROJECT_PHASE_NAMES,
} from '@/lib/vocabulary';
import { type ProjectFilters, useProjectSearch } from '../api/projects';

/** 工程项目: search by name, district or a unit's credit code (the filters live in the URL), and register. */
export function Component() {
  const [params, setParams] = useSearchParams();
  const filters: ProjectFilters = Object.fromEntries(
    (['q', 'district', 'creditCode'] as const).flatMap((key) => {
      const value = params.get(key);
      return value ? [[key, value]] : [];
    }),
  );
  const [form] = Form.useForm<ProjectFilters>();
  const [submitted] = useState(filters);
  const search = useProjectSearch(filters);
  const rows = search.data?.pages.flatMap((page) => page.items) ?? [];
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
          initialValues={submitted}
          onFinish={(values) => {
            const next = new URLSearchParams();
            for (const [key, value] of Object.entries(values)) if (value?.trim()) next.set(key, value.trim());
            setParams(next);
          }}
          className="filter-form"
        >
          <Form.Item name="q" label="项目名称">
            <Input allowClear placeholder="名称关键字" />
          </Form.Item>
          <Form.Item name="district" label="区域">
            <Input allowClear placeholder="例如：通州区" />
          </Form.Item>
          <Form.Item name="creditCode" label="单位信用代码">
            <Input allowClear placeholder="18 位统一社会信用代码" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
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
        <QueryState query={search} what="项目查询" route="GET /v1/projects">
          {() => (
            <>
              <Table<ProjectSummary>
                rowKey="id"
                dataSource={rows}
                pagination={false}
                scroll={{ x: 800 }}
                locale={{ emptyText: '没有符合条件的项目' }}
                columns={[
                  {
                    title: '项目名称',
                    dataIndex: 'name',
                    render: (name: string, project) => <Link to={`/projects/${project.id}`}>{name}</Link>,
                  },
                  { title: '区域', dataIndex: 'district', width: 100 },
                  { title: '类别', dataIndex: 'category', width: 90, render: (c) => nameOf(PROJECT_CATEGORY_NAMES, c) },
                  { title: '施工阶段', dataIndex: 'phase', width: 120, render: (p) => nameOf(PROJECT_PHASE_NAMES, p) },
                  {
                    title: '差别化监管',
                    key: 'case',
                    width: 160,
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
