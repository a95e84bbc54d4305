import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';
import { type CodeSystemName, codeLabel } from '../codes/code-systems';
import { CodesApi } from '../codes/codes-api';
import { type ApiProblem, errorMessage } from '../http/error-messages';
import { type MessageKey, MESSAGES } from './messages';
import { type DateStyle, formatDate, type Lang } from './thai-date';

const STORAGE_KEY = 'cco.lang';

/** The interface language (Thai first) and everything that depends on it. */
@Injectable({ providedIn: 'root' })
export class I18n {
  readonly #document = inject(DOCUMENT);
  readonly #codes = inject(CodesApi);
  readonly #lang = signal<Lang>(readStoredLang());

  /** The current language. */
  public readonly lang = this.#lang.asReadonly();

  public constructor() {
    effect(() => {
      const lang = this.#lang();
      this.#document.documentElement.lang = lang;
      this.#document.title = this.t('app.title');
      try {
        localStorage.setItem(STORAGE_KEY, lang);
      } catch {
        // storage may be disabled; the choice then lasts for this page only
      }
    });
  }

  /** Switches between Thai and English. */
  public toggle(): void {
    this.#lang.update((l) => (l === 'th' ? 'en' : 'th'));
  }

  /** Sets the language. */
  public use(lang: Lang): void {
    this.#lang.set(lang);
  }

  /** Interface text for `key`, with `{name}` placeholders filled. */
  public t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
    const text: string = MESSAGES[key][this.#lang() === 'th' ? 0 : 1];
    if (params === undefined) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m));
  }

  /** A date: Thai in the Buddhist era, English in the Common era, Bangkok time. */
  public date(value: string | Date | null | undefined, style: DateStyle = 'datetime'): string {
    return formatDate(value, this.#lang(), style);
  }

  /** The label of a code in one of the referral code systems. */
  public code(system: CodeSystemName, code: string | number | undefined | null): string {
    return codeLabel(this.#codes.systems(), system, code, this.#lang());
  }

  /** What the user reads for an API problem. */
  public error(problem: ApiProblem): string {
    return errorMessage(problem.code, this.#lang());
  }

  /** A status label. */
  public status(status: string): string {
    const key = `status.${status}` as MessageKey;
    return key in MESSAGES ? this.t(key) : status;
  }

  /** A unit's name in the current language. */
  public unitName(unit: { nameTh?: string | null; nameEn?: string | null; hcode: string } | undefined | null): string {
    if (unit === undefined || unit === null) return '';
    return (this.#lang() === 'th' ? (unit.nameTh ?? unit.nameEn) : (unit.nameEn ?? unit.nameTh)) ?? unit.hcode;
  }
}

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}
