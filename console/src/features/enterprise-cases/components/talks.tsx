import { App, Button, Card, DatePicker, Empty, Form, Input, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { OfficerOnly } from '@/components/officer-only';
import { showFieldProblems } from '@/lib/api/form-problems';
import type { EnterpriseTalk } from '@/lib/api/views';
import { formatTimestamp } from '@/lib/dates';
import { useRecordTalk } from '../api/enterprise-cases';

interface TalkValues {
  date: Dayjs;
  attendees: string;
  summary: string;
}

/** Names typed on one line, as people write them: separated by 、，, ; or spaces. */
function attendeesOf(text: string): string[] {
  return text
    .split(/[、，,；;\s]+/)
    .map((name) => name.trim())
    .filter(Boolean);
}

/**
 * 记录约谈 (officer, while the case is active): the day, who took part, what was said. One column on a phone; the
 * API's refusals (a day after today, a name too long) are shown beside the field they concern.
 */
function TalkForm(props: { enterpriseCaseId: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TalkValues>();
  const record = useRecordTalk(props.enterpriseCaseId);
  return (
    <Form<TalkValues>
      form={form}
      layout="vertical"
      className="talk-form"
      aria-label="记录约谈"
      initialValues={{ date: dayjs() }}
      onFinish={(values) =>
        record
          .mutateAsync({
            date: values.date.format('YYYY-MM-DD'),
            attendees: attendeesOf(values.attendees),
            summary: values.summary.trim(),
          })
          .then(() => {
            message.success('约谈已记录');
            form.resetFields();
          })
          .catch((error: unknown) => {
            // attendees.2 → the one field that holds every name
            const rest = showFieldProblems(form, error, (name) => (name[0] === 'attendees' ? ['attendees'] : name));
            if (rest.length) message.error(rest.join('；'));
          })
      }
    >
      <Form.Item name="date" label="约谈日期" rules={[{ required: true, message: '请选择约谈日期' }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item
        name="attendees"
        label="参加人员"
        extra="以顿号或逗号分隔，例如：王五、企业法定代表人张某"
        rules={[
          { required: true, whitespace: true, message: '请填写参加人员' },
          {
            validator: (_rule, value: string | undefined) =>
              attendeesOf(value ?? '').some((name) => name.length > 100)
                ? Promise.reject(new Error('每个姓名最多 100 字'))
                : Promise.resolve(),
          },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="summary"
        label="约谈内容"
        rules={[
          { required: true, whitespace: true, message: '请填写约谈内容' },
          { max: 4000, message: '最多 4000 字' },
        ]}
      >
        <Input.TextArea rows={4} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending} block>
        记录约谈
      </Button>
    </Form>
  );
}

/** 约谈记录: the talks recorded, oldest first, and (officer, active case) the form to record one. */
export function TalksPanel(props: { enterpriseCaseId: string; talks: EnterpriseTalk[]; active: boolean }) {
  return (
    <Space orientation="vertical" size={16} className="full-width">
      {props.talks.length === 0 ? (
        <Empty description="暂无约谈记录" />
      ) : (
        <ol className="talk-list">
          {props.talks.map((talk) => (
            <li key={talk.id} data-talk={talk.id}>
              <Card size="small" title={`${talk.date} 约谈`}>
                <Typography.Paragraph>
                  <Typography.Text type="secondary">参加人员：</Typography.Text>
                  {talk.attendees.join('、')}
                </Typography.Paragraph>
                <Typography.Paragraph className="talk-summary">{talk.summary}</Typography.Paragraph>
                <Typography.Text type="secondary">
                  {formatTimestamp(talk.recordedAt)} 由 {talk.recordedBy.replace(/^user:/, '')} 记录
                </Typography.Text>
              </Card>
            </li>
          ))}
        </ol>
      )}
      {props.active && (
        <OfficerOnly>
          <Card size="small" title="记录约谈">
            <TalkForm enterpriseCaseId={props.enterpriseCaseId} />
          </Card>
        </OfficerOnly>
      )}
    </Space>
  );
}
