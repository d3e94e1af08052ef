import { Alert, Button, Card, Form, Input, Result, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { InspectorsField } from '@/components/inspectors-field';
import { Page } from '@/components/page';
import { QueryState } from '@/components/query-state';
import { useProject } from '@/features/projects/api/projects';
import { showFieldProblems } from '@/lib/api/form-problems';
import { ApiProblem, chineseMessage } from '@/lib/api/problem';
import type { Assessment, AssessmentScheme, InspectionSummary, ProjectDetail } from '@/lib/api/views';
import { periodName, quarterOf } from '@/lib/periods';
import { GRADE_COLORS, GRADE_NAMES, INSPECTION_KIND_NAMES, nameOf, PROJECT_PHASE_NAMES } from '@/lib/vocabulary';
import { DEFAULT_SCHEME_ID, useScheme, useSubmitGovernmentAssessment } from '../api/assessments';
import {
  asScheme,
  type FormState,
  initialForm,
  phaseDefaultsOf,
  runningScore,
  tablesOf,
} from '../components/assessment-form-model';
import { CheckTables } from '../components/check-tables';

interface HeaderForm {
  inspectionId: string;
  inspectors: string[];
  signerName: string;
  signerRegistrationNo?: string;
}

function inspectionLabel(inspection: InspectionSummary): string {
  return `${inspection.date} ${nameOf(INSPECTION_KIND_NAMES, inspection.kind)}（${inspection.inspectors.join('、')}）`;
}

/** Where the API's field problems go: `tables[3].items[2].deduction` → that item's row (or the table's). */
function itemProblems(tables: ReturnType<typeof tablesOf>, error: unknown): Map<string, string> {
  const problems = new Map<string, string>();
  if (!(error instanceof ApiProblem)) return problems;
  for (const { name, errors } of error.fieldErrors()) {
    if (name[0] !== 'tables' || typeof name[1] !== 'number') continue;
    const table = tables[name[1]];
    const item = name[2] === 'items' && typeof name[3] === 'number' ? table?.items[name[3]] : undefined;
    const key = item?.itemId ?? table?.tableId;
    if (key && errors[0]) problems.set(key, errors[0]);
  }
  return problems;
}

function Entry(props: { project: ProjectDetail; scheme: AssessmentScheme }) {
  const { project } = props;
  const scheme = useMemo(() => asScheme(props.scheme), [props.scheme]);
  const [params] = useSearchParams();
  const inspections = project.inspections ?? [];
  const chosen = inspections.find((inspection) => inspection.id === params.get('inspectionId')) ?? inspections[0];
  const [form] = Form.useForm<HeaderForm>();
  const inspectionId = Form.useWatch('inspectionId', form) ?? chosen?.id;
  const inspection = inspections.find((candidate) => candidate.id === inspectionId);
  const period = inspection ? quarterOf(inspection.date) : undefined;
  const phaseReasons = useMemo(() => phaseDefaultsOf(scheme, project.phase), [scheme, project.phase]);
  const [state, setState] = useState<FormState>(() => initialForm(scheme, project.phase));
  const score = useMemo(() => runningScore(scheme, state), [scheme, state]);
  const submit = useSubmitGovernmentAssessment(project.id);
  const key = useRef(crypto.randomUUID());
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [formProblems, setFormProblems] = useState<string[]>([]);
  const [answer, setAnswer] = useState<Assessment>();
  const preMarked = [...phaseReasons.values()].filter((entry) => !entry.applicable).length;

  if (inspections.length === 0) {
    return (
      <Result
        status="info"
        title="本项目尚无检查记录"
        subTitle="政府评估须对应本项目的一次执法检查（双人执法）：请先录入检查。"
        extra={
          <Link to={`/projects/${project.id}/inspections/new`}>
            <Button type="primary">录入检查</Button>
          </Link>
        }
      />
    );
  }

  if (answer) {
    return (
      <Card>
        <Result
          status="success"
          title="政府评估已提交"
          subTitle={`${periodName(answer.period)} · 检查 ${inspection?.date ?? ''}`}
          extra={
            <Space wrap>
              <Link to={`/assessments/${answer.id}`}>
                <Button type="primary">查看评估详情</Button>
              </Link>
              <Link to={`/projects/${project.id}/assessments?period=${answer.period}`}>
                <Button>项目评估</Button>
              </Link>
            </Space>
          }
        />
        <div className="score-answer" data-api-score={answer.score.toFixed(1)} data-api-grade={answer.grade}>
          评估得分（以系统计算为准）：<strong>{answer.score.toFixed(1)}</strong> 分{' '}
          <Tag color={GRADE_COLORS[answer.grade]}>{GRADE_NAMES[answer.grade]}</Tag>
        </div>
      </Card>
    );
  }

  async function onFinish(values: HeaderForm) {
    setFormProblems([]);
    setProblems(new Map());
    if (!period) return;
    const tables = tablesOf(scheme, state);
    try {
      const created = await submit.mutateAsync({
        key: key.current,
        body: {
          tier: 'government',
          period,
          schemeId: props.scheme.id,
          tables,
          inspectionId: values.inspectionId,
          inspectors: values.inspectors.map((name) => name.trim()).filter(Boolean),
          signedBy: {
            name: values.signerName.trim(),
            ...(values.signerRegistrationNo?.trim() ? { registrationNo: values.signerRegistrationNo.trim() } : {}),
          },
        },
      });
      setAnswer(created);
      window.scrollTo({ top: 0 });
    } catch (error) {
      if (error instanceof ApiProblem && error.status < 500) key.current = crypto.randomUUID();
      setProblems(itemProblems(tables, error));
      const rest = showFieldProblems(form, error, (name) =>
        name[0] === 'signedBy' ? [name[1] === 'registrationNo' ? 'signerRegistrationNo' : 'signerName'] : name,
      ).filter((message) => !message.startsWith('tables'));
      setFormProblems(
        rest.length ? rest : error instanceof ApiProblem && error.body.errors?.length ? [] : [chineseMessage(error)],
      );
    }
  }

  return (
    <Form<HeaderForm>
      form={form}
      layout="vertical"
      scrollToFirstError
      className="assessment-form"
      onFinish={(values) => void onFinish(values)}
      initialValues={{
        inspectionId: chosen?.id,
        inspectors: chosen?.inspectors.length ? chosen.inspectors : ['', ''],
        signerName: chosen?.inspectors[0] ?? '',
      }}
    >
      {formProblems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="problem-alert"
          title="提交未成功"
          description={formProblems.join('；')}
        />
      )}
      <Card title="评估信息" size="small">
        <Form.Item
          name="inspectionId"
          label="对应检查"
          extra={period ? `评估季度：${periodName(period)}（按检查日期）` : undefined}
          rules={[{ required: true, message: '请选择对应的检查' }]}
        >
          <Select
            options={inspections.map((candidate) => ({ value: candidate.id, label: inspectionLabel(candidate) }))}
            onChange={(id: string) => {
              const next = inspections.find((candidate) => candidate.id === id);
              if (next?.inspectors.length) {
                form.setFieldsValue({ inspectors: next.inspectors, signerName: next.inspectors[0] });
              }
            }}
          />
        </Form.Item>
        <InspectorsField name="inspectors" noun="评估人员" activity="政府评估" />
        <Form.Item
          name="signerName"
          label="签署人"
          className="stacked-field"
          rules={[{ required: true, whitespace: true, message: '请填写签署人' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="signerRegistrationNo" label="执法证号（选填）">
          <Input />
        </Form.Item>
      </Card>
      <Card title="检查评分表" size="small">
        <Typography.Paragraph type="secondary">
          按施工阶段「{nameOf(PROJECT_PHASE_NAMES, project.phase)}」预设 {preMarked}{' '}
          张检查表为不涉及，请按现场实际修改。 每项填写扣减分数（不得超过该项应得分）；保证项目有一项得零分或小计不足 40
          分时，该表记零分（JGJ 59-2011 第 4.0.3 条）。
        </Typography.Paragraph>
        <CheckTables
          scheme={scheme}
          state={state}
          result={score.result}
          phaseReasons={phaseReasons}
          problems={problems}
          onChange={(tableId, next) => setState((current) => ({ ...current, [tableId]: next }))}
        />
      </Card>
      <div className="mobile-actions running-score" aria-live="polite">
        <div className="running-score-figure">
          {score.result ? (
            <span data-running-score={score.result.score.toFixed(1)} data-running-grade={score.result.grade}>
              当前得分 <strong>{score.result.score.toFixed(1)}</strong>{' '}
              <Tag color={GRADE_COLORS[score.result.grade]}>{GRADE_NAMES[score.result.grade]}</Tag>
            </span>
          ) : (
            <span className="running-score-problem">{score.problem}</span>
          )}
        </div>
        <Button type="primary" htmlType="submit" size="large" loading={submit.isPending} disabled={!score.result}>
          提交政府评估
        </Button>
      </div>
    </Form>
  );
}

/**
 * 政府评估 (SPEC §6.2), phone-first (390 px): tied to an inspection of the project, made by two or more inspectors,
 * every JGJ 59-2011 check table with its items and deductions, the tables that do not apply in the project's phase
 * pre-marked 不涉及, and the running score and grade by the server's own scoring rules. The API scores again, and
 * its answer is shown.
 */
export function Component() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  const scheme = useScheme(DEFAULT_SCHEME_ID);
  return (
    <QueryState query={project} what="项目">
      {(data) => (
        <Page
          title="政府评估"
          subTitle={data.name}
          crumbs={[
            { title: '工程项目', to: '/projects' },
            { title: data.name, to: `/projects/${data.id}` },
            { title: '安全状况评估', to: `/projects/${data.id}/assessments` },
            { title: '政府评估' },
          ]}
        >
          <QueryState query={scheme} what="评估指标体系">
            {(loaded) => <Entry project={data} scheme={loaded} />}
          </QueryState>
        </Page>
      )}
    </QueryState>
  );
}
