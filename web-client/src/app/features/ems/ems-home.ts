import { Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { Session } from '../../core/auth/session';

/** /ems: sends each role to its view. */
@Component({ selector: 'app-ems-home', template: '' })
export class EmsHome {
  public constructor() {
    const role = inject(Session).user()?.role;
    const target = role === 'ems-crew' ? 'crew' : role === 'er-physician' ? 'er' : 'dispatch';
    void inject(Router).navigate(['/ems', target], { replaceUrl: true });
  }
}
