import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Result, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useIsOfficer } from '@/components/officer-only';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { api, hasRoute, requireRoute, unwrap } from '@/lib/api/client';
import { showFieldProblems } from '@/lib/api/form-problems';
import type { Page as ListPage, RuleSet } from '@/lib/api/views';

/** The thresholds of a rule set: its numeric fields (their names are the API's). */
function thresholdsOf(ruleSet: RuleSet): Array<[string, number]> {
  return Object.entries(ruleSet).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
}

/**
 * 新增规则版本: the thresholds of the version in force, changed, from a day after today (never retroactive: SPEC
 * §2.1 answers 422 otherwise, shown beside the date).
 */
function NewVersion(props: { current: RuleSet }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown> & { effectiveFrom: Dayjs; reason: string }>();
  const thresholds = thresholdsOf(props.current);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown> & { effectiveFrom: string; reason: string }) =>
      unwrap<RuleSet>(api().POST('/v1/rule-sets', { body, headers: { 'Idempotency-Key': crypto.randomUUID() } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['rule-sets'] }),
  });
  return (
    <Card title="新增规则版本">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...Object.fromEntries(thresholds), effectiveFrom: dayjs().add(1, 'day') }}
        onFinish={(values) =>
          create
            .mutateAsync({
              ...values,
              effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
              reason: values.reason.trim(),
            })
            .then(() => message.success('规则版本已新增'))
            .catch((error: unknown) => {
              const rest = showFieldProblems(form, error);
              if (rest.length) message.error(rest.join('；'));
            })
        }
      >
        <Form.Item
          name="effectiveFrom"
          label="生效日期（须晚于今日）"
          rules={[{ required: true, message: '请选择生效日期' }]}
        >
          <DatePicker disabledDate={(day) => !day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {thresholds.map(([name]) => (
          <Form.Item key={name} name={name} label={name} rules={[{ required: true, message: '请填写' }]}>
            <InputNumber className="full-width" />
          </Form.Item>
        ))}
        <Form.Item
          name="reason"
          label="调整理由"
          rules={[{ required: true, whitespace: true, message: '请填写调整理由' }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          新增版本
        </Button>
      </Form>
    </Card>
  );
}

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
      {current.data && hasRoute('POST /v1/rule-sets') && <NewVersion current={current.data} />}
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
