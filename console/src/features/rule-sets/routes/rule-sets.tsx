import { THRESHOLD_NAMES, THRESHOLD_RULES, type ThresholdName } from '@shared/domain/rule-set.js';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { OfficerOnly } from '@/components/officer-only';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-alert';
import { QueryState } from '@/components/query-state';
import { showFieldProblems } from '@/lib/api/form-problems';
import { ApiProblem } from '@/lib/api/problem';
import type { AddRuleSet, RuleSet } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { useAddRuleSet, useCurrentRuleSet, useRuleSets } from '../api/rule-sets';

const STATUS: Record<RuleSet['status'], { name: string; color: string }> = {
  in_force: { name: '现行', color: 'green' },
  scheduled: { name: '待生效', color: 'blue' },
  superseded: { name: '已被取代', color: 'default' },
  replaced: { name: '未生效即被替换', color: 'default' },
};

/** A threshold's value as people read it (a ratio as a percentage). */
function shown(name: ThresholdName, value: number): string {
  return name === 'releaseCompliance' ? `${Math.round(value * 1000) / 10}%` : String(value);
}

/** The thresholds of the version in force, each with its default and where the default comes from. */
function CurrentThresholds(props: { ruleSet: RuleSet }) {
  const { ruleSet } = props;
  return (
    <Table
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={THRESHOLD_NAMES.map((name) => ({ name, value: ruleSet[name], rule: THRESHOLD_RULES[name] }))}
      columns={[
        { title: '阈值', key: 'label', render: (_, row) => row.rule.name },
        {
          title: '现行值',
          key: 'value',
          width: 110,
          render: (_, row) => (
            <span data-threshold={row.name}>
              {shown(row.name, row.value)}
              {row.value !== row.rule.default && (
                <Tag color="orange" className="inline-tag">
                  已调整
                </Tag>
              )}
            </span>
          ),
        },
        { title: '默认值', key: 'default', width: 90, render: (_, row) => shown(row.name, row.rule.default) },
        { title: '依据', key: 'source', width: 200, render: (_, row) => row.rule.source },
      ]}
    />
  );
}

/** What a version changed from the one before it, in words. */
function changes(version: RuleSet, previous: RuleSet | undefined): string {
  if (!previous) return '默认值（SPEC 与实施方案）';
  const changed = THRESHOLD_NAMES.filter((name) => version[name] !== previous[name]).map(
    (name) => `${THRESHOLD_RULES[name].name} ${shown(name, previous[name])} → ${shown(name, version[name])}`,
  );
  return changed.length ? changed.join('；') : '阈值未变';
}

function Versions(props: { versions: RuleSet[] }) {
  const ordered = [...props.versions].sort((a, b) => b.version - a.version);
  const byNumber = new Map(props.versions.map((version) => [version.version, version]));
  return (
    <Table<RuleSet>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={ordered}
      // no horizontal scroll: on a phone the long columns wrap (a scrolling region would need a keyboard stop)
      tableLayout="auto"
      columns={[
        {
          title: '版本',
          dataIndex: 'id',
          width: 80,
          render: (id: string, version) => (
            <strong data-rule-set={id} data-rule-set-status={version.status}>
              {id}
            </strong>
          ),
        },
        {
          title: '施行期间',
          key: 'period',
          render: (_, version) =>
            `${version.effectiveFrom ?? '自始'} 至 ${version.effectiveUntil ?? (version.status === 'replaced' ? '—' : '今后')}`,
        },
        {
          title: '状态',
          dataIndex: 'status',
          render: (status: RuleSet['status']) => <Tag color={STATUS[status].color}>{STATUS[status].name}</Tag>,
        },
        {
          title: '调整内容',
          key: 'changes',
          render: (_, version) => changes(version, byNumber.get(version.version - 1)),
        },
        { title: '调整理由', dataIndex: 'reason' },
        {
          title: '设定',
          key: 'created',
          render: (_, version) =>
            version.createdAt ? `${version.createdBy ?? ''} ${formatTimestamp(version.createdAt)}` : '系统默认',
        },
      ]}
    />
  );
}

type VersionForm = Record<ThresholdName, number> & { effectiveFrom: Dayjs; reason: string };

