/**
 * Structured logs: one JSON object per line. In AWS the functions use the JSON log format, so these become
 * searchable fields in CloudWatch; locally they go to the terminal. Never log request bodies: they carry names.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

const threshold: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Read on every line (not once at import), so a process can quiet its logs after loading this module. */
const minimum = () => threshold[(process.env.LOG_LEVEL as Level | undefined) ?? 'info'] ?? 20;

function write(level: Level, message: string, fields: Record<string, unknown>) {
  if (threshold[level] < minimum()) return;
  // the record's own keys win: a field named `level` or `message` must not disguise the log level
  const line = JSON.stringify({ ...fields, level, message, time: new Date().toISOString() }, errorReplacer);
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

function errorReplacer(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

export const log = {
  debug: (message: string, fields: Record<string, unknown> = {}) => write('debug', message, fields),
  info: (message: string, fields: Record<string, unknown> = {}) => write('info', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('warn', message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write('error', message, fields),
};
