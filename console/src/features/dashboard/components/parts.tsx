/**
 * The dashboard's building blocks in plain markup (shell.css): the first screen carries no antd, so its panels,
 * figures, meters, badges and short lists are drawn here, styled as antd's Card, Statistic, Progress, Tag and List.
 */
import type { ReactNode } from 'react';

/** A card with a title, an optional link on the right, and its content. */
export function Panel(props: { title: ReactNode; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`panel${props.className ? ` ${props.className}` : ''}`}>
      <div className="panel-head">
        <h2 className="panel-title">{props.title}</h2>
        {props.extra}
      </div>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

/** A figure of the month (监管中案件 12): its label and value; `…` while loading. */
export function Figure(props: { label: string; value: number | undefined; more?: boolean; alert?: boolean }) {
  return (
    <div className="panel figure" data-figure={props.label}>
      <div className="figure-label">{props.label}</div>
      <div className={`figure-value${props.alert && props.value ? ' figure-value-alert' : ''}`}>
        {props.value === undefined ? '…' : `${props.value}${props.more ? '+' : ''}`}
      </div>
    </div>
  );
}

/** A share as a bar (0..100), its colour by whether the target is met. */
export function Meter(props: { percent: number; label: string; state?: 'good' | 'bad' | 'active' }) {
  const percent = Math.max(0, Math.min(100, Math.round(props.percent)));
  return (
    <div className="meter">
      <div
        className="meter-track"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div
          className={`meter-fill${props.state === 'good' ? ' meter-fill-good' : props.state === 'bad' ? ' meter-fill-bad' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <span className="meter-text">{percent}%</span>
    </div>
  );
}

/** A small coloured label (antd's Tag). */
export function Badge(props: { color?: 'red' | 'gold' | 'green' | 'blue'; children: ReactNode }) {
  return <span className={`badge${props.color ? ` badge-${props.color}` : ''}`}>{props.children}</span>;
}

/** Grey lines while something loads. */
export function Placeholder(props: { lines?: number }) {
  return (
    <div className="placeholder-lines" role="status" aria-label="加载中">
      {Array.from({ length: props.lines ?? 3 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder lines
        <span key={index} />
      ))}
    </div>
  );
}

/** One line of an {@link ItemList}: a title and a line under it. */
export interface Item {
  key: string;
  title: ReactNode;
  description?: ReactNode;
}

/** A short list of records (the dashboard's). */
export function ItemList(props: { items: Item[]; empty: string; loading?: boolean }) {
  if (props.loading) return <Placeholder />;
  if (props.items.length === 0) return <p className="item-list-empty">{props.empty}</p>;
  return (
    <ul className="item-list">
      {props.items.map((item) => (
        <li key={item.key}>
          <div className="item-list-title">{item.title}</div>
          {item.description && <div className="item-list-description">{item.description}</div>}
        </li>
      ))}
    </ul>
  );
}

/** A failed query, in one line with a retry. */
export function Failed(props: { what: string; message: string; retry: () => void }) {
  return (
    <p className="notice" role="alert">
      {props.what}加载失败：{props.message}{' '}
      <button type="button" className="text-button" onClick={props.retry}>
        重试
      </button>
    </p>
  );
}
