import { Component, inject, input, model } from '@angular/core';
import { I18n } from '../../../core/i18n/i18n';
import { PharmacyText } from '../pharmacy-text';
import type { RefillItem, TmtDrug } from '../refill';

/** Edits a list of refill items (TMT drug, quantity, directions); keyboard-usable, one labelled row per item. */
@Component({
  selector: 'app-items-editor',
  template: `
    <fieldset data-testid="items-editor">
      <legend>{{ text.t('items') }}</legend>
      <p class="field-hint">{{ text.t('itemsPrivate') }}</p>
      @if (illustrative()) {
        <p class="field-hint" role="note">⚠ {{ text.t('illustrative') }}</p>
      }
      @for (item of items(); track $index; let i = $index) {
        <div class="grid-3" role="group" [attr.aria-label]="text.t('drug') + ' ' + (i + 1)">
          <div class="field">
            <label class="field-label" [attr.for]="idPrefix() + '-drug-' + i">{{ text.t('drug') }}</label>
            <select [id]="idPrefix() + '-drug-' + i" [value]="item.tmtId" (change)="update(i, { tmtId: $any($event.target).value })" [attr.data-testid]="'item-drug-' + i">
              @for (d of drugs(); track d.tmtId) {
                <option [value]="d.tmtId" [selected]="d.tmtId === item.tmtId">{{ i18n.lang() === 'th' ? d.nameTh : d.nameEn }} ({{ d.tmtId }})</option>
              }
            </select>
          </div>
          <div class="field">
            <label class="field-label" [attr.for]="idPrefix() + '-qty-' + i">{{ text.t('quantity') }}</label>
            <input [id]="idPrefix() + '-qty-' + i" type="number" inputmode="numeric" min="1" step="1" [value]="item.quantity"
              (input)="update(i, { quantity: +$any($event.target).value })" [attr.data-testid]="'item-qty-' + i" />
          </div>
          <div class="field">
            <label class="field-label" [attr.for]="idPrefix() + '-sig-' + i">{{ text.t('sig') }}</label>
            <input [id]="idPrefix() + '-sig-' + i" maxlength="200" [value]="item.sig ?? ''" (input)="update(i, { sig: $any($event.target).value })" />
          </div>
          <button type="button" class="btn btn-ghost btn-small" (click)="remove(i)" [attr.aria-label]="text.t('remove') + ' ' + (i + 1)">{{ text.t('remove') }}</button>
        </div>
      }
      <button type="button" class="btn btn-small" (click)="add()" [disabled]="drugs().length === 0" data-testid="add-item">+ {{ text.t('addItem') }}</button>
    </fieldset>
  `,
})
export class ItemsEditor {
  protected readonly i18n = inject(I18n);
  protected readonly text = inject(PharmacyText);
  public readonly drugs = input<readonly TmtDrug[]>([]);
  public readonly idPrefix = input('item');
  public readonly items = model<RefillItem[]>([]);

  protected illustrative(): boolean {
    return this.drugs().some((d) => d.illustrative);
  }

  protected add(): void {
    const used = new Set(this.items().map((i) => i.tmtId));
    const next = this.drugs().find((d) => !used.has(d.tmtId)) ?? this.drugs()[0];
    if (next) this.items.update((list) => [...list, { tmtId: next.tmtId, quantity: 30 }]);
  }

  protected remove(index: number): void {
    this.items.update((list) => list.filter((_, i) => i !== index));
  }

  protected update(index: number, change: Partial<RefillItem>): void {
    this.items.update((list) => list.map((item, i) => (i === index ? { ...item, ...change } : item)));
  }
}
