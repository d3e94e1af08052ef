import { creditCodeCheckCharacter } from '../../../shared/domain/credit-code.js';

let serial = 0;

/** A valid unified social credit code, different on every call (its check character computed, not hard-coded). */
export function creditCode(): string {
  serial += 1;
  const body = `911101${String(Date.now() % 1_000_000).padStart(6, '0')}${String(serial).padStart(5, '0')}`.slice(
    0,
    17,
  );
  return body + creditCodeCheckCharacter(body);
}

/** A project as an inspector registers it: the three required units, a subcontractor, two key persons. */
export function projectBody(overrides: Record<string, unknown> = {}) {
  const developer = creditCode();
  const contractor = creditCode();
  const supervisor = creditCode();
  return {
    name: `通州区运河商务区 ${serial} 号地块办公楼项目`,
    district: '通州区',
    address: '北京市通州区运河东大街 1 号',
    category: 'building',
    phase: 'structure',
    units: [
      { role: 'developer', name: '北京运河置业有限公司', creditCode: developer },
      {
        role: 'general_contractor',
        name: '北京城建某建筑工程有限公司',
        creditCode: contractor,
        groupCompany: '北京城建集团有限责任公司',
      },
      { role: 'supervisor', name: '北京某工程监理有限公司', creditCode: supervisor },
      { role: 'subcontractor', name: '北京某劳务分包有限公司', creditCode: creditCode() },
    ],
    persons: [
      { role: 'project_manager', name: '张三', unitCreditCode: contractor },
      { role: 'chief_supervising_engineer', name: '李四', unitCreditCode: supervisor },
    ],
    ...overrides,
  };
}

type Project = ReturnType<typeof projectBody>;

export function contractorOf(project: Project): string {
  return project.units.find((unit) => unit.role === 'general_contractor')?.creditCode as string;
}

/** The inspection of the example: a safety-organisation finding and three scaffolding hazards. */
export function failingInspection(project: Project, date = '2026-09-10') {
  const contractor = contractorOf(project);
  const deadline = '2026-09-20';
  return {
    date,
    kind: 'routine',
    inspectors: ['王五', '赵六'],
    keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
    findings: [
      {
        kind: 'safety_org_incomplete',
        category: 'management',
        severity: 'major',
        unitCreditCode: contractor,
        description: '项目安全管理机构不健全，专职安全员配备不足',
        deadline,
      },
      ...[1, 2, 3].map((n) => ({
        kind: 'hazard',
        category: 'scaffolding',
        severity: 'general',
        unitCreditCode: contractor,
        description: `${n} 号楼外脚手架连墙件缺失`,
        deadline,
      })),
    ],
    summary: '对项目安全管理及脚手架进行检查',
  };
}
