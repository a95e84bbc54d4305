import { Component, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Session } from '../../core/auth/session';
import { problemOf } from '../../core/http/api-problem';
import type { ApiProblem } from '../../core/http/error-messages';
import { I18n } from '../../core/i18n/i18n';
import { ProblemAlert } from '../../shared/problem-alert';
import { DEMO_USERS } from './demo-users';

/** Sign in with a staff account; demo users can be picked from a list. */
@Component({
  selector: 'app-login-page',
  imports: [ProblemAlert, RouterLink],
  templateUrl: './login-page.html',
  styleUrl: './login-page.css',
})
export class LoginPage {
  protected readonly i18n = inject(I18n);
  protected readonly session = inject(Session);
  readonly #router = inject(Router);

  /** Where to go after signing in (query parameter). */
  public readonly next = input<string | undefined>(undefined);

  protected readonly demoUsers = DEMO_USERS;
  protected readonly username = signal('');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly missing = signal(false);
  /** Shown once the gateway asks for a second factor (administrators and auditors who turned TOTP on). */
  protected readonly needsCode = signal(false);
  protected readonly totp = signal('');

  protected pickDemo(username: string): void {
    this.username.set(username);
    this.password.set('Referral#2026');
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.problem.set(null);
    if (!this.username().trim() || !this.password()) {
      this.missing.set(true);
      return;
    }
    this.missing.set(false);
    this.busy.set(true);
    try {
      const code = this.totp().trim();
      const user = await this.session.login(this.username().trim(), this.password(), this.needsCode() && code !== '' ? code : undefined);
      const next = this.next();
      // kiosk devices and cashiers start on their own screens
      const home = user.role === 'kiosk' ? '/kiosk' : user.role === 'cashier' ? '/kiosk/cashier' : '/';
      await this.#router.navigateByUrl(next && next.startsWith('/') && !next.startsWith('/login') ? next : home);
    } catch (e) {
      const problem = problemOf(e);
      if (problem.code === 'TOTP_REQUIRED' || problem.code === 'TOTP_INVALID') {
        this.needsCode.set(true);
        this.totp.set('');
      }
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
