import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../http/api-problem';
import type { ApiProblem } from '../http/error-messages';
import type { Unit } from './unit';

/** The province's units from GET /api/units, loaded once and kept. */
@Injectable({ providedIn: 'root' })
export class UnitsApi {
  readonly #http = inject(HttpClient);
  readonly #units = signal<readonly Unit[]>([]);
  readonly #problem = signal<ApiProblem | null>(null);
  readonly #loaded = signal(false);
  #loading: Promise<void> | undefined;

  public readonly units = this.#units.asReadonly();
  public readonly problem = this.#problem.asReadonly();
  public readonly loaded = this.#loaded.asReadonly();
  readonly #byHcode = computed(() => new Map(this.#units().map((u) => [u.hcode, u])));

  /** Loads the units once (again after a failure). */
  public load(): Promise<void> {
    this.#loading ??= firstValueFrom(this.#http.get<{ units: Unit[] }>('/api/units'))
      .then((body) => {
        this.#units.set(Array.isArray(body?.units) ? body.units : []);
        this.#problem.set(null);
        this.#loaded.set(true);
      })
      .catch((e: unknown) => {
        this.#problem.set(problemOf(e));
        this.#loading = undefined;
      });
    return this.#loading;
  }

  /** The unit with this hcode, if known. */
  public find(hcode: string | null | undefined): Unit | undefined {
    return hcode ? this.#byHcode().get(hcode) : undefined;
  }
}
