import { Component, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { type Role, Session } from './core/auth/session';
import type { MessageKey } from './core/i18n/messages';
import { I18n } from './core/i18n/i18n';
import { UnitsApi } from './core/units/units-api';

/** The shell: header with role-aware navigation, language switch, the signed-in user. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly i18n = inject(I18n);
  protected readonly session = inject(Session);
  readonly #router = inject(Router);
  readonly #units = inject(UnitsApi);

  protected readonly unitName = computed(() => {
    const user = this.session.user();
    return user ? this.i18n.unitName(this.#units.find(user.hcode) ?? { hcode: user.hcode }) : '';
  });

  public constructor() {
    void this.#units.load();
  }

  /** The message key of a role's name. */
  protected roleKey(role: Role): MessageKey {
    return `role.${role}`;
  }

  protected logout(): void {
    this.session.end();
    void this.#router.navigateByUrl('/login');
  }
}
