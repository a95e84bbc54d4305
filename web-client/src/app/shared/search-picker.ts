import { Component, computed, inject, input, output, signal } from '@angular/core';
import { I18n } from '../core/i18n/i18n';

/** One choice in a picker. */
export interface PickerOption {
  readonly value: string;
  readonly label: string;
  readonly detail?: string;
}

let nextId = 0;

/**
 * A searchable picker (ARIA 1.2 combobox with a listbox): type to filter, arrow keys to move,
 * Enter to choose, Escape to close. The parent filters `options` from the `query` it receives.
 */
@Component({
  selector: 'app-search-picker',
  templateUrl: './search-picker.html',
  host: { class: 'picker' },
})
export class SearchPicker {
  protected readonly i18n = inject(I18n);
  protected readonly id = `picker-${nextId++}`;

  public readonly label = input.required<string>();
  public readonly hint = input<string>('');
  public readonly placeholder = input<string>('');
  public readonly options = input<readonly PickerOption[]>([]);
  public readonly loading = input(false);
  public readonly invalid = input(false);
  public readonly errorText = input<string>('');
  public readonly testId = input<string>('');
  /** Text shown in the box while nothing is typed (the current choice). */
  public readonly selectedLabel = input<string>('');

  public readonly query = output<string>();
  public readonly picked = output<PickerOption>();

  protected readonly text = signal('');
  protected readonly open = signal(false);
  protected readonly active = signal(0);
  protected readonly shown = computed(() => this.options().slice(0, 30));

  protected onInput(value: string): void {
    this.text.set(value);
    this.open.set(true);
    this.active.set(0);
    this.query.emit(value);
  }

  protected onFocus(): void {
    this.open.set(true);
    this.query.emit(this.text());
  }

  protected onKeydown(event: KeyboardEvent): void {
    const count = this.shown().length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.open.set(true);
        this.active.set(count === 0 ? 0 : (this.active() + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.active.set(count === 0 ? 0 : (this.active() - 1 + count) % count);
        break;
      case 'Enter': {
        const option = this.shown()[this.active()];
        if (this.open() && option) {
          event.preventDefault();
          this.choose(option);
        }
        break;
      }
      case 'Escape':
        this.open.set(false);
        break;
      default:
        break;
    }
  }

  protected onBlur(): void {
    // let a click on an option land first
    setTimeout(() => this.open.set(false), 150);
  }

  protected choose(option: PickerOption): void {
    this.picked.emit(option);
    this.text.set('');
    this.open.set(false);
  }
}
