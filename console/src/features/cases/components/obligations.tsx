import { Card, Col, Empty, Progress, Row, Table, Tag, Typography } from 'antd';
import type { ComplianceFigure, ObligationItem, Obligations, Unit } from '@/lib/api/views';
import { DOCUMENT_TYPE_NAMES, nameOf, OBLIGATION_STATUS_NAMES, UNIT_ROLE_NAMES } from '@/lib/vocabulary';

const STATUS_COLORS: Record<string, string> = { missing: 'red', late: 'orange', on_time: 'green', onTime: 'green' };

function ratioPercent(figure: ComplianceFigure): number {
  return Math.round(figure.ratio * 1000) / 10;
}

/**
 * Each unit's obligations in the current cycle (SPEC §2.3) and its compliance: delivered on time / due, per unit,
 * per obligation and overall (the release threshold is 90 %).
 */
export function ObligationsPanel(props: { obligations: Obligations | null | undefined; units: Unit[] }) {
  const { obligations } = props;
  if (!obligations) return <Empty description="案件未处于监管中，暂无报送义务" />;
  const unit = (code: string) => {
    const found = props.units.find((candidate) => candidate.creditCode === code);
    return found ? `${nameOf(UNIT_ROLE_NAMES, found.role)}：${found.name}` : code === '*' ? '全部参建单位' : code;
  };
  const overall = obligations.compliance.overall;
  return (
    <>
      <Typography.Paragraph type="secondary">
        统计期间 {obligations.period.from} 至 {obligations.period.to}，截至 {obligations.asOf.slice(0, 10)}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small" title="总体按时完成率">
            <Progress
              type="dashboard"
              percent={ratioPercent(overall)}
              status={overall.ratio >= 0.9 ? 'success' : 'exception'}
              aria-label="总体按时完成率"
            />
            <div>
              应报 {overall.due} · 按时 {overall.onTime} · 逾期 {overall.late} · 未报 {overall.missing}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title="各参建单位">
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={Object.entries(obligations.compliance.byUnit).map(([code, figure]) => ({ code, ...figure }))}
              columns={[
                { title: '单位', dataIndex: 'code', render: unit },
                { title: '应报', dataIndex: 'due', width: 60 },
                { title: '按时', dataIndex: 'onTime', width: 60 },
                { title: '未报', dataIndex: 'missing', width: 60 },
                {
                  title: '完成率',
                  dataIndex: 'ratio',
                  width: 150,
                  render: (_: number, figure: ComplianceFigure) => (
                    <Progress
                      percent={ratioPercent(figure)}
                      size="small"
                      status={figure.ratio >= 0.9 ? 'success' : 'exception'}
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="报送事项明细">
        <Table<ObligationItem>
          rowKey="key"
          size="small"
          dataSource={obligations.items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 760 }}
          columns={[
            { title: '事项', dataIndex: 'description' },
            {
              title: '材料',
              dataIndex: 'type',
              width: 130,
              render: (type: string) => nameOf(DOCUMENT_TYPE_NAMES, type),
            },
            { title: '应报日期', dataIndex: 'dueOn', width: 110 },
            {
              title: '状态',
              dataIndex: 'status',
              width: 100,
              render: (status: string) => (
                <Tag color={STATUS_COLORS[status]}>{nameOf(OBLIGATION_STATUS_NAMES, status)}</Tag>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
