import type { Scheme } from '@shared/domain/assessment/scheme.js';
import type { AssessmentResult } from '@shared/domain/assessment/scoring.js';
import { Checkbox, Collapse, InputNumber, Tag } from 'antd';
import { memo } from 'react';
import { ITEM_KIND_NAMES } from '@/lib/vocabulary';
import type { FormState, ItemState, TableState } from './assessment-form-model';

type SchemeTable = Scheme['tables'][number];

/** A table's score as a tag: its score, 0 when a guaranteed item zeroed it, or 不涉及. */
export function TableScoreTag(props: { score: number | null | undefined; zeroed: boolean | undefined }) {
  if (props.score === null || props.score === undefined) return <Tag>不涉及</Tag>;
  if (props.zeroed) return <Tag color="red">0分（保证项目不合格）</Tag>;
  return (
    <Tag color={props.score >= 80 ? 'green' : props.score >= 70 ? 'blue' : 'orange'}>{props.score.toFixed(1)}分</Tag>
  );
}

const ItemRow = memo(function ItemRow(props: {
  table: SchemeTable;
  item: SchemeTable['items'][number];
  state: ItemState;
  problem: string | undefined;
  onChange: (next: ItemState) => void;
}) {
  const { table, item, state } = props;
  const id = `d-${item.id}`;
  return (
    <div className={`check-item${props.problem ? ' check-item-error' : ''}`} data-item={item.id}>
      <label htmlFor={id} className="check-item-name">
        <Tag color={item.kind === 'guaranteed' ? 'volcano' : 'default'}>{ITEM_KIND_NAMES[item.kind]}</Tag>
        {item.name}
        <span className="secondary-text">（应得{item.maximum}分）</span>
      </label>
      <div className="check-item-inputs">
        <InputNumber
          id={id}
          inputMode="decimal"
          min={0}
          max={item.maximum}
          step={1}
          placeholder="扣分"
          value={state.deduction}
          disabled={state.notApplicable}
          status={props.problem ? 'error' : undefined}
          aria-label={`${table.name} ${item.name} 扣分（最多${item.maximum}分）`}
          onChange={(value) => props.onChange({ ...state, deduction: typeof value === 'number' ? value : null })}
          className="deduction-input"
        />
        <Checkbox
          checked={state.notApplicable}
          onChange={(event) =>
            props.onChange({
              ...state,
              notApplicable: event.target.checked,
              deduction: event.target.checked ? null : state.deduction,
            })
          }
          aria-label={`${item.name} 不涉及`}
        >
          不涉及
        </Checkbox>
      </div>
      {props.problem && (
        <div className="check-item-problem" role="alert">
          {props.problem}
        </div>
      )}
    </div>
  );
});

function TableBody(props: {
  table: SchemeTable;
  state: TableState;
  defaultReason: string | undefined;
  problems: Map<string, string>;
  onChange: (next: TableState) => void;
}) {
  const { table, state } = props;
  return (
    <div className="check-table">
      <Checkbox
        checked={state.notApplicable}
        onChange={(event) => props.onChange({ ...state, notApplicable: event.target.checked })}
      >
        本表不涉及
      </Checkbox>
      {props.defaultReason && (
        <div className="secondary-text check-table-reason">按施工阶段预设：{props.defaultReason}</div>
      )}
      {!state.notApplicable &&
        table.items.map((item) => (
          <ItemRow
            key={item.id}
            table={table}
            item={item}
            state={state.items[item.id] ?? { deduction: null, notApplicable: false }}
            problem={props.problems.get(item.id)}
            onChange={(next) => props.onChange({ ...state, items: { ...state.items, [item.id]: next } })}
          />
        ))}
    </div>
  );
}

/**
 * Every check table of the scheme by category (JGJ 59-2011 附录B under the summary table's categories), each
 * collapsible with its score, its items with a deduction box and 不涉及, and the table's 不涉及 pre-marked from
 * the project's phase. Phone first: one column, large touch targets.
 */
export function CheckTables(props: {
  scheme: Scheme;
  state: FormState;
  result: AssessmentResult | undefined;
  phaseReasons: Map<string, { applicable: boolean; reason: string }>;
  /** problems the API named, by item id (or table id) */
  problems: Map<string, string>;
  onChange: (tableId: string, next: TableState) => void;
}) {
  const tables = new Map(props.scheme.tables.map((table) => [table.id, table]));
  const tableResults = new Map((props.result?.tables ?? []).map((table) => [table.tableId, table]));
  const categoryResults = new Map((props.result?.categories ?? []).map((category) => [category.categoryId, category]));
  return (
    <>
      {props.scheme.categories.map((category) => {
        const scored = categoryResults.get(category.id);
        return (
          <section key={category.id} className="check-category" aria-label={category.name}>
            <h3 className="check-category-title">
              {category.name}
              <span className="secondary-text">权重 {category.weight}</span>
              <span className="check-category-score">
                {scored?.applicable ? `${scored.score?.toFixed(1)}分` : '不涉及'}
              </span>
            </h3>
            <Collapse
              size="small"
              items={category.tableIds.map((tableId) => {
                const table = tables.get(tableId) as SchemeTable;
                const scoredTable = tableResults.get(tableId);
                const state = props.state[tableId] as TableState;
                const reason = props.phaseReasons.get(tableId);
                return {
                  key: tableId,
                  label: (
                    <span className="check-table-label" data-table={tableId}>
                      {table.clause} {table.name}
                    </span>
                  ),
                  extra: state.notApplicable ? (
                    <Tag>不涉及</Tag>
                  ) : (
                    <TableScoreTag score={scoredTable?.score} zeroed={scoredTable?.zeroed} />
                  ),
                  children: (
                    <TableBody
                      table={table}
                      state={state}
                      defaultReason={reason && !reason.applicable ? reason.reason : undefined}
                      problems={props.problems}
                      onChange={(next) => props.onChange(tableId, next)}
                    />
                  ),
                };
              })}
            />
          </section>
        );
      })}
    </>
  );
}
