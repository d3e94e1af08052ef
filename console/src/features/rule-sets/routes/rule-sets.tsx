import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Result, Table } from 'antd';
import { useIsOfficer } from '@/components/officer-only';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { api, requireRoute, unwrap } from '@/lib/api/client';
import type { Page as ListPage, RuleSet } from '@/lib/api/views';

/** 规则版本 (officer): the versioned thresholds in force and their history (SPEC §2.1 "Rule sets"). */
export function Component() {
  const officer = useIsOfficer();
  const current = useQuery({
    queryKey: ['rule-sets', 'current'],
    enabled: officer,
    queryFn: async () => {
      requireRoute('GET /v1/rule-sets/current');
      return unwrap<RuleSet>(api().GET('/v1/rule-sets/current'));
    },
  });
  const versions = useQuery({
    queryKey: ['rule-sets'],
    enabled: officer,
    queryFn: async () => {
      requireRoute('GET /v1/rule-sets');
      return unwrap<ListPage<RuleSet>>(api().GET('/v1/rule-sets'));
    },
  });
  if (!officer) return <Result status="403" title="仅负责人可管理规则版本" />;
  return (
    <Page title="规则版本" crumbs={[{ title: '规则版本' }]}>
      <Card title="现行规则">
        <QueryState query={current} what="现行规则" route="GET /v1/rule-sets/current">
          {(ruleSet) => (
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              {Object.entries(ruleSet).map(([key, value]) => (
                <Descriptions.Item key={key} label={key}>
                  {typeof value === 'object' ? JSON.stringify(value) : String(value)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </QueryState>
      </Card>
      <Card title="历史版本">
        <QueryState query={versions} what="规则版本列表" route="GET /v1/rule-sets">
          {(page) => (
            <Table<RuleSet>
              rowKey="id"
              size="small"
              dataSource={page.items}
              pagination={false}
              columns={[
                { title: '版本', dataIndex: 'id' },
                { title: '生效日期', dataIndex: 'effectiveFrom', width: 120 },
                { title: '调整理由', dataIndex: 'reason' },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