/**
 * 新增规则版本 (officer): the thresholds of the latest version to change, from a day after today. Never retroactive:
 * the API answers 422 for a day that is not after its today (which may differ from this browser's), shown beside
 * the date; a threshold outside what the rules allow is refused beside its field.
 */
function NewVersion(props: { latest: RuleSet }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<VersionForm>();
  const add = useAddRuleSet();
  const key = useRef(crypto.randomUUID());
  const [problem, setProblem] = useState<unknown>();
  const initial = Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, props.latest[name]]));

  async function submit(values: VersionForm) {
    setProblem(undefined);
    const body: AddRuleSet = {
      ...Object.fromEntries(THRESHOLD_NAMES.map((name) => [name, values[name]])),
      effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
      reason: values.reason.trim(),
    };
    try {
      const created = await add.mutateAsync({ body, key: key.current });
      key.current = crypto.randomUUID();
      message.success(`规则版本 ${created.id} 已设定，自 ${created.effectiveFrom} 起施行`);
      form.resetFields(['reason']);
    } catch (error) {
      if (error instanceof ApiProblem && error.status < 500) key.current = crypto.randomUUID();
      const rest = showFieldProblems(form, error);
      if (rest.length) setProblem(error);
    }
  }

  return (
    <Card title="新增规则版本" data-new-rule-set>
      <Typography.Paragraph type="secondary">
        以最新版本（{props.latest.id}
        ）的阈值为基础修改；新版本自生效日期起适用于此后的判定，不溯及既往，已作出的判定仍按当时的版本解释。
      </Typography.Paragraph>
      <ProblemAlert error={problem} title="未能新增规则版本" />
      <Form<VersionForm>
        form={form}
        layout="vertical"
        initialValues={{ ...initial, effectiveFrom: dayjs().add(1, 'day') }}
        onFinish={(values) => void submit(values)}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="effectiveFrom"
              label="生效日期（须晚于今日）"
              rules={[{ required: true, message: '请选择生效日期' }]}
            >
              <DatePicker className="full-width" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {THRESHOLD_NAMES.map((name) => {
            const rule = THRESHOLD_RULES[name];
            return (
              <Col xs={24} sm={12} lg={8} key={name}>
                <Form.Item
                  name={name}
                  label={rule.name}
                  extra={`默认 ${shown(name, rule.default)}；可设 ${rule.min}–${rule.max}（${rule.source}）`}
                  rules={[
                    { required: true, message: '请填写' },
                    {
                      type: 'number',
                      min: rule.min,
                      max: rule.max,
                      message: `应在 ${rule.min} 至 ${rule.max} 之间`,
                    },
                  ]}
                >
                  <InputNumber
                    className="full-width"
                    min={rule.min}
                    max={rule.max}
                    step={rule.integer ? 1 : 0.01}
                    precision={rule.integer ? 0 : 2}
                  />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
        <Form.Item
          name="reason"
          label="调整理由"
          rules={[
            { required: true, whitespace: true, message: '请填写调整理由' },
            { max: 2000, message: '最多 2000 字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：依据市住建委通知调整回溯期" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          新增版本
        </Button>
      </Form>
    </Card>
  );
}

/**
 * 规则版本: the version of the thresholds in force, every version with its period and reason, and (officer) a new
 * version from a future day (SPEC §2.1 "Rule sets").
 */
export function Component() {
  const current = useCurrentRuleSet();
  const versions = useRuleSets();
  const latest = versions.data?.items.reduce<RuleSet | undefined>(
    (last, version) => (!last || version.version > last.version ? version : last),
    undefined,
  );
  return (
    <Page title="规则版本" crumbs={[{ title: '规则版本' }]}>
      <QueryState query={current} what="现行规则">
        {(ruleSet) => (
          <Card
            title={
              <span data-current-rule-set={ruleSet.id}>
                现行规则 {ruleSet.id}（{ruleSet.effectiveFrom ? `自 ${ruleSet.effectiveFrom} 起施行` : '自始施行'}）
              </span>
            }
          >
            <CurrentThresholds ruleSet={ruleSet} />
          </Card>
        )}
      </QueryState>
      <Card title="全部版本">
        <QueryState query={versions} what="规则版本列表">
          {(page) => <Versions versions={page.items} />}
        </QueryState>
      </Card>
      <OfficerOnly>{latest && <NewVersion latest={latest} />}</OfficerOnly>
    </Page>
  );
}
