/** Log levels, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'pretty' | 'json';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger for a named channel such as `hothub:watch`. */
  channel(name: string): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  write?: (line: string) => void;
}

/** Structured logs through named channels; `json` writes one object per line. */
export function createLogger(options: LoggerOptions = {}, name = 'hothub'): Logger {
  const { level = 'info', format = 'pretty', write = (line) => process.stderr.write(`${line}\n`) } = options;
  const threshold = LOG_LEVELS.indexOf(level);
  const emit = (lvl: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(lvl) < threshold) return;
    if (format === 'json') {
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, channel: name, msg: message, ...fields }));
      return;
    }
    const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
    write(`${lvl === 'info' ? '' : `${lvl}: `}[${name}] ${message}${extra}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    channel: (channel) => createLogger(options, channel),
  };
}
