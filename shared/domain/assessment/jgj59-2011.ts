/**
 * The default scheme `jgj59-2011`: JGJ 59-2011《建筑施工安全检查标准》(住房和城乡建设部公告第1204号, in force
 * 2012-07-01) — the ten categories of its summary table (附录A 建筑施工安全检查评分汇总表) and the 19 check tables of
 * 附录B (表B.1 安全管理 … 表B.19 施工机具), each item's name and maximum (应得分数) as printed, the items' clauses
 * (ch. 3: §3.1 … §3.19) and the scoring numbers of ch. 4–5.
 *
 * How it was checked: no authoritative copy of the standard could be read here; each table was compared with the
 * public copies listed in its `sources` (document-sharing transcriptions of 附录B; copies of the superseded JGJ 59-99
 * were recognised and not used). An item marked `verified: false` is our reading of the standard that no copy read
 * confirmed; its note says what is missing. The summary is in docs/assessment.md. Correct a value by editing it here,
 * bumping `revision`, and naming the copy it was checked against.
 *
 * Item ids are the table's id and the item's 序号 in the printed table (B.3.7 = 表B.3 item 7), stable and ASCII.
 */
import type { ProjectPhase } from '../vocabulary.js';
import { loadScheme, type Scheme } from './scheme.js';

const NOT_SEEN = 'not confirmed: no copy of this table was read; name and maximum are our reading of the standard';
const MAXIMUM_NOT_SEEN = 'name confirmed; maximum not seen in a copy (our reading, consistent with the subtotal)';
const ADAPTED_ONLY =
  'not confirmed: name and maximum (10) as in a locally adapted copy only (docx.baby: adds a seventh guaranteed ' +
  'item, subtotal 70), not the 2011 table';

type ItemDraft = { name: string; maximum: number; verified?: boolean; note?: string };

/** The items of one table, numbered by their 序号: guaranteed items first, as the standard prints them. */
function items(tableId: string, guaranteed: ItemDraft[], general: ItemDraft[]) {
  return [
    ...guaranteed.map((item, i) => ({ id: `${tableId}.${i + 1}`, kind: 'guaranteed' as const, ...item })),
    ...general.map((item, i) => ({ id: `${tableId}.${guaranteed.length + i + 1}`, kind: 'general' as const, ...item })),
  ];
}

const ten = (name: string, extra: Partial<ItemDraft> = {}): ItemDraft => ({ name, maximum: 10, ...extra });
const unseen = (name: string, maximum = 10): ItemDraft => ({ name, maximum, verified: false, note: NOT_SEEN });
const maximumUnseen = (name: string, maximum = 10): ItemDraft => ({
  name,
  maximum,
  verified: false,
  note: MAXIMUM_NOT_SEEN,
});

/** Public copies read (see docs/assessment.md for what each showed). */
const COPIES = {
  fullSetB1: 'https://docx.baby/p/20794237077574.html',
  b1Continued: 'http://www.qq94.com/fjx/1ef2Y4_2.html',
  b1Header: 'https://chaoshi.m.zjtcn.com/classifydetails/806711.html',
  b3Guaranteed: 'https://m.wenke99.com/p-5212109.html',
  b3General: 'https://yzwku.com/doc/393871.html',
  b4: 'https://max.book118.com/html/2015/0809/22885641.shtm',
  b5: 'https://m.163wenku.com/p-5396023.html',
  b8a: 'https://m.taowenge.com/p-36324867.html',
  b8b: 'https://m.1wenmi.com/doc/532478.html',
  b8General: 'https://chaoshi.m.zjtcn.com/classifydetails/907925.html',
  b10: 'http://bigxun.com/view/1776127675431227394',
  /** a local adaptation of 表B.6 (adds 安全管理 as a seventh guaranteed item, subtotal 70): corroborates, never verifies */
  b6Adapted: 'https://docx.baby/p/20786207886662.html',
  b11: 'https://max.book118.com/html/2019/0315/5014344322002020.shtm',
  b12: 'https://m.1wenmi.com/doc/611698.html',
  b13a: 'https://lianshan.net/content/654196.html',
  b13b: 'https://m.daumloan.com/p-652448056.html',
  b15a: 'http://www.qq94.com/fjx/1Epoz2.html',
  b15b: 'https://chaoshi.m.zjtcn.com/classifydetails/1218097.html',
  b16: 'https://1wenmi.com/doc/196790.html',
  b17: 'http://555qipai.net/Material/JCBG/202112/5657891.shtml',
  b18: 'https://max.book118.com/html/2015/0526/17755568.shtm',
  b19: 'https://61taotao.com/office/1309902.html',
  outline: 'https://renrendoc.com/paper/288772381.html',
  /** a public repository's knowledge text listing the guaranteed items of B.1, B.2, B.3, B.11, B.12, B.14 and B.13's items */
  guaranteedLists: 'GitHub code index id 54575764331 (secondary)',
  /** a public quiz naming general items of B.3/B.14/B.17 */
  quiz: 'GitHub code index id 8102534789 (secondary)',
} as const;

