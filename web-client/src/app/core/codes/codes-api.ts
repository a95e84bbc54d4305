import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { BUILT_IN_CODES, type CodeSystems, type Icd10Code, normaliseCodeSystems, normaliseIcd10, searchBuiltInIcd10 } from './code-systems';

/**
 * Referral code systems from GET /api/codes and ICD-10 search from GET /api/codes/icd10?q=,
 * with built-in tables when the gateway does not have them (yet).
 */
@Injectable({ providedIn: 'root' })
export class CodesApi {
  readonly #http = inject(HttpClient);
  readonly #systems = signal<CodeSystems>(BUILT_IN_CODES);
  readonly #fromServer = signal(false);
  readonly #icdOffline = signal(false);
  #loading: Promise<void> | undefined;

  /** The code systems (built-in until the server's arrive). */
  public readonly systems = this.#systems.asReadonly();
  /** True once the server's code systems were loaded. */
  public readonly fromServer = this.#fromServer.asReadonly();
  /** True when ICD-10 search fell back to the built-in list. */
  public readonly icdOffline = this.#icdOffline.asReadonly();

  /** Loads the server's code systems once; keeps the built-ins on any failure. */
  public load(): Promise<void> {
    this.#loading ??= firstValueFrom(this.#http.get<unknown>('/api/codes'))
      .then((body) => {
        this.#systems.set(normaliseCodeSystems(body));
        this.#fromServer.set(true);
      })
      .catch(() => {
        this.#loading = undefined; // try again next time a form opens
      });
    return this.#loading;
  }

  /** ICD-10 codes matching `q` (server first, the built-in list when the endpoint is missing). */
  public async searchIcd10(q: string): Promise<Icd10Code[]> {
    if (this.#icdOffline()) return searchBuiltInIcd10(q);
    try {
      const body = await firstValueFrom(this.#http.get<unknown>('/api/codes/icd10', { params: { q } }));
      return normaliseIcd10(body);
    } catch {
      this.#icdOffline.set(true);
      return searchBuiltInIcd10(q);
    }
  }
}
