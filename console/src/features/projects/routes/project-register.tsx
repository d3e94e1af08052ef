import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Divider, Form, Input, Row, Select, Space } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Page } from '@/components/page';
import { showFieldProblems } from '@/lib/api/form-problems';
import { ApiProblem } from '@/lib/api/problem';
import type { RegisterProject } from '@/lib/api/views';
import {
  PERSON_ROLE_NAMES,
  PROJECT_CATEGORIES,
  PROJECT_CATEGORY_NAMES,
  PROJECT_PHASE_NAMES,
  PROJECT_PHASES,
  REQUIRED_UNIT_ROLES,
  UNIT_ROLE_NAMES,
  UNIT_ROLES,
} from '@/lib/vocabulary';
import { useRegisterProject } from '../api/projects';
import { creditCodeRule } from '../components/credit-code-rule';

type UnitRow = { role: string; name: string; creditCode: string; groupCompany?: string };
interface RegisterForm {
  name: string;
  district: string;
  address: string;
  category: string;
  phase: string;
  permitNo?: string;
  units: UnitRow[];
  projectManager: { name?: string; unitCreditCode?: string; registrationNo?: string };
  chiefSupervisingEngineer: { name?: string; unitCreditCode?: string; registrationNo?: string };
}

const options = (table: Record<string, string>, codes: readonly string[]) =>
  codes.map((code) => ({ value: code, label: table[code] ?? code }));

/** The form's key persons become the API's `persons` list (project manager 项目经理, chief engineer 总监理工程师). */
function toRequest(values: RegisterForm): RegisterProject {
  const persons = (
    [
      ['project_manager', values.projectManager],
      ['chief_supervising_engineer', values.chiefSupervisingEngineer],
    ] as const
  ).flatMap(([role, person]) =>
    person?.name?.trim() && person.unitCreditCode
      ? [
          {
            role,
            name: person.name.trim(),
            unitCreditCode: person.unitCreditCode,
            ...(person.registrationNo?.trim() ? { registrationNo: person.registrationNo.trim() } : {}),
          },
        ]
      : [],
  );
  return {
    name: values.name.trim(),
    district: values.district.trim(),
    address: values.address.trim(),
    category: values.category as RegisterProject['category'],
    phase: values.phase as RegisterProject['phase'],
    ...(values.permitNo?.trim() ? { permitNo: values.permitNo.trim() } : {}),
    units: values.units.map((unit) => ({
      role: unit.role as RegisterProject['units'][number]['role'],
      name: unit.name.trim(),
      creditCode: unit.creditCode.trim().toUpperCase(),
      ...(unit.groupCompany?.trim() ? { groupCompany: unit.groupCompany.trim() } : {}),
    })),
    persons,
  };
}

/** API field paths of the persons list point at the form's two person groups. */
function personField(name: Array<string | number>, persons: RegisterProject['persons']): Array<string | number> {
  if (name[0] !== 'persons' || typeof name[1] !== 'number') return name;
  const role = persons?.[name[1]]?.role;
  const group = role === 'chief_supervising_engineer' ? 'chiefSupervisingEngineer' : 'projectManager';
  return [group, ...name.slice(2)];
}

/** Beside the field a duplicate matched: the project already registered, to open instead. */
function ExistingProject(props: { project: { id: string; name: string } }) {
  return (
    <span data-existing-project={props.project.id}>
      已登记的项目：<Link to={`/projects/${props.project.id}`}>{props.project.name}</Link>（请打开该项目继续办理）
    </span>
  );
}

/**
 * 登记项目: the project, its units (建设、施工总承包、监理 required, 分包 optional) and key persons, with inline checks
 * (the credit code's GB 32100 check character is computed as it is typed); the API's refusals appear beside the
 * field they concern.
 */
