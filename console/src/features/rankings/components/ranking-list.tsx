import { Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { QueryState } from '@/components/query-state';
import { GRADE_COLORS, GRADE_NAMES, nameOf } from '@/lib/vocabulary';
import {
  type DistrictRankEntry,
  type EnterpriseRankEntry,
  type ListKey,
  type PersonRankEntry,
  type ProjectRankEntry,
  useRankingList,
} from '../api/rankings';

type Entry = ProjectRankEntry | EnterpriseRankEntry | PersonRankEntry | DistrictRankEntry;

const place = {
  title: '名次',
  key: 'rank',
  width: 90,
  fixed: 'left' as const,
  render: (_: unknown, entry: Entry) => (
    <span>
      <strong>{entry.rank}</strong>
      <span className="secondary-text"> / {entry.of}</span>
    </span>
  ),
};
const score = { title: '得分', dataIndex: 'score', key: 'score', width: 80 };
const grade = {
  title: '等级',
  dataIndex: 'grade',
  key: 'grade',
  width: 90,
  render: (value: string | null) => (value ? <Tag color={GRADE_COLORS[value]}>{nameOf(GRADE_NAMES, value)}</Tag> : '—'),
};
const rankPoints = {
  title: '排名积分',
  dataIndex: 'rankPoints',
  key: 'rankPoints',
  width: 100,
  render: (points: number) => points.toFixed(1),
};

function projectColumns(): ColumnsType<ProjectRankEntry> {
  return [
    place,
    {
      title: '工程项目',
      dataIndex: 'name',
      key: 'name',
      render: (name: string, entry) => (
        <>
          <Link to={`/projects/${entry.projectId}`}>{name}</Link>
          {entry.fatalIncident && (
            <Tag color="red" className="ranking-tag">
              亡人事故
            </Tag>
          )}
        </>
      ),
    },
    {
      title: '区域',
      dataIndex: 'district',
      key: 'district',
      width: 110,
    },
    score,
    grade,
    {
      title: '区内名次',
      key: 'districtRank',
      width: 100,
      render: (_: unknown, entry) => `${entry.districtRank.rank} / ${entry.districtRank.of}`,
    },
  ];
}

const enterpriseColumns: ColumnsType<EnterpriseRankEntry> = [
  place,
  {
    title: '企业',
    dataIndex: 'name',
    key: 'name',
    render: (name: string, entry) => (
      <>
        <div>{name}</div>
        <Link
          className="secondary-text"
          to={`/penalty-points?kind=enterprise&id=${encodeURIComponent(entry.creditCode)}`}
          aria-label={`${name}的动态记分（${entry.creditCode}）`}
        >
          {entry.creditCode}
        </Link>
      </>
    ),
  },
  { title: '参评项目', dataIndex: 'projects', key: 'projects', width: 90 },
  score,
  grade,
  rankPoints,
];

const personColumns: ColumnsType<PersonRankEntry> = [
  place,
  {
    title: '姓名',
    dataIndex: 'name',
    key: 'name',
    width: 110,
    render: (name: string, entry) => (
      <Link
        to={`/penalty-points?kind=person&id=${encodeURIComponent(entry.registrationNo)}`}
        aria-label={`${name}的动态记分`}
      >
        {name}
      </Link>
    ),
  },
  { title: '注册编号', dataIndex: 'registrationNo', key: 'registrationNo', width: 150 },
  { title: '所在企业', dataIndex: 'enterpriseName', key: 'enterpriseName' },
  { title: '参评项目', dataIndex: 'projects', key: 'projects', width: 90 },
  score,
  grade,
  rankPoints,
];

const districtColumns: ColumnsType<DistrictRankEntry> = [
  place,
  {
    title: '区域',
    dataIndex: 'district',
    key: 'district',
    render: (district: string) => (
      <Link to={`/cases?district=${encodeURIComponent(district)}`} aria-label={`${district}的监管案件`}>
        {district}
      </Link>
    ),
  },
  { title: '参评项目', dataIndex: 'projects', key: 'projects', width: 90 },
  { ...score, title: '平均分' },
  grade,
  {
    title: '优良占比',
    dataIndex: 'excellentShare',
    key: 'excellentShare',
    width: 100,
    render: (share: number) => `${(share * 100).toFixed(1)}%`,
  },
];

/** The table of one list: its columns by the kind of subject it ranks. */
function EntryTable(props: { list: ListKey; rows: Entry[] }) {
  const common = {
    size: 'small' as const,
    pagination: false as const,
    scroll: { x: 720 },
    className: 'ranking-table',
  };
  if (props.list.startsWith('projects.')) {
    const rows = props.rows as ProjectRankEntry[];
    return <Table<ProjectRankEntry> {...common} rowKey="projectId" dataSource={rows} columns={projectColumns()} />;
  }
  if (props.list.startsWith('enterprises.')) {
    return (
      <Table<EnterpriseRankEntry>
        {...common}
        rowKey="creditCode"
        dataSource={props.rows as EnterpriseRankEntry[]}
        columns={enterpriseColumns}
      />
    );
  }
  if (props.list.startsWith('persons.')) {
    return (
      <Table<PersonRankEntry>
        {...common}
        rowKey="registrationNo"
        dataSource={props.rows as PersonRankEntry[]}
        columns={personColumns}
      />
    );
  }
  return (
    <Table<DistrictRankEntry>
      {...common}
      rowKey="district"
      dataSource={props.rows as DistrictRankEntry[]}
      columns={districtColumns}
    />
  );
}

/**
 * One list of a quarter's ranking (`GET /v1/rankings/{quarter}/lists/{list}`), 50 entries a page with the API's
 * `nextToken` (a national list holds 100,000s of entries); with `district`, the API's pages of that district only, so
 * "加载更多" goes on through the district's entries rather than narrowing what was loaded.
 */
export function RankingList(props: {
  quarter: string;
  list: ListKey;
  revision: number;
  title: string;
  district?: string | undefined;
}) {
  const query = useRankingList(props.quarter, props.list, props.revision, 50, props.district);
  return (
    <Card
      size="small"
      title={props.title}
      className="ranking-list"
      data-list={props.list}
      data-district={props.district ?? ''}
    >
      <QueryState query={query} what={props.title}>
        {(pages) => {
          const rows = pages.pages.flatMap((page) => page.items as Entry[]);
          const total = pages.pages[0]?.total ?? 0;
          return (
            <>
              <p className="secondary-text">
                {props.district ? `${props.district}共 ${total} 条（名次为全市排名）` : `共 ${total} 条`}
              </p>
              <EntryTable list={props.list} rows={rows} />
              <LoadMore query={query} shown={rows.length} />
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
