/** Display helpers: money is integer fen on the wire and yuan on screen. */
import { locale } from './i18n';

export function yuan(fen: number | null | undefined): string {
  if (fen == null) return '—';
  return `¥${(fen / 100).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function percent(rate: number | null | undefined): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function day(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '—';
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale(), { timeZone: 'Asia/Shanghai', hour12: false });
}

export function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
