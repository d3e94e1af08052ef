import { SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Radio, Row, Segmented, Space, Statistic, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { OfficerOnly } from '@/components/officer-only';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-alert';
import { QueryState } from '@/components/query-state';
import { ScrollingTable } from '@/components/scrolling-table';
import { showFieldProblems } from '@/lib/api/form-problems';
import { ApiProblem, chineseMessage } from '@/lib/api/problem';
import type { PenaltyEntry, PenaltyLedger, PenaltyRecorded, PenaltySubject } from '@/lib/api/views';
import { creditCodeMessage } from '@/lib/credit-code';
import {
  ENFORCEMENT_POINTS,
  nameOf,
  PENALTY_CODE_NAMES,
  PENALTY_LEVEL_NAMES,
  PENALTY_SUBJECT_NAMES,
} from '@/lib/vocabulary';
import {
  type SubjectKey,
  usePenaltyLedger,
  useRecordPenaltyPoints,
  useRevokePenaltyPoints,
} from '../api/penalty-points';
import { PointsGauge } from '../components/points-gauge';

/** The thresholds when the ledger does not say (SPEC §6.3 defaults). */
const DEFAULT_LEVELS = [8, 16, 24, 30];

function subjectFrom(params: URLSearchParams): SubjectKey | undefined {
  const kind = params.get('kind');
  const id = params.get('id')?.trim();
  return (kind === 'enterprise' || kind === 'person') && id ? { kind, id } : undefined;
}

/** Where an entry came from: the assessment, the quarter, or the enforcement document. */
function sourceOf(entry: PenaltyEntry) {
  const source = entry.source as { kind: string; assessmentId?: string; documentNo?: string; quarter?: string };
  if (source.assessmentId) return <Link to={`/assessments/${source.assessmentId}`}>评估记录</Link>;
  if (source.documentNo) return `文书 ${source.documentNo}`;
  if (source.quarter) return `${source.quarter} 排名前核查`;
  return '—';
}

function RevokeButton(props: { entry: PenaltyEntry }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevokePenaltyPoints();
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} aria-label={`撤销 ${props.entry.on} 的记分`}>
        撤销
      </Button>
      <Modal
        title="撤销记分"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="撤销"
        cancelText="取消"
        confirmLoading={revoke.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          // named: the record form beside it has a `reason` field too, and a label must find its own field's id
          name="revoke-points"
          layout="vertical"
          onFinish={(values) =>
            revoke
              .mutateAsync({ entryId: props.entry.id, reason: values.reason.trim() })
              .then(() => {
                message.success('记分已撤销，累计分已重算');
                setOpen(false);
              })
              .catch((error: unknown) => {
                const rest = showFieldProblems(form, error);
                if (rest.length) message.error(rest.join('；'));
              })
          }
        >
          <p>
            {props.entry.on} · {props.entry.points} 分 · {props.entry.reason}
          </p>
          <Form.Item
            name="reason"
            label="撤销理由"
            rules={[
              { required: true, whitespace: true, message: '请填写撤销理由' },
              { max: 2000, message: '最多 2000 字' },
            ]}
          >
            <Input.TextArea rows={3} placeholder="例如：行政复议撤销原处罚决定" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Entries(props: { entries: PenaltyEntry[] }) {
  return (
    <ScrollingTable<PenaltyEntry>
      label="记分记录"
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={props.entries}
      // the fixed columns take 850 px: the rest is the reason (说明), which must not be squeezed to a few characters
      scroll={{ x: 1150 }}
      locale={{ emptyText: '暂无记分记录' }}
      rowClassName={(entry) => (entry.revoked || entry.inWindow === false ? 'row-superseded' : '')}
      columns={[
        { title: '记分日期', dataIndex: 'on', width: 110 },
        { title: '分值', dataIndex: 'points', width: 70, render: (points: number) => <strong>{points}</strong> },
        { title: '事由', dataIndex: 'code', width: 130, render: (code: string) => nameOf(PENALTY_CODE_NAMES, code) },
        { title: '说明', dataIndex: 'reason' },
        { title: '来源', key: 'source', width: 140, render: (_, entry) => sourceOf(entry) },
        { title: '计分截止', dataIndex: 'countsUntil', width: 110, render: (day?: string) => day ?? '—' },
        {
          title: '状态',
          key: 'state',
          width: 200,
          render: (_, entry) =>
            entry.revoked ? (
              <>
                <Tag>已撤销</Tag>
                {entry.revocation && (
                  <div className="secondary-text">
                    {entry.revocation.on}：{entry.revocation.reason}
                  </div>
                )}
              </>
            ) : entry.inWindow === false ? (
              <Tag>已超出 12 个月</Tag>
            ) : (
              <Tag color="red">计入</Tag>
            ),
        },
        {
          title: '操作',
          key: 'actions',
          width: 90,
          render: (_, entry) =>
            entry.revoked ? null : (
              <OfficerOnly>
                <RevokeButton entry={entry} />
              </OfficerOnly>
            ),
        },
      ]}
    />
  );
}

interface RecordForm {
  name: string;
  points: 1 | 2 | 3;
  reason: string;
  documentNo: string;
}

/** 记分 (officer): points for an enforcement measure, with the document that imposed it (SPEC §6.3). */
function RecordPoints(props: { subject: SubjectKey; name: string | null }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordForm>();
  const record = useRecordPenaltyPoints();
  const key = useRef(crypto.randomUUID());
  const [problem, setProblem] = useState<unknown>();
  const [recorded, setRecorded] = useState<PenaltyRecorded>();
  useEffect(() => {
    if (props.name) form.setFieldValue('name', props.name);
  }, [form, props.name]);

  async function submit(values: RecordForm) {
    setProblem(undefined);
    setRecorded(undefined);
    const subject: PenaltySubject = { kind: props.subject.kind, id: props.subject.id, name: values.name.trim() };
    try {
      const answer = await record.mutateAsync({
        key: key.current,
        body: { subject, points: values.points, reason: values.reason.trim(), documentNo: values.documentNo.trim() },
      });
      key.current = crypto.randomUUID();
      setRecorded(answer);
      message.success(`已记 ${answer.points} 分`);
      form.resetFields(['reason', 'documentNo']);
    } catch (error) {
      if (error instanceof ApiProblem && error.status < 500) key.current = crypto.randomUUID();
      const rest = showFieldProblems(form, error, (name) => (name[0] === 'subject' ? ['name'] : name));
      if (rest.length) setProblem(error);
    }
  }

  return (
    <Card title="记分（执法处理）" data-record-points>
      {recorded && (
        <div data-thresholds-crossed={recorded.thresholdsCrossed.join(',')}>
          <Alert
            type={recorded.thresholdsCrossed.length ? 'warning' : 'success'}
            showIcon
            className="problem-alert"
            title={`已记 ${recorded.points} 分，12 个月内累计 ${recorded.totalInWindow} 分`}
            description={
              recorded.thresholdsCrossed.length
                ? `本次达到 ${recorded.thresholdsCrossed
                    .map((level) => `${level} 分记分处理线：${PENALTY_LEVEL_NAMES[level] ?? ''}`)
                    .join('；')}`
                : undefined
            }
          />
        </div>
      )}
      <ProblemAlert error={problem} title="记分未成功" />
      <Form<RecordForm>
        form={form}
        layout="vertical"
        initialValues={{ name: props.name ?? '', points: 1 }}
        onFinish={(values) => void submit(values)}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={props.subject.kind === 'enterprise' ? '企业名称' : '姓名'}
              rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="documentNo"
              label="处理文书编号"
              rules={[
                { required: true, whitespace: true, message: '请填写处理文书编号' },
                { max: 100, message: '最多 100 字' },
              ]}
            >
              <Input placeholder="例如：通住建罚〔2026〕12号" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="points" label="处理措施与分值" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group>
            <Space orientation="vertical">
              {ENFORCEMENT_POINTS.map((option) => (
                <Radio key={option.points} value={option.points}>
                  {option.name}：{option.points} 分
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label="记分事由"
          rules={[
            { required: true, whitespace: true, message: '请填写记分事由' },
            { max: 2000, message: '最多 2000 字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="违法违规事实" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          记分
        </Button>
      </Form>
    </Card>
  );
}

function Ledger(props: { ledger: PenaltyLedger; subject: SubjectKey; fallbackName: string | null }) {
  const { ledger } = props;
  const levels = ledger.levels ?? DEFAULT_LEVELS;
  const name = ledger.subject.name ?? props.fallbackName;
  return (
    <>
      <Card
        title={
          <span data-ledger={`${ledger.subject.kind}:${ledger.subject.id}`}>
            {name ?? ledger.subject.id}（{nameOf(PENALTY_SUBJECT_NAMES, ledger.subject.kind)} {ledger.subject.id}）
          </span>
        }
      >
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={6}>
            <Statistic
              title={`${ledger.windowMonths ?? 12} 个月内累计记分（截至 ${ledger.asOf ?? '今日'}）`}
              value={ledger.totalInWindow}
              suffix="分"
            />
          </Col>
          <Col xs={24} md={18}>
            <PointsGauge total={ledger.totalInWindow} levels={levels} reached={ledger.thresholdsReached} />
          </Col>
        </Row>
      </Card>
      <Card title="记分明细">
        <Entries entries={ledger.entries} />
      </Card>
      <OfficerOnly>
        <RecordPoints subject={props.subject} name={name} />
      </OfficerOnly>
    </>
  );
}

/**
 * 动态记分 (SPEC §6.3): the ledger of an enterprise (by its credit code) or a registered person (by the
 * registration number) — the points counted within 12 months against the thresholds 8 / 16 / 24 / 30 and what each
 * entails, every entry with its source and the last day it counts — and, for officers, points for an enforcement
 * measure and the revocation of an entry, with its reason.
 */
export function Component() {
  const [params, setParams] = useSearchParams();
  const subject = subjectFrom(params);
  const fallbackName = params.get('name');
  const [form] = Form.useForm<{ kind: SubjectKey['kind']; id: string }>();
  const ledger = usePenaltyLedger(subject);
  const key = params.toString();
  useEffect(() => {
    const from = subjectFrom(new URLSearchParams(key));
    form.setFieldsValue({ kind: from?.kind ?? 'enterprise', id: from?.id ?? '' });
  }, [form, key]);
  const kind = Form.useWatch('kind', form) ?? subject?.kind ?? 'enterprise';
  return (
    <Page title="动态记分" crumbs={[{ title: '动态记分' }]}>
      <Card>
        <Form
          form={form}
          layout="inline"
          role="search"
          aria-label="查询记分"
          className="filter-form"
          initialValues={{ kind: subject?.kind ?? 'enterprise', id: subject?.id ?? '' }}
          onFinish={(values) => {
            const id = values.id.trim();
            setParams({ kind: values.kind, id: values.kind === 'enterprise' ? id.toUpperCase() : id });
          }}
        >
          <Form.Item name="kind" label="对象">
            <Segmented
              options={[
                { value: 'enterprise', label: '企业' },
                { value: 'person', label: '注册人员' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="id"
            label={kind === 'enterprise' ? '统一社会信用代码' : '注册证书编号'}
            normalize={(value?: string) => (kind === 'enterprise' ? value?.toUpperCase() : value)}
            rules={[
              { required: true, whitespace: true, message: '请填写' },
              {
                validator: async (_, value?: string) => {
                  const message = kind === 'enterprise' && value?.trim() ? creditCodeMessage(value.trim()) : undefined;
                  if (message) throw new Error(message);
                },
              },
            ]}
          >
            <Input allowClear maxLength={kind === 'enterprise' ? 18 : 50} className="subject-input" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {subject ? (
        <QueryState query={ledger} what="记分台账">
          {(data) => <Ledger ledger={data} subject={subject} fallbackName={fallbackName} />}
        </QueryState>
      ) : (
        <Alert
          type="info"
          showIcon
          title="输入企业的统一社会信用代码或注册人员的注册证书编号查询记分"
          description="也可在项目详情的参建单位、关键岗位人员处打开。记分自记分之日起计 12 个月，累计达到 8、16、24、30 分分别采取相应处理。"
        />
      )}
      {ledger.isError && !(ledger.error instanceof ApiProblem) && (
        <Alert type="error" title={chineseMessage(ledger.error)} />
      )}
    </Page>
  );
}