const ALL_PHASES: ProjectPhase[] = [
  'preparation',
  'earthwork',
  'foundation',
  'structure',
  'masonry',
  'decoration',
  'installation',
  'completion',
];
const TYPE_SPECIFIC =
  '按项目实际采用的架体类型填报，默认不涉及；使用时改为涉及（未使用的类型若按满分计入，会抬高脚手架类的平均分）。';

/** The data as transcribed; `JGJ59_2011` below is the same, validated. */
export const JGJ59_2011_DATA = {
  id: 'jgj59-2011',
  revision: 1,
  name: '建筑施工安全检查标准',
  standard: 'JGJ 59-2011',
  summaryTable: {
    clause: '附录A 表A',
    name: '建筑施工安全检查评分汇总表',
    sources: [COPIES.outline, COPIES.guaranteedLists],
  },
  scoring: {
    tableTotal: 100,
    weightsTotal: 100,
    guaranteedTotal: 60,
    guaranteedSubtotalMinimum: 40,
    excellentFrom: 80,
    passFrom: 70,
    clauses: {
      deduction: 'JGJ 59-2011 §4.0.3-2：评分应采用扣减分值的方法，扣减分值总和不得超过该检查项目的应得分值',
      zeroed: 'JGJ 59-2011 §4.0.3-3：保证项目中有一项未得分或保证项目小计得分不足40分，此分项检查评分表不应得分',
      summary: 'JGJ 59-2011 §4.0.3-4：汇总表各分项项目实得分值 A1 = B × C ÷ 100',
      missing:
        'JGJ 59-2011 §4.0.3-5：遇有缺项时，总得分值 A2 = D ÷ E × 100（实查项目实得分值之和 ÷ 实查项目应得满分值之和）',
      mean: 'JGJ 59-2011 §4.0.3-6：脚手架、物料提升机与施工升降机、塔式起重机与起重吊装项目的实得分值，为所对应专业的分项检查评分表实得分值的算术平均值',
      grade:
        'JGJ 59-2011 §5.0.2：优良——分项检查评分表无零分，汇总表得分值80分及以上；合格——分项检查评分表无零分，汇总表得分值80分以下、70分及以上；不合格——汇总表得分值不足70分，或有一分项检查评分表得零分',
    },
  },
  categories: [
    { id: 'safety_management', name: '安全管理', weight: 10, tableIds: ['B.1'] },
    { id: 'civilized_construction', name: '文明施工', weight: 15, tableIds: ['B.2'] },
    {
      id: 'scaffolding',
      name: '脚手架',
      weight: 10,
      tableIds: ['B.3', 'B.4', 'B.5', 'B.6', 'B.7', 'B.8', 'B.9', 'B.10'],
    },
    { id: 'foundation_pit', name: '基坑工程', weight: 10, tableIds: ['B.11'] },
    { id: 'formwork_support', name: '模板支架', weight: 10, tableIds: ['B.12'] },
    { id: 'work_at_height', name: '高处作业', weight: 10, tableIds: ['B.13'] },
    { id: 'temporary_electricity', name: '施工用电', weight: 10, tableIds: ['B.14'] },
    { id: 'hoists', name: '物料提升机与施工升降机', weight: 10, tableIds: ['B.15', 'B.16'] },
    { id: 'cranes_and_lifting', name: '塔式起重机与起重吊装', weight: 10, tableIds: ['B.17', 'B.18'] },
    { id: 'construction_machinery', name: '施工机具', weight: 5, tableIds: ['B.19'] },
  ].map((category) => ({
    ...category,
    verified: false,
    note: 'category names confirmed by a secondary source; weights as SPEC §6.1 states them, not seen in a copy of 表A',
  })),
  tables: [
    {
      id: 'B.1',
      name: '安全管理检查评分表',
      clause: '表B.1',
      itemsClause: '§3.1',
      items: items(
        'B.1',
        [
          ten('安全生产责任制'),
          ten('施工组织设计及专项施工方案'),
          ten('安全技术交底'),
          ten('安全检查'),
          ten('安全教育'),
          ten('应急救援'),
        ],
        [ten('分包单位安全管理'), ten('持证上岗'), ten('生产安全事故处理'), ten('安全标志')],
      ),
      sources: [COPIES.fullSetB1, COPIES.b1Continued, COPIES.b1Header, COPIES.guaranteedLists],
    },
    {
      id: 'B.2',
      name: '文明施工检查评分表',
      clause: '表B.2',
      itemsClause: '§3.2',
      items: items(
        'B.2',
        ['现场围挡', '封闭管理', '施工场地', '材料管理', '现场办公与住宿', '现场防火'].map((name) =>
          maximumUnseen(name),
        ),
        ['综合治理', '公示标牌', '生活设施', '社区服务'].map((name) => unseen(name)),
      ),
      sources: [COPIES.guaranteedLists],
      note: 'only the guaranteed items’ names were confirmed (one secondary source); the copies found were of JGJ 59-99',
    },
    {
      id: 'B.3',
      name: '扣件式钢管脚手架检查评分表',
      clause: '表B.3',
      itemsClause: '§3.3',
      items: items(
        'B.3',
        [
          ten('施工方案'),
          ten('立杆基础'),
          ten('架体与建筑结构拉结'),
          maximumUnseen('杆件间距与剪刀撑'),
          maximumUnseen('脚手板与防护栏杆'),
          maximumUnseen('交底与验收'),
        ],
        [
          ten('横向水平杆设置'),
          ten('杆件连接'),
          ten('层间防护'),
          { name: '构配件材质', maximum: 5 },
          { name: '通道', maximum: 5 },
        ],
      ),
      sources: [COPIES.b3Guaranteed, COPIES.b3General, COPIES.guaranteedLists, COPIES.quiz],
    },
    {
      id: 'B.4',
      name: '门式钢管脚手架检查评分表',
      clause: '表B.4',
      itemsClause: '§3.4',
      items: items(
        'B.4',
        [
          ten('施工方案'),
          maximumUnseen('架体基础'),
          unseen('架体稳定'),
          unseen('杆件锁臂'),
          unseen('脚手板'),
          unseen('交底与验收'),
        ],
        [unseen('架体防护'), unseen('构配件材质'), unseen('荷载'), unseen('通道')],
      ),
      sources: [COPIES.b4],
      note: 'one copy showed the table number and its first two items only',
    },
    {
      id: 'B.5',
      name: '碗扣式钢管脚手架检查评分表',
      clause: '表B.5',
      itemsClause: '§3.5',
      items: items(
        'B.5',
        [
          ten('施工方案'),
          ten('架体基础'),
          ten('架体稳定'),
          ten('杆件锁件'),
          maximumUnseen('脚手板'),
          unseen('交底与验收'),
        ],
        [unseen('架体防护'), unseen('构配件材质'), unseen('荷载'), unseen('通道')],
      ),
      sources: [COPIES.b5],
    },
    {
      id: 'B.6',
      name: '承插型盘扣式钢管脚手架检查评分表',
      clause: '表B.6',
      itemsClause: '§3.6',
      items: items(
        'B.6',
        ['施工方案', '架体基础', '架体稳定', '杆件设置', '脚手板', '交底与验收'].map((name) => ({
          name,
          maximum: 10,
          verified: false,
          note: ADAPTED_ONLY,
        })),
        [unseen('架体防护'), unseen('杆件连接'), unseen('构配件材质'), unseen('通道')],
      ),
      sources: [COPIES.b6Adapted],
      note:
        'no copy of the 2011 table was found; the one copy read is a local adaptation whose first six items match ' +
        'ours (10 each) but which adds 安全管理 (guaranteed subtotal 70), so nothing here is verified',
    },
    {
      id: 'B.7',
      name: '满堂脚手架检查评分表',
      clause: '表B.7',
      itemsClause: '§3.7',
      items: items(
        'B.7',
        [
          unseen('施工方案'),
          unseen('架体基础'),
          unseen('架体稳定'),
          unseen('杆件锁件'),
          unseen('脚手板'),
          unseen('交底与验收'),
        ],
        [unseen('架体防护'), unseen('构配件材质'), unseen('荷载'), unseen('通道')],
      ),
      sources: [],
      note: 'no copy of this table was found',
    },
    {
      id: 'B.8',
      name: '悬挑式脚手架检查评分表',
      clause: '表B.8',
      itemsClause: '§3.8',
      items: items(
        'B.8',
        [ten('施工方案'), ten('悬挑钢梁'), ten('架体稳定'), ten('脚手板'), ten('荷载'), ten('交底与验收')],
        [
          ten('杆件间距', {
            verified: false,
            note: 'maximum by subtraction (general items total 40); the copy showed its deductions but not its name',
          }),
          ten('架体防护'),
          ten('层间防护'),
          ten('构配件材质'),
        ],
      ),
      sources: [COPIES.b8a, COPIES.b8b, COPIES.b8General],
    },
    {
      id: 'B.9',
      name: '附着式升降脚手架检查评分表',
      clause: '表B.9',
      itemsClause: '§3.9',
      items: items(
        'B.9',
        [
          unseen('施工方案'),
          unseen('安全装置'),
          unseen('架体构造'),
          unseen('附着支座'),
          unseen('架体安装'),
          unseen('架体升降'),
        ],
        [unseen('检查验收'), unseen('脚手板'), unseen('架体防护'), unseen('安全作业')],
      ),
      sources: [],
      note: 'the copies found were of the JGJ 59-99 table (整体提升架或爬架), which differs',
    },
    {
      id: 'B.10',
      name: '高处作业吊篮检查评分表',
      clause: '表B.10',
      itemsClause: '§3.10',
      items: items(
        'B.10',
        [
          ten('施工方案'),
          ten('安全装置'),
          ten('悬挂机构'),
          ten('钢丝绳'),
          {
            name: '安装作业',
            maximum: 10,
            verified: false,
            note:
              'maximum confirmed (the bigxun.com copy prints 10 beside it, and items 1–4 and 6 at 10 with the ' +
              'subtotal 60); its name cell is garbled (安装…), so the name is our reading',
          },
          {
            name: '升降作业',
            maximum: 10,
            verified: false,
            note: 'the copy read prints 升降操作; our reading is 升降作业',
          },
        ],
        [
          ten('交底与验收'),
          {
            name: '安全防护',
            maximum: 10,
            verified: false,
            note: 'maximum 10 seen in the bigxun.com copy; its name cell is garbled (…防护), so the name is our reading',
          },
          unseen('吊篮稳定'),
          unseen('荷载'),
        ],
      ),
      sources: [COPIES.b10],
    },
    {
      id: 'B.11',
      name: '基坑工程检查评分表',
      clause: '表B.11',
      itemsClause: '§3.11',
      items: items(
        'B.11',
        [
          ten('施工方案'),
          ten('基坑支护'),
          ten('降排水'),
          ten('基坑开挖'),
          ten('坑边荷载'),
          ten('安全防护', { note: 'maximum by subtraction from the 60-point subtotal' }),
        ],
        [unseen('基坑监测'), unseen('支撑拆除'), unseen('作业环境'), unseen('应急预案')],
      ),
      sources: [COPIES.b11, COPIES.guaranteedLists],
    },
    {
      id: 'B.12',
      name: '模板支架检查评分表',
      clause: '表B.12',
      itemsClause: '§3.12',
      items: items(
        'B.12',
        ['施工方案', '支架基础', '支架构造', '支架稳定', '施工荷载', '交底与验收'].map((name) => maximumUnseen(name)),
        ['杆件连接', '底座与托撑', '构配件材质', '支架拆除'].map((name) => maximumUnseen(name)),
      ),
      sources: [COPIES.b12, COPIES.guaranteedLists],
      note:
        'names and order confirmed by a checklist copy and a secondary list; maxima not seen. A copy headed 表B.12 ' +
        '(renrendoc.com/paper/204435049) prints a different table (立杆基础, 支架稳定 15 …, 立杆设置, 水平杆设置, 支架材质), ' +
        'probably a draft or local version: not used',
    },
    {
      id: 'B.13',
      name: '高处作业检查评分表',
      clause: '表B.13',
      itemsClause: '§3.13',
      items: items(
        'B.13',
        [],
        [
          ten('安全帽'),
          ten('安全网'),
          ten('安全带'),
          ten('临边防护'),
          ten('洞口防护'),
          ten('通道口防护'),
          ten('攀登作业'),
          ten('悬空作业'),
          maximumUnseen('移动式操作平台'),
          maximumUnseen('悬挑式物料钢平台'),
        ],
      ),
      sources: [COPIES.b13a, COPIES.b13b, COPIES.guaranteedLists],
      note: 'no guaranteed items (SPEC §6.1); the zeroing rule does not apply',
    },
    {
      id: 'B.14',
      name: '施工用电检查评分表',
      clause: '表B.14',
      itemsClause: '§3.14',
      items: items(
        'B.14',
        [
          maximumUnseen('外电防护', 10),
          maximumUnseen('接地与接零保护系统', 20),
          maximumUnseen('配电线路', 10),
          maximumUnseen('配电箱与开关箱', 20),
        ],
        [maximumUnseen('配电室与配电装置', 15), unseen('现场照明', 15), unseen('用电档案', 10)],
      ),
      sources: [COPIES.guaranteedLists, COPIES.quiz],
      note: 'guaranteed names and 配电室与配电装置 as general confirmed by secondary sources; maxima not seen (copies found were of JGJ 59-99)',
    },
    {
      id: 'B.15',
      name: '物料提升机检查评分表',
      clause: '表B.15',
      itemsClause: '§3.15',
      items: items(
        'B.15',
        [
          { name: '安全装置', maximum: 15 },
          {
            name: '防护设施',
            maximum: 15,
            note:
              'name as the qq94.com copy prints it (its item column run into the row’s text); the zjtcn.com copy ' +
              'prints 防护措施',
          },
          ten('附墙架与缆风绳'),
          ten('钢丝绳'),
          ten('安拆、验收与使用', { note: 'maximum by subtraction from the 60-point subtotal' }),
        ],
        [
          unseen('基础与导轨架'),
          unseen('动力与传动'),
          unseen('通信装置', 5),
          unseen('卷扬机操作棚'),
          unseen('避雷装置', 5),
        ],
      ),
      sources: [COPIES.b15a, COPIES.b15b],
    },
    {
      id: 'B.16',
      name: '施工升降机检查评分表',
      clause: '表B.16',
      itemsClause: '§3.16',
      items: items(
        'B.16',
        [
          ten('安全装置'),
          ten('限位装置'),
          ten('防护设施'),
          ten('附墙架', {
            verified: false,
            note: 'maximum confirmed; the copy (a Beijing adaptation) reads 附着 before it',
          }),
          unseen('钢丝绳、滑轮与对重'),
          unseen('安拆、验收与使用'),
        ],
        [unseen('导轨架'), unseen('基础'), unseen('电气安全'), unseen('通信装置')],
      ),
      sources: [COPIES.b16],
      note: 'the copy read is a Beijing adaptation numbered 表B.17; its additions (北地) are not part of JGJ 59-2011',
    },
    {
      id: 'B.17',
      name: '塔式起重机检查评分表',
      clause: '表B.17',
      itemsClause: '§3.17',
      items: items(
        'B.17',
        [
          ten('载荷限制装置'),
          ten('行程限位装置'),
          ten('保护装置'),
          ten('吊钩、滑轮、卷筒与钢丝绳'),
          maximumUnseen('多塔作业'),
          unseen('安拆、验收与使用'),
        ],
        [unseen('附着'), maximumUnseen('基础与轨道'), unseen('结构设施'), unseen('电气安全')],
      ),
      sources: [COPIES.b17, COPIES.quiz],
      note: 'the copy read numbers it 表B.9-1 (tables grouped by summary category); the text is the 2011 one',
    },
    {
      id: 'B.18',
      name: '起重吊装检查评分表',
      clause: '表B.18',
      itemsClause: '§3.18',
      items: items(
        'B.18',
        [ten('施工方案'), ten('起重机械'), ten('钢丝绳与地锚'), unseen('索具'), unseen('作业环境'), unseen('作业人员')],
        [unseen('起重吊装'), unseen('高处作业'), unseen('构件码放'), unseen('警戒监护')],
      ),
      sources: [COPIES.b18],
      note: 'the copy read numbers it 表B9-2 and marks guaranteed items ※',
    },
    {
      id: 'B.19',
      name: '施工机具检查评分表',
      clause: '表B.19',
      itemsClause: '§3.19',
      items: items(
        'B.19',
        [],
        [
          ten('平刨'),
          ten('圆盘锯'),
          { name: '手持电动工具', maximum: 8 },
          ten('钢筋机械'),
          ten('电焊机'),
          unseen('搅拌机', 10),
          unseen('气瓶', 8),
          unseen('翻斗车', 8),
          unseen('潜水泵', 6),
          unseen('振捣器', 8),
          {
            name: '桩工机械',
            maximum: 12,
            verified: false,
            note: 'not confirmed: maximum by subtraction (the table totals 100) from our reading of items 6–10',
          },
        ],
      ),
      sources: [COPIES.b19],
      note: 'no guaranteed items (SPEC §6.1); items 1–5 confirmed, 6–11 not',
    },
  ],
  phaseDefaults: [
    { tableId: 'B.1', phases: ALL_PHASES, reason: '安全管理贯穿施工全过程。' },
    { tableId: 'B.2', phases: ALL_PHASES, reason: '围挡、封闭管理、现场防火等文明施工要求贯穿施工全过程。' },
    {
      tableId: 'B.3',
      phases: ['foundation', 'structure', 'masonry', 'decoration', 'installation'],
      reason:
        '扣件式钢管脚手架是最常用的外脚手架和操作架，自基础（地下室外墙）施工搭设，至装饰装修、机电安装结束拆除；采用其他架体的项目改为不涉及。',
    },
    { tableId: 'B.4', phases: [], reason: `门式钢管脚手架：${TYPE_SPECIFIC}` },
    { tableId: 'B.5', phases: [], reason: `碗扣式钢管脚手架：${TYPE_SPECIFIC}` },
    { tableId: 'B.6', phases: [], reason: `承插型盘扣式钢管脚手架：${TYPE_SPECIFIC}` },
    { tableId: 'B.7', phases: [], reason: `满堂脚手架（大空间结构、吊顶等）：${TYPE_SPECIFIC}` },
    { tableId: 'B.8', phases: [], reason: `悬挑式脚手架（高层结构与外装饰）：${TYPE_SPECIFIC}` },
    { tableId: 'B.9', phases: [], reason: `附着式升降脚手架（爬架，高层主体结构）：${TYPE_SPECIFIC}` },
    { tableId: 'B.10', phases: [], reason: `高处作业吊篮（多用于外墙装饰）：${TYPE_SPECIFIC}` },
    {
      tableId: 'B.11',
      phases: ['earthwork', 'foundation'],
      reason: '基坑存在于土方开挖支护和基础施工阶段，肥槽回填后不再涉及。',
    },
    {
      tableId: 'B.12',
      phases: ['foundation', 'structure'],
      reason: '混凝土模板支撑体系用于基础（底板、地下室）和主体结构施工。',
    },
    {
      tableId: 'B.13',
      phases: ['earthwork', 'foundation', 'structure', 'masonry', 'decoration', 'installation'],
      reason:
        '基坑临边、楼层临边与洞口、攀登和悬空作业自土方开挖起存在，至机电安装结束；施工准备和竣工收尾默认不涉及。',
    },
    { tableId: 'B.14', phases: ALL_PHASES, reason: '临时用电自施工准备（临建）起至竣工收尾始终存在。' },
    {
      tableId: 'B.15',
      phases: [],
      reason: '物料提升机（井字架、龙门架）视项目而定，不少城市已限制使用：默认不涉及，使用时改为涉及。',
    },
    {
      tableId: 'B.16',
      phases: ['structure', 'masonry', 'decoration', 'installation'],
      reason: '施工升降机一般在主体结构施工中安装，服务于二次结构、装饰装修和机电安装。',
    },
    {
      tableId: 'B.17',
      phases: ['foundation', 'structure'],
      reason: '塔式起重机一般在基础施工阶段安装，主体结构封顶后拆除；仍在使用的改为涉及。',
    },
    {
      tableId: 'B.18',
      phases: ['structure', 'installation'],
      reason: '构件、钢结构和大型设备的起重吊装集中在主体结构和机电安装阶段。',
    },
    {
      tableId: 'B.19',
      phases: ALL_PHASES,
      reason: '木工、钢筋、焊接机械，手持电动工具和水泵等中小型机具贯穿施工全过程。',
    },
  ],
};

/** The default scheme, validated on load. */
export const JGJ59_2011: Scheme = loadScheme(JGJ59_2011_DATA);
