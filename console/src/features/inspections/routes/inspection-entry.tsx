import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { InspectorsField } from '@/components/inspectors-field';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { useProject } from '@/features/projects/api/projects';
import { showFieldProblems } from '@/lib/api/form-problems';
import { ApiProblem } from '@/lib/api/problem';
import type { RecordInspection } from '@/lib/api/views';
import { useSession } from '@/lib/auth/session';
import {
  FINDING_KIND_NAMES,
  FINDING_KINDS,
  HAZARD_CATEGORIES,
  HAZARD_CATEGORY_NAMES,
  INSPECTION_KIND_NAMES,
  INSPECTION_KINDS,
  PERSON_ROLE_NAMES,
  SEVERITY_NAMES,
  UNIT_ROLE_NAMES,
} from '@/lib/vocabulary';
import { useRecordInspection } from '../api/inspections';

interface FindingRow {
  kind: string;
  category: string;
  severity: 'general' | 'major';
  unitCreditCode: string;
  description: string;
  deadline: Dayjs;
}

interface InspectionForm {
  date: Dayjs;
  kind: string;
  inspectors: string[];
  projectManagerPresent: boolean;
  chiefSupervisingEngineerPresent: boolean;
  findings: FindingRow[];
  summary: string;
}

const options = (table: Record<string, string>, codes: readonly string[]) =>
  codes.map((code) => ({ value: code, label: table[code] ?? code }));

function toRequest(values: InspectionForm): RecordInspection {
  return {
    date: values.date.format('YYYY-MM-DD'),
    kind: values.kind as RecordInspection['kind'],
    inspectors: values.inspectors.map((name) => name.trim()),
    keyPersonnelPresent: {
      projectManager: values.projectManagerPresent,
      chiefSupervisingEngineer: values.chiefSupervisingEngineerPresent,
    },
    findings: (values.findings ?? []).map((finding) => ({
      kind: finding.kind as RecordInspection['findings'][number]['kind'],
      category: finding.category as RecordInspection['findings'][number]['category'],
      severity: finding.severity,
      unitCreditCode: finding.unitCreditCode,
      description: finding.description.trim(),
      deadline: finding.deadline.format('YYYY-MM-DD'),
    })),
    summary: values.summary.trim(),
    // enforcement measures (SPEC §6.7) have no entry on this screen yet: the inspection records none
    measures: [],
  };
}

/** API fields (`keyPersonnelPresent.projectManager`) → the form's fields. */
function formField(name: Array<string | number>): Array<string | number> {
  if (name[0] === 'keyPersonnelPresent') return [`${String(name[1])}Present`];
  return name;
}

/**
 * 录入检查, phone-first (390 px): the date and kind, two or more inspectors (双人执法), key personnel present,
 * the findings item by item (kind, category, severity, responsible unit, deadline), the summary. One column, large
 * touch targets, the submit button always in reach at the bottom.
 */