export function Component() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  // one key per registration: a retry after a lost answer returns the first answer; a refusal (4xx) wrote nothing,
  // so the corrected form goes with a new key
  const key = useRef(crypto.randomUUID());
  const register = useRegisterProject();
  const [formProblems, setFormProblems] = useState<string[]>([]);
  // a duplicate refused (409): the project already registered, linked beside the field that matched it
  const [duplicate, setDuplicate] = useState<{ id: string; name: string; field: 'permitNo' | 'name' }>();
  const units = Form.useWatch('units', form) ?? [];
  const unitOptions = units
    .filter((unit): unit is UnitRow => Boolean(unit?.creditCode && unit?.name))
    .map((unit) => ({
      value: unit.creditCode.trim().toUpperCase(),
      label: `${unit.name}（${UNIT_ROLE_NAMES[unit.role as keyof typeof UNIT_ROLE_NAMES] ?? unit.role}）`,
    }));

  async function submit(values: RegisterForm) {
    setFormProblems([]);
    setDuplicate(undefined);
    const request = toRequest(values);
    try {
      const project = await register.mutateAsync({ body: request, key: key.current });
      message.success('项目已登记');
      navigate(`/projects/${project.id}`);
    } catch (error) {
      if (error instanceof ApiProblem && error.status < 500) key.current = crypto.randomUUID();
      const existing = error instanceof ApiProblem && error.status === 409 ? error.body.existingProject : undefined;
      if (existing) {
        const field =
          error instanceof ApiProblem && error.fieldErrors()[0]?.name[0] === 'permitNo' ? 'permitNo' : 'name';
        setDuplicate({ ...existing, field });
      }
      // the API's `persons.N` fields are shown on the person groups of the form
      const elsewhere = showFieldProblems(form, error, (name) => personField(name, request.persons));
      setFormProblems(elsewhere);
    }
  }

  return (
    <Page title="登记工程项目" crumbs={[{ title: '工程项目', to: '/projects' }, { title: '登记项目' }]}>
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        scrollToFirstError
        onFinish={(values) => void submit(values)}
        initialValues={{
          district: '通州区',
          category: 'building',
          phase: 'structure',
          units: REQUIRED_UNIT_ROLES.map((role) => ({ role, name: '', creditCode: '' })),
        }}
      >
        {formProblems.length > 0 && (
          <Alert
            type="error"
            showIcon
            className="problem-alert"
            title="登记未成功"
            description={formProblems.join('；')}
          />
        )}
        <Card title="项目信息">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label="项目名称"
                {...(duplicate?.field === 'name' ? { extra: <ExistingProject project={duplicate} /> } : {})}
                rules={[
                  { required: true, whitespace: true, message: '请填写项目名称' },
                  { max: 200, message: '最多 200 字' },
                ]}
              >
                <Input placeholder="例如：通州区运河商务区A地块办公楼项目" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="district"
                label="所属区域"
                rules={[{ required: true, whitespace: true, message: '请填写所属区域' }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="permitNo"
                label="施工许可证编号"
                {...(duplicate?.field === 'permitNo' ? { extra: <ExistingProject project={duplicate} /> } : {})}
              >
                <Input placeholder="选填" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="address"
                label="项目地址"
                rules={[
                  { required: true, whitespace: true, message: '请填写项目地址' },
                  { max: 300, message: '最多 300 字' },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="category" label="工程类别" rules={[{ required: true, message: '请选择工程类别' }]}>
                <Select options={options(PROJECT_CATEGORY_NAMES, PROJECT_CATEGORIES)} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="phase" label="施工阶段" rules={[{ required: true, message: '请选择施工阶段' }]}>
                <Select options={options(PROJECT_PHASE_NAMES, PROJECT_PHASES)} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="参建单位">
          <Form.List
            name="units"
            rules={[
              {
                validator: async (_, rows: UnitRow[] = []) => {
                  const missing = REQUIRED_UNIT_ROLES.filter((role) => !rows.some((row) => row?.role === role));
                  if (missing.length)
                    throw new Error(`还需填写：${missing.map((role) => UNIT_ROLE_NAMES[role]).join('、')}`);
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={12} key={field.key} align="top">
                    <Col xs={24} md={5}>
                      <Form.Item
                        name={[field.name, 'role']}
                        label={index === 0 ? '单位类型' : undefined}
                        rules={[{ required: true, message: '请选择单位类型' }]}
                      >
                        <Select
                          options={options(UNIT_ROLE_NAMES, UNIT_ROLES)}
                          aria-label={`第 ${index + 1} 个单位的类型`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={7}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={index === 0 ? '单位名称' : undefined}
                        rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}
                      >
                        <Input placeholder="单位名称" aria-label={`第 ${index + 1} 个单位的名称`} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item
                        name={[field.name, 'creditCode']}
                        label={index === 0 ? '统一社会信用代码' : undefined}
                        rules={[creditCodeRule]}
                        validateTrigger={['onChange', 'onBlur']}
                        normalize={(value: string) => value?.toUpperCase()}
                      >
                        <Input
                          placeholder="18 位"
                          maxLength={18}
                          aria-label={`第 ${index + 1} 个单位的统一社会信用代码`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={5}>
                      <Form.Item
                        name={[field.name, 'groupCompany']}
                        label={index === 0 ? '所属集团（选填）' : undefined}
                      >
                        <Input placeholder="集团公司" aria-label={`第 ${index + 1} 个单位的所属集团`} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={1}>
                      {fields.length > 3 && (
                        <Button
                          type="text"
                          danger
                          icon={<MinusCircleOutlined />}
                          aria-label={`删除第 ${index + 1} 个单位`}
                          onClick={() => remove(field.name)}
                          className={index === 0 ? 'first-row-action' : undefined}
                        />
                      )}
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: 'subcontractor', name: '', creditCode: '' })}
                >
                  添加分包单位
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title="关键岗位人员">
          {(
            [
              ['projectManager', 'project_manager'],
              ['chiefSupervisingEngineer', 'chief_supervising_engineer'],
            ] as const
          ).map(([group, role]) => (
            <Row gutter={12} key={group}>
              <Col xs={24} md={6}>
                <Form.Item name={[group, 'name']} label={`${PERSON_ROLE_NAMES[role]}姓名`}>
                  <Input placeholder="姓名" />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item
                  name={[group, 'unitCreditCode']}
                  label="所在单位"
                  dependencies={[[group, 'name']]}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_, value) => {
                        if (getFieldValue([group, 'name'])?.trim() && !value) throw new Error('请选择所在单位');
                      },
                    }),
                  ]}
                >
                  <Select options={unitOptions} placeholder="先填写参建单位" allowClear />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={[group, 'registrationNo']} label="注册证书编号（选填）">
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          ))}
        </Card>
        <Divider />
        <Space>
          <Button type="primary" htmlType="submit" loading={register.isPending}>
            提交登记
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </Page>
  );
}
