import { Injectable, inject } from '@angular/core';
import { I18n } from '../../core/i18n/i18n';
import { WALLET_ERRORS, WALLET_TEXT, type WalletTextKey } from './wallet-text';
import { WalletProblem } from './wallet-api';

/** The wallet's texts in the current language, and its error messages. */
@Injectable({ providedIn: 'root' })
export class WalletI18n {
  readonly #i18n = inject(I18n);

  public get th(): boolean {
    return this.#i18n.lang() === 'th';
  }

  public t(key: WalletTextKey, params?: Readonly<Record<string, string | number>>): string {
    const text: string = WALLET_TEXT[key][this.th ? 0 : 1];
    if (params === undefined) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m));
  }

  /** A date (Buddhist era in Thai). */
  public date(value: string, style: 'date' | 'datetime' | 'time' = 'date'): string {
    return this.#i18n.date(value, style);
  }

  /** The message for an error, with its code. */
  public problem(err: unknown): string {
    const code = err instanceof WalletProblem ? err.code : 'NETWORK_ERROR';
    const text = WALLET_ERRORS[code];
    const message = text === undefined ? (err instanceof Error ? err.message : String(err)) : text[this.th ? 0 : 1];
    return `${message} (${code})`;
  }
}