export function Component() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const navigate = useNavigate();
  const session = useSession();
  const [form] = Form.useForm<InspectionForm>();
  const key = useRef(crypto.randomUUID());
  const record = useRecordInspection(projectId);
  const [problems, setProblems] = useState<string[]>([]);

  async function submit(values: InspectionForm) {
    setProblems([]);
    try {
      const result = await record.mutateAsync({ body: toRequest(values), key: key.current });
      navigate(`/inspections/${result.inspectionId}`, {
        state: { result, projectId, projectName: project.data?.name, date: values.date.format('YYYY-MM-DD') },
      });
    } catch (error) {
      // a refusal wrote nothing: the corrected inspection goes with a new key
      if (error instanceof ApiProblem && error.status < 500) key.current = crypto.randomUUID();
      setProblems(showFieldProblems(form, error, formField));
    }
  }

  return (
    <QueryState query={project} what="项目">
      {(data) => {
        const units = data.units.map((unit) => ({
          value: unit.creditCode,
          label: `${UNIT_ROLE_NAMES[unit.role as keyof typeof UNIT_ROLE_NAMES] ?? unit.role}：${unit.name}`,
        }));
        const personName = (role: string) => data.persons.find((person) => person.role === role)?.name;
        const contractor = data.units.find((unit) => unit.role === 'general_contractor')?.creditCode;
        return (
          <Page
            title="录入检查"
            subTitle={data.name}
            crumbs={[
              { title: '工程项目', to: '/projects' },
              { title: data.name, to: `/projects/${data.id}` },
              { title: '录入检查' },
            ]}
          >
            <Form<InspectionForm>
              form={form}
              layout="vertical"
              scrollToFirstError
              className="inspection-form"
              onFinish={(values) => void submit(values)}
              initialValues={{
                date: dayjs(),
                kind: 'routine',
                inspectors: [session?.name ?? '', ''],
                projectManagerPresent: true,
                chiefSupervisingEngineerPresent: true,
                findings: [],
              }}
            >
              {problems.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  className="problem-alert"
                  title="提交未成功"
                  description={problems.join('；')}
                />
              )}
              <Card title="检查信息" size="small">
                <Form.Item name="date" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
                  <DatePicker className="full-width" inputReadOnly />
                </Form.Item>
                <Form.Item name="kind" label="检查类型" rules={[{ required: true, message: '请选择检查类型' }]}>
                  <Select options={options(INSPECTION_KIND_NAMES, INSPECTION_KINDS)} />
                </Form.Item>
                <InspectorsField name="inspectors" noun="检查人员" activity="执法检查" />
              </Card>
              <Card title="关键岗位人员到岗" size="small">
                <Form.Item
                  name="projectManagerPresent"
                  label={`${PERSON_ROLE_NAMES.project_manager}${personName('project_manager') ? `（${personName('project_manager')}）` : ''}到岗`}
                  valuePropName="checked"
                >
                  <Switch checkedChildren="在岗" unCheckedChildren="未到岗" />
                </Form.Item>
                <Form.Item
                  name="chiefSupervisingEngineerPresent"
                  label={`${PERSON_ROLE_NAMES.chief_supervising_engineer}${personName('chief_supervising_engineer') ? `（${personName('chief_supervising_engineer')}）` : ''}到岗`}
                  valuePropName="checked"
                >
                  <Switch checkedChildren="在岗" unCheckedChildren="未到岗" />
                </Form.Item>
              </Card>
              <Form.List name="findings">
                {(fields, { add, remove }) => (
                  <Card title={`检查发现（${fields.length} 项）`} size="small">
                    {fields.length === 0 && (
                      <Typography.Paragraph type="secondary">
                        未发现问题时可直接填写检查小结并提交。
                      </Typography.Paragraph>
                    )}
                    {fields.map((field, index) => (
                      <Card
                        key={field.key}
                        size="small"
                        type="inner"
                        className="finding-card"
                        title={`第 ${index + 1} 项`}
                        extra={
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => remove(field.name)}
                            aria-label={`删除第 ${index + 1} 项`}
                          >
                            删除
                          </Button>
                        }
                      >
                        <Form.Item
                          name={[field.name, 'kind']}
                          label="问题类型"
                          rules={[{ required: true, message: '请选择问题类型' }]}
                        >
                          <Select
                            options={options(FINDING_KIND_NAMES, FINDING_KINDS)}
                            aria-label={`第 ${index + 1} 项问题类型`}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'category']}
                          label="隐患类别"
                          rules={[{ required: true, message: '请选择隐患类别' }]}
                        >
                          <Select
                            options={options(HAZARD_CATEGORY_NAMES, HAZARD_CATEGORIES)}
                            aria-label={`第 ${index + 1} 项隐患类别`}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'severity']}
                          label="隐患等级"
                          rules={[{ required: true, message: '请选择隐患等级' }]}
                        >
                          <Radio.Group
                            optionType="button"
                            buttonStyle="solid"
                            options={[
                              { value: 'general', label: SEVERITY_NAMES.general },
                              { value: 'major', label: SEVERITY_NAMES.major },
                            ]}
                            aria-label={`第 ${index + 1} 项隐患等级`}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'unitCreditCode']}
                          label="责任单位"
                          rules={[{ required: true, message: '请选择责任单位' }]}
                        >
                          <Select options={units} aria-label={`第 ${index + 1} 项责任单位`} />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'description']}
                          label="问题描述"
                          rules={[
                            { required: true, whitespace: true, message: '请描述发现的问题' },
                            { max: 2000, message: '最多 2000 字' },
                          ]}
                        >
                          <Input.TextArea rows={3} aria-label={`第 ${index + 1} 项问题描述`} />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'deadline']}
                          label="整改期限"
                          dependencies={['date']}
                          rules={[
                            { required: true, message: '请选择整改期限' },
                            ({ getFieldValue }) => ({
                              validator: async (_, value?: Dayjs) => {
                                const date = getFieldValue('date') as Dayjs | undefined;
                                if (value && date && value.isBefore(date, 'day'))
                                  throw new Error('整改期限不能早于检查日期');
                              },
                            }),
                          ]}
                        >
                          <DatePicker className="full-width" inputReadOnly aria-label={`第 ${index + 1} 项整改期限`} />
                        </Form.Item>
                      </Card>
                    ))}
                    <Button
                      type="dashed"
                      block
                      icon={<PlusOutlined />}
                      onClick={() =>
                        add({
                          kind: 'hazard',
                          severity: 'general',
                          unitCreditCode: contractor,
                          deadline: ((form.getFieldValue('date') as Dayjs | undefined) ?? dayjs()).add(7, 'day'),
                        })
                      }
                    >
                      添加一项检查发现
                    </Button>
                  </Card>
                )}
              </Form.List>
              <Card title="检查小结" size="small">
                <Form.Item
                  name="summary"
                  label="检查小结"
                  rules={[
                    { required: true, whitespace: true, message: '请填写检查小结' },
                    { max: 5000, message: '最多 5000 字' },
                  ]}
                >
                  <Input.TextArea rows={4} placeholder="总体情况、整改要求" />
                </Form.Item>
              </Card>
              <div className="mobile-actions">
                <Button type="primary" htmlType="submit" size="large" block loading={record.isPending}>
                  提交检查记录
                </Button>
              </div>
            </Form>
          </Page>
        );
      }}
    </QueryState>
  );
}
