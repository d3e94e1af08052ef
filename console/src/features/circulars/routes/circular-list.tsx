import { Card, Descriptions, List, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import type { Circular } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { CIRCULAR_STATUS_COLORS, CIRCULAR_STATUS_NAMES, nameOf } from '@/lib/vocabulary';
import { type CircularStatus, useCirculars } from '../api/circulars';
import { CircularActions } from '../components/circular-actions';

const TABS: Array<{ key: CircularStatus | 'all'; label: string }> = [
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'retracted', label: '已撤回' },
  { key: 'expired', label: '已到期' },
  { key: 'withdrawn', label: '已撤销草稿' },
  { key: 'all', label: '全部' },
];

function CircularCard(props: { circular: Circular }) {
  const { circular } = props;
  const unitName = (code: string) => circular.units.find((unit) => unit.creditCode === code)?.name ?? code;
  return (
    <Card
      size="small"
      className="circular-card"
      title={
        <Space wrap>
          <Tag color={CIRCULAR_STATUS_COLORS[circular.status]}>{nameOf(CIRCULAR_STATUS_NAMES, circular.status)}</Tag>
          <span>{circular.title}</span>
        </Space>
      }
      extra={<CircularActions circular={circular} />}
      data-circular={circular.id}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="文号">{circular.number ?? '（发布时编号）'}</Descriptions.Item>
        <Descriptions.Item label="工程项目">
          <Link to={`/cases/${circular.caseId}`}>{circular.projectName ?? circular.caseId}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="起草日期">{circular.draftedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="陈述申辩截止">{formatTimestamp(circular.statementWindowEndsAt)}</Descriptions.Item>
        <Descriptions.Item label="发布日期">{circular.publishedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="公示至">{circular.validUntil ?? '—'}</Descriptions.Item>
        {circular.retractionReason && (
          <Descriptions.Item label="撤回理由">{circular.retractionReason}</Descriptions.Item>
        )}
        {circular.withdrawnOn && <Descriptions.Item label="撤销日期">{circular.withdrawnOn}</Descriptions.Item>}
        {circular.withdrawalReason && (
          <Descriptions.Item label="撤销理由">{circular.withdrawalReason}</Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Paragraph strong>陈述申辩</Typography.Paragraph>
      {circular.statements?.length ? (
        <List
          size="small"
          dataSource={circular.statements}
          renderItem={(statement) => (
            <List.Item>
              {unitName(statement.unitCreditCode)} 已提交陈述申辩
              {statement.at ? `（${formatTimestamp(statement.at)}）` : ''}
              {statement.fileName ? `：${statement.fileName}` : ''}
            </List.Item>
          )}
        />
      ) : (
        <Typography.Paragraph type="secondary">暂无单位提交陈述申辩。</Typography.Paragraph>
      )}
      <details>
        <summary>通报正文</summary>
        <div className="circular-body">{circular.body}</div>
      </details>
    </Card>
  );
}

/** 通报管理: drafts with the statements made, publication with its period, withdrawal, retraction; by status. */
export function Component() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((entry) => entry.key === params.get('status'))?.key ?? 'draft') as CircularStatus | 'all';
  const circulars = useCirculars(tab === 'all' ? undefined : tab);
  const rows = circulars.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Page title="通报管理" crumbs={[{ title: '通报管理' }]}>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ status: key })}
          items={TABS.map(({ key, label }) => ({ key, label }))}
        />
        <QueryState query={circulars} what="通报列表">
          {() => (
            <Space orientation="vertical" size={12} className="full-width">
              {rows.length === 0 && (
                <Typography.Paragraph type="secondary">
                  暂无{TABS.find((entry) => entry.key === tab)?.label}通报。
                </Typography.Paragraph>
              )}
              {rows.map((circular) => (
                <CircularCard key={circular.id} circular={circular} />
              ))}
              <LoadMore query={circulars} shown={rows.length} />
            </Space>
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
